"""Entering a year's State Council holiday schedule (e.g. 2027, when its notice is published).

The schedule is typed as the notice reads, one line per holiday or make-up workday::

    2027-01-01 至 2027-01-03 元旦
    2027-02-06~2027-02-14 春节

``enter_year_schedule`` replaces that year's national rows with the lines given and, when told to, marks
the year official — from then on deadlines reaching into it are no longer provisional.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casework.models import CalendarYear, Holiday
from casework.models.calendar import Source

_LINE = re.compile(
    r"^(?P<first>\d{4}-\d{1,2}-\d{1,2})(?:\s*(?:至|到|~|～|—|–)\s*(?P<last>\d{4}-\d{1,2}-\d{1,2}))?\s*(?P<name>.*)$"
)
_MAX_SPAN = 15


@dataclass(frozen=True)
class ScheduleLine:
    first: datetime.date
    last: datetime.date
    name: str

    def dates(self) -> list[datetime.date]:
        return [self.first + datetime.timedelta(days=i) for i in range((self.last - self.first).days + 1)]


def _parse_date(text: str, lineno: int) -> datetime.date:
    try:
        return datetime.datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise ValidationError(_("第%(n)s行：“%(d)s”不是有效日期。") % {"n": lineno, "d": text}) from None


def parse_schedule(text: str, *, year: int, default_name: str = "") -> list[ScheduleLine]:
    """Parse lines of ``YYYY-MM-DD[ 至 YYYY-MM-DD] 名称``; every date must lie in ``year``."""
    lines, errors = [], []
    for lineno, raw in enumerate((text or "").splitlines(), start=1):
        raw = raw.strip()
        if not raw:
            continue
        match = _LINE.match(raw)
        if not match:
            errors.append(_("第%(n)s行：应为“YYYY-MM-DD 至 YYYY-MM-DD 名称”。") % {"n": lineno})
            continue
        try:
            first = _parse_date(match["first"], lineno)
            last = _parse_date(match["last"], lineno) if match["last"] else first
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        name = match["name"].strip() or default_name
        if not name:
            errors.append(_("第%(n)s行：请写明节日名称。") % {"n": lineno})
        elif last < first or (last - first).days >= _MAX_SPAN:
            errors.append(_("第%(n)s行：日期范围不正确。") % {"n": lineno})
        elif first.year != year or last.year != year:
            errors.append(_("第%(n)s行：日期不在%(y)s年内。") % {"n": lineno, "y": year})
        else:
            lines.append(ScheduleLine(first, last, name[:100]))
    if errors:
        raise ValidationError(errors)
    return lines


def check_schedule(
    rest_days: list[ScheduleLine], workdays: list[ScheduleLine]
) -> tuple[dict[datetime.date, str], dict[datetime.date, str]]:
    """The dates of each kind, or ``ValidationError`` if a date is both or a make-up day is a weekday."""
    rest = {day: line.name for line in rest_days for day in line.dates()}
    work = {day: line.name for line in workdays for day in line.dates()}
    both = sorted(set(rest) & set(work))
    if both:
        raise ValidationError(_("%(d)s 不能既放假又调休上班。") % {"d": both[0].isoformat()})
    weekday_work = sorted(d for d in work if d.weekday() < 5)
    if weekday_work:
        raise ValidationError(
            _("%(d)s 是工作日，调休上班日应为周六或周日。") % {"d": weekday_work[0].isoformat()}
        )
    return rest, work


@transaction.atomic
def enter_year_schedule(
    *,
    year: int,
    rest_days: list[ScheduleLine],
    workdays: list[ScheduleLine],
    mark_official: bool,
    note: str = "",
) -> CalendarYear:
    """Replace the national rows of ``year`` with the given schedule (source: administrator)."""
    rest, work = check_schedule(rest_days, workdays)
    calendar_year, _created = CalendarYear.objects.get_or_create(year=year)
    if rest or work:
        Holiday.objects.filter(
            jurisdiction__isnull=True,
            date__gte=datetime.date(year, 1, 1),
            date__lte=datetime.date(year, 12, 31),
        ).delete()
        rows = [Holiday(date=d, kind=Holiday.Kind.REST, name=n, source=Source.ADMIN) for d, n in rest.items()]
        rows += [
            Holiday(date=d, kind=Holiday.Kind.WORKDAY, name=n, source=Source.ADMIN) for d, n in work.items()
        ]
        for row in rows:
            row.full_clean(validate_unique=False, validate_constraints=False)
        Holiday.objects.bulk_create(rows)
    calendar_year.is_official = mark_official
    calendar_year.source = Source.ADMIN
    if note:
        calendar_year.note = note
    calendar_year.full_clean()
    calendar_year.save()
    return calendar_year
