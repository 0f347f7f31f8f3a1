"""Mark a case supervised, report its progress, lift the supervision — each a logged action on the case.

Every change runs in ``case_action`` on the supervised case (lock, visibility 404, write role 403, the log
entry in the case's hash chain, effects on commit). The report schedule is the case's ``supervision.report``
deadline (every ``report_every`` working days, restarted by each report), the conclusion date its
``supervision.conclude`` deadline: the alert sweep tells the handlers when a report is due and the director
as soon as one is missed (``escalate_when_overdue``).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.models.evidence import EvidenceCategory
from casework.services import deadlines
from casework.services.evidence import discard, store_evidence
from casework.services.transitions import PreconditionFailed, TransitionForbidden, case_action

from .models import PREFECTURE_LEVELS, Level, Supervision, SupervisionReport

REPORT_RULE = "supervision.report"
CONCLUDE_RULE = "supervision.conclude"


def active_supervision(case) -> Supervision | None:
    return Supervision.of_case(case).filter(status=Supervision.Status.ACTIVE).first()


def _check_seat(actor, level: str) -> None:
    """The prefecture's levels are set and lifted by the prefecture's own staff (州本级), not a county's."""
    if actor is None or actor.is_superuser or level not in PREFECTURE_LEVELS:
        return
    if not actor.access.in_prefecture:
        raise TransitionForbidden(f"“{Level(level).label}”只能由州本级人员决定")


def _require_active(case) -> Supervision:
    supervision = active_supervision(case)
    if supervision is None:
        raise PreconditionFailed("本案未在督办中")
    return supervision


def supervise(model, pk, *, actor, level: str, report_every: int, deadline, reason: str) -> Supervision:
    with case_action(model, pk, "supervise", actor=actor, reason=reason) as step:
        case = step.case
        _check_seat(actor, level)
        if not case.is_open:
            raise PreconditionFailed("案件已办结，不能督办")
        if active_supervision(case) is not None:
            raise PreconditionFailed("本案已在督办中")
        today = timezone.localdate()
        if deadline <= today:
            raise ValidationError({"deadline": ["办结时限应晚于今天"]})
        report = deadlines.start(case, REPORT_RULE, on=today, period=report_every)
        deadlines.start(case, CONCLUDE_RULE, on=today, due=deadline)
        supervision = Supervision.create_for(
            case,
            level=level,
            report_every=report_every,
            deadline=deadline,
            reason=reason,
            next_report_due=report.due_on,
            started_by=actor,
        )
        step.details.update(
            supervision=supervision.pk,
            level=level,
            report_every=report_every,
            deadline=deadline.isoformat(),
            next_report_due=report.due_on.isoformat(),
        )
    return supervision


def submit_report(model, pk, *, actor, text: str, attachment=None) -> SupervisionReport:
    stored: list = []
    try:
        with case_action(model, pk, "supervision_report", actor=actor) as step:
            case = step.case
            supervision = _require_active(case)
            today = timezone.localdate()
            due = supervision.next_report_due
            report = SupervisionReport(
                supervision=supervision,
                text=text,
                due_on=due,
                late=due is not None and today > due,
                submitted_by=actor,
            )
            if attachment is not None:
                report.attachment = store_evidence(
                    case,
                    actor=actor,
                    uploaded_file=attachment,
                    category=EvidenceCategory.OTHER,
                    description="督办进展报告附件",
                    stored=stored,
                )
            report.save()
            deadlines.meet(case, REPORT_RULE, on=today)
            following = deadlines.start(case, REPORT_RULE, on=today, period=supervision.report_every)
            supervision.next_report_due = following.due_on
            supervision.save(update_fields=["next_report_due"])
            step.details.update(
                supervision=supervision.pk,
                report=report.pk,
                late=report.late,
                next_report_due=following.due_on.isoformat(),
            )
    except BaseException:
        discard(stored)
        raise
    return report


def lift(model, pk, *, actor, reason: str) -> Supervision:
    with case_action(model, pk, "lift_supervision", actor=actor, reason=reason) as step:
        supervision = _require_active(step.case)
        _check_seat(actor, supervision.level)
        supervision.status = Supervision.Status.LIFTED
        supervision.lifted_by, supervision.lifted_at = actor, timezone.now()
        supervision.lift_reason = reason
        supervision.next_report_due = None
        supervision.save()
        deadlines.cancel(step.case, [REPORT_RULE, CONCLUDE_RULE])
        step.details.update(supervision=supervision.pk, level=supervision.level)
    return supervision
