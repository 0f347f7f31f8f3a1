"""Merge and unmerge by two users at once on PostgreSQL: the two clues' rows are locked in one order, so the
changes queue instead of crossing — never a cycle, never a lost log entry, never a deadlock."""

import pytest

from casework.clues.merging import clue_merge, clue_unmerge
from casework.clues.models import Clue
from casework.models import TransitionLog
from casework.services.transitions import TransitionError
from tests.concurrency import run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_users_merging_a_pair_into_each_other_make_no_cycle(staff, new_clue):
    a, b = new_clue(external_ref="A"), new_clue(external_ref="B")
    one, two = staff["inspector1"], staff["inspector2"]

    results = run_at_once(
        [
            lambda: clue_merge(actor=one, clue_id=a.pk, into=b.number),
            lambda: clue_merge(actor=two, clue_id=b.pk, into=a.number),
        ]
    )

    done = [r for r in results if isinstance(r, Clue)]
    refused = [r for r in results if isinstance(r, TransitionError)]
    assert len(done) == 1 and len(refused) == 1, results
    a.refresh_from_db()
    b.refresh_from_db()
    assert {a.state, b.state} == {"merged", "registered"}
    assert not (a.merged_into_id and b.merged_into_id)
    merges = TransitionLog.objects.filter(transition__in=["merge", "merge_in"]).count()
    assert merges == 2  # one merge, noted on both clues


def test_merge_and_unmerge_at_once_leave_the_pair_consistent(staff, new_clue):
    a, b = new_clue(external_ref="A"), new_clue(external_ref="B")
    clue_merge(actor=staff["inspector1"], clue_id=b.pk, into=a.number)
    one, two = staff["inspector1"], staff["inspector2"]

    results = run_at_once(
        [
            lambda: clue_unmerge(actor=one, clue_id=b.pk, reason="非同一批工人"),
            lambda: clue_unmerge(actor=two, clue_id=b.pk, reason="重复操作"),
            lambda: clue_merge(actor=two, clue_id=a.pk, into=b.number),
        ]
    )

    assert not any(isinstance(r, Exception) and not isinstance(r, TransitionError) for r in results), results
    a.refresh_from_db()
    b.refresh_from_db()
    assert sum(isinstance(r, Clue) for r in results[:2]) <= 1  # one unmerge at most
    for clue in (a, b):
        assert (clue.state == "merged") == (clue.merged_into_id is not None)
    assert not (a.merged_into_id and b.merged_into_id)
    assert TransitionLog.objects.filter(object_id=b.pk, transition="unmerge").count() == sum(
        isinstance(r, Clue) for r in results[:2]
    )
