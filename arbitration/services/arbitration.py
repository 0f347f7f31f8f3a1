"""Arbitration cases: every state change is one function here (see arbitration/models/arbitration.py).

Each ``arbitration_<verb>(*, actor, case_id, expected_state=None, ...)`` validates its payload, runs the
django-fsm transition through ``case_transition`` (row lock, visibility, permission, preconditions, log)
and starts or stops the statutory deadlines it concerns, in one transaction. Dates of acts done on paper
(``on``) default to today and may be earlier, never later.
"""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from arbitration.finality import WAGE_TYPES, amount_tested, case_threshold, claim_is_final, refresh_finality
from arbitration.models import (
    ArbitrationCase,
    ArbitrationChannel,
    ArbitrationOutcome,
    ArbitrationSettings,
    ArbitrationState,
    Award,
    ClaimDecision,
    Hearing,
    Procedure,
    Representative,
    Suspension,
    TerminationReason,
)
from arbitration.models.arbitration import IN_PROCEEDINGS, MATERIAL_LABELS
from arbitration.services import tribunal as tribunal_svc
from arbitration.services.common import (
    act_date,
    check_actor,
    clean_application,
    clean_claims,
    create_claims,
    money,
    require,
)
from casework.calendar.workdays import add_working_days, next_working_day
from casework.deadlines.compute import compute_due
from casework.deadlines.rules import get_rule
from casework.roles import Role
from casework.selectors.visibility import can_see
from casework.services import deadlines
from casework.services.notify_public import notify_applicants
from casework.services.transitions import (
    CaseNotFound,
    PreconditionFailed,
    TransitionForbidden,
    case_transition,
    lock_case,
    record_event,
    register_case,
    submitted_case,
)

ACCEPT = "arbitration.accept"
SERVE = "arbitration.serve"
DEFENCE = "arbitration.defence"
DEFENCE_COPY = "arbitration.defence_copy"
TRIBUNAL = "arbitration.tribunal"
HEARING_NOTICE = "arbitration.hearing_notice"
POSTPONE_REQUEST = "arbitration.postpone_request"
AWARD = "arbitration.award"

S = ArbitrationState


def _transition(case_id, name, *, actor, reason="", expected_state=None, public=False):
    return case_transition(
        ArbitrationCase,
        case_id,
        name,
        actor=actor,
        reason=reason,
        expected_state=expected_state,
        public=public,
    )


def is_green(applicants, claims, channel: str) -> bool:
    """Green channel: a migrant worker's wage dispute (or a green-channel submission)."""
    if channel == ArbitrationChannel.GREEN_CHANNEL:
        return True
    migrant = any(p.is_migrant_worker for p in applicants)
    return migrant and any(c["claim_type"] in WAGE_TYPES for c in claims)


# --- application -------------------------------------------------------------------------------------
@transaction.atomic
def arbitration_apply(
    *,
    actor,
    jurisdiction,
    applicants,
    facts: str,
    respondent=None,
    respondent_name_given: str = "",
    claims=(),
    evidence_list: str = "",
    channel: str = ArbitrationChannel.WINDOW,
    received_on: date | None = None,
    procedure: str = Procedure.ORDINARY,
    complex: bool = False,
    green_channel: bool = False,
    submission_key: str | None = None,
    from_mediation=None,
) -> ArbitrationCase:
    """Register an arbitration application and start the 5-working-day acceptance clock (LDMAL Art 29).

    ``actor=None`` is a public green-channel submission: no role is needed, ``submission_key`` makes a
    double submit return the case already created. Ten or more applicants make a collective case
    (ARB-RULES Art 5): flagged, prioritised, heard by three arbitrators. A migrant worker's wage claim
    goes into the green channel with the commission's internal targets (ArbitrationSettings).
    """
    check_actor(actor, jurisdiction, (Role.ARBITRATION_CHAIR,), "只有仲裁委员会工作人员可以登记仲裁申请")
    return create_application(
        actor=actor,
        jurisdiction=jurisdiction,
        applicants=applicants,
        facts=facts,
        respondent=respondent,
        respondent_name_given=respondent_name_given,
        claims=claims,
        evidence_list=evidence_list,
        channel=channel,
        received_on=received_on,
        procedure=procedure,
        complex=complex,
        green_channel=green_channel,
        submission_key=submission_key,
        from_mediation=from_mediation,
    )


