"""The staff lists as a director meets them: short Chinese searches, a word most names contain, deep pages.

    DATABASE_URL=postgres://…/cases python bench/search_lists.py [--repeat 5] [--lists complaint,arrears]

(also ``bench/run.py --only search``). Each figure is one page request through the Django test client, timed
**cold** (the first request after the cache is cleared and the database connection is new: no cached count, no
cached plan or catalogue in the server process) and **warm** (median of ``--repeat`` requests after one more).

Its **floor** is raw SQL doing the same work as the page's own statements, timed the same way (cold: the first
run on a new connection; warm: the median after a warm-up):

- a search: the page of matches with the rows shown beside them and their number up to the count cap, written
  out for each way a search can be answered — *collect* the cases holding the query's bigrams from the token
  index (in the user's county when that is all they see) and sort them, *walk* the visible cases in the list's
  indexed order testing each one's text, or look a longer query up in the texts' trigram index — the fastest
  of them (``_search_floor``: it knows which way suits the query; the list has to find out);
- a deep page: the page's cases by primary key with the rows they are shown with, and the count of the rows the
  total counts (none when the total is cached).

The ratio compares the request's *database* time in the list's own statements (those on the case,
search-index and related tables; session and permission queries left out) with the floor; a figure PASSes only
when both hold: the request under its target (150 ms for a search, 100 ms for a deep page) and the ratio ≤
``RATIO``. The load average is printed with the run and with each figure.

Searches (seeded names, ``casework.scale.people``: 张 in a tenth of the employers, 建筑 in a fifth, 有限公司 in
all; a county's short name in the numbers of a ninth of the cases): 张, 湘 (every employer), 建筑, 泸溪, 有限公司.
Deep pages: page ``--page`` (400, or the last but one when the list is shorter) by number (``OFFSET``) and by the
"下一页" link of the page before it (keyset, ``casework.keyset``).
"""

import argparse
import os
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RATIO = 2.0
SEARCH_TARGET = 150
DEEP_TARGET = 100
SEARCHES = (
    ("1 char 张", "张"),
    ("1 char 湘", "湘"),
    ("2 chars 建筑", "建筑"),
    ("2 chars 泸溪", "泸溪"),
    ("word 有限公司", "有限公司"),
)


def load() -> str:
    return "load " + "/".join(f"{x:.1f}" for x in os.getloadavg())


class ListStatements:
    """The time of the list's own statements in a request (those naming one of ``tables``)."""

    def __init__(self, tables):
        self.pattern = re.compile("|".join(re.escape(t) for t in tables))
        # the user's access (jurisdictions and grants: one statement naming every case table) is not the list's
        self.permissions = re.compile(r'^\s*\(?SELECT "casework_user_jurisdictions"')
        self.ms = 0.0
        self.count = 0
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if (
                self.pattern.search(sql)
                and not self.permissions.match(sql)
                and not sql.lstrip().upper().startswith(("SAVEPOINT", "RELEASE"))
            ):
                self.ms += (time.perf_counter() - started) * 1000
                self.count += 1
                self.statements.append((sql, params))


def server_ms(statements) -> float:
    """PostgreSQL's own planning + execution time of these statements (``EXPLAIN ANALYZE``): what the database
    spends, less disturbed by the other processes on the machine than the client's wall time."""
    import json

    from django.db import connection

    total = 0.0
    with connection.cursor() as cursor:
        for sql, params in statements:
            if sql.startswith("EXPLAIN "):
                # the search's planner estimate (search_index._estimated): its planning time
                inner = sql[sql.index(")") + 1 :]
                cursor.execute("EXPLAIN (SUMMARY ON, FORMAT JSON) " + inner, params)
            else:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            total += plan[0]["Planning Time"] + plan[0].get("Execution Time", 0.0)
    return total


def _raw_ms(statements, repeat: int, *, cold: bool = False) -> float:
    """Median time of running these raw statements one after the other (after one warm-up); ``cold``: the
    time of their first run on a new database connection (no cached plan or catalogue), as a cold page meets
    them."""
    import statistics

    from django.db import connection

    if cold:
        connection.close()
        connection.ensure_connection()
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
        return (time.perf_counter() - started) * 1000
    runs = []
    for i in range(repeat + 1):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
        if i:
            runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def _floor(case_list, page_ids, count, repeat, *, cold=False) -> tuple[float, float]:
    """Raw SQL: the page's rows by primary key with their related rows, and (``count``: a statement) the
    count of the rows the page's total counts — (wall ms, server ms)."""
    model = case_list.model
    rows = model.objects.filter(pk__in=page_ids).select_related(*case_list.related)
    statements = [rows.query.sql_with_params()] if page_ids else []
    if count:
        statements.append(count)
    return _raw_ms(statements, repeat, cold=cold), server_ms(statements)


