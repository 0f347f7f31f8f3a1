"""The deadline calculator: a rule from the registry + a start date (+ jurisdiction) → the due date.

A stored deadline recomputes with the same call after anything that changes it:
  * an approved extension  → ``extensions=1`` (the rule's extension period is added to its period);
  * a suspension (中止)    → ``paused_days=n``, the days of suspension, which are not counted
                             (``pause_length`` turns a suspension's dates into that number);
  * a restart (重新计算)   → a new ``start``: the date of the restarting event.
Extensions and pauses lengthen the period itself; roll-forward applies once, to the final last day.

The result is **provisional** when any day the period counts over, or rolls onto, lies in a year whose
State Council schedule is not in the table (2027 until an administrator enters it): that year is counted
on weekends (and local holidays) alone, and the date may move when the schedule is published.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from casework.calendar.workdays import (
    ONE_DAY,
    CalendarDay,
    DayKind,
    WorkCalendar,
    add_working_days,
    add_years,
    get_calendar,
    jurisdiction_id_of,
    next_working_day,
    working_days_between,
)

from .rules import DeadlineRule, Direction, Unit, get_rule

EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2099, 12, 31)
MAX_PERIOD = 3650  # days (or the rule's unit) a document may set, and days of suspension
MAX_EXTENSIONS = 10  # the calculator's bound; each rule allows at most its own ``max_extensions``


class DeadlineError(ValueError):
    """Bad input to the calculator; ``field`` names the argument, ``message`` says what is wrong in Chinese."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class DueResult:
    rule: DeadlineRule
    start: datetime.date
    due: datetime.date | None  # None only for a period that does not run (wage arrears while employed)
    provisional: bool
    provisional_years: tuple[int, ...]
    period: int | None  # the rule's period (or the one an order set)
    counted: int | None  # what was counted: period + extensions + paused days
    extensions: int = 0
    paused_days: int = 0
    jurisdiction_id: int | None = None
    nominal_due: datetime.date | None = None  # last day before roll-forward (calendar-day and year units)
    skipped: tuple[CalendarDay, ...] = ()  # holidays skipped, or rest days rolled over
    makeup_workdays: tuple[CalendarDay, ...] = ()  # weekend make-up workdays that were counted
    no_limitation: bool = False

    @property
    def unit(self) -> str:
        return self.rule.unit

    @property
    def article(self) -> str:
        return str(self.rule.article)

    @property
    def due_weekday(self) -> str:
        return CalendarDay(self.due, True, DayKind.ORDINARY).weekday_name if self.due else ""

    @property
    def rolled_forward(self) -> bool:
        return self.nominal_due is not None and self.due is not None and self.nominal_due != self.due

    @property
    def provisional_message(self) -> str:
        if not self.provisional:
            return ""
        years = "、".join(str(y) for y in self.provisional_years)
        return _("%(years)s年国务院放假安排尚未公布，按周末推算，仅供参考") % {"years": years}

    def as_dict(self) -> dict:
        return {
            "rule": self.rule.name,
            "title": str(self.rule.title),
            "start": self.start.isoformat(),
            "due": self.due.isoformat() if self.due else None,
            "due_weekday": self.due_weekday or None,
            "provisional": self.provisional,
            "provisional_years": list(self.provisional_years),
            "provisional_message": self.provisional_message or None,
            "period": self.period,
            "counted": self.counted,
            "unit": self.rule.unit,
            "unit_label": self.rule.unit_label,
            "direction": self.rule.direction,
            "start_event": str(self.rule.start_event),
            "article": self.article,
            "citation": self.rule.citation,
            "extensions": self.extensions,
            "paused_days": self.paused_days,
            "nominal_due": self.nominal_due.isoformat() if self.nominal_due else None,
            "rolled_forward": self.rolled_forward,
            "skipped": [day.as_dict() for day in self.skipped],
            "makeup_workdays": [day.as_dict() for day in self.makeup_workdays],
            "no_limitation": self.no_limitation,
        }