@transaction.atomic
def create_application(
    *,
    actor,
    jurisdiction,
    applicants,
    facts: str,
    respondent=None,
    respondent_name_given: str = "",
    claims=(),
    evidence_list: str = "",
    channel: str = ArbitrationChannel.WINDOW,
    received_on: date | None = None,
    procedure: str = Procedure.ORDINARY,
    complex: bool = False,
    green_channel: bool = False,
    submission_key: str | None = None,
    from_mediation=None,
) -> ArbitrationCase:
    """``arbitration_apply`` without the actor check, for callers that checked already (conversion)."""
    if existing := submitted_case(ArbitrationCase, submission_key):
        return existing
    applicants, claims, received_on = clean_application(
        applicants=applicants,
        respondent=respondent,
        respondent_name_given=respondent_name_given,
        facts=facts,
        facts_message="请填写仲裁请求所根据的事实和理由",
        claims=claims,
        received_on=received_on,
    )
    if channel not in ArbitrationChannel.values:
        raise ValidationError({"channel": ["未知的申请渠道"]})
    if procedure not in Procedure.values:
        raise ValidationError({"procedure": ["未知的审理程序"]})
    collective = len(applicants) >= ArbitrationCase.COLLECTIVE_MIN_WORKERS
    if collective or complex:
        procedure = Procedure.ORDINARY  # ARB-RULES Art 5 / Art 56: three arbitrators
    green = green_channel or is_green(applicants, claims, channel)
    case = ArbitrationCase(
        jurisdiction=jurisdiction,
        channel=channel,
        received_on=received_on,
        respondent=respondent,
        respondent_name_given=(respondent_name_given or "").strip()
        or (respondent.name if respondent else ""),
        facts=facts.strip(),
        evidence_list=(evidence_list or "").strip(),
        procedure=procedure,
        collective=collective,
        complex=complex,
        green_channel=green,
        submission_key=submission_key or None,
        from_mediation=from_mediation,
    )
    if green:
        target = ArbitrationSettings.current().green_accept_working_days
        case.target_accept_by = add_working_days(received_on, target, jurisdiction.pk)
    register_case(
        case,
        actor=actor,
        label="登记仲裁申请",
        details={"channel": channel, "collective": collective, "green_channel": green},
        public=True,
        year=received_on.year,
    )
    case.applicants.set(applicants)
    create_claims(case, claims, on=received_on)
    refresh_finality(case)
    deadlines.start(case, ACCEPT, on=received_on)
    return case


# --- acceptance (LDMAL Art 29; ARB-RULES Arts 29–31) ---------------------------------------------------
def arbitration_request_materials(
    *, actor, case_id, missing=(), note: str = "", on=None, expected_state=None
) -> ArbitrationCase:
    """一次性告知补正: list every missing item at once (ARB-RULES Art 29): the ticked standard items, one
    further item per line of ``note``, and always the gaps the system sees itself (no respondent
    identified, no claim)."""
    with _transition(
        case_id, "request_materials", actor=actor, reason=note, expected_state=expected_state
    ) as step:
        case = step.case
        unknown = set(missing) - set(MATERIAL_LABELS) - {"other"}
        if unknown:
            raise ValidationError({"missing": [f"未知的材料项：{'、'.join(sorted(unknown))}"]})
        others = [line.strip() for line in (note or "").splitlines() if line.strip()]
        if "other" in missing and not others:
            raise ValidationError({"reason": ["请在说明中逐行列明其他需补正的材料"]})
        codes = list(
            dict.fromkeys([*case.missing_by_system(), *[m for m in missing if m != "other"], *others])
        )
        if not codes:
            raise ValidationError({"missing": ["请勾选需要补正的材料，或在说明中逐行列明"]})
        on = act_date(on, not_before=case.received_on, before_label="收到申请日期")
        step.fire()
        case.missing_materials, case.materials_requested_on = codes, on
        deadlines.pause(case, ACCEPT, on=on)
        step.details["missing"] = case.missing_material_labels
    return step.case


def arbitration_receive_materials(*, actor, case_id, on=None, reason: str = "", expected_state=None):
    """The corrected materials arrived: the 5 working days run afresh from that day (ARB-RULES Art 30)."""
    with _transition(
        case_id, "receive_materials", actor=actor, reason=reason, expected_state=expected_state
    ) as step:
        case = step.case
        on = act_date(on, not_before=case.materials_requested_on, before_label="通知补正日期")
        step.fire()
        case.missing_materials = []
        deadlines.restart(case, ACCEPT, on=on)
        step.details["received_on"] = on
    return step.case


def arbitration_accept(*, actor, case_id, on=None, reason: str = "", expected_state=None) -> ArbitrationCase:
    """受理: the 45-day award clock (LDMAL Art 43) and the 5-working-day service and tribunal periods
    (ARB-RULES Arts 33, 37) start."""
    with _transition(
        case_id, "accept", actor=actor, reason=reason, expected_state=expected_state, public=True
    ) as step:
        case = step.case
        on = act_date(on, not_before=case.received_on, before_label="收到申请日期")
        step.fire()
        step.on_commit(lambda: notify_applicants(step.case, "accepted"))
        case.accepted_on = on
        deadlines.meet(case, ACCEPT, on=on)
        deadlines.start(case, SERVE, on=on)
        deadlines.start(case, TRIBUNAL, on=on)
        award = deadlines.start(case, AWARD, on=on)
        if case.green_channel:
            days = ArbitrationSettings.current().green_close_days
            case.target_close_by = on + timedelta(days=days)
        step.details.update({"accepted_on": on, "award_due": award.due_on})
    return step.case


def arbitration_refuse(*, actor, case_id, reason: str, expected_state=None) -> ArbitrationCase:
    """不予受理, in writing with reasons (ARB-RULES Art 30–31)."""
    require((reason or "").strip(), "reason", "请填写不予受理的理由")
    with _transition(
        case_id, "refuse", actor=actor, reason=reason, expected_state=expected_state, public=True
    ) as step:
        step.fire()
        step.on_commit(lambda: notify_applicants(step.case, "not_accepted"))
        case = step.case
        case.refusal_reason, case.outcome = reason.strip(), ArbitrationOutcome.NOT_ACCEPTED
        case.closed_at = timezone.now()
        deadlines.meet(case, ACCEPT)
        deadlines.cancel(case)
    return step.case


