"""Every path of the mediation state machine, arbitral review of agreements, and conversion to arbitration."""

import pytest
from django.core.exceptions import ValidationError
from guardian.shortcuts import get_perms

from arbitration.models import ArbitrationCase, MediationCase
from arbitration.models import MediationState as M
from arbitration.services import arbitration as svc
from arbitration.services import mediation as msvc
from arbitration.services.conversion import mediation_to_arbitration
from casework.models import Deadline, TransitionLog
from casework.services.transitions import CaseNotFound, TransitionForbidden, TransitionNotAvailable
from tests.arbitration.conftest import D

pytestmark = pytest.mark.django_db


def deadline(case, rule):
    return Deadline.objects.filter(object_id=case.pk, content_type__model="mediationcase", rule=rule).latest(
        "id"
    )


def test_application_starts_the_15_day_clock(mediation):
    case = mediation()
    assert case.number == "吉首劳人调〔2026〕0001号" and case.state == M.APPLIED
    # received Thu 5 Feb 2026: + 15 = Fri 20 Feb, in the Spring Festival → Tue 24 Feb (LDMAL Art 14)
    assert deadline(case, "mediation.settle").due_on == D("2026-02-24")
    assert case.body_name == "吉首市劳动人事争议仲裁委员会调解室"


def test_migrant_workers_wage_claim_enters_the_green_channel_with_the_internal_target(mediation, applicant):
    case = mediation()
    assert applicant.is_migrant_worker and case.green_channel
    assert case.target_close_by == D("2026-02-12")  # 7 days (ArbitrationSettings default)
    other = mediation(
        applicants=[applicant], claims=[{"claim_type": "employment_relation", "description": "确认劳动关系"}]
    )
    assert not other.green_channel and other.target_close_by is None


def test_only_mediators_and_the_commission_register_mediations(mediation, arb_staff):
    with pytest.raises(TransitionForbidden):
        mediation(actor=arb_staff["arb1"])
    assert mediation(actor=arb_staff["chair"]).state == M.APPLIED


def test_sessions_then_agreement_then_close_and_archive(mediation, arb_staff):
    mediator = arb_staff["mediator"]
    case = mediation()
    case = msvc.mediation_accept(actor=mediator, case_id=case.pk, on=D("2026-02-05"))
    assert case.state == M.ACCEPTED and mediator in case.assignees.all()
    msvc.mediation_hold_session(
        actor=mediator, case_id=case.pk, summary="听取双方意见", held_on=D("2026-02-06")
    )
    case = msvc.mediation_hold_session(
        actor=mediator, case_id=case.pk, summary="第二次调解", held_on=D("2026-02-09")
    )
    assert case.state == M.IN_SESSION and case.sessions.count() == 2
    with pytest.raises(ValidationError) as err:
        msvc.mediation_reach_agreement(actor=mediator, case_id=case.pk, terms="")
    assert "terms" in err.value.message_dict
    case = msvc.mediation_reach_agreement(
        actor=mediator, case_id=case.pk, terms="被申请人于2月底前支付工资15600元", on=D("2026-02-10")
    )
    assert case.state == M.AGREEMENT and case.outcome == "agreement"
    settle = deadline(case, "mediation.settle")
    assert (settle.status, settle.met_on) == ("met", D("2026-02-10"))
    case = msvc.mediation_close(actor=mediator, case_id=case.pk, summary="协议已履行")
    assert case.state == M.CLOSED and case.closed_at and case.retention_years == 5
    case = msvc.mediation_archive(actor=mediator, case_id=case.pk)
    assert case.state == M.ARCHIVED


def test_refusal_and_withdrawal_end_the_case(mediation, arb_staff):
    mediator = arb_staff["mediator"]
    refused = msvc.mediation_refuse(actor=mediator, case_id=mediation().pk, reason="已申请仲裁")
    assert (refused.state, refused.outcome) == (M.NOT_ACCEPTED, "not_accepted") and refused.closed_at
    case = msvc.mediation_accept(actor=mediator, case_id=mediation().pk)
    case = msvc.mediation_withdraw(actor=mediator, case_id=case.pk, reason="申请人撤回")
    assert case.state == M.WITHDRAWN and deadline(case, "mediation.settle").status == "cancelled"


