"""The monthly roll-up under concurrent transitions on PostgreSQL: no increment is lost."""

import threading

import pytest
from django.db import connections

from casework.inspection import services as svc
from casework.models import SettlementRollup, SettlementRollupState
from casework.statistics import rollup
from casework.statistics.registry import get_series

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_transitions_at_once_on_the_same_rollup_rows_lose_no_increment(register, staff):
    """Eight accepted complaints of one county and month closed at once by eight threads: each moves −1 from
    (county, accepted this month, open) and +1 to (county, accepted this month, closed this month) — the
    same two rows for every thread."""
    cases = [register() for _ in range(8)]
    for case in cases:
        svc.complaint_accept(actor=staff["inspector1"], complaint_id=case.pk)
    series = get_series("complaint")
    (open_key,) = rollup.stored(series)
    assert rollup.stored(series)[open_key][0] == 8
    barrier = threading.Barrier(len(cases))
    errors = []

    def close(case_id):
        try:
            barrier.wait(timeout=20)
            svc.complaint_withdraw_complaint(
                actor=staff["inspector1"], complaint_id=case_id, reason="投诉人书面申请撤回"
            )
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=close, args=(case.pk,)) for case in cases]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    stored = rollup.stored(series)
    assert stored == rollup.computed(series)
    assert [values[0] for values in stored.values()] == [8]  # all eight closed; the open row back to 0
    assert SettlementRollup.objects.get(closed_month=SettlementRollup.OPEN_MONTH).n == 0
    assert not SettlementRollupState.objects.get(series="complaint").stale


def test_a_rebuild_while_transitions_run_ends_equal_to_the_case_rows(register, staff):
    cases = [register() for _ in range(6)]
    series = get_series("complaint")
    barrier = threading.Barrier(len(cases) + 1)
    errors = []

    def accept(case_id):
        try:
            barrier.wait(timeout=20)
            svc.complaint_accept(actor=staff["inspector1"], complaint_id=case_id)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    def rebuild():
        try:
            barrier.wait(timeout=20)
            rollup.rebuild([series])
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(case.pk,)) for case in cases]
    threads.append(threading.Thread(target=rebuild))
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert rollup.stored(series) == rollup.computed(series)
    assert sum(values[0] for values in rollup.stored(series).values()) == 6