# --- service, defence, tribunal ----------------------------------------------------------------------
def arbitration_serve(*, actor, case_id, on=None, reason: str = "", expected_state=None) -> ArbitrationCase:
    """The application copy reached the respondent on ``on``: its 10 working days of defence start."""
    with _transition(
        case_id, "serve_application", actor=actor, reason=reason, expected_state=expected_state
    ) as step:
        case = step.case
        on = act_date(on, not_before=case.accepted_on, before_label="受理日期")
        step.fire()
        case.served_on = on
        deadlines.meet(case, SERVE, on=on)
        defence = deadlines.start(case, DEFENCE, on=on)
        step.details.update({"served_on": on, "defence_due": defence.due_on})
    return step.case


def arbitration_record_defence(
    *, actor, case_id, summary: str = "", on=None, expected_state=None
) -> ArbitrationCase:
    """The defence arrived; its copy goes to the applicant within 5 working days (ARB-RULES Art 33)."""
    with _transition(
        case_id, "record_defence", actor=actor, reason=summary, expected_state=expected_state
    ) as step:
        case = step.case
        on = act_date(on, not_before=case.served_on, before_label="送达日期")
        step.fire()
        case.defence_received_on, case.defence_summary = on, (summary or "").strip()
        deadlines.meet(case, DEFENCE, on=on)
        copy = deadlines.start(case, DEFENCE_COPY, on=on)
        step.details.update({"received_on": on, "copy_due": copy.due_on})
    return step.case


def arbitration_send_defence_copy(*, actor, case_id, on=None, reason: str = "", expected_state=None):
    with _transition(
        case_id, "send_defence_copy", actor=actor, reason=reason, expected_state=expected_state
    ) as step:
        case = step.case
        on = act_date(on, not_before=case.defence_received_on, before_label="收到答辩书日期")
        step.fire()
        case.defence_copy_sent_on = on
        deadlines.meet(case, DEFENCE_COPY, on=on)
    return step.case


def arbitration_form_tribunal(
    *,
    actor,
    case_id,
    presiding,
    members=(),
    procedure: str | None = None,
    on=None,
    reason: str = "",
    expected_state=None,
) -> ArbitrationCase:
    """组成仲裁庭 (ARB-RULES Art 37): a sole arbitrator under the simplified procedure, three otherwise —
    always three for a collective or complex case. Grants the case to each arbitrator."""
    with _transition(
        case_id, "form_tribunal", actor=actor, reason=reason, expected_state=expected_state
    ) as step:
        case = step.case
        if procedure:
            if procedure not in Procedure.values:
                raise ValidationError({"procedure": ["未知的审理程序"]})
            if procedure == Procedure.SIMPLIFIED and (case.collective or case.complex):
                raise ValidationError({"procedure": ["集体劳动争议或重大复杂案件不适用简易程序"]})
            case.procedure = procedure
        on = act_date(on, not_before=case.accepted_on, before_label="受理日期")
        step.fire()
        changes = tribunal_svc.tribunal_set(case, presiding=presiding, members=list(members), on=on)
        case.tribunal_formed_on = on
        deadlines.meet(case, TRIBUNAL, on=on)
        step.details.update({"procedure": case.procedure, "arbitrators": changes["added"]})
    return step.case


def arbitration_change_tribunal(*, actor, case_id, presiding, members=(), reason: str) -> ArbitrationCase:
    """Replace arbitrators (e.g. after a recusal, ARB-RULES Art 11); access moves with membership."""
    require((reason or "").strip(), "reason", "请填写变更仲裁庭组成的理由（如回避）")
    with transaction.atomic():
        case = lock_case(ArbitrationCase, case_id)
        if not can_see(actor, case):
            raise CaseNotFound("案件不存在")
        if not actor.has_role(Role.ARBITRATION_CHAIR):
            raise TransitionForbidden("只有仲裁委主任可以变更仲裁庭组成")
        if case.tribunal_formed_on is None or not case.is_open or case.state in (S.AWARDED, S.MEDIATED):
            raise PreconditionFailed("只有已组庭、尚未作出裁决或调解的案件可以变更仲裁庭组成")
        changes = tribunal_svc.tribunal_set(
            case, presiding=presiding, members=list(members), on=timezone.localdate()
        )
    record_event(
        ArbitrationCase,
        case_id,
        name="change_tribunal",
        label="变更仲裁庭组成",
        actor=actor,
        reason=reason,
        details=changes,
    )
    return case


