"""docs/scaling.md's measurements: partitioning or not, a GIN index instead of the bigram table, and the search
index's statements at ten times the data — on a database seeded by ``manage.py seed_scale`` (PostgreSQL).

    DATABASE_URL=postgres://…/cases python bench/scaling.py partitions   # plain vs partitioned copies
    DATABASE_URL=postgres://…/cases python bench/scaling.py gin          # bigram B-tree table vs GIN arrays
    DATABASE_URL=postgres://…/cases python bench/scaling.py copies --copies 10   # the search at 10× the data
    DATABASE_URL=postgres://…/cases python bench/scaling.py drop         # remove every sim_ table

Each command builds its ``sim_`` tables from the seeded ones (plain SQL; nothing of the application's tables is
changed), ``VACUUM ANALYZE``s them and prints median (and 95th percentile) times of the same statements on the
seeded tables and on the copies. The copies of ``copies`` are the complaints' search rows repeated with shifted
case ids: the complaints' share of ``copies`` × the seeded cases, with the same words in the same proportions.
"""

import argparse
import os
import statistics
import sys
import time

import psycopg

BASE = 0x110000  # casework.kernel.search_index.BASE: bigram(a, b) = ord(a) * BASE + ord(b)
COMPLAINTS = "casework.complaint"
DENSITY = 50  # casework.kernel.search_index.DENSITY


def connect():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("DATABASE_URL=postgres://… (a database seeded by seed_scale)")
    return psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True)


def run(conn, *statements):
    for sql in statements:
        started = time.perf_counter()
        conn.execute(sql)
        print(f"  {(time.perf_counter() - started):6.1f} s  {sql.split('(')[0][:90]}", flush=True)


def timed(conn, sql, params_list, skip=3):
    runs = []
    for i, params in enumerate(params_list):
        started = time.perf_counter()
        rows = conn.execute(sql, params).fetchall()
        if i >= skip:
            runs.append((time.perf_counter() - started) * 1000)
    runs.sort()
    return statistics.median(runs), runs[max(0, int(len(runs) * 0.95) - 1)], rows


def complaint_ct(conn) -> int:
    app, model = COMPLAINTS.split(".")
    return conn.execute(
        "SELECT id FROM django_content_type WHERE app_label = %s AND model = %s", [app, model]
    ).fetchone()[0]


def bigram(a: str, b: str) -> int:
    return ord(a) * BASE + ord(b)


def token_ranges(q: str) -> list[tuple[int, int]]:
    """As ``search_index._token_range``: one range for a character, else every other bigram and the last."""
    if len(q) == 1:
        return [(ord(q) * BASE, ord(q) * BASE + BASE)]
    positions = list(range(len(q) - 1))
    chosen = positions[::2] + ([positions[-1]] if positions[-1] not in positions[::2] else [])
    return [(bigram(q[i], q[i + 1]), bigram(q[i], q[i + 1]) + 1) for i in chosen]


# --- partitioning -------------------------------------------------------------------------------------------


