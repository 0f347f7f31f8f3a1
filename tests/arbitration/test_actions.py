"""The logged actions (changes that are not state moves): each is registered with the kernel, and the change,
the object permissions it grants or revokes and its log entry commit together — a failure after the change
(here: the log entry cannot be written) leaves nothing behind."""

import pytest
from django.utils import timezone
from guardian.shortcuts import get_perms

from arbitration.models import (
    ArbitrationCase,
    ArbitrationCaseUserObjectPermission,
    MediationCaseUserObjectPermission,
)
from arbitration.services import arbitration as svc
from arbitration.services import mediation as msvc
from casework.kernel.registry import case_type
from casework.models import Deadline, TransitionLog
from casework.services import audit
from tests.arbitration.conftest import D
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


class LogFailure(Exception):
    pass


def fail_log_entry(monkeypatch, *, after: int = 0):
    """Make the ``after + 1``-th log entry of the call fail (the earlier ones are written)."""
    calls = {"n": 0}

    def append_entry(**kwargs):
        calls["n"] += 1
        if calls["n"] > after:
            raise LogFailure("日志写入失败（测试注入）")
        return audit.append_entry(**kwargs)

    monkeypatch.setattr("casework.services.transitions.append_entry", append_entry)
    return calls


def snapshot(case) -> dict:
    """Everything a change may write about ``case``: its row, claims, tribunal, representatives, deadlines,
    object permissions, assignees and log."""
    model = type(case)
    row = model.objects.filter(pk=case.pk).values().get()
    row.pop("updated_at", None)
    perms = (
        ArbitrationCaseUserObjectPermission if model is ArbitrationCase else MediationCaseUserObjectPermission
    )
    state = {
        "row": row,
        "claims": list(case.claims.values_list("id", "claim_type", "amount", "decision", "final")),
        "deadlines": list(
            Deadline.objects.filter(object_id=case.pk, content_type__model=model._meta.model_name)
            .order_by("id")
            .values_list("id", "rule", "status", "started_on", "due_on", "extensions")
        ),
        "grants": sorted(
            perms.objects.filter(content_object=case).values_list("user_id", "permission__codename")
        ),
        "assignees": sorted(case.assignees.values_list("pk", flat=True)),
        "log": list(
            TransitionLog.objects.filter(object_id=case.pk, content_type__model=model._meta.model_name)
            .order_by("id")
            .values_list("id", "transition")
        ),
    }
    if model is ArbitrationCase:
        state["tribunal"] = sorted(
            case.tribunal.through.objects.filter(case=case).values_list("user_id", "role")
        )
        state["representatives"] = sorted(case.representatives.values_list("person_id", flat=True))
    return state


# Each logged action of the arbitration case type: (how to get a case for it, how to take it).
def _change_tribunal(s, fixtures):
    case = fixtures["formed"]()
    return case, lambda: svc.arbitration_change_tribunal(
        actor=s["chair"], case_id=case.pk, presiding=s["arb4"], members=[s["arb2"], s["arb3"]], reason="回避"
    )


def _set_representatives(s, fixtures):
    workers = PersonFactory.create_batch(10)
    case = fixtures["formed"](applicants=workers)
    return case, lambda: svc.arbitration_set_representatives(
        actor=s["arb1"], case_id=case.pk, persons=workers[:3], elected_on=D("2026-01-10")
    )


def _restart(s, fixtures):
    case = fixtures["formed"]()
    svc.arbitration_extend(actor=s["chair"], case_id=case.pk, reason="复杂")
    return case, lambda: svc.restart_award_clock(
        actor=s["arb2"], case_id=case.pk, reason_code="joinder", on=D("2026-01-21")
    )


def _add_claim(s, fixtures):
    case = fixtures["formed"]()
    return case, lambda: svc.arbitration_add_claim(
        actor=s["arb1"], case_id=case.pk, claim_type="overtime", amount="3200", on=D("2026-01-20")
    )


def _court_proceedings(s, fixtures):
    case = fixtures["awarded"]()
    svc.arbitration_close(actor=s["chair"], case_id=case.pk, summary="结案")
    return case, lambda: svc.arbitration_record_court_proceedings(
        actor=s["chair"], case_id=case.pk, filed_on=timezone.localdate()
    )


ACTIONS = {
    "change_tribunal": _change_tribunal,
    "set_representatives": _set_representatives,
    "restart_award_clock": _restart,
    "add_claim": _add_claim,
    "record_court_proceedings": _court_proceedings,
}


