"""Counting working days and calendar days on the bureau's holiday table.

Whether a date is worked, for a jurisdiction, is decided in this order (nearest jurisdiction first):
  1. a dated row (``Holiday``) for the jurisdiction or a unit above it;
  2. a recurring local holiday (``LocalHoliday``) of the jurisdiction or a unit above it — so the 湘西州
     founding day, 20 September 2026, is a rest day in 吉首 although it is a national make-up workday;
  3. the national row of that date (a State Council holiday, or a make-up workday, 调休上班, which counts
     as a working day);
  4. otherwise Monday–Friday are working days, Saturday and Sunday rest days.
A year with no official national schedule (``CalendarYear.is_official``) is thus counted on weekends
(and local holidays) alone; ``unofficial_years`` tells the caller so it can flag the result provisional.

Counting conventions (statutes.md §1; 民法典 Arts 201–203; ARB-RULES Art 80):
  * the day an event happens is never counted: a period of n days starts the next day;
  * ``add_working_days`` lands on the n-th working day after the start;
  * ``add_calendar_days`` lands n days after the start and, if that is a rest day, on the first working
    day after it.

Data access: a ``WorkCalendar`` loads the table lazily, three years at a time, in one query per block
(plus one each for the official years, the local rules and the jurisdiction tree) and answers every
later question from memory. Inside a request (``WorkCalendarMiddleware``) or a ``calendar_scope()`` one
calendar is shared; saving any calendar row clears it (see ``casework.calendar.setup``).
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ONE_DAY = datetime.timedelta(days=1)
_BLOCK_YEARS = 3
_MAX_SCAN_DAYS = 366 * 30  # a guard against a runaway loop on absurd input


class DayKind:
    ORDINARY = "ordinary"  # Monday–Friday, nothing special
    WEEKEND = "weekend"  # Saturday or Sunday, nothing special
    HOLIDAY = "holiday"  # a rest day from the table (national or local dated row)
    LOCAL = "local"  # a rest day from a recurring local holiday
    WORKDAY = "workday"  # a make-up workday (调休上班) or a local working day

    LABELS = {
        ORDINARY: _("工作日"),
        WEEKEND: _("周末"),
        HOLIDAY: _("节假日"),
        LOCAL: _("地方节假日"),
        WORKDAY: _("调休上班"),
    }


WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


@dataclass(frozen=True)
class CalendarDay:
    date: datetime.date
    working: bool
    kind: str
    name: str = ""

    @property
    def kind_label(self) -> str:
        return str(DayKind.LABELS[self.kind])

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.date.weekday()]

    @property
    def label(self) -> str:
        return self.name or self.kind_label

    def as_dict(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "weekday": self.weekday_name,
            "working": self.working,
            "kind": self.kind,
            "name": self.label,
        }


def jurisdiction_id_of(jurisdiction) -> int | None:
    if jurisdiction is None:
        return None
    if isinstance(jurisdiction, int):
        return jurisdiction
    if isinstance(jurisdiction, str):
        raise TypeError("pass a Jurisdiction or its id, not a code")
    return jurisdiction.pk


class WorkCalendar:
    """A read-only, lazily loaded view of the holiday table, shared by many calculations."""

    def __init__(self):
        self.clear()

    def clear(self) -> None:
        """Forget everything loaded (called when a calendar row is saved or deleted)."""
        self._official: frozenset[int] | None = None
        self._parents: dict[int, int | None] | None = None
        self._rules: dict[int, list] | None = None
        self._loaded_years: set[int] = set()
        self._national: dict[datetime.date, CalendarDay] = {}
        self._dated_local: dict[int, dict[datetime.date, CalendarDay]] = {}
        self._local_rule_days: dict[tuple[int, int], dict[datetime.date, str]] = {}
        self._chains: dict[int | None, tuple[int, ...]] = {None: ()}

    # -- loading ---------------------------------------------------------------------------------
    def _load_meta(self) -> None:
        from casework.models import CalendarYear, Jurisdiction, LocalHoliday

        self._official = frozenset(
            CalendarYear.objects.filter(is_official=True).values_list("year", flat=True)
        )
        self._parents = dict(Jurisdiction.objects.values_list("id", "parent_id"))
        rules: dict[int, list] = {}
        for rule in LocalHoliday.objects.filter(is_active=True):
            rules.setdefault(rule.jurisdiction_id, []).append(rule)
        self._rules = rules

    def _ensure_year(self, year: int) -> None:
        if year in self._loaded_years:
            return
        from casework.models import Holiday

        years = [y for y in range(year, year + _BLOCK_YEARS) if y not in self._loaded_years]
        end = years[0]
        while end + 1 in years:
            end += 1
        first, last = datetime.date(years[0], 1, 1), datetime.date(end, 12, 31)
        for date, kind, name, jid in Holiday.objects.filter(date__gte=first, date__lte=last).values_list(
            "date", "kind", "name", "jurisdiction_id"
        ):
            working = kind == "workday"
            day = CalendarDay(date, working, DayKind.WORKDAY if working else DayKind.HOLIDAY, name)
            if jid is None:
                self._national[date] = day
            else:
                self._dated_local.setdefault(jid, {})[date] = day
        self._loaded_years.update(range(years[0], end + 1))

    def _chain(self, jid: int | None) -> tuple[int, ...]:
        """The jurisdiction and every unit above it, nearest first."""
        if jid in self._chains:
            return self._chains[jid]
        if self._parents is None:
            self._load_meta()
        chain, seen, current = [], set(), jid
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = self._parents.get(current)
        self._chains[jid] = tuple(chain)
        return self._chains[jid]

    def _local_rule_name(self, jid: int, date: datetime.date) -> str:
        # A rule starting late in December may run into the next year: look at both starts.
        for year in (date.year, date.year - 1):
            key = (jid, year)
            if key not in self._local_rule_days:
                days = {}
                for rule in self._rules.get(jid, ()):
                    for day in rule.dates_in(year):
                        days.setdefault(day, rule.name)
                self._local_rule_days[key] = days
            name = self._local_rule_days[key].get(date)
            if name:
                return name
        return ""

    # -- questions -------------------------------------------------------------------------------
    def day(self, date: datetime.date, jurisdiction=None) -> CalendarDay:
        """What ``date`` is in ``jurisdiction`` (a Jurisdiction, its id, or None for the national calendar)."""
        if self._official is None:
            self._load_meta()
        self._ensure_year(date.year)
        chain = self._chain(jurisdiction_id_of(jurisdiction))
        for jid in chain:
            row = self._dated_local.get(jid, {}).get(date)
            if row is not None:
                return row
        for jid in chain:
            name = self._local_rule_name(jid, date)
            if name:
                return CalendarDay(date, False, DayKind.LOCAL, name)
        row = self._national.get(date)
        if row is not None:
            return row
        if date.weekday() >= 5:
            return CalendarDay(date, False, DayKind.WEEKEND)
        return CalendarDay(date, True, DayKind.ORDINARY)

    def is_working_day(self, date: datetime.date, jurisdiction=None) -> bool:
        return self.day(date, jurisdiction).working

    def is_official_year(self, year: int) -> bool:
        if self._official is None:
            self._load_meta()
        return year in self._official

    def unofficial_years(self, first: datetime.date, last: datetime.date) -> tuple[int, ...]:
        """Years between two dates (either order, inclusive) that have no official national schedule."""
        low, high = sorted((first, last))
        return tuple(y for y in range(low.year, high.year + 1) if not self.is_official_year(y))

    def days(self, first: datetime.date, last: datetime.date, jurisdiction=None) -> Iterator[CalendarDay]:
        """Every day from ``first`` to ``last`` inclusive."""
        date = first
        while date <= last:
            yield self.day(date, jurisdiction)
            date += ONE_DAY


# -- one calendar per request / task -------------------------------------------------------------
_current: ContextVar[WorkCalendar | None] = ContextVar("work_calendar", default=None)


def get_calendar() -> WorkCalendar:
    """The calendar of the current request or ``calendar_scope()``; a fresh one outside any."""
    calendar = _current.get()
    return calendar if calendar is not None else WorkCalendar()


@contextlib.contextmanager
def calendar_scope():
    """Share one loaded calendar among every calculation inside the block (a list page, a Celery sweep)."""
    calendar = WorkCalendar()
    token = _current.set(calendar)
    try:
        yield calendar
    finally:
        _current.reset(token)


def clear_current_calendar(**_kwargs) -> None:
    """Signal receiver: a calendar row changed, so reload before the next question."""
    calendar = _current.get()
    if calendar is not None:
        calendar.clear()


class WorkCalendarMiddleware:
    """Gives each request its own calendar, so a page computing many deadlines loads the table once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with calendar_scope():
            return self.get_response(request)


