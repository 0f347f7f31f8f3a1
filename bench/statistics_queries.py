"""Time the statistics queries against a large database (not part of the test suite).

    DATABASE_URL=postgres://…/cases python bench/statistics_queries.py [--explain]

Runs the dashboard's report (period figures by jurisdiction, monthly trend, year-end projection) for the
prefecture and for one county, for a month, a quarter and the year to date, and prints each SQL query's time.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as: python bench/statistics_queries.py
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from casework.inspection.models import Complaint  # noqa: E402
from casework.models import Jurisdiction, User  # noqa: E402
from casework.statistics.periods import Period  # noqa: E402
from casework.statistics.report import build_report  # noqa: E402


def main(explain: bool = False):
    today = timezone.localdate()
    superuser = User(username="bench", is_superuser=True, is_active=True)
    jishou = Jurisdiction.objects.get(code="433101")
    print(f"{Complaint.objects.count():,} complaints; today {today}")
    periods = [
        Period.month(today.year, today.month),
        Period.quarter(today.year, (today.month - 1) // 3 + 1),
        Period.range(Period.year(today.year).start, today),
    ]
    timings = []

    def timer(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append((time.perf_counter() - start, sql, params))

    only = [a for a in sys.argv[1:] if not a.startswith("--")]
    for scope in (None, jishou):
        if only and (scope is None) != ("all" in only):
            continue
        for period in periods:
            if only and period.kind not in only and not (period.kind == "range" and "ytd" in only):
                continue
            timings.clear()
            started = time.perf_counter()
            with connection.execute_wrapper(timer):
                build_report(superuser, period, today=today, jurisdiction=scope, links=False)
            total = time.perf_counter() - started
            name = scope.name if scope else "全州"
            print(f"\n{name} {period.label}: {total * 1000:.0f} ms in total, {len(timings)} queries")
            for seconds, sql, _params in timings:
                print(f"  {seconds * 1000:7.1f} ms  {sql[:110]}")
            if explain:
                for _seconds, sql, params in timings:
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                        print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main(explain="--explain" in sys.argv)
