"""Helpers shared by the arrears services."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from arrears.models import ArrearsCase
from casework.models import Deadline
from casework.selectors.visibility import can_see
from casework.services.transitions import CaseNotFound, TransitionForbidden, lock_case
from casework.sms import send_sms


def require(value, field: str, message: str):
    if value in (None, "", [], ()):
        raise ValidationError({field: [message]})
    return value


def require_role(actor, roles, message: str) -> None:
    if actor is not None and not actor.has_role(*roles):
        raise TransitionForbidden(message)


def lock_visible(model, pk, actor):
    """Lock the case row (every ledger change on a case is serialised by this lock) and check visibility."""
    case = lock_case(model, pk)
    if actor is not None and not can_see(actor, case):
        raise CaseNotFound("案件不存在")
    return case


def past_or_today(value, field: str, *, default: datetime.date | None = None, not_before=None):
    """A date that is not in the future (documents are served, payments made, on real days)."""
    if value in (None, ""):
        if default is None:
            raise ValidationError({field: ["请填写日期"]})
        return default
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            raise ValidationError({field: ["请填写正确的日期（YYYY-MM-DD）"]}) from None
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise ValidationError({field: ["请填写正确的日期（YYYY-MM-DD）"]})
    if value > timezone.localdate():
        raise ValidationError({field: ["日期不能晚于今天"]})
    if not_before is not None and value < not_before:
        raise ValidationError({field: [f"日期不能早于{not_before:%Y-%m-%d}"]})
    return value


def mark_green_channel(case: ArrearsCase) -> None:
    """Green channel: the case and its running deadlines are flagged (queues put them first)."""
    from django.contrib.contenttypes.models import ContentType

    ArrearsCase.objects.filter(pk=case.pk).update(green_channel=True)
    Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(ArrearsCase), object_id=case.pk
    ).update(green_channel=True)
    case.green_channel = True


WORKER_SMS = {
    "payment_ordered": "用人单位已被责令支付您的工资（{number}）。",
    "recovered": "已为您追回工资{amount}元（{number}），请注意查收并确认。",
}


def notify_worker(person, case, milestone: str, **values) -> None:
    """A plain SMS to one worker (called after commit): the case number, nothing about anyone else."""
    if person.phone and milestone in WORKER_SMS:
        send_sms(person.phone, "【湘西人社】" + WORKER_SMS[milestone].format(number=case.number, **values))
