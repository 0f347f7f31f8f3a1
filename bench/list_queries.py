"""Each SQL query of the staff case lists with its time, and optionally its plan (not part of the test suite).

    DATABASE_URL=postgres://…/cases python bench/list_queries.py [--explain] [--min-ms 1] [complaint arbitration …]
        [--who director] [--variant "page 40"]

Requests the pages bench/run.py times (bench/lists.py) once each, inside a transaction that is rolled back, and
prints every query's time; ``--explain`` adds ``EXPLAIN (ANALYZE, BUFFERS)`` of each query slower than
``--min-ms`` (default 1 ms); ``--plans`` prints, for the list's own queries (the count and the page), the
execution time PostgreSQL measures and the scans it chose — figures that the machine's load disturbs less
than wall time.
"""

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Rollback, setup  # noqa: E402

setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from bench.lists import LISTS, county, list_users, variants  # noqa: E402

SCANS = re.compile(
    r"(Seq Scan on \S+|Index Only Scan using \S+|Index Scan using \S+|Bitmap Index Scan on \S+|Sort)"
)


def _plan_summary(sql: str, params) -> str:
    """'page|count: 1.23 ms, scans …' from EXPLAIN ANALYZE of one query."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    ms = next((line.split(":")[1].strip() for line in plan if line.startswith("Execution Time")), "?")
    scans = []
    for line in plan:
        for scan in SCANS.findall(line):
            if scan not in scans:
                scans.append(scan)
    kind = "count" if "COUNT(*)" in sql[:40] else "page"
    return f"{kind:5} {ms:>10}  {', '.join(scans)}"


def _arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("lists", nargs="*", help="complaint, arbitration, mediation, arrears (default: all)")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--min-ms", type=float, default=1.0)
    parser.add_argument("--plans", action="store_true", help="execution time and scans of the list's queries")
    parser.add_argument("--who", default="", help="only users whose label contains this")
    parser.add_argument("--variant", default="", help="only pages whose label contains this")
    return parser.parse_args()


def _report(args, timings, model) -> None:
    """Each query of one page with its time; with ``--plans`` the list's scans, with ``--explain`` the plans."""
    for ms, sql, _params in timings:
        print(f"  {ms:7.1f} ms  {sql[:150]}")
    if args.plans:
        for _ms, sql, params in timings:
            if f'FROM "{model._meta.db_table}"' in sql:
                print("  " + _plan_summary(sql, params))
    if args.explain:
        for ms, sql, params in timings:
            if ms < args.min_ms or not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                print(f"\n  -- {sql[:2000]}")
                print("\n".join("  " + row[0] for row in cursor.fetchall()))


def _measure_pages(args, label, base, model, state, party, who, user, jishou) -> None:
    timings = []

    def timer(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append(((time.perf_counter() - started) * 1000, sql, params))

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    client.get(base)
    for variant, query in variants(model, state, party, jishou):
        if args.variant not in variant:
            continue
        client.get(base + query)  # warm
        timings.clear()
        started = time.perf_counter()
        with connection.execute_wrapper(timer):
            client.get(base + query)
        total = (time.perf_counter() - started) * 1000
        sql_ms = sum(t for t, _, _ in timings)
        print(
            f"\n{label} list, {who}: {variant} ({base}{query}) — {total:.0f} ms,"
            f" {len(timings)} queries, {sql_ms:.1f} ms in SQL"
        )
        _report(args, timings, model)


def main():
    args = _arguments()
    jishou = county()
    try:
        with transaction.atomic():
            users = list_users(jishou)
            for label, base, model, state, party in LISTS:
                if args.lists and label not in args.lists:
                    continue
                for who, user in users[label]:
                    if args.who in who:
                        _measure_pages(args, label, base, model, state, party, who, user, jishou)
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
