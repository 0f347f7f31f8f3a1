"""The demo seeder: every state of both case types in 吉首市, a collective case, and idempotence."""

import pytest

from arbitration.models import ArbitrationCase, ArbitrationState, MediationCase, MediationState
from casework.demo import seed_all

pytestmark = pytest.mark.django_db


def test_demo_covers_every_state_and_runs_twice():
    seed_all()
    arbitration_states = set(ArbitrationCase.objects.values_list("state", flat=True))
    mediation_states = set(MediationCase.objects.values_list("state", flat=True))
    assert arbitration_states == set(ArbitrationState.values)
    assert mediation_states == set(MediationState.values)
    collective = ArbitrationCase.objects.get(collective=True, submission_key="demo:collective")
    assert collective.applicants.count() >= 10 and collective.representatives.count() == 3
    assert {m.role for m in collective.tribunal.through.objects.filter(case=collective)} == {
        "presiding",
        "member",
    }
    assert ArbitrationCase.objects.filter(from_mediation__isnull=False).count() == 1
    counts = (ArbitrationCase.objects.count(), MediationCase.objects.count())
    seed_all()
    assert (ArbitrationCase.objects.count(), MediationCase.objects.count()) == counts