def arbitration_set_representatives(*, actor, case_id, persons, elected_on=None) -> ArbitrationCase:
    """The 3–5 representatives the workers of a collective case elected (ARB-RULES Art 5)."""
    persons = list(dict.fromkeys(persons))
    with transaction.atomic():
        case = lock_case(ArbitrationCase, case_id)
        if not can_see(actor, case):
            raise CaseNotFound("案件不存在")
        if not actor.has_role(Role.ARBITRATION_CHAIR, Role.ARBITRATOR):
            raise TransitionForbidden("只有仲裁委员会工作人员可以登记代表人")
        if not case.collective:
            raise PreconditionFailed("只有集体劳动争议需要推举代表人")
        if not case.is_open:
            raise PreconditionFailed("案件已办结")
        if not 3 <= len(persons) <= 5:
            raise ValidationError({"persons": ["集体劳动争议应推举三至五名代表人（办案规则第五条）"]})
        applicant_ids = set(case.applicants.values_list("pk", flat=True))
        if any(p.pk not in applicant_ids for p in persons):
            raise ValidationError({"persons": ["代表人须从本案申请人中推举"]})
        elected_on = act_date(elected_on, "elected_on")
        case.representatives.all().delete()
        Representative.objects.bulk_create(
            [Representative(case=case, person=p, elected_on=elected_on) for p in persons]
        )
    record_event(
        ArbitrationCase,
        case_id,
        name="set_representatives",
        label="登记集体争议代表人",
        actor=actor,
        details={"representatives": [p.name for p in persons]},
    )
    return case


# --- hearings (ARB-RULES Arts 38–39) ------------------------------------------------------------------
def _aware(value) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise ValidationError({"hearing_at": ["请填写正确的开庭时间"]}) from None
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time(9, 0))
    if not isinstance(value, datetime):
        raise ValidationError({"hearing_at": ["请填写开庭时间"]})
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def earliest_hearing_day(case, notice_on: date) -> date:
    """The first day a hearing may be held when the notice goes out on ``notice_on``: 5 working days
    counted from the notice's working day (a notice sent on a rest day counts from the next working day),
    the mirror of the backward count in ``arbitration.hearing_notice``."""
    first = next_working_day(notice_on, case.jurisdiction_id)
    return add_working_days(first, get_rule(HEARING_NOTICE).period, case.jurisdiction_id)


def _check_notice(case, hearing_day: date, notice_on: date) -> None:
    latest_notice = compute_due(HEARING_NOTICE, hearing_day, jurisdiction=case.jurisdiction_id).due
    if notice_on > latest_notice:
        earliest = earliest_hearing_day(case, notice_on)
        raise ValidationError(
            {
                "hearing_at": [
                    f"开庭通知须在开庭5日前送达当事人（办案规则第三十八条），最早可定于{earliest:%Y-%m-%d}"
                ]
            }
        )


def arbitration_schedule_hearing(
    *, actor, case_id, hearing_at, place: str, notice_on=None, reason: str = "", expected_state=None
) -> ArbitrationCase:
    """开庭通知: the hearing's date and place, notified at least 5 (working) days before (Art 38)."""
    require((place or "").strip(), "place", "请填写开庭地点")
    hearing_at = _aware(hearing_at)
    with _transition(
        case_id, "schedule_hearing", actor=actor, reason=reason, expected_state=expected_state, public=True
    ) as step:
        case = step.case
        notice_on = act_date(notice_on, "notice_on", not_before=case.accepted_on, before_label="受理日期")
        hearing_day = timezone.localtime(hearing_at).date()
        _check_notice(case, hearing_day, notice_on)
        step.fire()
        sequence = case.hearings.count() + 1
        Hearing.objects.create(
            case=case, sequence=sequence, scheduled_at=hearing_at, place=place.strip(), notice_on=notice_on
        )
        deadlines.start(case, HEARING_NOTICE, on=hearing_day)
        deadlines.meet(case, HEARING_NOTICE, on=notice_on)
        _close_lapsed_defence(case, notice_on)
        step.details.update(
            {"hearing_at": timezone.localtime(hearing_at).strftime("%Y-%m-%d %H:%M"), "place": place}
        )
    return step.case


def _close_lapsed_defence(case, on: date) -> None:
    """The respondent's defence period ran out without a defence: it is the party's period, not the
    commission's, and its lapse does not hold up the proceedings (ARB-RULES Art 33) — stop showing it."""
    defence = deadlines.running(case, DEFENCE)
    if defence is not None and defence.due_on < on:
        deadlines.cancel(case, [DEFENCE])


