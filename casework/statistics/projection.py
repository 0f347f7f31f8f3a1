"""The year-end closure projection: each open case's chance of closing by 31 December, their sum as a range,
and the cases to close first.

Everything is computed *as of* a day ``as_of`` from the records alone — the cases open that day (accepted
by it, not closed by it; closings after it ignored), the closings of the twelve months before it — so a past
``as_of`` reproduces the projection a report printed then.

The model, for one case open on ``as_of`` (age ``a`` days since acceptance; ``r`` days left in the year):

1. **Pace** — the unit's (jurisdiction's) closings of the last 12 months: of its cases closed within
   (as_of − 365 days, as_of] that had been open longer than ``a`` days, the share closed within ``a + r`` days
   of acceptance (a conditional, life-table share: a case already long open is compared with cases that were
   also that long open). Fewer than ``MIN_COMPARABLE`` such cases in the jurisdiction: the whole scope's
   closings; fewer there too: ``PRIOR`` (0.5).
2. **Its own closing deadline** — the series' closing rule only (``CaseSeries.deadline_rule``: the award
   for arbitration, the investigation for complaints, the mediation period for mediation; not the earliest
   open deadline of any kind):
   * due on or after ``as_of`` and by 31 December: the case is under its statutory clock, so
     p = max(pace, on-time share), the on-time share being the share of the unit's closings of the last
     12 months that met their closing deadline;
   * overdue by ``k`` days on ``as_of``: not certain — p = pace × 0.5^(k / ``OVERDUE_HALF_LIFE``), halving
     every 30 days overdue;
   * due after the year, suspended (中止) or no deadline: p = pace.
3. **The range** — closures by year end are a sum of independent Bernoulli trials (a Poisson-binomial
   variable). Its 10% and 90% quantiles give the 80% interval: exact (a dynamic programme over the cases)
   up to ``EXACT_UP_TO`` cases, a normal approximation (mean Σp, variance Σp(1−p), rounded outwards)
   beyond. The rates are (closed so far + that many) ÷ the year's caseload so far; cases accepted later
   are not counted.
4. **The action list** — the closings still needed to reach the target, ``ceil(target × caseload) −
   closed``; the open cases to close first, overdue and nearest-to-deadline first, then the oldest.

The signal reads the interval: on track when even its low end reaches the target, below target when even
its high end misses it, at risk in between.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DateField, Exists, F, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .conditions import FigureConditions, base_queryset, case_deadlines, on_or_after, on_or_before
from .figures import ShownRate, Signal, rate
from .periods import Period, local_zone
from .registry import CaseSeries, RateSpec

MIN_COMPARABLE = 5
PRIOR = 0.5
OVERDUE_HALF_LIFE = 30  # days overdue after which the chance of closing has halved
EXACT_UP_TO = 2000
Z_80 = 1.2815515655446004  # the 90% quantile of the standard normal

ASSUMPTION = _(
    "预计年末结案率按截至统计日的记录计算：每件未结案件年内办结的概率取决于本单位近12个月的办案进度（与其已办天数相当的案件在剩余天数内办结的比例）"
    "和其自身的结案期限（仲裁为裁决期限、投诉为调查处理期限、调解为调解期限）：期限在年内且未到期的，不低于近12个月按期结案比例；"
    "已超期的，每超期30天概率减半。各案概率相加得预计结案数，按泊松二项分布给出80%区间。不计今后新受理的案件。"
)


@dataclass
class OpenCase:
    pk: int
    number: str
    jurisdiction_id: int
    accepted: date
    due: date | None  # the closing deadline's due date (None: none, or suspended)
    age: int
    overdue_days: int
    probability: float = 0.0
    model: type | None = None
    link: str | None = None  # the staff page, when worked out ahead (a stored projection's named cases)

    @property
    def url(self) -> str:
        if self.link is not None:
            return self.link
        return self.model(pk=self.pk).get_absolute_url() if self.model is not None else ""

    @property
    def percent(self) -> str:
        return f"{self.probability * 100:.0f}%"


@dataclass
class Projection(ShownRate):
    """The year-end closure rate expected as of ``as_of``, its 80% interval and the cases behind it."""

    year: int
    as_of: date
    closed: int
    denominator: int
    expected: float  # closures expected from the open cases
    low: int  # the 80% interval of those closures
    high: int
    rate: Decimal | None
    rate_low: Decimal | None
    rate_high: Decimal | None
    target: Decimal | None
    signal: str
    actual: bool = False  # the year was over on ``as_of``: the actual year-end rate
    cases: list[OpenCase] = field(default_factory=list)  # the open cases, in the order to close them
    open_count: int | None = None  # set when ``cases`` holds only the first of them (``trimmed``)

    @property
    def needed(self) -> int | None:
        """Closures still needed to reach the target (0: reached; None: no target)."""
        if self.target is None:
            return None
        wanted = math.ceil(self.target * self.denominator / 100 - Decimal("1e-9"))
        return max(0, wanted - self.closed)

    @property
    def open_total(self) -> int:
        """How many cases are open (``cases`` may hold only the first of them: ``trimmed``)."""
        return len(self.cases) if self.open_count is None else self.open_count

    @property
    def reachable(self) -> bool:
        return self.needed is not None and self.needed <= self.open_total

    @property
    def action(self) -> list[OpenCase]:
        """The cases to close to reach the target, in order (overdue and nearest-to-deadline first)."""
        return self.cases[: self.needed or 0]

    @property
    def action_count(self) -> int:
        """How many cases the action list holds (all of them, even when ``cases`` is trimmed)."""
        return min(self.needed or 0, self.open_total)

    def trimmed(self, keep: int) -> Projection:
        """The same projection holding only the first ``keep`` cases of its list (what a page shows of the
        action list), and their number: cheap to store and to read back."""
        cases = [replace(case, link=case.url) for case in self.cases[:keep]]
        return replace(self, cases=cases, open_count=self.open_total)

    @property
    def range_display(self) -> str:
        if self.rate_low is None:
            return ""
        return f"{self.rate_low}%–{self.rate_high}%"

    def as_dict(self) -> dict:
        def text(value):
            return None if value is None else str(value)

        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "closed_so_far": self.closed,
            "open": self.open_total,
            "denominator": self.denominator,
            "expected_closures": round(self.expected, 2),
            "interval_80": [self.low, self.high],
            "rate": text(self.rate),
            "rate_low": text(self.rate_low),
            "rate_high": text(self.rate_high),
            "target": text(self.target),
            "signal": self.signal,
            "actual": self.actual,
            "needed_for_target": self.needed,
            "action": [
                {"number": c.number, "url": c.url, "probability": round(c.probability, 3)}
                for c in self.action
            ],
        }


# --- the arithmetic -----------------------------------------------------------------------------------------
def poisson_binomial_interval(probabilities: list[float], low_q=0.10, high_q=0.90) -> tuple[int, int]:
    """The ``low_q`` and ``high_q`` quantiles of the number of successes of independent trials."""
    n = len(probabilities)
    if n == 0:
        return 0, 0
    if n > EXACT_UP_TO:
        mean = sum(probabilities)
        sd = math.sqrt(sum(p * (1 - p) for p in probabilities))
        return max(0, math.floor(mean - Z_80 * sd)), min(n, math.ceil(mean + Z_80 * sd))
    dist = [1.0]
    for p in probabilities:
        # k successes after this trial: k before and a failure, or k − 1 before and a success (the same two
        # products added as an element-by-element loop would, so the same floats, several times faster)
        q = 1 - p
        dist = [a * q + b * p for a, b in zip([*dist, 0.0], [0.0, *dist], strict=True)]
    cumulative, low, high = 0.0, None, None
    for k, mass in enumerate(dist):
        cumulative += mass
        if low is None and cumulative >= low_q - 1e-12:
            low = k
        if high is None and cumulative >= high_q - 1e-12:
            high = k
            break
    return low, high


class Pace:
    """Closing durations (days from acceptance to closing) of the last 12 months' closings."""

    def __init__(self, durations: Counter):
        self.durations = sorted(durations.items())
        self.total = sum(durations.values())

    def comparable(self, age: int) -> int:
        return sum(n for d, n in self.durations if d > age)

    def share(self, age: int, remaining: int) -> float | None:
        """Of the closings open longer than ``age`` days, the share closed within ``age + remaining``."""
        longer = self.comparable(age)
        if longer < MIN_COMPARABLE:
            return None
        within = sum(n for d, n in self.durations if age < d <= age + remaining)
        return within / longer


