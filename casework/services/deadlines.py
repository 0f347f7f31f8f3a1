"""Stored statutory deadlines on cases: start, meet, extend, pause, resume, restart, cancel.

Due dates come from the deadline engine (casework.deadlines); they are stored and indexed so that the
overdue sweeper and the case lists never compute them on the fly. Call these inside a case transition
(the case row is locked), then the case's ``next_due`` is refreshed.
"""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Min
from django.utils import timezone

from casework.deadlines.compute import DeadlineError, compute_due, pause_length
from casework.deadlines.rules import get_rule
from casework.models import Deadline

RUNNING = [Deadline.Status.OPEN, Deadline.Status.PAUSED]


def _for_case(case):
    return Deadline.objects.filter(content_type=ContentType.objects.get_for_model(case), object_id=case.pk)


def running(case, rule: str):
    return _for_case(case).filter(rule=rule, status__in=RUNNING).first()


def _recompute(deadline: Deadline) -> None:
    """The stored due date from the engine; input it cannot count with (a start before 2000, a period beyond
    ``MAX_PERIOD``, an extension the rule does not allow) is a ``ValidationError`` naming it — the caller's
    400 with a Chinese message, never a 500."""
    try:
        result = compute_due(
            deadline.rule,
            deadline.started_on,
            jurisdiction=deadline.jurisdiction_id,
            extensions=deadline.extensions,
            paused_days=deadline.paused_days,
            period=deadline.period,
            extension_days=deadline.extension_days,
        )
    except DeadlineError as exc:
        raise ValidationError({exc.field: [exc.message]}) from None
    deadline.due_on, deadline.provisional = result.due, result.provisional


def refresh_next_due(case) -> None:
    next_due = _for_case(case).filter(status=Deadline.Status.OPEN).aggregate(d=Min("due_on"))["d"]
    case.next_due = next_due
    type(case)._default_manager.filter(pk=case.pk).update(next_due=next_due)


def start(case, rule: str, *, on: date, due: date | None = None, period: int | None = None) -> Deadline:
    """Start ``rule`` counting from ``on`` (replacing a running one of the same rule).

    For rules whose period a document sets, pass ``period`` (counted in the rule's unit) or the ``due``
    date the document names (e.g. the date in a 限期改正指令书).
    """
    spec = get_rule(rule)
    _for_case(case).filter(rule=rule, status__in=RUNNING).update(
        status=Deadline.Status.CANCELLED, updated_at=timezone.now()
    )
    deadline = Deadline(
        content_type=ContentType.objects.get_for_model(case),
        object_id=case.pk,
        case_number=case.number,
        jurisdiction=case.jurisdiction,
        green_channel=case.green_channel,
        rule=rule,
        title=str(spec.title),
        article=str(spec.article),
        started_on=on,
        period=period,
    )
    if due is None:
        _recompute(deadline)
    else:
        deadline.due_on, deadline.provisional = due, False
    deadline.save()
    refresh_next_due(case)
    return deadline


def meet(case, rule: str, *, on: date | None = None) -> Deadline | None:
    deadline = running(case, rule)
    if deadline:
        deadline.status, deadline.met_on = Deadline.Status.MET, on or timezone.localdate()
        deadline.save(update_fields=["status", "met_on", "updated_at"])
        refresh_next_due(case)
    return deadline


def cancel(case, rules: list[str] | None = None) -> int:
    qs = _for_case(case).filter(status__in=RUNNING)
    if rules is not None:
        qs = qs.filter(rule__in=rules)
    count = qs.update(status=Deadline.Status.CANCELLED, updated_at=timezone.now())
    refresh_next_due(case)
    return count


def extend(case, rule: str, *, days: int | None = None) -> Deadline:
    """One approved extension (+30 working days, LIR Art 17; up to +15 days, LDMAL Art 43): the rule's
    extension period, or ``days`` when fewer were approved (a ``ValidationError`` outside 1 to that period)."""
    from casework.services.transitions import PreconditionFailed

    spec = get_rule(rule)
    deadline = running(case, rule)
    if deadline is None:
        raise PreconditionFailed(f"“{spec.title}”未在计算中，不能延长")
    if deadline.extensions >= spec.max_extensions:
        raise PreconditionFailed(f"“{spec.title}”最多延长{spec.max_extensions}次")
    if days is not None:
        if not 1 <= days <= spec.extension_period:
            raise ValidationError({"days": [f"延长天数应在1至{spec.extension_period}之间"]})
        deadline.extension_days = (
            deadline.extension_days or deadline.extensions * spec.extension_period
        ) + days
    elif deadline.extension_days is not None:
        deadline.extension_days += spec.extension_period
    deadline.extensions += 1
    _recompute(deadline)
    deadline.save()
    refresh_next_due(case)
    return deadline


def pause(case, rule: str, *, on: date) -> Deadline | None:
    """Suspension (中止): the period stops running from ``on`` (ARB-RULES Art 46)."""
    deadline = running(case, rule)
    if deadline and deadline.status == Deadline.Status.OPEN:
        deadline.status, deadline.paused_on = Deadline.Status.PAUSED, on
        deadline.save()
        refresh_next_due(case)
    return deadline


def resume(case, rule: str, *, on: date) -> Deadline | None:
    """Resumption: days between pause and resume are not counted; the due date moves accordingly."""
    deadline = running(case, rule)
    if deadline and deadline.status == Deadline.Status.PAUSED:
        try:
            deadline.paused_days += pause_length(
                rule, deadline.paused_on, on, jurisdiction=deadline.jurisdiction_id
            )
        except DeadlineError as exc:
            raise ValidationError({exc.field: [exc.message]}) from None
        deadline.status, deadline.paused_on = Deadline.Status.OPEN, None
        _recompute(deadline)
        deadline.save()
        refresh_next_due(case)
    return deadline


def restart(case, rule: str, *, on: date) -> Deadline:
    """The period starts afresh (ARB-RULES Art 46: joinder, amended claim, counterclaim …)."""
    return start(case, rule, on=on)


def open_deadlines(case):
    return _for_case(case).filter(status__in=RUNNING).order_by("due_on")