# -- counting ------------------------------------------------------------------------------------
def _check_count(n: int) -> None:
    if abs(n) > _MAX_SCAN_DAYS:
        raise ValueError(f"period too long: {n}")


def is_working_day(date: datetime.date, jurisdiction=None, *, calendar: WorkCalendar | None = None) -> bool:
    return (calendar or get_calendar()).is_working_day(date, jurisdiction)


def next_working_day(
    date: datetime.date, jurisdiction=None, *, calendar: WorkCalendar | None = None
) -> datetime.date:
    """``date`` itself if it is a working day, else the first working day after it (roll-forward)."""
    calendar = calendar or get_calendar()
    for _i in range(_MAX_SCAN_DAYS):
        if calendar.is_working_day(date, jurisdiction):
            return date
        date += ONE_DAY
    raise ValueError("no working day found")


def add_working_days(
    start: datetime.date, n: int, jurisdiction=None, *, calendar: WorkCalendar | None = None
) -> datetime.date:
    """The n-th working day after ``start`` (start not counted); negative ``n`` counts backwards.

    Make-up workdays count; holidays and ordinary weekends are skipped. ``n == 0`` returns ``start``.
    """
    _check_count(n)
    calendar = calendar or get_calendar()
    step = ONE_DAY if n >= 0 else -ONE_DAY
    remaining, date = abs(n), start
    while remaining:
        date += step
        if calendar.is_working_day(date, jurisdiction):
            remaining -= 1
    return date