def partitions(conn):
    ct = complaint_ct(conn)
    types = [r[0] for r in conn.execute("SELECT DISTINCT content_type_id FROM casework_searchtoken")]
    years = conn.execute(
        "SELECT extract(year FROM min(at))::int, extract(year FROM max(at))::int FROM casework_transitionlog"
    ).fetchone()
    print("building sim_token_part (by case type) and sim_log_part (by year):")
    run(conn, "SET maintenance_work_mem = '1GB'", "DROP TABLE IF EXISTS sim_token_part, sim_log_part")
    run(
        conn,
        "CREATE TABLE sim_token_part (token bigint, content_type_id int, case_id bigint, jurisdiction_id bigint)"
        " PARTITION BY LIST (content_type_id)",
        *(f"CREATE TABLE sim_token_part_{t} PARTITION OF sim_token_part FOR VALUES IN ({t})" for t in types),
        "INSERT INTO sim_token_part SELECT token, content_type_id, case_id, jurisdiction_id FROM casework_searchtoken",
        "CREATE INDEX ON sim_token_part (token, content_type_id, jurisdiction_id, case_id)",
        "CREATE INDEX ON sim_token_part (content_type_id, case_id, token)",
        "CREATE TABLE sim_log_part (LIKE casework_transitionlog) PARTITION BY RANGE (at)",
        *(
            f"CREATE TABLE sim_log_part_{y} PARTITION OF sim_log_part FOR VALUES FROM ('{y}-01-01') TO ('{y + 1}-01-01')"
            for y in range(years[0], years[1] + 1)
        ),
        "INSERT INTO sim_log_part SELECT * FROM casework_transitionlog",
        "CREATE INDEX ON sim_log_part (content_type_id, object_id, id)",
        "CREATE INDEX ON sim_log_part (id)",
        "VACUUM ANALYZE sim_token_part",
        "VACUUM ANALYZE sim_log_part",
        "VACUUM ANALYZE casework_searchtoken",
        "VACUUM ANALYZE casework_transitionlog",
    )
    cases = [
        r[0]
        for r in conn.execute(
            "SELECT object_id FROM casework_transitionlog WHERE content_type_id = %s ORDER BY random() LIMIT 300",
            [ct],
        )
    ]
    last = conn.execute("SELECT max(id) FROM casework_transitionlog").fetchone()[0]
    county = conn.execute("SELECT min(jurisdiction_id) FROM casework_searchtoken").fetchone()[0]
    statements = [
        ("a case's log entries by (type, case)", "SELECT id, at FROM {log} WHERE content_type_id = %s AND object_id = %s ORDER BY id", [[ct, c] for c in cases]),
        ("new log entries since a checkpoint (10k)", "SELECT id, entry_hash FROM {log} WHERE id > %s ORDER BY id LIMIT 10000", [[last - 10000 - i] for i in range(40)]),
        ("one bigram's postings counted to 8,000", "SELECT count(*) FROM (SELECT 1 FROM {tok} WHERE token = %s AND content_type_id = %s LIMIT 8000) s", [[bigram("建", "筑"), ct]] * 40),
        ("one bigram in one county", "SELECT case_id FROM {tok} WHERE token = %s AND content_type_id = %s AND jurisdiction_id = %s", [[bigram("泸", "溪"), ct, county]] * 40),
        ("one case probed for a bigram", "SELECT 1 FROM {tok} WHERE content_type_id = %s AND case_id = %s AND token = %s", [[ct, c, bigram("建", "筑")] for c in cases]),
    ]  # fmt: skip
    print("\nstatement | plain median / p95 ms | partitioned median / p95 ms")
    for label, sql, params in statements:
        plain = timed(conn, sql.format(log="casework_transitionlog", tok="casework_searchtoken"), params)
        split = timed(conn, sql.format(log="sim_log_part", tok="sim_token_part"), params)
        print(f"{label} | {plain[0]:.3f} / {plain[1]:.3f} | {split[0]:.3f} / {split[1]:.3f}")


# --- GIN ----------------------------------------------------------------------------------------------------


