"""Figures and rates as values: numerator, denominator, rate, target, signal and the definition shown.

Pure functions over counts (``casework.statistics.queries`` does the SQL). A rate is a ``Decimal`` percent
rounded half-up to 0.1; a zero denominator gives ``None``, shown as “无案件” (no cases) — never a division by
zero. Check: the 2024 national arbitration figures, ``rate(1_687_899, 33_171 + 1_685_937)`` → 98.2
(statutes.md §6).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .periods import Period
from .registry import CaseSeries, RateSpec
from .targets import TARGET_SOURCE, at_risk_margin

ONE_DECIMAL = Decimal("0.1")
NO_CASES = _("无案件")


def rate(numerator: int, denominator: int) -> Decimal | None:
    """``numerator ÷ denominator`` in percent, rounded half-up to 0.1; None when there is nothing to divide."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def format_rate(value: Decimal | None) -> str:
    return str(NO_CASES) if value is None else f"{value}%"


class Signal:
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    BELOW = "below_target"
    NO_CASES = "no_cases"
    NO_TARGET = "no_target"

    LABELS = {
        ON_TRACK: _("达标"),
        AT_RISK: _("预警"),
        BELOW: _("未达标"),
        NO_CASES: _("无案件"),
        NO_TARGET: "",
    }
    CSS = {ON_TRACK: "green", AT_RISK: "amber", BELOW: "red", NO_CASES: "", NO_TARGET: ""}


def signal(value: Decimal | None, target: Decimal | None, margin: Decimal | None = None) -> str:
    """On track at or above the target; at risk within ``margin`` points below it; else below target."""
    if value is None:
        return Signal.NO_CASES
    if target is None:
        return Signal.NO_TARGET
    margin = at_risk_margin() if margin is None else margin
    if value >= target:
        return Signal.ON_TRACK
    if value >= target - margin:
        return Signal.AT_RISK
    return Signal.BELOW


@dataclass(frozen=True)
class FigureSpec:
    label: str
    definition: str  # with {start} / {end} / {cutoff}
    money: bool = False


FIGURES: dict[str, FigureSpec] = {
    "pending_start": FigureSpec(_("期初未结"), _("{start}以前受理、截至{start}前尚未结案的案件数")),
    "accepted": FigureSpec(_("本期受理"), _("受理日期在{start}至{end}之间的案件数")),
    "caseload": FigureSpec(_("应结案件"), _("期初未结案件数 + 本期受理案件数")),
    "closed": FigureSpec(_("本期结案"), _("结案日期在{start}至{end}之间的案件数")),
    "closed_on_time": FigureSpec(
        _("按期结案"),
        _("本期结案中，法定办案期限在到期日以前（含当日）办结的案件数（无该期限记录或期限已撤销的视为按期）"),
    ),
    "closed_late": FigureSpec(_("超期结案"), _("本期结案中，法定办案期限在到期日之后才办结的案件数")),
    "succeeded": FigureSpec(_("调解成功"), _("本期结案中调解成功的案件数")),
    "final": FigureSpec(_("终局结案"), _("本期结案中未进入诉讼程序的案件数")),
    "pending_end": FigureSpec(_("期末未结"), _("截至{cutoff}已受理、尚未结案的案件数")),
    "overdue": FigureSpec(
        _("其中超期"),
        _("期末未结案件中，法定办案期限到期日早于{cutoff}、当日仍未办结的案件数（中止计算的不计）"),
    ),
    "recovered": FigureSpec(_("追回金额（元）"), _("本期结案案件追回（支付）的金额合计"), money=True),
    "workers": FigureSpec(_("帮助劳动者（人）"), _("本期结案案件涉及并获得支付的劳动者人数合计")),
    "pending_due": FigureSpec(_("年内到期未结"), _("当前未结、下一法定期限在年内到期的案件数")),
}


@dataclass
class Figure:
    code: str
    label: str
    value: int | Decimal
    definition: str
    money: bool = False
    url: str = ""  # the drill-down list, filled in by the page that shows it

    @property
    def drillable(self) -> bool:
        return self.code != "pending_due"


class ShownRate:
    """How a rate with a signal is shown: "87.5%" (or "无案件"), and the signal's label and style."""

    rate: Decimal | None
    signal: str

    @property
    def display(self) -> str:
        return format_rate(self.rate)

    @property
    def signal_label(self) -> str:
        return str(Signal.LABELS[self.signal])

    @property
    def signal_css(self) -> str:
        return Signal.CSS[self.signal]