def _search_floor(case_list, user, q, repeat, *, cold=False) -> tuple[float, float, str]:
    """The floor of a search: hand-written SQL that does the same work with the same indexes — the page of
    matches (with the rows shown beside each) and their number up to the count cap — but without the list's
    own deciding: each way a search can be answered is written out and timed, and the faster one is the floor
    (wall ms, server ms, the way). The ways: *collect* — the cases holding the query's bigrams (the token index,
    in the user's county when that is all they see; a query longer than two characters rechecked against the
    text), sorted; *walk* — the visible cases in the list's (indexed) order, each tested against its text (one
    unique-index probe), until the page is full; *whole text* (three characters or more, PostgreSQL) — the
    texts' trigram index. All also take the type's exact matches (a whole name…), as the list does."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.models import Q

    from casework.kernel import search_index as si
    from casework.kernel.lists import PAGE_SIZE
    from casework.models import SearchText
    from casework.models.case import urgency_order
    from casework.pagination import SEARCH_COUNT_CAP
    from casework.selectors.visibility import jurisdiction_scope, visible_to

    model = case_list.model
    needle = q.lower()
    ct = ContentType.objects.get_for_model(model).pk
    exact = case_list.search(q)
    scope = jurisdiction_scope(user, model)  # a county's staff read their county's postings, as the list does
    scope = None if scope is None else tuple(sorted(scope))
    ranges = si._token_range(needle)
    postings = si._postings(ct, ranges[0], scope)
    for olo, ohi in ranges[1:]:
        postings = postings.filter(si._has_token(ct, olo, ohi, "case_id"))
    if len(needle) > 2:
        postings = postings.filter(si._text_matches(ct, needle, "case_id"))
    ways = {
        "collect": (si.in_subquery("pk", postings.values("case_id")), True),
        "walk": (si._text_contains(ct, needle), False),
    }
    if len(needle) > 2 and connection.vendor == "postgresql":  # the texts' trigram index
        whole = SearchText.objects.filter(content_type_id=ct, text__contains=needle).values("case_id")
        ways["whole text"] = (si.in_subquery("pk", whole), True)
    best = None
    for way, (condition, sort) in ways.items():
        found = Q(condition) | exact if exact else Q(condition)
        cases = visible_to(user, model.objects.all()).filter(found)
        order = urgency_order(model.OPEN_STATES, collective=case_list.collective, searched=sort)
        page = cases.select_related(*case_list.related).order_by(*order)[:PAGE_SIZE]
        sql, params = cases.values("pk")[: SEARCH_COUNT_CAP + 1].query.sql_with_params()
        statements = [page.query.sql_with_params(), (f"SELECT COUNT(*) FROM ({sql}) n", params)]
        wall, server = _raw_ms(statements, repeat, cold=cold), server_ms(statements)
        if best is None or wall < best[0]:
            best = (wall, server, way)
    return best


def bench_search(figures, *, repeat: int = 5, page: int = 400, only=()):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from arbitration.selectors import ARBITRATION_LIST, MEDIATION_LIST
    from arrears.selectors.cases import ARREARS_LIST
    from bench.common import Figure
    from bench.lists import county, list_users
    from casework import keyset
    from casework.inspection.selectors import COMPLAINT_LIST
    from casework.kernel.lists import PAGE_SIZE, CaseFilters
    from casework.models import SearchText, SearchToken, User
    from casework.pagination import SEARCH_COUNT_CAP, CaseListPaginator

    lists = (
        ("complaint", "/complaints/", COMPLAINT_LIST),
        ("arbitration", "/arbitrations/", ARBITRATION_LIST),
        ("mediation", "/mediations/", MEDIATION_LIST),
        ("arrears", "/arrears/", ARREARS_LIST),
    )
    print(f"… search lists ({load()})", flush=True)
    jishou = county()
    # the users are committed (a cold request needs a new database connection) and deleted at the end
    User.objects.filter(username__startswith="bench_list_").delete()
    try:
        users = list_users(jishou)
        for label, base, case_list in lists:
            if only and label not in only:
                continue
            model = case_list.model
            table = model._meta.db_table
            related = [model._meta.get_field(r).related_model._meta.db_table for r in case_list.related]
            tables = [
                model._meta.db_table,
                SearchText._meta.db_table,
                SearchToken._meta.db_table,
                *related,
            ]
            who_list = [users[label][-1]]  # the prefecture director
            if label == "complaint":
                who_list.insert(0, users[label][0])  # and a county inspector
            for who, user in who_list:
                client = Client(HTTP_HOST="localhost")
                client.force_login(user)
                client.get(base)
                pages = []
                for name, q in SEARCHES:
                    cases = case_list.cases(user, CaseFilters(q=q))
                    counted = list(cases.values_list("pk", flat=True)[: SEARCH_COUNT_CAP + 1])
                    count = (f"SELECT COUNT(*) FROM {table} WHERE id = ANY(%s)", [counted])
                    url = f"{base}?{urlencode({'q': q})}"
                    pages.append((f"search {name}", url, q, len(counted), None, None))
                whole = keyset.keyed(case_list.cases(user))
                total = whole.count()
                n = min(page, max(2, -(-total // PAGE_SIZE) - 1))
                before = list(whole[(n - 1) * PAGE_SIZE - 1 : n * PAGE_SIZE])
                if len(before) > 1:
                    cursor = keyset.encode(keyset.position(before[0], keyset.keys_of(whole)))
                    shown = [c.pk for c in before[1:]]
                    if user.sees_all_jurisdictions:
                        count = (f"SELECT COUNT(*) FROM {table}", [])
                    else:
                        where = "jurisdiction_id = ANY(%s)"
                        count = (
                            f"SELECT COUNT(*) FROM {table} WHERE {where}",
                            [list(user.jurisdiction_ids)],
                        )
                    # a total of CACHE_FROM or more is counted on the cold request only (then cached)
                    warm_count = None if total >= CaseListPaginator.CACHE_FROM else count
                    for variant, url in (
                        (f"page {n} by number", f"{base}?page={n}"),
                        (
                            f"page {n} by link (keyset)",
                            f"{base}?{urlencode({'page': n, 'after': cursor})}",
                        ),
                    ):
                        pages.append((variant, url, shown, total, count, warm_count))
                for variant, url, shown, counted, cold_count, warm_count in pages:
                    target = SEARCH_TARGET if variant.startswith("search") else DEEP_TARGET
                    if variant.startswith("search"):  # ``shown`` is the query
                        cold_floor = _search_floor(case_list, user, shown, repeat, cold=True)
                        warm_floor = _search_floor(case_list, user, shown, repeat)
                        floors = {"cold": cold_floor[:2], "warm": warm_floor[:2]}
                        floor_note = f"floor: {warm_floor[2]}; "
                    else:
                        floors = {
                            "cold": _floor(case_list, shown, cold_count, repeat, cold=True),
                            "warm": _floor(case_list, shown, warm_count, repeat),
                        }
                        floor_note = "floor: the shown rows by id and the count; "
                    for kind in ("cold", "warm"):
                        floor, floor_server = floors[kind]
                        if kind == "cold":
                            cache.clear()
                            connection.close()
                            client.force_login(user)  # the session's rows, in the new connection
                            runs = 1
                        else:
                            client.get(url)
                            runs = repeat
                        walls, sql = [], []
                        for _ in range(runs):
                            stats = ListStatements(tables)
                            with connection.execute_wrapper(stats):
                                started = time.perf_counter()
                                response = client.get(url)
                                walls.append((time.perf_counter() - started) * 1000)
                            assert response.status_code == 200, (url, response.status_code)
                            sql.append(stats.ms)
                        walls.sort(), sql.sort()
                        wall, db = walls[len(walls) // 2], sql[len(sql) // 2]
                        ratio = db / floor if floor else 0
                        server = server_ms(stats.statements)
                        server_ratio = server / floor_server if floor_server else 0
                        figures.append(
                            Figure(
                                f"{label}, {who.split(' (')[0]}: {variant}, {kind}",
                                wall,
                                target=f"< {target} ms, SQL ≤ {RATIO}×",
                                passed=wall < target and ratio <= RATIO,
                                note=(
                                    f"{floor_note}list SQL {db:.1f} ms = {ratio:.1f}× floor {floor:.1f} ms "
                                    f"({stats.count} stmts); server {server:.2f} ms = {server_ratio:.1f}× "
                                    f"floor {floor_server:.2f} ms; {counted:,}"
                                    f"{'+' if counted > SEARCH_COUNT_CAP and 'search' in variant else ''}"
                                    f" counted; {load()}"
                                ),
                            )
                        )
    finally:
        connection.close()
        User.objects.filter(username__startswith="bench_list_").delete()


def main():
    from bench.common import print_table, setup

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--page", type=int, default=400)
    parser.add_argument("--lists", default="", help="complaint,arbitration,mediation,arrears (default: all)")
    args = parser.parse_args()
    setup()
    from django.db import connection

    from bench.common import Figure
    from casework.models import SearchText

    figures: list[Figure] = []
    started = load()
    bench_search(figures, repeat=args.repeat, page=args.page, only=[x for x in args.lists.split(",") if x])
    cases = SearchText.objects.count()
    print_table(
        figures,
        f"{connection.vendor}, {cases:,} indexed cases; {started} at the start, {load()} at the end. "
        "floor = raw SQL doing the same work (a search: the fastest way of answering it); "
        "PASS = wall under target and the list's SQL ≤ 2× floor",
    )


if __name__ == "__main__":
    main()
