"""Messages to complainants and applicants at public milestones: an outbox row, sent by Celery.

Plain words, the case number, nothing about anyone else. Call it INSIDE the transaction of the change: it
writes a ``MilestoneMessage`` row (at most one per case, milestone, person — and occurrence, for a milestone
that repeats) and queues its sending for after the commit (``casework.services.milestone_messages``). A
change that rolls back leaves no message; a slow or failing gateway never slows or breaks the page.

A case app sends its milestones with ``notify_complainant(case, "accepted")`` (the case's complainant or
applicant), ``notify_applicants(case, "accepted")`` (every applicant) or, for a case with many workers,
``notify_person(worker, case, "recovered", amount=..., occurrence=payment.pk)``.
It may add milestones of its own with ``register_milestone(name, text)``. Texts are ``str.format``
templates with ``{number}`` (the case number), ``{noun}`` ("投诉" or "申请", from the green channel's
registry) and any keyword the caller passes. The admin edits them (``MilestoneText``, seeded from the
defaults below by migration 0028); a text missing there, or that does not format, falls back to the default
here and logs a warning. A person who opted out (``Person.milestone_sms_opt_out``) gets a row marked skipped.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

logger = logging.getLogger(__name__)

SIGNATURE = "【湘西人社】"

MILESTONE_TEXT = {
    "registered": "您的{noun}已登记，案件编号{number}。可凭案件编号和身份证号码后6位在绿色通道查询办理进度。",
    "accepted": "您的{noun}（{number}）已受理。",
    "not_accepted": "您的{noun}（{number}）不予受理，书面通知会送给您。",
    "filed": "您的{noun}（{number}）已立案调查。",
    "payment_ordered": "用人单位已被责令支付您的工资（{number}）。",
    "recovered": "已为您追回工资（{number}），请注意查收并确认。",
    "recovered_closed": "已为您追回被拖欠的工资，您的{noun}（{number}）已办结。请注意查收。",
    "closed": "您的{noun}（{number}）已办结。",
    "payment_recovered": "已为您追回工资{amount}元（{number}），请注意查收并确认。",
    # the unit's answer to a message from the green channel's claimant page (casework.claimant)
    "message_replied": "办案单位答复您的留言（{number}）：{reply}",
    "withdrawal_decided": "您申请撤回的{noun}（{number}），办案单位{decision}。",
}


def register_milestone(name: str, text: str) -> None:
    """Add (or reword) a milestone message's default; see the module docstring for the placeholders."""
    MILESTONE_TEXT[name] = text


def _noun(case) -> str:
    from casework.public.registry import case_type_for

    case_type = case_type_for(case)
    return str(case_type.noun) if case_type else "申请"


def _format(template: str, values: dict) -> str | None:
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError, AttributeError):
        return None


def milestone_text(milestone: str, **values) -> str | None:
    """The SMS for ``milestone`` (signature included): the admin's text, else the default; None if neither."""
    from casework.models import MilestoneText

    edited = MilestoneText.objects.filter(code=milestone).values_list("text", flat=True).first()
    text = _format(edited, values) if edited else None
    default = MILESTONE_TEXT.get(milestone)
    if text is None and default is not None:
        if edited:
            logger.warning("milestone text %s does not format; the default is used", milestone)
        else:
            logger.warning("milestone text %s not in the admin; the default is used", milestone)
        text = _format(default, values)
    return SIGNATURE + text if text else None


def notify_people(persons, case, milestone: str, *, occurrence="", **params) -> int:
    """Queue milestone ``milestone`` of ``case`` for each of ``persons`` with a mobile phone (once each).
    Returns how many messages were queued."""
    from casework.models import MilestoneMessage
    from casework.services import milestone_messages

    persons = [p for p in persons if p is not None and getattr(p, "phone", "")]
    if not persons:
        return 0
    text = milestone_text(milestone, number=case.number, noun=_noun(case), **params)
    if text is None:
        return 0
    content_type = ContentType.objects.get_for_model(case)
    queued = []
    for person in persons:
        state = (
            MilestoneMessage.State.SKIPPED if person.milestone_sms_opt_out else MilestoneMessage.State.QUEUED
        )
        try:
            with transaction.atomic():
                row = MilestoneMessage.objects.create(
                    content_type=content_type,
                    object_id=case.pk,
                    case_number=case.number or "",
                    milestone=milestone,
                    occurrence=str(occurrence),
                    person=person,
                    phone=person.phone,
                    text=text,
                    state=state,
                )
        except IntegrityError:  # this milestone already went (or is going) to this person
            continue
        if state == MilestoneMessage.State.QUEUED:
            queued.append(row.pk)
    if queued:
        transaction.on_commit(lambda: milestone_messages.enqueue(queued))
    return len(queued)


def notify_person(person, case, milestone: str, **params) -> bool:
    """Queue milestone ``milestone`` of ``case`` for ``person``. Returns whether a message was queued."""
    return bool(notify_people([person], case, milestone, **params))


def notify_complainant(case, milestone: str, **params) -> bool:
    """Queue the milestone for the case's complainant (or applicant)."""
    person = getattr(case, "complainant", None) or getattr(case, "applicant", None)
    return notify_person(person, case, milestone, **params)


def notify_applicants(case, milestone: str, **params) -> int:
    """Queue the milestone for every applicant of a case with many (mediation, arbitration)."""
    return notify_people(list(case.applicants.all()), case, milestone, **params)


def set_milestone_sms(person_ids, *, receive: bool) -> int:
    """The worker's choice on the green channel's progress page: receive milestone SMS or not (taken into
    account before every send: queued messages of an opted-out person are skipped)."""
    from casework.models import Person

    return Person.objects.filter(pk__in=list(person_ids)).update(milestone_sms_opt_out=not receive)
