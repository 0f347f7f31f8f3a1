"""The 45-day award clock and the other arbitration periods on stored deadlines, by hand at holiday edges.

Reference (tests/calendar/test_deadline_rules.py): 2026 Spring Festival 2/15–2/23 (make-up Sat 2/14,
Sat 2/28); National Day 10/1–10/7 (make-up Sun 9/20, Sat 10/10); 湘西州 founding days 9/20–9/21 are rest
days in 吉首 (local holiday, overriding the national make-up day).
"""

import pytest
from django.core.exceptions import ValidationError

from arbitration.models import ArbitrationCase, Suspension
from arbitration.models import ArbitrationState as S
from arbitration.services import arbitration as svc
from casework.models import Deadline, TransitionLog
from casework.services.transitions import PreconditionFailed, TransitionNotAvailable
from tests.arbitration.conftest import D

pytestmark = pytest.mark.django_db


def award_clock(case, status=("open", "paused")):
    return Deadline.objects.get(
        object_id=case.pk, content_type__model="arbitrationcase", rule="arbitration.award", status__in=status
    )


def test_acceptance_period_across_national_day(apply):
    # Received Wed 30 Sep 2026: 10/1–7 off, 10/8 1, 10/9 2, 10/10 Sat make-up 3, 10/12 4, 10/13 5.
    case = apply(received_on=D("2026-09-30"))
    assert Deadline.objects.get(object_id=case.pk, rule="arbitration.accept").due_on == D("2026-10-13")


def test_acceptance_period_counts_the_xiangxi_founding_days_as_rest_days(apply):
    # Received Fri 18 Sep 2026 in 吉首: 9/20 (national make-up day) and 9/21 are local rest days,
    # 9/22–24 1–3, 9/25–27 Mid-Autumn, 9/28 4, 9/29 5 (nationally it would be Thu 24 Sep).
    case = apply(received_on=D("2026-09-18"))
    assert Deadline.objects.get(object_id=case.pk, rule="arbitration.accept").due_on == D("2026-09-29")


def test_award_due_rolls_off_the_spring_festival(accepted):
    case = accepted()  # accepted Wed 7 Jan 2026
    clock = award_clock(case)
    assert (clock.started_on, clock.due_on) == (D("2026-01-07"), D("2026-02-24"))
    assert case.next_due == D("2026-01-14")  # the nearest: service and tribunal


def test_extension_adds_fifteen_days_once_with_the_chairs_approval(formed, arb_staff):
    case = formed()
    chair = arb_staff["chair"]
    with pytest.raises(ValidationError):
        svc.arbitration_extend(actor=chair, case_id=case.pk, reason="")
    case = svc.arbitration_extend(actor=chair, case_id=case.pk, reason="案情复杂，需要鉴定")
    clock = award_clock(case)
    # 7 Jan + 60 days = Sun 8 Mar → Mon 9 Mar.
    assert (clock.extensions, clock.due_on) == (1, D("2026-03-09"))
    assert case.extended and case.extension_approved_by == chair
    with pytest.raises(PreconditionFailed) as err:
        svc.arbitration_extend(actor=chair, case_id=case.pk, reason="再次延期")
    assert "十五日" in err.value.message
    assert award_clock(case).due_on == D("2026-03-09")