def resolve_rule(rule: str | DeadlineRule) -> DeadlineRule:
    if isinstance(rule, DeadlineRule):
        return rule
    try:
        return get_rule(rule)
    except KeyError:
        raise DeadlineError("rule", _("未知的期限规则“%(name)s”。") % {"name": rule}) from None


def _check_arguments(rule, start, extensions, paused_days, period, wage_arrears_in_employment) -> int:
    """Validate the inputs and return the period to count (before extensions and pauses)."""
    if not isinstance(start, datetime.date) or isinstance(start, datetime.datetime):
        raise DeadlineError("start", _("起算日期应为日期（YYYY-MM-DD）。"))
    if not EARLIEST <= start <= LATEST:
        raise DeadlineError("start", _("起算日期超出可计算范围（2000年至2099年）。"))
    if rule.period is None:
        if period is None:
            raise DeadlineError("period", _("该期限由文书确定，请填写期限天数。"))
        if not 1 <= period <= MAX_PERIOD:
            raise DeadlineError("period", _("期限天数应在 1 至 %(max)s 之间。") % {"max": MAX_PERIOD})
        base = period
    else:
        if period is not None and period != rule.period:
            raise DeadlineError(
                "period", _("该期限由法规规定为%(label)s，不能更改。") % {"label": rule.period_label}
            )
        base = rule.period
    if extensions < 0 or extensions > rule.max_extensions:
        if rule.max_extensions == 0:
            raise DeadlineError("extensions", _("该期限不得延长。"))
        raise DeadlineError("extensions", _("该期限最多延长%(n)s次。") % {"n": rule.max_extensions})
    if paused_days < 0 or paused_days > MAX_PERIOD:
        raise DeadlineError("paused_days", _("中止天数应在 0 至 %(max)s 之间。") % {"max": MAX_PERIOD})
    if paused_days and not rule.paused_by_suspension:
        raise DeadlineError("paused_days", _("该期限不因中止而停止计算。"))
    if wage_arrears_in_employment and not rule.wage_arrears_exception:
        raise DeadlineError(
            "wage_arrears_in_employment", _("只有仲裁时效适用劳动关系存续期间拖欠劳动报酬的例外。")
        )
    return base


def _extension(rule, extensions: int, extension_days: int | None) -> int:
    """The days added by the approved extensions: each adds the rule's period, unless fewer days were
    approved (LDMAL Art 43: the chair extends by *at most* 15 days)."""
    most = extensions * rule.extension_period
    if extension_days is None:
        return most
    if not 1 <= extension_days <= most:
        raise DeadlineError("extension_days", _("延长天数应在 1 至 %(max)s 之间。") % {"max": most})
    return extension_days


