"""Mediation cases: every state change is one function here (see arbitration/models/mediation.py)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from arbitration.models import (
    ArbitrationSettings,
    MediationBody,
    MediationCase,
    MediationChannel,
    MediationOutcome,
    MediationSession,
)
from arbitration.services import tribunal as tribunal_svc
from arbitration.services.common import (
    accept_application,
    act_on,
    check_actor,
    close_application,
    read_application,
    refuse_application,
    register_application,
)
from casework.inputs import AHEAD, parse_date, require_text
from casework.roles import Role
from casework.services import deadlines
from casework.services.transitions import case_transition, submitted_case

SETTLE = "mediation.settle"
REVIEW_ACCEPT = "mediation.review_accept"
REVIEW = "mediation.review"


def _transition(name: str, case_id, actor, reason: str = "", expected_state=None, *, public: bool = False):
    """The state move ``name`` of mediation case ``case_id`` (as ``arbitration...base.transition``)."""
    return case_transition(
        MediationCase, case_id, name, actor=actor, reason=reason, expected_state=expected_state, public=public
    )


@transaction.atomic
def mediation_apply(
    *,
    actor,
    jurisdiction,
    channel: str = MediationChannel.WINDOW,
    body_kind: str = MediationBody.COMMISSION,
    body_name: str = "",
    **application,
) -> MediationCase:
    """Register a mediation application; the 15 days of LDMAL Art 14 run from its receipt.

    ``actor=None`` is a public green-channel submission (idempotent on ``submission_key``). ``application``:
    as for an arbitration (``arbitration.services.common.read_application``).
    """
    check_actor(
        actor,
        jurisdiction,
        (Role.MEDIATOR, Role.ARBITRATION_CHAIR),
        "只有调解员或仲裁委员会工作人员可以登记调解申请",
    )
    if existing := submitted_case(MediationCase, application.get("submission_key")):
        return existing
    app = read_application(
        channels=MediationChannel,
        channel=channel,
        jurisdiction=jurisdiction,
        facts_message="请填写争议事实与调解请求",
        **application,
    )
    if body_kind not in MediationBody.values:
        raise ValidationError({"body_kind": ["未知的调解组织类型"]})
    case = MediationCase(
        **app.fields,
        body_kind=body_kind,
        body_name=(body_name or "").strip() or f"{jurisdiction.name}劳动人事争议仲裁委员会调解室",
    )
    if case.green_channel:
        days = ArbitrationSettings.current().green_mediation_days
        case.target_close_by = case.received_on + timedelta(days=days)
    return register_application(case, app, actor=actor, label="登记调解申请", details={}, rule=SETTLE)


def mediation_accept(*, actor, case_id, on=None, reason: str = "", expected_state=None) -> MediationCase:
    with _transition("accept", case_id, actor, reason, expected_state, public=True) as step:
        accept_application(step, on)
        if actor is not None and actor.has_role(Role.MEDIATOR):
            step.case.assignees.add(actor)
    return step.case


def mediation_refuse(*, actor, case_id, reason: str, expected_state=None) -> MediationCase:
    reason = require_text(reason, "reason", "请填写不予受理的理由")
    with _transition("refuse", case_id, actor, reason, expected_state, public=True) as step:
        refuse_application(step, reason, MediationOutcome.NOT_ACCEPTED)
    return step.case


def mediation_hold_session(
    *, actor, case_id, summary: str, held_on=None, place: str = "", expected_state=None
) -> MediationCase:
    summary = require_text(summary, "summary", "请填写调解情况")
    with _transition("hold_session", case_id, actor, summary, expected_state) as step:
        case = step.case
        held_on = act_on(held_on, "held_on", after=case.accepted_on, after_label="受理日期")
        step.fire()
        session = MediationSession.objects.create(
            case=case,
            sequence=case.sessions.count() + 1,
            held_on=held_on,
            place=(place or "").strip(),
            mediator=actor,
            summary=summary,
        )
        step.details["session"] = session.sequence
    return step.case


def mediation_reach_agreement(
    *, actor, case_id, terms: str, on=None, performance_due=None, expected_state=None
) -> MediationCase:
    """调解协议, signed by both parties and the mediator (LDMAL Art 14); binding on them."""
    terms = require_text(terms, "terms", "请填写调解协议的内容")
    performance_due = parse_date(performance_due, "performance_due", window=AHEAD)
    with _transition("reach_agreement", case_id, actor, "", expected_state, public=True) as step:
        case = step.case
        on = act_on(on, after=case.received_on, after_label="收到申请日期")
        if performance_due and performance_due < on:
            raise ValidationError({"performance_due": ["履行期限不能早于协议生效日期"]})
        step.fire()
        case.agreement_on, case.agreement_terms = on, terms
        case.performance_due = performance_due
        case.outcome = MediationOutcome.AGREEMENT
        deadlines.meet(case, SETTLE, on=on)
        step.details["agreement_on"] = on
    return step.case


def mediation_fail(*, actor, case_id, reason: str, on=None, expected_state=None) -> MediationCase:
    """调解不成 (or 15 days passed without agreement): the worker may apply for arbitration (Art 14)."""
    reason = require_text(reason, "reason", "请填写调解不成的原因")
    with _transition("fail", case_id, actor, reason, expected_state, public=True) as step:
        case = step.case
        on = act_on(on, after=case.received_on, after_label="收到申请日期")
        step.fire()
        case.failed_on, case.failure_reason, case.outcome = on, reason, MediationOutcome.FAILED
        deadlines.meet(case, SETTLE, on=on)
    return step.case


def mediation_withdraw(*, actor, case_id, reason: str, expected_state=None) -> MediationCase:
    reason = require_text(reason, "reason", "请填写撤回情况")
    with _transition("withdraw", case_id, actor, reason, expected_state, public=True) as step:
        step.fire()
        case = step.case
        case.outcome, case.closed_at = MediationOutcome.WITHDRAWN, timezone.now()
        deadlines.cancel(case)
    return step.case


# --- arbitral review of the agreement (ARB-RULES Arts 74–76) -----------------------------------------
def mediation_request_review(*, actor, case_id, on=None, reason: str = "", expected_state=None):
    """Both parties apply for review within 15 days of the agreement (Art 74)."""
    with _transition("request_review", case_id, actor, reason, expected_state) as step:
        case = step.case
        on = act_on(on, after=case.agreement_on, after_label="协议生效日期")
        if not case.review_window_open(on):
            raise ValidationError({"on": ["仲裁审查须在调解协议生效之日起15日内申请（办案规则第七十四条）"]})
        step.fire()
        case.review_requested_on = on
        deadline = deadlines.start(case, REVIEW_ACCEPT, on=on)
        step.details["accept_due"] = deadline.due_on
    return step.case


def mediation_accept_review(*, actor, case_id, reviewer, on=None, reason: str = "", expected_state=None):
    """The chair accepts the review and designates an arbitrator, who is granted the case (Art 76)."""
    if reviewer is None:
        raise ValidationError({"reviewer": ["请指定审查调解协议的仲裁员"]})
    with _transition("accept_review", case_id, actor, reason, expected_state) as step:
        case = step.case
        tribunal_svc.check_arbitrators([reviewer], case, "reviewer")
        on = act_on(on, after=case.review_requested_on, after_label="申请审查日期")
        step.fire()
        case.review_accepted_on = on
        tribunal_svc.grant_case(reviewer, case)
        deadlines.meet(case, REVIEW_ACCEPT, on=on)
        deadline = deadlines.start(case, REVIEW, on=on)
        step.details.update({"reviewer": str(reviewer), "review_due": deadline.due_on})
    return step.case


def mediation_confirm_review(*, actor, case_id, terms: str = "", on=None, expected_state=None):
    """The agreement is lawful: the commission issues a 调解书 with the same content (Art 76)."""
    with _transition("confirm_review", case_id, actor, "", expected_state, public=True) as step:
        case = step.case
        on = act_on(on, after=case.review_accepted_on, after_label="受理审查日期")
        step.fire()
        case.review_issued_on = on
        case.review_terms = (terms or "").strip() or case.agreement_terms
        case.outcome = MediationOutcome.REVIEWED
        deadlines.meet(case, REVIEW, on=on)
    return step.case


def mediation_refuse_review(*, actor, case_id, reason: str, expected_state=None) -> MediationCase:
    reason = require_text(reason, "reason", "请填写不予受理审查或不予制作调解书的理由")
    with _transition("refuse_review", case_id, actor, reason, expected_state) as step:
        step.fire()
        step.case.review_refusal_reason = reason
        deadlines.cancel(step.case, [REVIEW_ACCEPT, REVIEW])
    return step.case


def mediation_close(*, actor, case_id, summary: str, expected_state=None) -> MediationCase:
    summary = require_text(summary, "summary", "请填写结案意见")
    with _transition("close", case_id, actor, summary, expected_state, public=True) as step:
        close_application(step, summary)
    return step.case


def mediation_archive(*, actor, case_id, reason: str = "", expected_state=None) -> MediationCase:
    with _transition("archive", case_id, actor, reason, expected_state) as step:
        step.fire()
    return step.case


def _convert(*, actor, case_id, reason: str = "", expected_state=None):
    from arbitration.services.conversion import mediation_to_arbitration

    return mediation_to_arbitration(
        actor=actor, mediation_id=case_id, reason=reason, expected_state=expected_state
    )[0]


TRANSITION_SERVICES = {
    "accept": mediation_accept,
    "refuse": mediation_refuse,
    "hold_session": mediation_hold_session,
    "reach_agreement": mediation_reach_agreement,
    "fail": mediation_fail,
    "withdraw": mediation_withdraw,
    "request_review": mediation_request_review,
    "accept_review": mediation_accept_review,
    "confirm_review": mediation_confirm_review,
    "refuse_review": mediation_refuse_review,
    "convert": _convert,
    "close": mediation_close,
    "archive": mediation_archive,
}
