"""Helpers shared by the arrears services (locking, visibility, roles and dates come from the kernel)."""

from arrears.models import ArrearsCase
from arrears.models.cases import STAFF
from casework.kernel.writes import is_read_only
from casework.models import Deadline
from casework.services.notify_public import notify_people
from casework.services.transitions import TransitionForbidden, case_transition


def may_register(actor, jurisdiction=None) -> bool:
    """Whether ``actor`` may open an arrears case or register a project (in ``jurisdiction``, if given).

    Not a change of an existing case, so not a registered action: the staff who register (登记员, 监察员,
    监察机构负责人) of that jurisdiction, never a read-only role. ``None`` is the system itself."""
    if actor is None:
        return True
    if not actor.is_authenticated or is_read_only(actor) or not actor.has_role(*STAFF):
        return False
    return jurisdiction is None or actor.sees_all_jurisdictions or jurisdiction.id in actor.jurisdiction_ids


def check_may_register(actor, jurisdiction, what: str) -> None:
    if not may_register(actor):
        raise TransitionForbidden(f"只有登记员或监察员可以{what}")
    if not may_register(actor, jurisdiction):
        raise TransitionForbidden(f"不能为其他管辖区域{what}")


def move(model, name: str, pk, actor, expected_state, *, reason: str = "", public: bool = False):
    """The transition ``name`` of case ``pk`` through ``case_transition`` (lock, visibility, permission,
    expected state, preconditions, the change and its log entry in one transaction)."""
    return case_transition(
        model, pk, name, actor=actor, reason=reason, expected_state=expected_state, public=public
    )


def mark_green_channel(case: ArrearsCase) -> None:
    """Green channel: the case and its running deadlines are flagged (queues put them first)."""
    from django.contrib.contenttypes.models import ContentType

    ArrearsCase.objects.filter(pk=case.pk).update(green_channel=True)
    Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(ArrearsCase), object_id=case.pk
    ).update(green_channel=True)
    case.green_channel = True


# arrears milestone -> the kernel's milestone text (casework.services.notify_public, editable in the admin)
WORKER_MILESTONES = {"payment_ordered": "payment_ordered", "recovered": "payment_recovered"}


def notify_worker(persons, case, milestone: str, *, occurrence="", **values) -> int:
    """Queue a plain SMS to the worker(s) (inside the change's transaction; sent by Celery after commit):
    the case number, nothing about anyone else. ``occurrence`` tells repeated milestones apart (a payment)."""
    persons = persons if isinstance(persons, list | tuple) else [persons]
    return notify_people(persons, case, WORKER_MILESTONES[milestone], occurrence=occurrence, **values)
