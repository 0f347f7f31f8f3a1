"""The demo seeder registers clues (a duplicate pair and an answered walk-in), idempotent."""

import pytest

from casework.clues.models import Clue
from casework.demo import seed_all
from casework.services.audit_verify import verify_chains

pytestmark = pytest.mark.django_db


def test_seeder_registers_clues_once():
    seed_all()
    clues = Clue.objects.filter(jurisdiction__code="433101")
    assert set(clues.values_list("channel", flat=True)) == {"national_platform", "hotline_12345", "walk_in"}
    assert clues.get(channel="walk_in").state == "replied"
    assert verify_chains([Clue]).problems == []
    count = Clue.objects.count()
    seed_all()
    assert Clue.objects.count() == count