def test_arbitral_review_of_an_agreement(mediation, arb_staff):
    """Apply within 15 days of the agreement; accepted within 5 working days; reviewed within 5 more."""
    mediator, chair, reviewer = arb_staff["mediator"], arb_staff["chair"], arb_staff["arb3"]
    case = mediation()
    msvc.mediation_accept(actor=mediator, case_id=case.pk, on=D("2026-02-05"))
    msvc.mediation_reach_agreement(
        actor=mediator, case_id=case.pk, terms="支付工资15600元", on=D("2026-02-06")
    )
    # Agreement Fri 6 Feb: + 15 = Sat 21 Feb (Spring Festival) → the window runs to Tue 24 Feb.
    with pytest.raises(ValidationError) as err:
        msvc.mediation_request_review(actor=mediator, case_id=case.pk, on=D("2026-02-25"))
    assert "on" in err.value.message_dict and "15日" in err.value.message_dict["on"][0]
    case = msvc.mediation_request_review(actor=mediator, case_id=case.pk, on=D("2026-02-12"))
    assert case.state == M.REVIEW_REQUESTED
    # Thu 12 Feb: 2/13 1, 2/14 Sat make-up 2, (2/15–23 off), 2/24 3, 2/25 4, 2/26 5.
    assert deadline(case, "mediation.review_accept").due_on == D("2026-02-26")
    with pytest.raises(TransitionForbidden):
        msvc.mediation_accept_review(actor=mediator, case_id=case.pk, reviewer=reviewer)
    with pytest.raises(ValidationError) as err:
        msvc.mediation_accept_review(actor=chair, case_id=case.pk, reviewer=arb_staff["mediator"])
    assert "reviewer" in err.value.message_dict
    case = msvc.mediation_accept_review(actor=chair, case_id=case.pk, reviewer=reviewer, on=D("2026-02-13"))
    assert case.state == M.UNDER_REVIEW
    assert set(get_perms(reviewer, case)) == {"view_mediationcase", "change_mediationcase"}
    # Fri 13 Feb: 2/14 Sat make-up 1, 2/24 2, 2/25 3, 2/26 4, 2/27 5.
    assert deadline(case, "mediation.review").due_on == D("2026-02-27")
    with pytest.raises(CaseNotFound):  # for another arbitrator the case does not exist
        msvc.mediation_confirm_review(actor=arb_staff["arb1"], case_id=case.pk)
    case = msvc.mediation_confirm_review(actor=reviewer, case_id=case.pk, on=D("2026-02-25"))
    assert case.state == M.REVIEWED and case.review_terms == "支付工资15600元" and case.outcome == "reviewed"
    assert deadline(case, "mediation.review").status == "met"
    assert msvc.mediation_close(actor=mediator, case_id=case.pk, summary="调解书已送达").state == M.CLOSED


def test_review_can_be_refused(mediation, arb_staff):
    mediator, chair = arb_staff["mediator"], arb_staff["chair"]
    case = mediation()
    msvc.mediation_accept(actor=mediator, case_id=case.pk, on=D("2026-02-05"))
    msvc.mediation_reach_agreement(actor=mediator, case_id=case.pk, terms="确认劳动关系", on=D("2026-02-06"))
    msvc.mediation_request_review(actor=mediator, case_id=case.pk, on=D("2026-02-09"))
    case = msvc.mediation_refuse_review(
        actor=chair, case_id=case.pk, reason="确认劳动关系的协议不予制作调解书"
    )
    assert case.state == M.REVIEW_REFUSED
    assert deadline(case, "mediation.review_accept").status == "cancelled"


def test_failed_mediation_becomes_an_arbitration_application_with_its_data(
    mediation, arb_staff, applicant, respondent
):
    mediator = arb_staff["mediator"]
    case = mediation(
        claims=[
            {"claim_type": "wages", "description": "工资", "amount": "15600.00"},
            {"claim_type": "economic_compensation", "description": "经济补偿", "amount": "30000.00"},
        ],
        evidence_list="工资欠条",
    )
    msvc.mediation_accept(actor=mediator, case_id=case.pk, on=D("2026-02-05"))
    with pytest.raises(TransitionNotAvailable):
        mediation_to_arbitration(actor=mediator, mediation_id=case.pk)
    msvc.mediation_fail(actor=mediator, case_id=case.pk, reason="被申请人拒绝调解", on=D("2026-02-10"))
    case, arbitration = mediation_to_arbitration(
        actor=mediator, mediation_id=case.pk, reason="申请人要求仲裁"
    )
    assert case.state == M.CONVERTED and case.outcome == "converted" and case.closed_at
    assert arbitration.from_mediation == case and case.arbitration_case == arbitration
    assert arbitration.channel == "mediation" and arbitration.state == "applied"
    assert list(arbitration.applicants.all()) == [applicant] and arbitration.respondent == respondent
    assert [(c.claim_type, c.amount, c.final) for c in arbitration.claims.all()] == [
        ("wages", 15600, True),
        ("economic_compensation", 30000, False),
    ]
    assert arbitration.evidence_list == "工资欠条" and "被申请人拒绝调解" in arbitration.facts
    assert arbitration.green_channel
    assert Deadline.objects.filter(
        object_id=arbitration.pk, rule="arbitration.accept", status="open"
    ).exists()
    entry = TransitionLog.objects.get(object_id=arbitration.pk, content_type__model="arbitrationcase")
    assert entry.actor == mediator
    # The mediator registered it but cannot see it; the commission takes it from here.
    chair = arb_staff["chair"]
    assert svc.arbitration_accept(actor=chair, case_id=arbitration.pk).state == "accepted"


def test_conversion_is_all_or_nothing(mediation, arb_staff, monkeypatch):
    mediator = arb_staff["mediator"]
    case = mediation()
    msvc.mediation_accept(actor=mediator, case_id=case.pk, on=D("2026-02-05"))
    msvc.mediation_fail(actor=mediator, case_id=case.pk, reason="拒绝", on=D("2026-02-10"))

    def broken(*args, **kwargs):
        raise ValidationError({"facts": ["boom"]})

    monkeypatch.setattr("arbitration.services.conversion.create_application", broken)
    with pytest.raises(ValidationError):
        mediation_to_arbitration(actor=mediator, mediation_id=case.pk)
    assert MediationCase.objects.get(pk=case.pk).state == M.FAILED
    assert ArbitrationCase.objects.count() == 0
