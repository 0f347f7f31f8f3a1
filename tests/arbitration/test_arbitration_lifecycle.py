"""Every path of the arbitration state machine, through the services."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from guardian.shortcuts import get_perms

from arbitration.models import ArbitrationCase, Award, Hearing, TribunalMember
from arbitration.models import ArbitrationState as S
from arbitration.services import arbitration as svc
from casework.models import Deadline, TransitionLog
from casework.services.transitions import (
    PreconditionFailed,
    TransitionConflict,
    TransitionForbidden,
    TransitionNotAvailable,
    available_transitions,
)
from tests.arbitration.conftest import WAGE_CLAIM, D, at
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def rules(case, *statuses):
    qs = Deadline.objects.filter(object_id=case.pk, content_type__model="arbitrationcase")
    if statuses:
        qs = qs.filter(status__in=statuses)
    return {d.rule: d for d in qs}


def log_of(case):
    return list(
        TransitionLog.objects.filter(object_id=case.pk, content_type__model="arbitrationcase").values_list(
            "transition", "public"
        )
    )


def test_application_is_numbered_and_starts_the_acceptance_clock(apply):
    case = apply()
    assert case.number == "吉首劳人仲案〔2026〕0001号" and case.state == S.APPLIED
    # received Mon 5 Jan 2026 → 5 working days → Mon 12 Jan
    assert rules(case)["arbitration.accept"].due_on == D("2026-01-12")
    assert case.next_due == D("2026-01-12")
    assert log_of(case) == [("register", True)]
    assert apply().number == "吉首劳人仲案〔2026〕0002号"


def test_application_without_applicant_or_facts_names_the_field_and_saves_nothing(apply):
    with pytest.raises(ValidationError) as err:
        apply(applicants=[])
    assert "applicants" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        apply(claims=[{"claim_type": "wages", "description": "工资"}])
    assert "claims" in err.value.message_dict and "金额" in err.value.message_dict["claims"][0]
    with pytest.raises(ValidationError) as err:
        apply(respondent=None, respondent_name_given="")
    assert "respondent" in err.value.message_dict
    assert ArbitrationCase.objects.count() == 0 and TransitionLog.objects.count() == 0


def test_only_the_commission_registers_applications(apply, arb_staff, luxi):
    with pytest.raises(TransitionForbidden):
        apply(actor=arb_staff["arb1"])
    with pytest.raises(TransitionForbidden):
        apply(actor=arb_staff["chair"], jurisdiction=luxi)
    assert ArbitrationCase.objects.count() == 0


def test_public_submission_needs_no_actor_and_is_idempotent(apply):
    first = apply(actor=None, channel="green_channel", submission_key="k-123")
    again = apply(actor=None, channel="green_channel", submission_key="k-123")
    assert first.pk == again.pk and ArbitrationCase.objects.count() == 1
    assert first.green_channel
    entry = TransitionLog.objects.get(object_id=first.pk)
    assert entry.actor is None and entry.public


def test_missing_materials_are_listed_at_once_and_the_clock_restarts_on_receipt(apply, arb_staff, respondent):
    chair = arb_staff["chair"]
    case = apply(respondent=None, respondent_name_given="某老板", claims=[])
    with pytest.raises(PreconditionFailed) as err:
        svc.arbitration_accept(actor=chair, case_id=case.pk, on=D("2026-01-06"))
    assert "材料不齐备" in err.value.message
    case = svc.arbitration_request_materials(
        actor=chair, case_id=case.pk, missing=["evidence"], note="工资欠条原件", on=D("2026-01-06")
    )
    assert case.state == S.MATERIALS_REQUESTED
    # The system's own findings (no respondent, no claim) are listed with the ticked item and the note.
    assert case.missing_materials == ["respondent_details", "claims", "evidence", "工资欠条原件"]
    assert rules(case)["arbitration.accept"].status == "paused"
    ArbitrationCase.objects.filter(pk=case.pk).update(respondent=respondent)
    svc.arbitration_add_claim(
        actor=chair, case_id=case.pk, claim_type="wages", amount="9000", on=D("2026-01-13")
    )
    case = svc.arbitration_receive_materials(actor=chair, case_id=case.pk, on=D("2026-01-13"))
    assert case.state == S.APPLIED and case.missing_materials == []
    # Complete on Tue 13 Jan: 5 working days afresh → Tue 20 Jan.
    assert rules(case, "open")["arbitration.accept"].due_on == D("2026-01-20")
    case = svc.arbitration_accept(actor=chair, case_id=case.pk, on=D("2026-01-14"))
    assert case.state == S.ACCEPTED


def test_refusal_needs_reasons_and_ends_the_case(apply, arb_staff):
    case = apply()
    with pytest.raises(ValidationError) as err:
        svc.arbitration_refuse(actor=arb_staff["chair"], case_id=case.pk, reason=" ")
    assert "reason" in err.value.message_dict
    case = svc.arbitration_refuse(actor=arb_staff["chair"], case_id=case.pk, reason="不属于受理范围")
    assert case.state == S.NOT_ACCEPTED and case.outcome == "not_accepted" and case.closed_at
    assert rules(case, "open", "paused") == {}
    assert ("refuse", True) in log_of(case)


def test_acceptance_starts_service_tribunal_and_award_clocks(accepted):
    case = accepted()
    assert case.state == S.ACCEPTED and case.accepted_on == D("2026-01-07")
    running = rules(case, "open")
    assert running["arbitration.serve"].due_on == D("2026-01-14")
    assert running["arbitration.tribunal"].due_on == D("2026-01-14")
    # Wed 7 Jan + 45 days = Sat 21 Feb, inside the Spring Festival holiday → Tue 24 Feb.
    assert running["arbitration.award"].due_on == D("2026-02-24")
    assert rules(case)["arbitration.accept"].status == "met"
    assert ("accept", True) in log_of(case)


def test_acceptance_date_cannot_be_in_the_future_or_before_receipt(apply, arb_staff):
    case = apply()
    with pytest.raises(ValidationError) as err:
        svc.arbitration_accept(actor=arb_staff["chair"], case_id=case.pk, on=D("2026-01-02"))
    assert "on" in err.value.message_dict
    assert ArbitrationCase.objects.get(pk=case.pk).state == S.APPLIED


def test_service_defence_and_defence_copy(accepted, arb_staff):
    chair = arb_staff["chair"]
    case = accepted()
    case = svc.arbitration_serve(actor=chair, case_id=case.pk, on=D("2026-01-08"))
    assert case.state == S.SERVED
    # served Thu 8 Jan: 10 working days → Thu 22 Jan
    assert rules(case, "open")["arbitration.defence"].due_on == D("2026-01-22")
    case = svc.arbitration_record_defence(
        actor=chair, case_id=case.pk, summary="已支付部分工资", on=D("2026-01-16")
    )
    # defence Fri 16 Jan: its copy within 5 working days → Fri 23 Jan
    assert rules(case, "open")["arbitration.defence_copy"].due_on == D("2026-01-23")
    case = svc.arbitration_send_defence_copy(actor=chair, case_id=case.pk, on=D("2026-01-19"))
    assert rules(case)["arbitration.defence_copy"].status == "met"
    names = {t["name"] for t in available_transitions(case, chair)}
    assert "record_defence" not in names and "send_defence_copy" not in names


def test_tribunal_of_three_grants_the_case_and_counts_as_assignment(formed, arb_staff):
    case = formed()
    assert case.state == S.TRIBUNAL_FORMED
    roles = dict(TribunalMember.objects.filter(case=case).values_list("user__username", "role"))
    assert roles == {
        arb_staff["arb1"].username: "presiding",
        arb_staff["arb2"].username: "member",
        arb_staff["arb3"].username: "member",
    }
    assert set(case.assignees.all()) == {arb_staff["arb1"], arb_staff["arb2"], arb_staff["arb3"]}
    assert set(get_perms(arb_staff["arb1"], case)) == {"view_arbitrationcase", "change_arbitrationcase"}
    assert get_perms(arb_staff["arb4"], case) == []
    assert rules(case)["arbitration.tribunal"].status == "met"


def test_tribunal_size_follows_the_procedure(accepted, arb_staff):
    chair, a1, a2 = arb_staff["chair"], arb_staff["arb1"], arb_staff["arb2"]
    case = accepted()
    with pytest.raises(ValidationError) as err:
        svc.arbitration_form_tribunal(actor=chair, case_id=case.pk, presiding=a1, members=[a2])
    assert "members" in err.value.message_dict and "三名" in err.value.message_dict["members"][0]
    with pytest.raises(ValidationError) as err:
        svc.arbitration_form_tribunal(
            actor=chair, case_id=case.pk, presiding=a1, members=[a2, arb_staff["mediator"]]
        )
    assert "不是本仲裁委员会的仲裁员" in err.value.message_dict["members"][0]
    with pytest.raises(ValidationError):
        svc.arbitration_form_tribunal(
            actor=chair, case_id=case.pk, presiding=a1, members=[a2, arb_staff["luxi_arbitrator"]]
        )
    case = svc.arbitration_form_tribunal(actor=chair, case_id=case.pk, presiding=a1, procedure="simplified")
    assert case.procedure == "simplified"
    assert list(TribunalMember.objects.filter(case=case).values_list("role", flat=True)) == ["sole"]


def test_collective_case_is_flagged_prioritised_and_needs_three_arbitrators(accepted, arb_staff):
    chair, a1 = arb_staff["chair"], arb_staff["arb1"]
    workers = PersonFactory.create_batch(10)
    case = accepted(applicants=workers)
    assert case.collective and case.procedure == "ordinary"
    with pytest.raises(ValidationError) as err:
        svc.arbitration_form_tribunal(actor=chair, case_id=case.pk, presiding=a1, procedure="simplified")
    assert "procedure" in err.value.message_dict
    # Even a case whose procedure was set to simplified cannot be formed with one arbitrator once collective.
    ArbitrationCase.objects.filter(pk=case.pk).update(procedure="simplified")
    with pytest.raises(PreconditionFailed) as err:
        svc.arbitration_form_tribunal(actor=chair, case_id=case.pk, presiding=a1)
    assert "三名仲裁员" in err.value.message
    ArbitrationCase.objects.filter(pk=case.pk).update(procedure="ordinary")
    with pytest.raises(ValidationError):
        svc.arbitration_form_tribunal(actor=chair, case_id=case.pk, presiding=a1)
    svc.arbitration_form_tribunal(
        actor=chair, case_id=case.pk, presiding=a1, members=[arb_staff["arb2"], arb_staff["arb3"]]
    )
    # Representatives: 3 to 5, from among the applicants.
    with pytest.raises(ValidationError):
        svc.arbitration_set_representatives(actor=chair, case_id=case.pk, persons=workers[:2])
    with pytest.raises(ValidationError):
        svc.arbitration_set_representatives(
            actor=chair, case_id=case.pk, persons=[*workers[:2], PersonFactory()]
        )
    svc.arbitration_set_representatives(
        actor=chair, case_id=case.pk, persons=workers[:3], elected_on=D("2026-01-10")
    )
    assert [r.person for r in case.representatives.all()] == workers[:3]
    nine = accepted(applicants=PersonFactory.create_batch(9))
    assert not nine.collective
    with pytest.raises(PreconditionFailed):
        svc.arbitration_set_representatives(actor=chair, case_id=nine.pk, persons=[])


def test_hearing_notice_five_working_days_before_across_the_spring_festival(formed, arb_staff):
    case = formed()
    arb = arb_staff["arb1"]
    # Hearing Thu 26 Feb 2026: back 2/25, 2/24, (2/15–23 off), 2/14 Sat make-up, 2/13, 2/12 → notice by 12 Feb.
    with pytest.raises(ValidationError) as err:
        svc.arbitration_schedule_hearing(
            actor=arb,
            case_id=case.pk,
            hearing_at=at("2026-02-26T09:00"),
            place="第一仲裁庭",
            notice_on=D("2026-02-13"),
        )
    assert "2026-02-27" in err.value.message_dict["hearing_at"][0]  # the earliest day for a notice on 13 Feb
    case = svc.arbitration_schedule_hearing(
        actor=arb,
        case_id=case.pk,
        hearing_at=at("2026-02-26T09:00"),
        place="第一仲裁庭",
        notice_on=D("2026-02-12"),
    )
    assert case.state == S.HEARING_SCHEDULED
    notice = rules(case)["arbitration.hearing_notice"]
    assert (notice.due_on, notice.status, notice.met_on) == (D("2026-02-12"), "met", D("2026-02-12"))
    assert ("schedule_hearing", True) in log_of(case)


def test_hearing_needs_the_application_served(accepted, arb_staff):
    chair = arb_staff["chair"]
    case = accepted()
    svc.arbitration_form_tribunal(
        actor=chair, case_id=case.pk, presiding=arb_staff["arb1"], procedure="simplified"
    )
    with pytest.raises(PreconditionFailed) as err:
        svc.arbitration_schedule_hearing(
            actor=chair,
            case_id=case.pk,
            hearing_at=at("2026-01-20T09:00"),
            place="庭",
            notice_on=D("2026-01-12"),
        )
    assert "送达" in err.value.message
    case = svc.arbitration_serve(actor=chair, case_id=case.pk, on=D("2026-01-09"))
    assert case.state == S.TRIBUNAL_FORMED and case.served_on == D("2026-01-09")


def test_postponement_requested_by_a_party_must_come_three_working_days_before(accepted, arb_staff):
    chair = arb_staff["chair"]
    case = accepted(received_on=D("2026-08-31"), on="2026-09-01")
    svc.arbitration_serve(actor=chair, case_id=case.pk, on=D("2026-09-02"))
    svc.arbitration_form_tribunal(
        actor=chair, case_id=case.pk, presiding=arb_staff["arb1"], procedure="simplified"
    )
    svc.arbitration_schedule_hearing(
        actor=chair, case_id=case.pk, hearing_at=at("2026-10-12T09:00"), place="庭", notice_on=D("2026-09-28")
    )
    # Hearing Mon 12 Oct: back 10/10 Sat make-up, 10/9, 10/8 → a party asks by Thu 8 Oct.
    with pytest.raises(ValidationError) as err:
        svc.arbitration_postpone_hearing(
            actor=chair,
            case_id=case.pk,
            hearing_at=at("2026-10-20T09:00"),
            reason="申请人生病",
            by_party=True,
            requested_on=D("2026-10-09"),
            notice_on=D("2026-10-09"),
        )
    assert "2026-10-08" in err.value.message_dict["requested_on"][0]
    case = svc.arbitration_postpone_hearing(
        actor=chair,
        case_id=case.pk,
        hearing_at=at("2026-10-20T09:00"),
        reason="申请人生病",
        by_party=True,
        requested_on=D("2026-10-08"),
        notice_on=D("2026-10-09"),
    )
    assert case.state == S.HEARING_SCHEDULED
    assert list(case.hearings.values_list("status", flat=True)) == ["postponed", "scheduled"]
    assert case.current_hearing().scheduled_at == at("2026-10-20T09:00")
    with pytest.raises(TransitionForbidden):  # the commission decides postponements, not the arbitrator
        svc.arbitration_postpone_hearing(
            actor=arb_staff["arb1"], case_id=case.pk, hearing_at=at("2026-11-20T09:00"), reason="x"
        )


def test_hold_hearing_records_attendance_and_drops_the_unanswered_defence(formed, arb_staff):
    case = formed()
    arb = arb_staff["arb2"]
    svc.arbitration_schedule_hearing(
        actor=arb,
        case_id=case.pk,
        hearing_at=at("2026-01-20T09:30"),
        place="第一仲裁庭",
        notice_on=D("2026-01-12"),
    )
    case = svc.arbitration_hold_hearing(
        actor=arb, case_id=case.pk, record="被申请人经书面通知未到庭", respondent_present=False
    )
    assert case.state == S.HEARD
    hearing = Hearing.objects.get(case=case)
    assert (hearing.status, hearing.applicant_present, hearing.respondent_present) == ("held", True, False)
    assert rules(case)["arbitration.defence"].status == "cancelled"


def test_hearing_cannot_be_recorded_before_its_day(formed, arb_staff):
    from datetime import timedelta

    from django.utils import timezone

    case = formed()
    later = timezone.now() + timedelta(days=20)
    svc.arbitration_schedule_hearing(actor=arb_staff["arb1"], case_id=case.pk, hearing_at=later, place="庭")
    with pytest.raises(PreconditionFailed):
        svc.arbitration_hold_hearing(actor=arb_staff["arb1"], case_id=case.pk, record="x")
    with pytest.raises(PreconditionFailed):
        svc.arbitration_deem_withdrawn(actor=arb_staff["arb1"], case_id=case.pk, reason="x")


def test_applicant_absent_is_deemed_withdrawal(formed, arb_staff):
    case = formed()
    arb = arb_staff["arb1"]
    svc.arbitration_schedule_hearing(
        actor=arb, case_id=case.pk, hearing_at=at("2026-01-20T09:30"), place="庭", notice_on=D("2026-01-12")
    )
    case = svc.arbitration_deem_withdrawn(
        actor=arb, case_id=case.pk, reason="申请人经书面通知无正当理由拒不到庭"
    )
    assert case.state == S.WITHDRAWN and case.outcome == "deemed_withdrawn" and case.closed_at
    assert case.hearings.get().applicant_present is False
    assert rules(case, "open", "paused") == {}
    assert case.retention_years == 5


def test_mediation_in_arbitration_then_close_and_archive(heard, arb_staff):
    case = heard()
    with pytest.raises(ValidationError):
        svc.arbitration_mediate(actor=arb_staff["arb1"], case_id=case.pk, terms="")
    case = svc.arbitration_mediate(
        actor=arb_staff["arb1"], case_id=case.pk, terms="被申请人支付工资15000元", signed_on=D("2026-01-22")
    )
    assert case.state == S.MEDIATED and case.outcome == "mediation"
    assert rules(case)["arbitration.award"].status == "met"
    with pytest.raises(TransitionForbidden):
        svc.arbitration_close(actor=arb_staff["arb1"], case_id=case.pk, summary="x")
    case = svc.arbitration_close(actor=arb_staff["chair"], case_id=case.pk, summary="调解书已送达")
    assert case.state == S.CLOSED and case.closed_at and case.closing_approved_by == arb_staff["chair"]
    assert case.retention_years == 5
    case = svc.arbitration_archive(actor=arb_staff["arb1"], case_id=case.pk)
    assert case.state == S.ARCHIVED
    assert [t for t, _public in log_of(case)] == [
        "register",
        "accept",
        "serve_application",
        "form_tribunal",
        "schedule_hearing",
        "hold_hearing",
        "mediate",
        "close",
        "archive",
    ]


def test_partial_award_then_award_of_the_rest(heard, arb_staff):
    claims = [
        WAGE_CLAIM,
        {"claim_type": "damages", "description": "未签书面劳动合同二倍工资差额", "amount": "30000.00"},
    ]
    case = heard(claims=claims)
    wages, damages = case.claims.all()
    arb = arb_staff["arb1"]
    with pytest.raises(ValidationError) as err:  # a partial award must leave something undecided
        svc.arbitration_partial_award(
            actor=arb,
            case_id=case.pk,
            items=[
                {"claim": wages.pk, "decision": "upheld", "awarded_amount": "15600"},
                {"claim": damages.pk, "decision": "dismissed"},
            ],
            text="x",
        )
    assert "items" in err.value.message_dict
    case = svc.arbitration_partial_award(
        actor=arb,
        case_id=case.pk,
        items=[{"claim": wages.pk, "decision": "upheld", "awarded_amount": "15600"}],
        text="欠薪事实清楚，先行裁决",
        on=D("2026-01-21"),
    )
    assert case.state == S.HEARD
    [partial] = case.awards.all()
    assert (partial.kind, partial.finality) == ("partial", "final")
    with pytest.raises(ValidationError):  # an award must decide every remaining item
        svc.arbitration_award(actor=arb, case_id=case.pk, items=[], text="x")
    case = svc.arbitration_award(
        actor=arb,
        case_id=case.pk,
        items=[{"claim": damages.pk, "decision": "partly_upheld", "awarded_amount": "26000"}],
        text="二倍工资差额部分支持",
        on=D("2026-02-10"),
    )
    assert case.state == S.AWARDED and case.outcome == "award"
    assert [(a.kind, a.finality) for a in case.awards.all()] == [("partial", "final"), ("final", "non_final")]
    assert case.retention_years == 10
    assert rules(case)["arbitration.award"].status == "met"
    assert "award" not in {t["name"] for t in available_transitions(case, arb)}


def test_award_amount_cannot_exceed_the_claim(heard, arb_staff):
    case = heard()
    item = case.claims.get()
    with pytest.raises(ValidationError) as err:
        svc.arbitration_award(
            actor=arb_staff["arb1"],
            case_id=case.pk,
            items=[{"claim": item.pk, "decision": "upheld", "awarded_amount": "15600.01"}],
            text="x",
        )
    assert "超过" in err.value.message_dict["items"][0]
    assert Award.objects.count() == 0 and ArbitrationCase.objects.get(pk=case.pk).state == S.HEARD


def test_withdrawal_cancellation_and_termination(accepted, formed, arb_staff):
    chair = arb_staff["chair"]
    case = svc.arbitration_withdraw(actor=chair, case_id=accepted().pk, reason="申请人书面撤回")
    assert (case.state, case.outcome) == (S.WITHDRAWN, "withdrawn") and case.closed_at
    case = svc.arbitration_cancel(actor=chair, case_id=accepted().pk, reason="已向法院起诉")
    assert (case.state, case.outcome) == (S.CANCELLED, "cancelled")
    case = formed()
    with pytest.raises(ValidationError):
        svc.arbitration_terminate(actor=chair, case_id=case.pk, reason="x", termination_reason="nonsense")
    case = svc.arbitration_terminate(
        actor=chair, case_id=case.pk, reason="逾期未裁决，申请人起诉", termination_reason="overdue_lawsuit"
    )
    assert (case.state, case.outcome, case.termination_reason) == (
        S.TERMINATED,
        "terminated",
        "overdue_lawsuit",
    )
    assert rules(case, "open", "paused") == {}
    with pytest.raises(TransitionNotAvailable):
        svc.arbitration_withdraw(actor=chair, case_id=case.pk, reason="x")
    case = svc.arbitration_archive(actor=chair, case_id=case.pk)
    assert case.state == S.ARCHIVED


def test_arbitrator_may_only_act_on_own_tribunal_steps(formed, arb_staff):
    case = formed()
    names = {t["name"] for t in available_transitions(case, arb_staff["arb2"])}
    assert "schedule_hearing" in names and "withdraw" in names
    assert not names & {"extend", "suspend", "cancel", "terminate", "postpone_hearing"}
    with pytest.raises(TransitionForbidden):
        svc.arbitration_extend(actor=arb_staff["arb2"], case_id=case.pk, reason="x")


def test_stale_page_gets_a_conflict(formed, arb_staff):
    case = formed()
    with pytest.raises(TransitionConflict):
        svc.arbitration_suspend(
            actor=arb_staff["chair"], case_id=case.pk, reason="x", expected_state=S.ACCEPTED
        )


def test_decided_awards_keep_the_finality_they_were_issued_with(heard, arb_staff):
    case = heard(claims=[{"claim_type": "wages", "description": "工资", "amount": "30000"}])
    item = case.claims.get()
    assert item.final is False  # claimed 30,000 > 24,000
    svc.arbitration_award(
        actor=arb_staff["arb1"],
        case_id=case.pk,
        items=[{"claim": item.pk, "decision": "partly_upheld", "awarded_amount": "20000"}],
        text="部分支持",
    )
    item.refresh_from_db()
    assert item.final is True and item.awarded_amount == Decimal("20000.00")
    assert case.awards.get().finality == "final"


def test_a_notice_sent_on_a_rest_day_counts_from_the_next_working_day(formed, arb_staff):
    case = formed()
    # Notice Sun 25 Jan 2026: counting from Mon 26 Jan, 27, 28, 29, 30, Mon 2 Feb → earliest Mon 2 Feb.
    with pytest.raises(ValidationError) as err:
        svc.arbitration_schedule_hearing(
            actor=arb_staff["arb1"],
            case_id=case.pk,
            hearing_at=at("2026-01-30T09:00"),
            place="庭",
            notice_on=D("2026-01-25"),
        )
    assert "最早可定于2026-02-02" in err.value.message_dict["hearing_at"][0]
    case = svc.arbitration_schedule_hearing(
        actor=arb_staff["arb1"],
        case_id=case.pk,
        hearing_at=at("2026-02-02T09:00"),
        place="庭",
        notice_on=D("2026-01-25"),
    )
    assert case.state == S.HEARING_SCHEDULED


def test_a_lapsed_defence_period_stops_counting_once_the_hearing_is_notified(formed, arb_staff):
    case = formed()  # served 8 Jan: defence due Thu 22 Jan
    svc.arbitration_schedule_hearing(
        actor=arb_staff["arb1"],
        case_id=case.pk,
        hearing_at=at("2026-02-02T09:00"),
        place="庭",
        notice_on=D("2026-01-23"),
    )
    assert rules(case)["arbitration.defence"].status == "cancelled"
    early = formed()
    svc.arbitration_schedule_hearing(
        actor=arb_staff["arb1"],
        case_id=early.pk,
        hearing_at=at("2026-02-02T09:00"),
        place="庭",
        notice_on=D("2026-01-15"),
    )
    assert rules(early)["arbitration.defence"].status == "open"  # still running: the respondent may answer