def compute_due(
    rule: str | DeadlineRule,
    start: datetime.date,
    *,
    jurisdiction=None,
    extensions: int = 0,
    paused_days: int = 0,
    period: int | None = None,
    wage_arrears_in_employment: bool = False,
    calendar: WorkCalendar | None = None,
    extension_days: int | None = None,
) -> DueResult:
    """The due date of ``rule`` for an event on ``start``, in ``jurisdiction`` (None: national calendar).

    ``extensions``: approved extensions so far (at most ``rule.max_extensions``).
    ``paused_days``: days not counted because of a suspension, in the rule's unit (calendar days for year
    periods). ``period``: only for rules whose period an order sets (``arrears.payment_order``).
    ``wage_arrears_in_employment``: for ``arbitration.limitation``, a wage-arrears claim while the
    employment lasts — no limitation runs (``due`` is None, ``no_limitation`` True).
    Raises ``DeadlineError`` for an unknown rule or bad arguments.
    """
    rule = resolve_rule(rule)
    base = _check_arguments(rule, start, extensions, paused_days, period, wage_arrears_in_employment)
    calendar = calendar or get_calendar()
    jid = jurisdiction_id_of(jurisdiction)
    common = {
        "rule": rule,
        "start": start,
        "period": base,
        "extensions": extensions,
        "paused_days": paused_days,
        "jurisdiction_id": jid,
    }
    if wage_arrears_in_employment:
        return DueResult(
            due=None, provisional=False, provisional_years=(), counted=None, no_limitation=True, **common
        )

    counted = base + _extension(rule, extensions, extension_days)
    nominal = None
    if rule.unit == Unit.WORKING_DAYS:
        counted += paused_days
        sign = -1 if rule.direction == Direction.BACKWARD else 1
        due = add_working_days(start, sign * counted, jid, calendar=calendar)
    else:
        if rule.unit == Unit.YEARS:
            nominal = add_years(start, counted) + datetime.timedelta(days=paused_days)
        else:
            counted += paused_days
            nominal = start + datetime.timedelta(days=counted)
        if nominal > LATEST:
            raise DeadlineError("start", _("到期日超出可计算范围（2099年以后）。"))
        due = next_working_day(nominal, jid, calendar=calendar)

    # The days the result depends on: those counted over, and those rolled onto.
    first, last = (due, start - ONE_DAY) if due < start else (start + ONE_DAY, due)
    unofficial = calendar.unofficial_years(first, last)
    if rule.unit == Unit.WORKING_DAYS:
        span = list(calendar.days(first, last, jid))
        skipped = tuple(d for d in span if d.kind in (DayKind.HOLIDAY, DayKind.LOCAL))
        makeup = tuple(d for d in span if d.kind == DayKind.WORKDAY and d.date.weekday() >= 5)
    else:
        skipped = tuple(calendar.days(nominal, due - ONE_DAY, jid))
        makeup = ()
    return DueResult(
        due=due,
        provisional=bool(unofficial),
        provisional_years=unofficial,
        counted=counted,
        nominal_due=nominal,
        skipped=skipped,
        makeup_workdays=makeup,
        **common,
    )


def pause_length(
    rule: str | DeadlineRule,
    suspended_on: datetime.date,
    resumed_on: datetime.date,
    *,
    jurisdiction=None,
    calendar: WorkCalendar | None = None,
) -> int:
    """Days not counted for a suspension from ``suspended_on`` until it ends on ``resumed_on``.

    The days after the suspension decision up to and including the resumption day are not counted, in the
    rule's unit (working days for working-day periods, calendar days otherwise). Pass the sum over every
    suspension of a case as ``paused_days``.
    """
    rule = resolve_rule(rule)
    if resumed_on < suspended_on:
        raise DeadlineError("resumed_on", _("恢复日期不能早于中止日期。"))
    if rule.unit == Unit.WORKING_DAYS:
        return working_days_between(suspended_on, resumed_on, jurisdiction, calendar=calendar)
    return (resumed_on - suspended_on).days


def earliest_event_day(
    rule: str | DeadlineRule, notice_on: datetime.date, *, jurisdiction=None
) -> datetime.date:
    """The first day the event a backward working-day ``rule`` counts from (a hearing) may be held when its
    notice reaches the parties on ``notice_on``: the rule's period counted from the notice's working day (a
    notice served on a rest day counts from the next working day) — the mirror of the backward count."""
    rule = resolve_rule(rule)
    first = next_working_day(notice_on, jurisdiction)
    return add_working_days(first, rule.period, jurisdiction)


def late_notice(
    rule: str | DeadlineRule, event_day: datetime.date, notice_on: datetime.date, *, jurisdiction=None
) -> datetime.date | None:
    """``None`` when a notice reaching the parties on ``notice_on`` is in time for the event on ``event_day``
    under the backward ``rule``; otherwise the earliest day the event may be held instead."""
    latest = compute_due(rule, event_day, jurisdiction=jurisdiction).due
    if notice_on <= latest:
        return None
    return earliest_event_day(rule, notice_on, jurisdiction=jurisdiction)
