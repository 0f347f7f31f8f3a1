"""Statistical periods (month, quarter, year, date range) and their local-time boundaries.

All dates are local dates in Asia/Shanghai (settings.TIME_ZONE): a case closed at 2026-01-01 00:10 local
time (2025-12-31 16:10 UTC) was closed in January.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from casework.inputs import ANY
from casework.inputs import parse_date as parse_window_date


class PeriodError(ValueError):
    """Bad period input; ``field`` names the offending parameter, ``message`` is for the user (Chinese)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_midnight(day: date) -> datetime:
    """The instant a local day begins (aware)."""
    return datetime.combine(day, time.min, tzinfo=local_zone())


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    kind: str = "range"  # month / quarter / year / range

    def __post_init__(self):
        if self.end < self.start:
            raise PeriodError("to", _("截止日期不能早于起始日期"))

    # --- constructors --------------------------------------------------------------------------------
    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), "month")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        last_month = first + 2
        return cls(
            date(year, first, 1), date(year, last_month, calendar.monthrange(year, last_month)[1]), "quarter"
        )

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def range(cls, start: date, end: date) -> Period:
        return cls(start, end, "range")

    # --- derived -----------------------------------------------------------------------------------------
    @property
    def start_at(self) -> datetime:
        return local_midnight(self.start)

    @property
    def end_before(self) -> datetime:
        """The first instant after the period (exclusive upper bound for datetimes)."""
        return local_midnight(self.end + timedelta(days=1))

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.start.year}年{self.start.month}月"
        if self.kind == "quarter":
            return f"{self.start.year}年{QUARTER_NAMES[(self.start.month - 1) // 3 + 1]}"
        if self.kind == "year":
            return f"{self.start.year}年"
        return f"{self.start.isoformat()} 至 {self.end.isoformat()}"

    def year_to_date(self) -> Period:
        """From 1 January of the end's year to the end (本年累计)."""
        return Period(date(self.end.year, 1, 1), self.end, "range")

    def as_query(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
QUARTER_RE = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)


def _year_in_window(year: int) -> bool:
    """A statistics year inside the dates' window (``casework.inputs``: from 2000 to a few years ahead)."""
    earliest, latest = ANY.bounds()
    return earliest.year <= year <= latest.year


def parse_date(value: str, field: str) -> date:
    """A period bound: ``YYYY-MM-DD`` inside the window every date field has (``casework.inputs.ANY``)."""
    try:
        parsed = parse_window_date(value, field, window=ANY, required=True)
    except ValidationError as exc:
        message = exc.messages[0]
        if "YYYY-MM-DD" in message:
            message = _("日期格式应为 YYYY-MM-DD，例如 2026-10-09")
        raise PeriodError(field, message) from None
    return parsed


def parse_month(value: str, field: str = "month") -> Period:
    match = MONTH_RE.match((value or "").strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or not _year_in_window(int(match.group(1))):
        raise PeriodError(field, _("月份格式应为 YYYY-MM（2000年以后），例如 2026-10"))
    return Period.month(int(match.group(1)), int(match.group(2)))


def parse_quarter(value: str, field: str = "quarter") -> Period:
    match = QUARTER_RE.match((value or "").strip())
    if not match or not _year_in_window(int(match.group(1))):
        raise PeriodError(field, _("季度格式应为 YYYY-Q1 至 YYYY-Q4（2000年以后），例如 2026-Q3"))
    return Period.quarter(int(match.group(1)), int(match.group(2)))


def parse_year(value: str, field: str = "year") -> Period:
    text = (value or "").strip()
    if not text.isdigit() or not _year_in_window(int(text)):
        raise PeriodError(field, _("年份格式应为四位数字（2000年以后），例如 2026"))
    return Period.year(int(text))


def parse_range(start: str, end: str) -> Period:
    if not start:
        raise PeriodError("from", _("请填写起始日期（from）"))
    if not end:
        raise PeriodError("to", _("请填写截止日期（to）"))
    return Period.range(parse_date(start, "from"), parse_date(end, "to"))


def period_from_query(params, *, today: date) -> Period:
    """The period a request asks for: ``period=month&month=2026-10``, ``period=quarter&quarter=2026-Q3``,
    ``period=year&year=2026``, ``period=range&from=…&to=…`` (or just ``from``/``to``). Default: this year."""
    kind = (params.get("period") or "").strip()
    if not kind:
        if params.get("from") or params.get("to"):
            kind = "range"
        elif params.get("month"):
            kind = "month"
        else:
            return Period.year(today.year)
    if kind == "month":
        return parse_month(params.get("month") or f"{today.year}-{today.month:02d}")
    if kind == "quarter":
        return parse_quarter(params.get("quarter") or f"{today.year}-Q{(today.month - 1) // 3 + 1}")
    if kind == "year":
        return parse_year(params.get("year") or str(today.year))
    if kind == "range":
        return parse_range(params.get("from") or "", params.get("to") or "")
    raise PeriodError("period", _("统计期类型应为 month、quarter、year 或 range"))


REPORT_PARAMETERS = {"period", "month", "quarter", "year", "jurisdiction", "as_of"}


def report_period(params, *, today: date, allowed=REPORT_PARAMETERS) -> Period:
    """The month, quarter or year an export asks for, read strictly: ``period=month&month=2026-10``,
    ``period=quarter&quarter=2026-Q1``, ``period=year&year=2026``; without ``period``, the one of ``month``,
    ``quarter``, ``year`` given (none: this month). An unknown parameter, a period kind with another kind's
    value (``period=month&quarter=…``) or two kinds at once is an error, never silently another period."""
    unknown = sorted(set(params.keys()) - set(allowed))
    if unknown:
        raise PeriodError(unknown[0], _("不认识的参数：%(names)s") % {"names": "、".join(unknown)})
    given = [kind for kind in ("month", "quarter", "year") if (params.get(kind) or "").strip()]
    kind = (params.get("period") or "").strip()
    if kind and kind not in ("month", "quarter", "year"):
        raise PeriodError("period", _("统计期类型应为 month、quarter 或 year"))
    if len(given) > 1:
        raise PeriodError(
            given[1], _("只能指定一个统计期：%(kinds)s 不能同时给出") % {"kinds": "、".join(given)}
        )
    if kind and given and given[0] != kind:
        raise PeriodError(
            given[0], _("统计期类型为 %(kind)s，却给出了 %(other)s") % {"kind": kind, "other": given[0]}
        )
    kind = kind or (given[0] if given else "month")
    value = (params.get(kind) or "").strip()
    if kind == "month":
        return parse_month(value or f"{today.year}-{today.month:02d}")
    if kind == "quarter":
        return parse_quarter(value or f"{today.year}-Q{(today.month - 1) // 3 + 1}")
    return parse_year(value or str(today.year))


def report_as_of(params, period: Period, *, today: date) -> date:
    """The day an export's figures are taken as of: ``as_of`` (within the period's start and today), by
    default the period's last day or today, whichever is earlier. Regenerating an export with the same
    ``as_of`` later gives the same figures from the same records."""
    value = (params.get("as_of") or "").strip()
    if not value:
        return min(period.end, today)
    day = parse_date(value, "as_of")
    if day > today:
        raise PeriodError("as_of", _("数据截至日（as_of）不能晚于今天"))
    if day < period.start:
        raise PeriodError("as_of", _("数据截至日（as_of）不能早于统计期的第一天"))
    return day