def gin(conn):
    ct = complaint_ct(conn)
    print("building sim_gin_text (one row per case: its bigrams and characters, a GIN index):")
    run(
        conn,
        "SET maintenance_work_mem = '1GB'",
        "DROP TABLE IF EXISTS sim_gin_text",
        "CREATE TABLE sim_gin_text AS SELECT content_type_id, case_id,"
        f" array_agg(token) || array_agg(DISTINCT token / {BASE}) AS tokens"
        " FROM casework_searchtoken GROUP BY content_type_id, case_id",
        "CREATE INDEX sim_gin_tokens ON sim_gin_text USING gin (tokens)",
        "VACUUM ANALYZE sim_gin_text",
    )
    sizes = conn.execute(
        "SELECT pg_size_pretty(pg_total_relation_size('casework_searchtoken')),"
        " pg_size_pretty(pg_relation_size('sim_gin_text')), pg_size_pretty(pg_relation_size('sim_gin_tokens'))"
    ).fetchone()
    print(f"\nsize: bigram table with its indexes {sizes[0]}; GIN rows {sizes[1]}, GIN index {sizes[2]}")
    print("query | B-tree: count to 8,000 | GIN: count to 8,000 | B-tree: all matches | GIN: all matches")
    for q in ["张", "湘", "建筑", "泸溪", "有限公司", "公司20001"]:
        ranges = token_ranges(q)
        wanted = [ord(q)] if len(q) == 1 else sorted({bigram(q[i], q[i + 1]) for i in range(len(q) - 1)})
        b_count = sum(
            timed(
                conn,
                "SELECT count(*) FROM (SELECT 1 FROM casework_searchtoken WHERE token >= %s AND token < %s AND content_type_id = %s LIMIT 8000) s",
                [[lo, hi, ct]] * 8,
            )[0]  # noqa: E501
            for lo, hi in ranges
        )
        g_count = timed(
            conn,
            "SELECT count(*) FROM (SELECT 1 FROM sim_gin_text WHERE tokens @> %s::bigint[] AND content_type_id = %s LIMIT 8000) s",
            [[wanted, ct]] * 8,
        )[0]  # noqa: E501
        # every bigram (or the character), as the GIN query asks: the same matches
        every = ranges if len(q) == 1 else [(w, w + 1) for w in wanted]
        (lo, hi), others = every[0], every[1:]
        exists = "".join(
            f" AND EXISTS (SELECT 1 FROM casework_searchtoken o WHERE o.content_type_id = t.content_type_id"
            f" AND o.case_id = t.case_id AND o.token >= {a} AND o.token < {b})"
            for a, b in others
        )
        b_all = timed(
            conn,
            f"SELECT count(DISTINCT case_id) FROM casework_searchtoken t WHERE token >= %s AND token < %s AND content_type_id = %s{exists}",
            [[lo, hi, ct]] * 4,
            skip=1,
        )  # noqa: E501
        g_all = timed(
            conn,
            "SELECT count(*) FROM sim_gin_text WHERE tokens @> %s::bigint[] AND content_type_id = %s",
            [[wanted, ct]] * 4,
            skip=1,
        )  # noqa: E501
        print(
            f"{q} | {b_count:.2f} ms | {g_count:.2f} ms | {b_all[0]:.2f} ms ({b_all[2][0][0]}) | {g_all[0]:.2f} ms ({g_all[2][0][0]})"
        )  # noqa: E501


# --- the search index at N× ---------------------------------------------------------------------------------