@pytest.fixture
def fixtures(formed, awarded):
    return {"formed": formed, "awarded": awarded}


def test_every_registered_action_of_its_own_has_a_fault_injection_case():
    registered = case_type("arbitration")
    own = {a.name for a in registered.actions}
    assert own == set(ACTIONS)
    assert all(a.service is not None and a.form is not None for a in registered.actions)
    assert not case_type("mediation").actions  # mediation has transitions only (and the kernel's evidence)


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_the_action_works_and_logs_itself(name, arb_staff, fixtures):
    case, act = ACTIONS[name](arb_staff, fixtures)
    before = snapshot(case)
    act()
    after = snapshot(case)
    assert after != before
    assert name in [t for _pk, t in after["log"][len(before["log"]) :]]


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_a_failure_after_the_change_rolls_back_change_grants_and_log(name, arb_staff, fixtures, monkeypatch):
    case, act = ACTIONS[name](arb_staff, fixtures)
    before = snapshot(case)
    fail_log_entry(monkeypatch)
    with pytest.raises(LogFailure):
        act()
    assert snapshot(case) == before


def test_an_added_claim_and_the_restarted_clock_are_one_transaction(arb_staff, formed, monkeypatch):
    """After acceptance an added claim restarts the 45 days: two log entries, one transaction — if the
    second cannot be written, the claim and its own entry go too."""
    case = formed()
    before = snapshot(case)
    calls = fail_log_entry(monkeypatch, after=1)
    with pytest.raises(LogFailure):
        svc.arbitration_add_claim(
            actor=arb_staff["arb1"], case_id=case.pk, claim_type="overtime", amount="3200", on=D("2026-01-20")
        )
    assert calls["n"] == 2
    assert snapshot(case) == before


def test_a_changed_tribunal_moves_the_case_with_it_or_not_at_all(arb_staff, formed, monkeypatch):
    case = formed()
    a1, a4 = arb_staff["arb1"], arb_staff["arb4"]
    fail_log_entry(monkeypatch)
    with pytest.raises(LogFailure):
        svc.arbitration_change_tribunal(
            actor=arb_staff["chair"],
            case_id=case.pk,
            presiding=a4,
            members=[arb_staff["arb2"], arb_staff["arb3"]],
            reason="回避",
        )
    assert set(get_perms(a1, case)) == {"view_arbitrationcase", "change_arbitrationcase"}
    assert get_perms(a4, case) == []
    monkeypatch.undo()
    svc.arbitration_change_tribunal(
        actor=arb_staff["chair"],
        case_id=case.pk,
        presiding=a4,
        members=[arb_staff["arb2"], arb_staff["arb3"]],
        reason="回避",
    )
    assert get_perms(a1, case) == [] and "view_arbitrationcase" in get_perms(a4, case)
    entry = TransitionLog.objects.filter(object_id=case.pk, transition="change_tribunal").get()
    assert (
        entry.reason == "回避"
        and entry.details["added"] == [str(a4)]
        and entry.details["removed"] == [str(a1)]
    )


@pytest.mark.parametrize("transition", ["form_tribunal", "accept_review"])
def test_transitions_that_grant_a_case_grant_it_with_their_log_entry(
    transition, arb_staff, accepted, mediation, monkeypatch
):
    chair = arb_staff["chair"]
    if transition == "form_tribunal":
        case = accepted()
        svc.arbitration_serve(actor=chair, case_id=case.pk, on=D("2026-01-08"))

        def act():
            svc.arbitration_form_tribunal(
                actor=chair,
                case_id=case.pk,
                presiding=arb_staff["arb1"],
                members=[arb_staff["arb2"], arb_staff["arb3"]],
            )

    else:
        mediator = arb_staff["mediator"]
        case = mediation()
        msvc.mediation_accept(actor=mediator, case_id=case.pk, on=D("2026-02-05"))
        msvc.mediation_reach_agreement(actor=mediator, case_id=case.pk, terms="支付工资", on=D("2026-02-06"))
        msvc.mediation_request_review(actor=mediator, case_id=case.pk, on=D("2026-02-09"))

        def act():
            msvc.mediation_accept_review(
                actor=chair, case_id=case.pk, reviewer=arb_staff["arb2"], on=D("2026-02-10")
            )

    before = snapshot(case)
    fail_log_entry(monkeypatch)
    with pytest.raises(LogFailure):
        act()
    assert snapshot(case) == before
    assert get_perms(arb_staff["arb2"], case) == []