def arbitration_postpone_hearing(
    *,
    actor,
    case_id,
    hearing_at,
    reason: str,
    place: str = "",
    by_party: bool = False,
    requested_on=None,
    notice_on=None,
    expected_state=None,
) -> ArbitrationCase:
    """延期开庭, decided by the commission. A party's request must come at least 3 (working) days before
    the hearing (ARB-RULES Art 38); the new date is notified 5 days ahead like the first."""
    require((reason or "").strip(), "reason", "请填写延期开庭的理由")
    hearing_at = _aware(hearing_at)
    with _transition(
        case_id, "postpone_hearing", actor=actor, reason=reason, expected_state=expected_state
    ) as step:
        case = step.case
        hearing = case.current_hearing()
        old_day = timezone.localtime(hearing.scheduled_at).date()
        if by_party:
            requested_on = act_date(requested_on, "requested_on")
            last = compute_due(POSTPONE_REQUEST, old_day, jurisdiction=case.jurisdiction_id).due
            if requested_on > last:
                raise ValidationError(
                    {
                        "requested_on": [
                            f"当事人应在开庭三日前（最迟{last:%Y-%m-%d}）提出延期开庭申请（办案规则第三十八条）"
                        ]
                    }
                )
        notice_on = act_date(notice_on, "notice_on")
        new_day = timezone.localtime(hearing_at).date()
        if new_day <= old_day:
            raise ValidationError({"hearing_at": ["延期后的开庭时间应晚于原定时间"]})
        _check_notice(case, new_day, notice_on)
        step.fire()
        hearing.status, hearing.postponement_reason, hearing.postponed_by_party = (
            Hearing.Status.POSTPONED,
            reason.strip(),
            bool(by_party),
        )
        hearing.save(update_fields=["status", "postponement_reason", "postponed_by_party"])
        Hearing.objects.create(
            case=case,
            sequence=hearing.sequence + 1,
            scheduled_at=hearing_at,
            place=(place or "").strip() or hearing.place,
            notice_on=notice_on,
        )
        deadlines.start(case, HEARING_NOTICE, on=new_day)
        deadlines.meet(case, HEARING_NOTICE, on=notice_on)
        step.details.update(
            {"from": old_day, "to": timezone.localtime(hearing_at).strftime("%Y-%m-%d %H:%M")}
        )
    return step.case


def arbitration_hold_hearing(
    *,
    actor,
    case_id,
    record: str,
    applicant_present: bool = True,
    respondent_present: bool = True,
    expected_state=None,
) -> ArbitrationCase:
    """The hearing took place: its record (庭审笔录). A respondent who stays away may be decided against in
    absence (缺席裁决); an applicant who stays away is dealt with by ``arbitration_deem_withdrawn``."""
    require((record or "").strip(), "record", "请填写庭审笔录（或其摘要）")
    with _transition(case_id, "hold_hearing", actor=actor, reason="", expected_state=expected_state) as step:
        case = step.case
        hearing = case.current_hearing()
        step.fire()
        hearing.status, hearing.record = Hearing.Status.HELD, record.strip()
        hearing.held_on = timezone.localtime(hearing.scheduled_at).date()
        hearing.applicant_present, hearing.respondent_present = (
            bool(applicant_present),
            bool(respondent_present),
        )
        hearing.save()
        # A defence that never came does not hold up the proceedings (ARB-RULES Art 33).
        deadlines.cancel(case, [DEFENCE])
        step.details.update(
            {
                "hearing": hearing.sequence,
                "applicant_present": hearing.applicant_present,
                "respondent_present": hearing.respondent_present,
            }
        )
    return step.case


def arbitration_deem_withdrawn(*, actor, case_id, reason: str, expected_state=None) -> ArbitrationCase:
    """视为撤回: the applicant, duly notified, stayed away without good reason (ARB-RULES Art 39)."""
    require((reason or "").strip(), "reason", "请写明申请人经书面通知无正当理由拒不到庭的情况")
    with _transition(
        case_id, "deem_withdrawn", actor=actor, reason=reason, expected_state=expected_state, public=True
    ) as step:
        case = step.case
        hearing = case.current_hearing()
        step.fire()
        hearing.status, hearing.applicant_present = Hearing.Status.HELD, False
        hearing.held_on = timezone.localtime(hearing.scheduled_at).date()
        hearing.record = reason.strip()
        hearing.save()
        _end(case, ArbitrationOutcome.DEEMED_WITHDRAWN, reason)
    return step.case


# --- decisions ---------------------------------------------------------------------------------------
def arbitration_mediate(
    *, actor, case_id, terms: str, signed_on=None, expected_state=None
) -> ArbitrationCase:
    """调解书: effective once both parties sign it (ARB-RULES Art 72)."""
    require((terms or "").strip(), "terms", "请填写调解书的内容（协议事项）")
    with _transition(
        case_id, "mediate", actor=actor, reason="", expected_state=expected_state, public=True
    ) as step:
        case = step.case
        signed_on = act_date(signed_on, "signed_on", not_before=case.accepted_on, before_label="受理日期")
        step.fire()
        case.mediation_terms, case.mediation_signed_on = terms.strip(), signed_on
        case.outcome = ArbitrationOutcome.MEDIATION
        deadlines.meet(case, AWARD, on=signed_on)
        deadlines.cancel(case)
        step.details["signed_on"] = signed_on
    return step.case