def copies(conn, n: int):
    ct = complaint_ct(conn)
    print(f"building sim_copy_token / sim_copy_text: the complaints' search rows × {n}:")
    shift = 10 ** len(str(conn.execute("SELECT max(case_id) FROM casework_searchtext").fetchone()[0]))
    run(
        conn,
        "SET maintenance_work_mem = '2GB'",
        "DROP TABLE IF EXISTS sim_copy_token, sim_copy_text",
        f"CREATE UNLOGGED TABLE sim_copy_token AS SELECT t.token, t.content_type_id, t.case_id + k * {shift} AS case_id,"
        f" t.jurisdiction_id FROM casework_searchtoken t, generate_series(0, {n - 1}) k WHERE t.content_type_id = {ct}",
        f"CREATE UNLOGGED TABLE sim_copy_text AS SELECT t.content_type_id, t.case_id + k * {shift} AS case_id, t.text"
        f" FROM casework_searchtext t, generate_series(0, {n - 1}) k WHERE t.content_type_id = {ct}",
        "CREATE INDEX ON sim_copy_token (token, content_type_id, jurisdiction_id, case_id)",
        "CREATE INDEX ON sim_copy_token (content_type_id, case_id, token)",
        "CREATE UNIQUE INDEX ON sim_copy_text (content_type_id, case_id)",
        "CREATE INDEX ON sim_copy_text USING gin (text gin_trgm_ops)",
        "VACUUM ANALYZE sim_copy_token",
        "VACUUM ANALYZE sim_copy_text",
    )  # fmt: skip
    seeded = conn.execute(
        "SELECT count(*) FROM casework_searchtext WHERE content_type_id = %s", [ct]
    ).fetchone()[0]
    county = conn.execute("SELECT min(jurisdiction_id) FROM casework_searchtoken").fetchone()[0]
    tables = {
        "seeded": ("casework_searchtoken", "casework_searchtext", seeded),
        f"× {n}": ("sim_copy_token", "sim_copy_text", seeded * n),
    }  # noqa: E501

    def row(label, q, statement):
        found = []
        for tok, txt, cases in tables.values():
            sql, params = statement(tok, txt, cases)
            ms, _p95, rows = timed(conn, sql, [params] * 8)
            found.append((ms, rows[0][-1] if rows else 0))
        (a, na), (b, nb) = found
        print(f"{label} | {q} | {a:.2f} ({na}) | {b:.2f} ({nb}) | {b / max(a, 0.001):.1f}×")

    print(f"\nstatement | query | seeded ms (rows) | × {n} ms (rows) | growth")
    for q in ["张", "湘", "建筑", "泸溪", "有限公司"]:
        ranges = token_ranges(q)

        def decide(tok, txt, cases, ranges=ranges):
            parts = " UNION ALL ".join(
                f"SELECT {i}, count(*) FROM (SELECT 1 FROM {tok} WHERE token >= {lo} AND token < {hi}"
                f" AND content_type_id = {ct} LIMIT {cases // DENSITY}) s{i}"
                for i, (lo, hi) in enumerate(ranges)
            )
            return parts, []

        row("decide: postings counted to N/50", q, decide)
        row(
            "walk: first page (25)",
            q,
            lambda tok, txt, cases, q=q: (
                f"SELECT case_id FROM {txt} WHERE content_type_id = {ct} AND strpos(text, %s) > 0 ORDER BY case_id DESC LIMIT 25",
                [q],
            ),
        )  # noqa: E501
        row(
            "walk: counted to the cap (501)",
            q,
            lambda tok, txt, cases, q=q: (
                f"SELECT count(*) FROM (SELECT 1 FROM {txt} WHERE content_type_id = {ct} AND strpos(text, %s) > 0 ORDER BY case_id DESC LIMIT 501) s",
                [q],
            ),
        )  # noqa: E501
    for q in ["泸溪", "建筑"]:
        ((lo, hi),) = token_ranges(q)
        row(
            f"collect in county {county}",
            q,
            lambda tok, txt, cases, lo=lo, hi=hi: (
                f"SELECT count(*) FROM {tok} WHERE token >= {lo} AND token < {hi} AND content_type_id = {ct} AND jurisdiction_id = {county}",
                [],
            ),
        )  # noqa: E501
    for q in ["公司20001", "湘西刘氏建筑有限公司2000"]:
        ranges = token_ranges(q)

        def recheck(tok, txt, cases, q=q, ranges=ranges):
            (lo, hi), others = ranges[0], ranges[1:]
            exists = "".join(
                f" AND EXISTS (SELECT 1 FROM {tok} o WHERE o.content_type_id = {ct} AND o.case_id = t.case_id"
                f" AND o.token >= {a} AND o.token < {b})"
                for a, b in others
            )
            text = f"(SELECT text FROM {txt} x WHERE x.content_type_id = {ct} AND x.case_id = t.case_id)"
            return (
                f"SELECT count(*) FROM {tok} t WHERE token >= {lo} AND token < {hi} AND content_type_id = {ct}"
                f"{exists} AND strpos({text}, %s) > 0",
                [q],
            )

        row("collect from a common bigram, recheck each", q, recheck)
        row(
            "collect through the trigram index",
            q,
            lambda tok, txt, cases, q=q: (
                f"SELECT count(*) FROM {txt} WHERE content_type_id = {ct} AND text LIKE %s",
                [f"%{q}%"],
            ),
        )  # noqa: E501


def drop(conn):
    run(
        conn, "DROP TABLE IF EXISTS sim_token_part, sim_log_part, sim_gin_text, sim_copy_token, sim_copy_text"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["partitions", "gin", "copies", "drop"])
    parser.add_argument(
        "--copies", type=int, default=10, help="copies: how many times the seeded search rows"
    )
    args = parser.parse_args()
    conn = connect()
    if args.what == "copies":
        copies(conn, args.copies)
    else:
        globals()[args.what](conn)


if __name__ == "__main__":
    main()
