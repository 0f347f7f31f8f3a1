"""The sweep's candidates: every running deadline on an open case that has reached a level today and has not
been alerted at it (or higher) for its due date — one query, on the indexed ``(status, due_on)`` of the generic
``Deadline`` table, with the working-day boundaries of each level worked out once per jurisdiction."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.lookups import GreaterThanOrEqual

from casework.calendar.workdays import ONE_DAY, WorkCalendar, add_working_days, get_calendar
from casework.case_types import case_models
from casework.deadlines.rules import all_rules
from casework.models import AlertLevel, Deadline, DeadlineAlert, Jurisdiction


@dataclass(frozen=True)
class Boundaries:
    """The due dates that mark each level on ``today`` in one jurisdiction's working-day calendar."""

    today: date
    soon_until: date  # the latest due date with at most N working days left
    escalate_until: date  # the latest due date at least M working days overdue


def boundaries_for(
    today: date, jurisdiction_id, *, soon_days: int, escalate_days: int, calendar: WorkCalendar | None = None
) -> Boundaries:
    """Date boundaries consistent with ``working_days_between``:

    ``due_on <= soon_until``     ⇔ ``working_days_between(today, due_on) <= soon_days``;
    ``due_on <= escalate_until`` ⇔ ``working_days_between(due_on, today) >= escalate_days``.
    """
    calendar = calendar or get_calendar()
    soon_until = add_working_days(today, soon_days + 1, jurisdiction_id, calendar=calendar) - ONE_DAY
    counted, day = 0, today
    while counted < max(escalate_days, 1):
        if calendar.is_working_day(day, jurisdiction_id):
            counted += 1
        day -= ONE_DAY
    return Boundaries(today=today, soon_until=soon_until, escalate_until=day)


def open_case_filter() -> Q | None:
    """Deadlines that belong to a case of any type that is still in an open state (one subquery each), and
    those of rules that run on after the closing (``DeadlineRule.runs_after_closing``)."""
    q = None
    for model in case_models():
        manager = model._default_manager
        if model.OPEN_STATES:
            open_cases = manager.filter(state__in=list(model.OPEN_STATES))
        else:  # a case type without declared open states: open until closed
            open_cases = manager.filter(closed_at__isnull=True)
        part = Q(content_type=ContentType.objects.get_for_model(model), object_id__in=open_cases.values("pk"))
        q = part if q is None else q | part
    after_closing = [r.name for r in all_rules() if r.runs_after_closing]
    if q is not None and after_closing:  # duties that follow the closing (e.g. publishing the outcome)
        q |= Q(rule__in=after_closing)
    return q


def _level_filters(today: date, groups: dict[Boundaries, list[int]]) -> dict[str, Q]:
    soon, escalated = Q(pk__in=[]), Q(pk__in=[])
    for bounds, jurisdiction_ids in groups.items():
        soon |= Q(jurisdiction_id__in=jurisdiction_ids, due_on__gt=today, due_on__lte=bounds.soon_until)
        escalated |= Q(jurisdiction_id__in=jurisdiction_ids, due_on__lte=bounds.escalate_until)
    return {
        AlertLevel.DUE_SOON: soon,
        AlertLevel.DUE_TODAY: Q(due_on=today),
        AlertLevel.OVERDUE: Q(due_on__lt=today),
        AlertLevel.ESCALATED: escalated,
    }


class Candidate(NamedTuple):
    """One alert the sweep may raise: a running deadline and the level it has reached (no model instance)."""

    deadline_id: int
    level: str
    due_on: date
    content_type_id: int
    object_id: int
    case_number: str
    jurisdiction_id: int
    title: str
    article: str
    rule: str = ""


_CANDIDATE_FIELDS = (
    "pk",
    "due_on",
    "content_type_id",
    "object_id",
    "case_number",
    "jurisdiction_id",
    "title",
    "article",
    "rule",
)


def candidates(*, today: date, soon_days: int, escalate_days: int) -> list[Candidate]:
    """The alerts due on ``today`` and not raised yet — one per deadline, the highest level it has reached —
    ordered by deadline id (one query)."""
    open_cases = open_case_filter()
    if open_cases is None:
        return []
    calendar = get_calendar()
    groups: dict[Boundaries, list[int]] = defaultdict(list)
    for jurisdiction_id in Jurisdiction.objects.values_list("id", flat=True):
        bounds = boundaries_for(
            today, jurisdiction_id, soon_days=soon_days, escalate_days=escalate_days, calendar=calendar
        )
        groups[bounds].append(jurisdiction_id)
    if not groups:
        return []
    # The highest level each deadline has reached (the first condition that holds, highest level first) …
    filters = _level_filters(today, groups)
    highest_first = list(reversed(AlertLevel.values))
    rank = {level: i for i, level in enumerate(AlertLevel.values)}
    reached = Case(
        *(When(filters[level], then=Value(rank[level])) for level in highest_first),
        output_field=IntegerField(),
    )
    # … unless an alert of that level or a higher one was raised for the same due date (an escalated
    # deadline is never told "overdue" after).
    alert_rank = Case(
        *(When(level=level, then=Value(i)) for level, i in rank.items()), output_field=IntegerField()
    )
    raised = DeadlineAlert.objects.filter(
        GreaterThanOrEqual(alert_rank, OuterRef("reached")),
        deadline=OuterRef("pk"),
        due_on=OuterRef("due_on"),
    )
    latest_due = max(bounds.soon_until for bounds in groups)  # every level is due by then: an index range
    rows = (
        Deadline.objects.filter(status=Deadline.Status.OPEN, due_on__lte=latest_due)
        .filter(open_cases)
        .annotate(reached=reached)
        .filter(reached__isnull=False)
        .filter(~Exists(raised))
        .order_by("pk")
        .values_list("reached", *_CANDIDATE_FIELDS)
    )
    levels = AlertLevel.values
    return [Candidate(pk, levels[reached], *rest) for reached, pk, *rest in rows]