def _decide(case, decisions, *, actor, kind: str, on: date, text: str) -> list[Award]:
    """Record the decision on each item and issue one award document per finality (ARB-RULES Art 50)."""
    undecided = {item.pk: item for item in case.claims.filter(decision="")}
    if not decisions:
        raise ValidationError({"items": ["请对至少一项请求作出裁决"]})
    threshold = case_threshold(case)
    if threshold is None:
        raise ValidationError(
            {"items": [f"{case.jurisdiction}在申请日没有有效的月最低工资标准，无法判断是否终局裁决"]}
        )
    chosen = []
    for entry in decisions:
        item = undecided.get(int(entry.get("claim") or 0))
        if item is None:
            raise ValidationError({"items": ["请求事项不存在或已经裁决"]})
        decision = entry.get("decision") or ""
        if decision not in ClaimDecision.values:
            raise ValidationError({"items": [f"第{item.position}项请求：请选择裁决结果"]})
        amount = money(entry.get("awarded_amount"), "items", allow_zero=True)
        if decision == ClaimDecision.DISMISSED:
            amount = None
        elif item.amount is not None and amount is None:
            raise ValidationError({"items": [f"第{item.position}项请求：请填写裁决金额"]})
        if amount is not None and item.amount is not None and amount > item.amount:
            raise ValidationError({"items": [f"第{item.position}项请求：裁决金额不能超过请求金额"]})
        item.decision, item.awarded_amount = decision, amount
        chosen.append(item)
    if len({i.pk for i in chosen}) != len(chosen):
        raise ValidationError({"items": ["同一请求事项不能重复裁决"]})
    if kind == Award.Kind.FINAL and len(chosen) != len(undecided):
        raise ValidationError({"items": ["作出裁决时须对全部未决请求作出裁决；部分请求可先行裁决"]})
    if kind == Award.Kind.PARTIAL and len(chosen) == len(undecided):
        raise ValidationError({"items": ["先行裁决只能针对部分请求；全部请求请直接作出裁决"]})
    groups: dict[str, list] = {Award.Finality.FINAL: [], Award.Finality.NON_FINAL: []}
    for item in chosen:
        item.final = claim_is_final(item.claim_type, amount_tested(item), threshold)
        groups[Award.Finality.FINAL if item.final else Award.Finality.NON_FINAL].append(item)
    sequence = case.awards.count()
    awards = []
    for finality, items in groups.items():
        if not items:
            continue
        sequence += 1
        award = Award.objects.create(
            case=case,
            sequence=sequence,
            kind=kind,
            finality=finality,
            issued_on=on,
            text=text,
            created_by=actor,
        )
        for item in items:
            item.award = award
            item.save(update_fields=["decision", "awarded_amount", "final", "award"])
        awards.append(award)
    return awards


def _parse_decisions(items) -> list[dict]:
    if not isinstance(items, list | tuple):
        raise ValidationError({"items": ["请逐项填写裁决结果"]})
    return [dict(i) for i in items]


def arbitration_partial_award(
    *, actor, case_id, items, text: str, on=None, expected_state=None
) -> ArbitrationCase:
    """先行裁决: decide the items whose facts are already clear (LDMAL Art 43; ARB-RULES Art 49)."""
    require((text or "").strip(), "text", "请填写裁决理由")
    decisions = _parse_decisions(items)
    with _transition(
        case_id, "partial_award", actor=actor, reason=text, expected_state=expected_state
    ) as step:
        case = step.case
        on = act_date(on, not_before=case.accepted_on, before_label="受理日期")
        step.fire()
        awards = _decide(case, decisions, actor=actor, kind=Award.Kind.PARTIAL, on=on, text=text.strip())
        step.details["awards"] = [a.title for a in awards]
    return step.case


def arbitration_award(*, actor, case_id, items, text: str, on=None, expected_state=None) -> ArbitrationCase:
    """裁决: every remaining item decided; final and non-final items go into separate documents."""
    require((text or "").strip(), "text", "请填写裁决理由")
    decisions = _parse_decisions(items)
    with _transition(
        case_id, "award", actor=actor, reason=text, expected_state=expected_state, public=True
    ) as step:
        case = step.case
        on = act_date(on, not_before=case.accepted_on, before_label="受理日期")
        step.fire()
        awards = _decide(case, decisions, actor=actor, kind=Award.Kind.FINAL, on=on, text=text.strip())
        case.outcome = ArbitrationOutcome.AWARD
        deadlines.meet(case, AWARD, on=on)
        deadlines.cancel(case)
        step.details["awards"] = [a.title for a in awards]
    return step.case


# --- the 45 days: extension, suspension, restart (LDMAL Art 43; ARB-RULES Arts 45–47) ----------------
def arbitration_extend(*, actor, case_id, reason: str, expected_state=None) -> ArbitrationCase:
    """The chair extends the award period once, by 15 days, in writing (延期审理审批表)."""
    require((reason or "").strip(), "reason", "请填写案情复杂需要延期的理由")
    with _transition(
        case_id, "extend", actor=actor, reason=reason, expected_state=expected_state, public=True
    ) as step:
        case = step.case
        if deadlines.running(case, AWARD) is None:
            raise PreconditionFailed("审理期限未在计算，不能延长")
        step.fire()
        deadline = deadlines.extend(case, AWARD)
        case.extended, case.extended_on, case.extension_reason = True, timezone.localdate(), reason.strip()
        case.extension_approved_by = actor
        step.details["award_due"] = deadline.due_on
    return step.case


def arbitration_suspend(*, actor, case_id, reason: str, on=None, expected_state=None) -> ArbitrationCase:
    """中止审理 (ARB-RULES Art 47): the 45 days stop running from ``on`` (Art 46)."""
    require((reason or "").strip(), "reason", "请填写中止审理的理由")
    with _transition(case_id, "suspend", actor=actor, reason=reason, expected_state=expected_state) as step:
        case = step.case
        on = act_date(on, not_before=case.accepted_on, before_label="受理日期")
        case.suspended_from_state = case.state
        step.fire()
        deadlines.pause(case, AWARD, on=on)
        Suspension.objects.create(case=case, suspended_on=on, reason=reason.strip(), approved_by=actor)
        step.details["suspended_on"] = on
    return step.case


