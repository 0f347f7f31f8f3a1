"""The monthly roll-up (casework.statistics.rollup): kept by delta through the model and the kernel, equal to
a rebuild from scratch after any sequence of changes, read by the dashboard on PostgreSQL while not stale."""

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection

from casework.inspection import services as svc
from casework.inspection.models import Complaint
from casework.models import SettlementRollup, SettlementRollupState
from casework.services.transitions import case_action
from casework.statistics import rollup
from casework.statistics.periods import Period
from casework.statistics.registry import get_series
from casework.statistics.report import build_report

from .conftest import local

postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the roll-up is read only on PostgreSQL"
)


def _same_as_rebuilt():
    series = get_series("complaint")
    return rollup.stored(series) == rollup.computed(series)


def test_factory_cases_land_in_their_months(make_complaint, jishou, luxi):
    make_complaint(jishou, accepted=date(2026, 3, 4), closed=local(2026, 5, 6), recovered="10.50", workers=2)
    make_complaint(jishou, accepted=date(2026, 3, 20))
    make_complaint(luxi, accepted=None)  # never accepted: not counted
    # closed at 00:10 on 1 January Beijing time (still 31 December in UTC): January
    make_complaint(luxi, accepted=date(2025, 12, 1), closed=local(2026, 1, 1, 0, 10))
    rows = {(r.jurisdiction_id, r.accepted_month, r.closed_month): r for r in SettlementRollup.objects.all()}
    closed = rows[(jishou.pk, date(2026, 3, 1), date(2026, 5, 1))]
    assert (closed.n, closed.recovered, closed.workers) == (1, Decimal("10.50"), 2)
    assert rows[(jishou.pk, date(2026, 3, 1), SettlementRollup.OPEN_MONTH)].n == 1
    assert rows[(luxi.pk, date(2025, 12, 1), date(2026, 1, 1))].n == 1
    assert len(rows) == 3
    assert _same_as_rebuilt()


def test_random_changes_through_the_kernel_equal_a_rebuild(make_complaint, jishou, luxi):
    rng = random.Random(20261205)
    cases = [
        make_complaint(
            rng.choice([jishou, luxi]),
            accepted=date(2026, 1, 1) + timedelta(days=rng.randrange(300)),
            closed=rng.choice([None, local(2026, 11, rng.randrange(1, 28))]),
        )
        for _ in range(12)
    ]
    for step in range(60):
        case = rng.choice(cases)
        with case_action(Complaint, case.pk, f"statistics-test-{step}", actor=None) as action:
            c = action.case
            move = rng.randrange(5)
            if move == 0:  # close
                c.closed_at = local(2026, rng.randrange(1, 13), rng.randrange(1, 28), rng.randrange(24))
            elif move == 1:  # reopen
                c.closed_at = None
            elif move == 2:
                c.accepted_on = date(2025, 6, 1) + timedelta(days=rng.randrange(500))
            elif move == 3:
                c.jurisdiction = rng.choice([jishou, luxi])
            else:
                c.recovered_amount = Decimal(rng.randrange(100000)) / 100
                c.recovered_workers = rng.randrange(9)
            c.save()
        if step % 15 == 0:
            assert _same_as_rebuilt()
    Complaint.objects.get(pk=cases[0].pk).delete()
    assert _same_as_rebuilt()


def test_a_transition_moves_only_its_own_rows(register, staff):
    case = register()
    svc.complaint_accept(actor=staff["inspector1"], complaint_id=case.pk)
    before = {r.pk: (r.n, r.closed_month) for r in SettlementRollup.objects.all()}
    svc.complaint_withdraw_complaint(actor=staff["inspector1"], complaint_id=case.pk, reason="投诉人撤回")
    after = {r.pk: (r.n, r.closed_month) for r in SettlementRollup.objects.all()}
    changed = {pk for pk in after if after[pk] != before.get(pk)}
    assert len(changed) == 2  # −1 where it was open, +1 where it closed
    assert _same_as_rebuilt()


def test_rebuild_command_recomputes_from_scratch(make_complaint, jishou):
    make_complaint(jishou, accepted=date(2026, 2, 2), closed=local(2026, 4, 4))
    SettlementRollup.objects.update(n=99)
    call_command("rebuild_statistics_rollup", verbosity=0)
    assert _same_as_rebuilt()
    assert SettlementRollupState.objects.get(series="complaint").stale is False


@postgres_only
def test_the_dashboard_reads_the_rollup_and_shows_the_same_figures(q1_cases, director):
    series = get_series("complaint")
    assert rollup.year_groups(series, 2026) is not None
    with_rollup = build_report(director, Period.year(2026), today=date(2026, 11, 26))
    SettlementRollupState.objects.update(stale=True)
    assert rollup.year_groups(series, 2026) is None
    counted = build_report(director, Period.year(2026), today=date(2026, 11, 26))
    for a, b in zip(with_rollup.series, counted.series, strict=True):
        assert a.total.as_dict() == b.total.as_dict()
        assert a.trend.as_dict() == b.trend.as_dict()
        assert [r.figures.as_dict() for r in a.rows] == [r.figures.as_dict() for r in b.rows]


@postgres_only
def test_a_write_behind_the_models_back_makes_it_stale_until_rebuilt(q1_cases):
    series = get_series("complaint")
    Complaint.objects.filter(pk=q1_cases["B"].pk).update(next_due=date(2026, 12, 1))  # not counted
    assert rollup.year_groups(series, 2026) is not None
    Complaint.objects.filter(pk=q1_cases["B"].pk).update(closed_at=None)
    assert rollup.year_groups(series, 2026) is None
    rollup.rebuild([series])
    assert rollup.year_groups(series, 2026) is not None
    assert _same_as_rebuilt()


@postgres_only
def test_the_models_own_writes_do_not_make_it_stale(q1_cases):
    case = Complaint.objects.get(pk=q1_cases["B"].pk)
    case.closed_at = None
    case.save()
    Complaint.objects.get(pk=q1_cases["A"].pk).delete()
    assert not SettlementRollupState.objects.get(series="complaint").stale
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s, true)", [rollup.FLAG_SETTING])
        assert (cursor.fetchone()[0] or "").strip(",") == ""  # every announcement consumed
    assert _same_as_rebuilt()


def test_a_case_refreshed_after_another_change_moves_from_where_it_is_now(make_complaint, jishou):
    case = make_complaint(jishou, accepted=date(2026, 3, 4))
    other = Complaint.objects.get(pk=case.pk)
    other.closed_at = local(2026, 4, 1)
    other.save()
    case.refresh_from_db()
    case.closed_at = local(2026, 6, 1)
    case.save()
    assert _same_as_rebuilt()