def test_suspension_pauses_and_resumption_moves_the_award_date(formed, arb_staff):
    chair = arb_staff["chair"]
    case = formed()
    case = svc.arbitration_suspend(actor=chair, case_id=case.pk, reason="申请人住院", on=D("2026-01-20"))
    assert case.state == S.SUSPENDED and case.suspended_from_state == S.TRIBUNAL_FORMED
    clock = award_clock(case)
    assert clock.status == "paused" and clock.paused_on == D("2026-01-20")
    # A paused clock is not "next due": the case is not overdue while suspended.
    assert ArbitrationCase.objects.get(pk=case.pk).next_due != clock.due_on
    with pytest.raises(TransitionNotAvailable):
        svc.arbitration_schedule_hearing(
            actor=chair, case_id=case.pk, hearing_at="2026-02-02T09:00", place="庭"
        )
    with pytest.raises(PreconditionFailed):  # no restart while suspended
        svc.restart_award_clock(actor=chair, case_id=case.pk, reason_code="joinder")
    with pytest.raises(ValidationError):
        svc.arbitration_resume(actor=chair, case_id=case.pk, reason="出院", on=D("2026-01-19"))
    case = svc.arbitration_resume(actor=chair, case_id=case.pk, reason="已出院", on=D("2026-01-30"))
    # Back where it was; 10 days not counted: 7 Jan + 55 days = Tue 3 Mar.
    assert case.state == S.TRIBUNAL_FORMED and case.suspended_from_state == ""
    clock = award_clock(case)
    assert (clock.status, clock.paused_days, clock.due_on) == ("open", 10, D("2026-03-03"))
    suspension = Suspension.objects.get(case=case)
    assert (suspension.resumed_on, suspension.days_not_counted) == (D("2026-01-30"), 10)
    # A second suspension adds up, and an extension comes on top: 7 Jan + 45 + 10 + 5 + 15 = Mon 23 Mar.
    svc.arbitration_suspend(actor=chair, case_id=case.pk, reason="等待工伤认定", on=D("2026-02-02"))
    svc.arbitration_resume(actor=chair, case_id=case.pk, reason="工伤认定已作出", on=D("2026-02-07"))
    svc.arbitration_extend(actor=chair, case_id=case.pk, reason="案情复杂")
    assert award_clock(case).due_on == D("2026-03-23")
    assert ArbitrationCase.objects.get(pk=case.pk).suspensions.count() == 2


def test_resumption_returns_to_the_state_it_left(heard, arb_staff):
    chair = arb_staff["chair"]
    case = heard()
    svc.arbitration_suspend(actor=chair, case_id=case.pk, reason="中止", on=D("2026-01-21"))
    case = svc.arbitration_resume(actor=chair, case_id=case.pk, reason="恢复", on=D("2026-01-22"))
    assert case.state == S.HEARD


def test_amended_claim_restarts_the_45_days(formed, arb_staff):
    chair = arb_staff["chair"]
    case = formed()
    svc.arbitration_extend(actor=chair, case_id=case.pk, reason="复杂")
    case = svc.arbitration_add_claim(
        actor=arb_staff["arb1"],
        case_id=case.pk,
        claim_type="overtime",
        amount="3200",
        description="2025年休息日加班费",
        on=D("2026-01-20"),
    )
    clock = award_clock(case)
    # A fresh period from Tue 20 Jan: + 45 = Fri 6 Mar; the earlier extension no longer applies.
    assert (clock.started_on, clock.extensions, clock.due_on) == (D("2026-01-20"), 0, D("2026-03-06"))
    assert not case.extended
    entry = TransitionLog.objects.filter(object_id=case.pk, transition="restart_award_clock").get()
    assert entry.details["reason_code"] == "claim_amended" and "增加、变更仲裁请求" in entry.transition_label
    assert case.claims.count() == 2


@pytest.mark.parametrize("code", ["joinder", "correction", "counterclaim_merged", "transferred"])
def test_each_statutory_event_restarts_the_clock(formed, arb_staff, code):
    case = svc.restart_award_clock(
        actor=arb_staff["chair"], case_id=formed().pk, reason_code=code, on=D("2026-01-21")
    )
    assert award_clock(case).due_on == D("2026-03-09")  # Wed 21 Jan + 45 = Sat 7 Mar → Mon 9 Mar


def test_restart_needs_a_statutory_reason_and_a_member_of_the_tribunal(formed, arb_staff):
    case = formed()
    with pytest.raises(ValidationError) as err:
        svc.restart_award_clock(actor=arb_staff["chair"], case_id=case.pk, reason_code="whim")
    assert "reason_code" in err.value.message_dict
    from casework.services.transitions import CaseNotFound

    with pytest.raises(CaseNotFound):  # arb4 is not on this tribunal: the case does not exist for them
        svc.restart_award_clock(actor=arb_staff["arb4"], case_id=case.pk, reason_code="joinder")
    assert award_clock(case).started_on == D("2026-01-07")