def arbitration_resume(*, actor, case_id, reason: str, on=None, expected_state=None) -> ArbitrationCase:
    """恢复审理: the days of suspension are not counted; the award date moves by as many days."""
    require((reason or "").strip(), "reason", "请填写恢复审理的理由（中止原因已消除）")
    with _transition(case_id, "resume", actor=actor, reason=reason, expected_state=expected_state) as step:
        case = step.case
        suspension = case.suspensions.filter(resumed_on__isnull=True).order_by("-id").first()
        on = act_date(on, not_before=suspension.suspended_on if suspension else None, before_label="中止日期")
        before = deadlines.running(case, AWARD)
        paused_before = before.paused_days if before else 0
        step.fire()
        deadline = deadlines.resume(case, AWARD, on=on)
        case.suspended_from_state = ""
        if suspension:
            suspension.resumed_on, suspension.resume_reason = on, reason.strip()
            suspension.days_not_counted = (deadline.paused_days - paused_before) if deadline else 0
            suspension.save()
        step.details.update({"resumed_on": on, "award_due": deadline.due_on if deadline else None})
    return step.case


def restart_award_clock(*, actor, case_id, reason_code: str, note: str = "", on=None) -> ArbitrationCase:
    """The 45 days start afresh from ``on`` after joinder, completed correction, an amended claim, a merged
    counterclaim or a transfer (ARB-RULES Art 46; ``reason_code`` is one of the rule's restart events)."""
    events = {e.code: e for e in get_rule(AWARD).restart_events}
    if reason_code not in events:
        raise ValidationError({"reason_code": ["请选择重新计算审理期限的法定事由"]})
    with transaction.atomic():
        case = lock_case(ArbitrationCase, case_id)
        if actor is not None and not can_see(actor, case):
            raise CaseNotFound("案件不存在")
        if actor is not None and not (
            actor.has_role(Role.ARBITRATION_CHAIR) or case.assignees.filter(pk=actor.pk).exists()
        ):
            raise TransitionForbidden("只有仲裁委主任或本案仲裁员可以重新计算审理期限")
        if case.state not in IN_PROCEEDINGS:
            raise PreconditionFailed(
                f"案件当前状态为“{case.get_state_display()}”，不能重新计算审理期限（中止期间请先恢复审理）"
            )
        on = act_date(on, not_before=case.accepted_on, before_label="受理日期")
        deadline = deadlines.restart(case, AWARD, on=on)
        case.extended = False  # a new period: the chair may extend it once again
        case.save(update_fields=["extended", "updated_at"])
    record_event(
        ArbitrationCase,
        case_id,
        name="restart_award_clock",
        label=f"重新计算审理期限（{events[reason_code].label}）",
        actor=actor,
        reason=note,
        details={"reason_code": reason_code, "from": on, "award_due": deadline.due_on},
    )
    return case


def arbitration_add_claim(
    *, actor, case_id, claim_type: str, amount=None, description: str = "", on=None
) -> ArbitrationCase:
    """增加或变更仲裁请求 (ARB-RULES Art 44). After acceptance this restarts the 45 days (Art 46)."""
    claims = clean_claims(
        [{"claim_type": claim_type, "amount": amount, "description": description}], field="claim_type"
    )
    with transaction.atomic():
        case = lock_case(ArbitrationCase, case_id)
        if not can_see(actor, case):
            raise CaseNotFound("案件不存在")
        if not (actor.has_role(Role.ARBITRATION_CHAIR) or case.assignees.filter(pk=actor.pk).exists()):
            raise TransitionForbidden("只有仲裁委主任或本案仲裁员可以登记增加的仲裁请求")
        if case.state not in (S.APPLIED, S.MATERIALS_REQUESTED, *IN_PROCEEDINGS):
            raise PreconditionFailed(f"案件当前状态为“{case.get_state_display()}”，不能增加仲裁请求")
        on = act_date(on, not_before=case.received_on, before_label="收到申请日期")
        [item] = create_claims(case, claims, on=on)
        refresh_finality(case)
        restart = case.state in IN_PROCEEDINGS
    record_event(
        ArbitrationCase,
        case_id,
        name="add_claim",
        label="增加仲裁请求",
        actor=actor,
        details={"claim": str(item), "on": on},
    )
    if restart:
        restart_award_clock(actor=actor, case_id=case_id, reason_code="claim_amended", note=str(item), on=on)
    return ArbitrationCase.objects.get(pk=case_id)


# --- endings -----------------------------------------------------------------------------------------
def _end(case, outcome: str, reason: str) -> None:
    case.outcome, case.outcome_reason = outcome, reason.strip()
    case.closed_at = timezone.now()
    deadlines.cancel(case)
    suspension = case.suspensions.filter(resumed_on__isnull=True).first()
    if suspension:
        suspension.resumed_on, suspension.resume_reason = (
            timezone.localdate(),
            f"案件{case.get_outcome_display()}",
        )
        suspension.save(update_fields=["resumed_on", "resume_reason"])


