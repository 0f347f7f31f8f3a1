"""Two users merging two complaints into each other at once on PostgreSQL: both rows are locked in one order,
so one merge wins and the other is refused with a Chinese 409 — never a cycle, never a deadlock."""

import pytest

from casework.inspection.models import Complaint
from casework.inspection.services import complaint_merge, complaint_unmerge
from casework.models import TransitionLog
from casework.services.transitions import TransitionError
from tests.concurrency import run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_users_merging_a_pair_into_each_other_make_no_cycle(register, staff):
    a, b = register(), register()
    one, two = staff["inspector1"], staff["inspector2"]

    results = run_at_once(
        [
            lambda: complaint_merge(actor=one, complaint_id=a.pk, into=b.number),
            lambda: complaint_merge(actor=two, complaint_id=b.pk, into=a.number),
        ]
    )

    done = [r for r in results if isinstance(r, Complaint)]
    refused = [r for r in results if isinstance(r, TransitionError)]
    assert len(done) == 1 and len(refused) == 1, results
    assert refused[0].status_code == 409 and "不能" in refused[0].message
    a.refresh_from_db()
    b.refresh_from_db()
    assert {a.state, b.state} == {"merged", "registered"}
    assert not (a.merged_into_id and b.merged_into_id)
    assert TransitionLog.objects.filter(transition__in=["merge", "merge_in"]).count() == 2


def test_unmerge_twice_at_once_unmerges_once(register, staff):
    a, b = register(), register()
    complaint_merge(actor=staff["clerk"], complaint_id=b.pk, into=a.number)

    results = run_at_once(
        [
            lambda: complaint_unmerge(actor=staff["inspector1"], complaint_id=b.pk),
            lambda: complaint_unmerge(actor=staff["inspector2"], complaint_id=b.pk),
        ]
    )

    assert sum(isinstance(r, Complaint) for r in results) == 1, results
    assert sum(isinstance(r, TransitionError) for r in results) == 1, results
    b.refresh_from_db()
    assert b.state == "registered" and b.merged_into_id is None
    assert TransitionLog.objects.filter(object_id=a.pk, transition="merge_out").count() == 1