@dataclass
class RateFigure(ShownRate):
    code: str
    label: str
    numerator: int
    denominator: int
    rate: Decimal | None
    target: Decimal | None
    signal: str
    definition: str
    numerator_figure: str
    numerator_label: str
    numerator_definition: str
    denominator_figure: str
    denominator_label: str
    denominator_definition: str
    citation: str = ""
    target_source: str = ""
    numerator_url: str = ""  # drill-down lists, filled in by the page that shows them
    denominator_url: str = ""

    @property
    def gap(self) -> Decimal | None:
        """Points above (+) or below (−) the target."""
        if self.rate is None or self.target is None:
            return None
        return self.rate - self.target

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "label": str(self.label),
            "numerator": self.numerator,
            "denominator": self.denominator,
            "rate": None if self.rate is None else str(self.rate),
            "display": self.display,
            "target": None if self.target is None else str(self.target),
            "signal": self.signal,
            "signal_label": self.signal_label,
            "definition": str(self.definition),
            "numerator_definition": {
                "figure": self.numerator_figure,
                "label": str(self.numerator_label),
                "definition": str(self.numerator_definition),
            },
            "denominator_definition": {
                "figure": self.denominator_figure,
                "label": str(self.denominator_label),
                "definition": str(self.denominator_definition),
            },
            "citation": str(self.citation),
            "target_source": str(self.target_source),
        }


def _describe(code: str, period: Period, cutoff) -> tuple[str, str]:
    return _described(code, period.start, period.end, cutoff, get_language())


@lru_cache(maxsize=1024)
def _described(code: str, start, end, cutoff, language) -> tuple[str, str]:
    """A figure's label and definition in ``language``: the same for every jurisdiction of a report, so
    translated once, not once per row (``language`` is part of the cache key only)."""
    spec = FIGURES[code]
    return str(spec.label), str(spec.definition).format(
        start=start.isoformat(), end=end.isoformat(), cutoff=cutoff.isoformat()
    )


_RATE_TEXTS: dict = {}


def _rate_texts(spec: RateSpec) -> tuple[str, str, str, str]:
    """A rate's label, definition, citation and target source in the current language, translated once."""
    key = (id(spec), get_language())
    hit = _RATE_TEXTS.get(key)
    if hit is None or hit[0] is not spec:  # the id of a discarded spec may be reused
        hit = _RATE_TEXTS[key] = (
            spec,
            str(spec.label),
            str(spec.definition),
            str(spec.citation),
            str(TARGET_SOURCE),
        )
    return hit[1:]


def rate_figure(spec: RateSpec, counts: dict, period: Period, *, today) -> RateFigure:
    numerator, denominator = counts.get(spec.numerator, 0), counts.get(spec.denominator, 0)
    value = rate(numerator, denominator)
    target = spec.target
    cutoff = min(period.end, today)
    n_label, n_def = _describe(spec.numerator, period, cutoff)
    d_label, d_def = _describe(spec.denominator, period, cutoff)
    label, definition, citation, target_source = _rate_texts(spec)
    return RateFigure(
        code=spec.code,
        label=label,
        numerator=numerator,
        denominator=denominator,
        rate=value,
        target=target,
        signal=signal(value, target),
        definition=definition,
        numerator_figure=spec.numerator,
        numerator_label=n_label,
        numerator_definition=n_def,
        denominator_figure=spec.denominator,
        denominator_label=d_label,
        denominator_definition=d_def,
        citation=citation,
        target_source=target_source if target is not None else "",
    )


@dataclass
class SeriesFigures:
    """All figures and rates of one series for one period and one scope (a jurisdiction or all)."""

    series: CaseSeries
    period: Period
    counts: dict
    figures: list[Figure] = field(default_factory=list)
    rates: list[RateFigure] = field(default_factory=list)
    jurisdiction: object = None  # a Jurisdiction, or None for the whole scope

    @property
    def empty(self) -> bool:
        return not self.counts.get("caseload")

    def rate(self, code: str) -> RateFigure | None:
        return next((r for r in self.rates if r.code == code), None)

    @property
    def primary(self) -> RateFigure | None:
        spec = self.series.primary_rate
        return self.rate(spec.code) if spec else None

    def figure(self, code: str) -> Figure | None:
        return next((f for f in self.figures if f.code == code), None)

    @property
    def by_code(self) -> dict[str, Figure]:
        """Figures by code, for templates (``figures.by_code.pending_end.url``)."""
        return {f.code: f for f in self.figures}

    def as_dict(self) -> dict:
        return {
            "figures": {
                f.code: {
                    "label": str(f.label),
                    "value": str(f.value) if f.money else f.value,
                    "definition": str(f.definition),
                }
                for f in self.figures
            },
            "rates": [r.as_dict() for r in self.rates],
        }


def series_figures(
    series: CaseSeries, counts: dict, period: Period, *, today, jurisdiction=None
) -> SeriesFigures:
    cutoff = min(period.end, today)
    figures = []
    for code in series.figure_codes():
        label, definition = _describe(code, period, cutoff)
        figures.append(Figure(code, label, counts.get(code, 0), definition, FIGURES[code].money))
    rates = [rate_figure(spec, counts, period, today=today) for spec in series.rates]
    return SeriesFigures(series, period, counts, figures, rates, jurisdiction)
