"""PostgreSQL: two people forming one tribunal at once — exactly one wins, and only its members get the case."""

import threading

import pytest
from django.db import connections
from guardian.shortcuts import get_users_with_perms

from arbitration.models import ArbitrationCase
from arbitration.services import arbitration as svc
from casework.models import TransitionLog
from casework.services.transitions import TransitionError
from tests.arbitration.conftest import D

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_tribunal_formation_grants_only_the_winners(accepted, arb_staff, make_user, jishou):
    from casework.roles import Role

    case = accepted()
    svc.arbitration_serve(actor=arb_staff["chair"], case_id=case.pk, on=D("2026-01-08"))
    second_chair = make_user(Role.ARBITRATION_CHAIR, jishou)
    barrier = threading.Barrier(2)
    results = {}
    panels = {
        "first": (arb_staff["chair"], arb_staff["arb1"], [arb_staff["arb2"], arb_staff["arb3"]]),
        "second": (second_chair, arb_staff["arb4"], [arb_staff["arb2"], arb_staff["arb3"]]),
    }

    def act(name):
        actor, presiding, members = panels[name]
        try:
            barrier.wait(timeout=10)
            svc.arbitration_form_tribunal(
                actor=actor, case_id=case.pk, presiding=presiding, members=members, expected_state="served"
            )
            results[name] = "ok"
        except TransitionError as exc:
            results[name] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(name,)) for name in panels]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    winners = [name for name, result in results.items() if result == "ok"]
    assert len(winners) == 1, results
    loser = next(name for name in panels if name not in winners)
    assert results[loser].status_code == 409
    _actor, presiding, members = panels[winners[0]]
    granted = set(
        get_users_with_perms(
            ArbitrationCase.objects.get(pk=case.pk), only_with_perms_in=["view_arbitrationcase"]
        )
    )
    assert granted == {presiding, *members}
    assert TransitionLog.objects.filter(object_id=case.pk, transition="form_tribunal").count() == 1