def add_calendar_days(
    start: datetime.date,
    n: int,
    jurisdiction=None,
    *,
    roll_forward: bool = True,
    calendar: WorkCalendar | None = None,
) -> datetime.date:
    """``start`` + n days (start not counted); if that is a rest day, the first working day after it.

    民法典 Art 203 / 民事诉讼法 Art 85: a period whose last day is a statutory rest day ends on the first
    working day after it.
    """
    _check_count(n)
    date = start + datetime.timedelta(days=n)
    return next_working_day(date, jurisdiction, calendar=calendar) if roll_forward else date


def add_years(start: datetime.date, years: int) -> datetime.date:
    """The corresponding day ``years`` later; 29 February → 28 February (民法典 Art 202: month end)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def working_days_between(
    a: datetime.date, b: datetime.date, jurisdiction=None, *, calendar: WorkCalendar | None = None
) -> int:
    """Working days after ``a`` up to and including ``b``; negative when ``b`` is before ``a``.

    ``working_days_between(today, due)`` = working days left (0 on the due day itself);
    ``working_days_between(due, today) >= 5`` = five working days overdue.
    """
    if b < a:
        return -working_days_between(b, a, jurisdiction, calendar=calendar)
    _check_count((b - a).days)
    calendar = calendar or get_calendar()
    count, date = 0, a
    while date < b:
        date += ONE_DAY
        if calendar.is_working_day(date, jurisdiction):
            count += 1
    return count
