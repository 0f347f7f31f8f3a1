"""The demo seeder: arrears cases in every state in 吉首市, consistent totals, idempotent."""

import pytest

from arrears.models import ArrearsCase, ArrearsState, BlacklistEntry, BlacklistState, PoliceStatus
from arrears.services.ledger import ledger_discrepancies
from casework.demo import seed_all
from casework.services.audit_verify import verify_chains

pytestmark = pytest.mark.django_db


def test_seeder_creates_every_state_and_runs_twice_without_duplicates():
    seed_all()
    cases = ArrearsCase.objects.filter(jurisdiction__code="433101")
    assert set(cases.values_list("state", flat=True)) == set(ArrearsState.values)
    construction = cases.get(project__isnull=False)
    assert construction.worker_count == 12 and construction.green_channel
    assert construction.police_status == PoliceStatus.TRANSFERRED
    assert construction.complaints.count() == 1
    assert construction.project.main_contractor and construction.project.subcontractor
    listed = BlacklistEntry.objects.get(state=BlacklistState.LISTED)
    assert listed.employer == construction.employer
    assert ledger_discrepancies() == []
    assert verify_chains([ArrearsCase, BlacklistEntry]).problems == []
    count = ArrearsCase.objects.count()
    seed_all()
    assert ArrearsCase.objects.count() == count