def arbitration_withdraw(*, actor, case_id, reason: str, expected_state=None) -> ArbitrationCase:
    """撤回仲裁申请 (ARB-RULES Art 35)."""
    require((reason or "").strip(), "reason", "请填写撤回情况（如申请人书面申请撤回）")
    with _transition(
        case_id, "withdraw", actor=actor, reason=reason, expected_state=expected_state, public=True
    ) as step:
        step.fire()
        _end(step.case, ArbitrationOutcome.WITHDRAWN, reason)
    return step.case


def arbitration_cancel(*, actor, case_id, reason: str, expected_state=None) -> ArbitrationCase:
    """撤销案件: accepted but found not to meet the acceptance conditions (ARB-RULES Art 32)."""
    require((reason or "").strip(), "reason", "请填写撤销案件的理由")
    with _transition(
        case_id, "cancel", actor=actor, reason=reason, expected_state=expected_state, public=True
    ) as step:
        step.fire()
        _end(step.case, ArbitrationOutcome.CANCELLED, reason)
    return step.case


def arbitration_terminate(
    *, actor, case_id, reason: str, termination_reason: str = TerminationReason.OTHER, expected_state=None
) -> ArbitrationCase:
    """终止审理 (e.g. a party sued because the award was late, ARB-RULES Art 48)."""
    require((reason or "").strip(), "reason", "请填写终止审理的情况")
    if termination_reason not in TerminationReason.values:
        raise ValidationError({"termination_reason": ["请选择终止审理的情形"]})
    with _transition(
        case_id, "terminate", actor=actor, reason=reason, expected_state=expected_state, public=True
    ) as step:
        step.fire()
        step.case.termination_reason = termination_reason
        _end(step.case, ArbitrationOutcome.TERMINATED, reason)
        step.details["termination_reason"] = termination_reason
    return step.case


def arbitration_close(*, actor, case_id, summary: str, expected_state=None) -> ArbitrationCase:
    """结案, approved by the chair (结案审批表)."""
    require((summary or "").strip(), "summary", "请填写结案意见")
    with _transition(
        case_id, "close", actor=actor, reason=summary, expected_state=expected_state, public=True
    ) as step:
        step.fire()
        step.on_commit(lambda: notify_applicants(step.case, "closed"))
        case = step.case
        case.closing_summary, case.closing_approved_by = summary.strip(), actor
        case.closed_at = timezone.now()
        deadlines.cancel(case)
        step.details["outcome"] = case.outcome
    return step.case


def arbitration_archive(*, actor, case_id, reason: str = "", expected_state=None) -> ArbitrationCase:
    with _transition(case_id, "archive", actor=actor, reason=reason, expected_state=expected_state) as step:
        step.fire()
    return step.case


# Transition name → service, for the generic transition endpoints (pages and API).
def arbitration_record_court_proceedings(*, actor, case_id, filed_on, note: str = "") -> ArbitrationCase:
    """A party took the award to court (sued, LDMAL Arts 48/50, or applied to revoke it, Art 49).

    Not a state change: the case stays closed; the arbitration finality rate counts it as not final.
    """
    if filed_on is None:
        raise ValidationError({"filed_on": ["请填写起诉或申请撤销的日期"]})
    with transaction.atomic():
        case = lock_case(ArbitrationCase, case_id)
        if not can_see(actor, case):
            raise CaseNotFound("案件不存在")
        if not actor.has_role(Role.ARBITRATION_CHAIR, Role.ARBITRATOR):
            raise TransitionForbidden("只有仲裁员或仲裁委主任可以登记起诉情况")
        if case.closed_at is None or case.outcome != ArbitrationOutcome.AWARD:
            raise PreconditionFailed("只有已作出裁决并结案的案件可以登记起诉情况")
        if filed_on < case.closed_at.date() or filed_on > timezone.localdate():
            raise ValidationError({"filed_on": ["日期应在结案之后、今天之前"]})
        ArbitrationCase.objects.filter(pk=case.pk).update(court_proceedings_on=filed_on)
        record_event(
            ArbitrationCase,
            case.pk,
            name="record_court_proceedings",
            label="登记当事人起诉",
            actor=actor,
            reason=note,
            details={"filed_on": filed_on},
        )
    case.court_proceedings_on = filed_on
    return case


TRANSITION_SERVICES = {
    "request_materials": arbitration_request_materials,
    "receive_materials": arbitration_receive_materials,
    "accept": arbitration_accept,
    "refuse": arbitration_refuse,
    "serve_application": arbitration_serve,
    "record_defence": arbitration_record_defence,
    "send_defence_copy": arbitration_send_defence_copy,
    "form_tribunal": arbitration_form_tribunal,
    "schedule_hearing": arbitration_schedule_hearing,
    "postpone_hearing": arbitration_postpone_hearing,
    "hold_hearing": arbitration_hold_hearing,
    "deem_withdrawn": arbitration_deem_withdrawn,
    "mediate": arbitration_mediate,
    "partial_award": arbitration_partial_award,
    "award": arbitration_award,
    "extend": arbitration_extend,
    "suspend": arbitration_suspend,
    "resume": arbitration_resume,
    "withdraw": arbitration_withdraw,
    "cancel": arbitration_cancel,
    "terminate": arbitration_terminate,
    "close": arbitration_close,
    "archive": arbitration_archive,
}
