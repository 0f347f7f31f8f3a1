"""The dashboard as a person opens it: ``GET /stats/`` through the test client (the year, with the drill-down
links, the trend chart and the year-end projection: the whole response), cold and warm, against a floor.

Cold, three ways (each the median of 3, each run made cold again):
  * cache flushed — the first view after a deploy or a flush: nothing but the data in the database;
  * after a change to a closed case — a case closed last month gets its recovered amount corrected through
    the kernel (``case_action``, so a log entry is written, as any real change does);
  * first view of another month — ``?period=month&month=<last month>`` after a flush.
  * projection never computed today — a flush and no stored year-end projection (the first view of a new
    scope, or of the day before the beat schedule ran): the page computes it once (``projection_store``).
The page reads the year-end projection stored off the request path (``casework.statistics.projection_store``;
recomputed by Celery), so the first two kinds read the stored one, as a director meets the page.
Warm: the same request again (median of 5).

The floor reads only the rows the page counts, in raw SQL on one connection: per series the year's roll-up
rows (``casework_settlementrollup``), the overdue and late-met closing deadlines (their indexes), and what the
projection reads — the open cases (the partial index of open cases) with their closing deadlines, and the
last 12 months' closings grouped by (jurisdiction, accepted, closed day) (the closing-date index). A figure
passes only when it is under 300 ms *and* at most 1.5× the floor of the same scope measured in the same run.

Everything runs in one transaction that is rolled back (the user, its session, the change to a closed case).
"""

from __future__ import annotations

import statistics
import time
from datetime import date, timedelta

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from bench.common import Figure, Rollback, timed

TARGET_MS = 300
TARGET_RATIO = 1.5


def _floor(today: date, jurisdiction_id: int | None):
    """The raw SQL reading only what the page counts (see the module docstring)."""
    from django.contrib.contenttypes.models import ContentType

    from casework.models import Deadline, SettlementRollup
    from casework.statistics.registry import all_series

    rollup = SettlementRollup._meta.db_table
    deadlines = Deadline._meta.db_table
    first, last = date(today.year, 1, 1), date(today.year, 12, 1)
    year_ago = today - timedelta(days=365)
    plan = []
    for series in all_series():
        table = series.model._meta.db_table
        acc = series.model._meta.get_field(series.accepted_field).column
        where_j = "" if jurisdiction_id is None else f" AND jurisdiction_id = {int(jurisdiction_id)}"
        plan.append(
            (
                f"SELECT jurisdiction_id, accepted_month, closed_month, sum(n), sum(succeeded), sum(final),"
                f" sum(recovered), sum(workers) FROM {rollup} WHERE series = %s AND accepted_month <= %s"
                f" AND (accepted_month >= %s OR closed_month >= %s){where_j} GROUP BY 1, 2, 3",
                [series.code, last, first, first],
            )
        )
        plan.append(
            (
                f"SELECT id, jurisdiction_id, {acc} FROM {table} WHERE {acc} IS NOT NULL AND closed_at IS NULL"
                f"{where_j}",
                [],
            )
        )
        plan.append(
            (
                f"SELECT jurisdiction_id, {acc}, (closed_at AT TIME ZONE %s)::date, count(*) FROM {table}"
                f" WHERE closed_at >= %s AND closed_at < %s AND {acc} IS NOT NULL{where_j} GROUP BY 1, 2, 3",
                ["Asia/Shanghai", year_ago, today + timedelta(days=1)],
            )
        )
        if series.deadline_rule:
            ct = ContentType.objects.get_for_model(series.model).pk
            plan.append(
                (
                    f"SELECT object_id, due_on, status FROM {deadlines} WHERE content_type_id = %s AND rule = %s"
                    f" AND status IN ('open', 'paused'){where_j}",
                    [ct, series.deadline_rule],
                )
            )
            plan.append(
                (
                    f"SELECT count(*) FROM {deadlines} WHERE content_type_id = %s AND rule = %s AND status = 'met'"
                    f" AND met_on > due_on AND met_on >= %s{where_j}",
                    [ct, series.deadline_rule, year_ago],
                )
            )

    def run():
        with connection.cursor() as cursor:
            for sql, params in plan:
                cursor.execute(sql, params)
                cursor.fetchall()

    return run


def _closed_case_to_change(today: date):
    from casework.inspection.models import Complaint

    first = date(today.year, today.month, 1)
    return (
        Complaint.objects.filter(
            closed_at__lt=timezone.make_aware(timezone.datetime(first.year, first.month, 1))
        )
        .filter(closed_at__year=today.year)
        .order_by("-closed_at")
        .first()
    )


def _change_closed_case(case_id: int, n: int) -> None:
    from casework.inspection.models import Complaint
    from casework.services.transitions import case_action

    with case_action(Complaint, case_id, "bench_correct_amount", actor=None) as step:
        step.case.recovered_workers = (step.case.recovered_workers or 0) + 1 + n % 2
        step.case.save()


def _forget_projections(i: int) -> None:
    from casework.models import SettlementProjection

    cache.clear()
    SettlementProjection.objects.all().delete()


def _median_cold(get, make_cold, repeat: int = 3) -> tuple[float, int]:
    runs, queries = [], 0
    for i in range(repeat):
        make_cold(i)
        started = time.perf_counter()
        response = get()
        runs.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(runs), queries


def bench_dashboard(figures):
    from bench.lists import make_user
    from casework.models import Jurisdiction

    today = timezone.localdate()
    jishou = Jurisdiction.objects.get(code="433101")
    last_month = (date(today.year, today.month, 1) - timedelta(days=1)).replace(day=1)
    try:
        with transaction.atomic():
            user = make_user("bench_dashboard", None, superuser=True)
            client = Client(HTTP_HOST="localhost")
            client.force_login(user)
            closed = _closed_case_to_change(today)
            for label, query, jurisdiction in (
                ("whole prefecture", "", None),
                ("one county", f"?period=year&year={today.year}&jurisdiction=433101", jishou),
            ):
                url = "/stats/" + query

                def get(url=url):
                    return client.get(url)

                floor = timed(_floor(today, jurisdiction and jurisdiction.pk), repeat=5)
                colds = [
                    ("cache flushed", lambda i: cache.clear()),
                ]
                colds.append(("projection never computed today", _forget_projections))
                if closed is not None:
                    colds.append(
                        ("after a change to a closed case", lambda i: _change_closed_case(closed.pk, i))
                    )
                for kind, make_cold in colds:
                    value, _ = _median_cold(get, make_cold)
                    figures.append(_figure(f"dashboard /stats/ year, {label}: cold, {kind}", value, floor))
                month_url = f"/stats/?period=month&month={last_month:%Y-%m}" + (
                    "&jurisdiction=433101" if jurisdiction else ""
                )
                value, _ = _median_cold(
                    lambda month_url=month_url: client.get(month_url), lambda i: cache.clear()
                )
                figures.append(_figure(f"dashboard /stats/ last month, {label}: cold", value, floor))
                value = timed(get, repeat=5)
                figures.append(_figure(f"dashboard /stats/ year, {label}: warm", value, floor))
            raise Rollback
    except Rollback:
        pass


def _figure(name: str, value: float, floor: float) -> Figure:
    ratio = value / floor if floor else float("inf")
    return Figure(
        name,
        value,
        baseline=floor,
        target=f"< {TARGET_MS} ms, ≤ {TARGET_RATIO}×",
        passed=value < TARGET_MS and ratio <= TARGET_RATIO,
        note="floor: raw SQL on the roll-up and indexed rows",
    )