def case_probability(case: OpenCase, *, as_of: date, pace: float, on_time: float | None) -> float:
    """The chance that ``case`` closes by 31 December of ``as_of``'s year (see the module docstring)."""
    year_end = date(as_of.year, 12, 31)
    if case.due is None or case.due > year_end:
        return pace
    if case.overdue_days > 0:
        return pace * 0.5 ** (case.overdue_days / OVERDUE_HALF_LIFE)
    return max(pace, on_time) if on_time is not None else pace


def _percent(numerator, denominator) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(str(numerator)) * 100 / Decimal(denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def interval_signal(low: Decimal | None, high: Decimal | None, target: Decimal | None) -> str:
    if low is None:
        return Signal.NO_CASES
    if target is None:
        return Signal.NO_TARGET
    if low >= target:
        return Signal.ON_TRACK
    if high < target:
        return Signal.BELOW
    return Signal.AT_RISK


def combine(
    spec: RateSpec, closed: int, denominator: int, cases: list[OpenCase], *, as_of: date, actual: bool
) -> Projection:
    """The projection of ``cases`` (probabilities set) on top of ``closed`` of ``denominator``."""
    target = spec.target
    if actual:
        value = rate(closed, denominator)
        return Projection(
            as_of.year, as_of, closed, denominator, 0.0, 0, 0, value, value, value, target,
            interval_signal(value, value, target), True,
        )  # fmt: skip
    probabilities = [c.probability for c in cases]
    expected = sum(probabilities)
    low, high = poisson_binomial_interval(probabilities)
    rate_low, rate_high = _percent(closed + low, denominator), _percent(closed + high, denominator)
    return Projection(
        year=as_of.year,
        as_of=as_of,
        closed=closed,
        denominator=denominator,
        expected=expected,
        low=low,
        high=high,
        rate=_percent(closed + expected, denominator),
        rate_low=rate_low,
        rate_high=rate_high,
        target=target,
        signal=interval_signal(rate_low, rate_high, target),
        cases=sorted(cases, key=urgency),
    )


def urgency(case: OpenCase):
    """Overdue and nearest-to-deadline first (no deadline last), then the oldest, then by number."""
    return (case.due is None, case.due or date.max, case.accepted, case.number)


# --- the records --------------------------------------------------------------------------------------------
def _local_day(value) -> date:
    return timezone.localtime(value, local_zone()).date() if isinstance(value, datetime) else value


def open_cases(series: CaseSeries, as_of: date, jurisdiction_ids=None) -> list[OpenCase]:
    """The cases of ``series`` open on ``as_of`` (accepted by then, not closed by then), with their closing
    deadline (one query)."""
    conditions = FigureConditions(series, Period.range(date(as_of.year, 1, 1), as_of), today=as_of)
    qs = base_queryset(series, jurisdiction_ids).filter(conditions.caseload).filter(conditions.pending_end)
    if series.deadline_rule:
        latest = case_deadlines(series).order_by("-id")
        qs = qs.annotate(
            closing_due=Subquery(latest.values("due_on")[:1], output_field=DateField()),
            closing_status=Subquery(latest.values("status")[:1]),
        )
    fields = ["pk", "number", "jurisdiction_id", series.accepted_field]
    fields += ["closing_due", "closing_status"] if series.deadline_rule else []
    out = []
    for row in qs.order_by().values(*fields):
        accepted = _local_day(row[series.accepted_field])
        due = row.get("closing_due")
        if row.get("closing_status") in ("paused", "cancelled", None):
            due = None
        out.append(
            OpenCase(
                pk=row["pk"],
                number=row["number"],
                jurisdiction_id=row["jurisdiction_id"],
                accepted=accepted,
                due=due,
                age=(as_of - accepted).days,
                overdue_days=max(0, (as_of - due).days) if due else 0,
                model=series.model,
            )
        )
    return out


def recent_closings(series: CaseSeries, as_of: date, jurisdiction_ids=None):
    """Per jurisdiction, the closing durations of the 12 months to ``as_of`` and how many closings met
    their closing deadline (two queries)."""
    start = as_of - timedelta(days=365)
    s, acc, clo = series, series.accepted_field, series.closed_field
    closed = (
        base_queryset(series, jurisdiction_ids)
        .filter(**{f"{acc}__isnull": False, f"{clo}__isnull": False})
        .filter(on_or_after(s, clo, start + timedelta(days=1)) & on_or_before(s, clo, as_of))
    )
    if series.closed_filter is not None:
        closed = closed.filter(series.closed_filter)
    closed_day = TruncDate(clo, tzinfo=local_zone()) if series.field_is_datetime(clo) else F(clo)
    durations: dict[int, Counter] = defaultdict(Counter)
    rows = closed.order_by().values("jurisdiction_id", a=F(acc), c=closed_day).annotate(n=Count("pk"))
    for row in rows:
        days = (_local_day(row["c"]) - _local_day(row["a"])).days
        durations[row["jurisdiction_id"]][days] += row["n"]
    late: Counter = Counter()
    if series.deadline_rule:
        from casework.models import Deadline

        late_met = case_deadlines(series).filter(status=Deadline.Status.MET, met_on__gt=F("due_on"))
        rows = closed.filter(Exists(late_met)).order_by().values("jurisdiction_id").annotate(n=Count("pk"))
        for row in rows:
            late[row["jurisdiction_id"]] = row["n"]
    return durations, late


def project(
    series: CaseSeries,
    spec: RateSpec,
    as_of: date,
    counts: dict[int, dict],
    jurisdiction_ids=None,
    *,
    actual: bool = False,
) -> tuple[Projection, dict[int, Projection]]:
    """The projection for the scope and for each jurisdiction in ``counts`` (its figures of 1 January to
    ``as_of``: closed and caseload)."""
    closed_total = sum(c.get(spec.numerator, 0) for c in counts.values())
    denominator_total = sum(c.get(spec.denominator, 0) for c in counts.values())
    if actual:
        total = combine(spec, closed_total, denominator_total, [], as_of=as_of, actual=True)
        each = {
            j: combine(
                spec, c.get(spec.numerator, 0), c.get(spec.denominator, 0), [], as_of=as_of, actual=True
            )
            for j, c in counts.items()
        }
        return total, each
    cases = open_cases(series, as_of, jurisdiction_ids)
    durations, late = recent_closings(series, as_of, jurisdiction_ids)
    _set_probabilities(series, cases, durations, late, as_of)
    by_jurisdiction: dict[int, list[OpenCase]] = defaultdict(list)
    for case in cases:
        by_jurisdiction[case.jurisdiction_id].append(case)
    total = combine(spec, closed_total, denominator_total, cases, as_of=as_of, actual=False)
    each = {
        j: combine(
            spec,
            c.get(spec.numerator, 0),
            c.get(spec.denominator, 0),
            by_jurisdiction.get(j, []),
            as_of=as_of,
            actual=False,
        )  # fmt: skip
        for j, c in counts.items()
    }
    return total, each


def _set_probabilities(series, cases, durations, late, as_of: date) -> None:
    remaining = (date(as_of.year, 12, 31) - as_of).days
    everyone = Pace(sum(durations.values(), Counter()))
    paces = {j: Pace(d) for j, d in durations.items()}
    all_late = sum(late.values())
    scope_on_time = 1 - all_late / everyone.total if everyone.total else None
    for case in cases:
        pace = paces.get(case.jurisdiction_id)
        share = pace.share(case.age, remaining) if pace else None
        if share is None:
            share = everyone.share(case.age, remaining)
        if share is None:
            share = PRIOR
        on_time = None
        if series.deadline_rule:
            on_time = scope_on_time
            if pace is not None and pace.total >= MIN_COMPARABLE:
                on_time = 1 - late.get(case.jurisdiction_id, 0) / pace.total
        case.probability = case_probability(case, as_of=as_of, pace=share, on_time=on_time)
