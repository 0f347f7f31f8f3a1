"""The monthly trend of a year: cases accepted and closed per month and the year-to-date rate.

The year-to-date (本年累计) rate of month m uses the same definition as any period [1 January, end of m],
so the December point equals the year's rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .figures import rate
from .registry import CaseSeries, RateSpec


@dataclass(frozen=True)
class MonthPoint:
    month: date
    accepted: int
    closed: int
    ytd_numerator: int
    ytd_denominator: int
    ytd_rate: Decimal | None
    future: bool  # the month begins after the trend's cut-off day (today, or the end of the period shown)

    @property
    def label(self) -> str:
        return f"{self.month.month}月"


@dataclass(frozen=True)
class Trend:
    year: int
    rate: RateSpec | None
    pending_start: int
    points: list[MonthPoint]

    def as_dict(self) -> dict:
        return {
            "year": self.year,
            "rate": self.rate.code if self.rate else None,
            "pending_start": self.pending_start,
            "months": [
                {
                    "month": p.month.strftime("%Y-%m"),
                    "accepted": p.accepted,
                    "closed": p.closed,
                    "ytd_numerator": p.ytd_numerator,
                    "ytd_denominator": p.ytd_denominator,
                    "ytd_rate": None if p.ytd_rate is None else str(p.ytd_rate),
                }
                for p in self.points
                if not p.future
            ],
        }


def build_trend(series: CaseSeries, monthly: dict, year: int, *, today: date) -> Trend:
    """``monthly``: the result of ``queries.monthly_counts``; months beginning after ``today`` are left
    blank."""
    spec = series.primary_rate
    cumulative = {"pending_start": monthly["pending_start"], "accepted": 0}
    points = []
    for month, bucket in sorted(monthly["months"].items()):
        for key, value in bucket.items():
            cumulative[key] = cumulative.get(key, 0) + value
        cumulative["caseload"] = cumulative["pending_start"] + cumulative["accepted"]
        future = month > today
        numerator = cumulative.get(spec.numerator, 0) if spec else 0
        denominator = cumulative.get(spec.denominator, 0) if spec else 0
        points.append(
            MonthPoint(
                month=month,
                accepted=bucket["accepted"],
                closed=bucket["closed"],
                ytd_numerator=numerator,
                ytd_denominator=denominator,
                ytd_rate=None if future else rate(numerator, denominator),
                future=future,
            )
        )
    return Trend(year, spec, monthly["pending_start"], points)
