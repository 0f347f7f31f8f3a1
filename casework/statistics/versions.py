"""The cache of the counts of cases closed before this month, and the data version that keys it.

The year's trend (``queries.monthly_counts``) reads every case of the year; at a million cases that is most
of the dashboard's time, and most of those cases were closed in earlier months and do not change. So the
year's caseload is split at the first instant of the current month (``cutoff``): the groups of the cases
closed before it are cached, the cases open or closed since are counted on every request.

A PostgreSQL row trigger on each series' case table records every insert, update or delete of a row that is
closed before or after the change (``StatisticsChange``, with the earlier closing time) — an update only when
it changes a column the counts read (``watched_columns``: archiving a closed case does not) — in the writing
transaction, whatever wrote. The version of "closed before ``cutoff``" is the committed (sum of weights,
highest id) of the table's changes with ``closed_before < cutoff``: the sum grows with every committed
change that can alter the cached counts (merging rows within a month keeps it, ``compact``), and the id of a
rolled-back change is never issued again, so a version seen inside a transaction that rolled back never
comes back. ``cached_closed`` reads the version before and after counting and stores the counts only when
it did not move (so every query in between saw that version's rows). The version also names the database
(server, name, the change table's oid, the server's start time), so databases sharing one cache never read
each other's counts. No trigger on the table (SQLite, or before the post_migrate that installs it): no
cache, everything is counted every time.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from django.core.cache import cache
from django.db import connection

TRIGGER = "settlement_statistics_change"
FUNCTION = "settlement_statistics_note_change"
TRUNCATE_TRIGGER = "settlement_statistics_truncate"
TRUNCATE_FUNCTION = "settlement_statistics_note_truncate"
CACHE_TIMEOUT = 31 * 24 * 3600  # entries of old versions are never read again; this only frees the memory
CACHE_FORMAT = 1  # bump when the cached counts change shape or meaning
BULK_LOAD_SETTING = "casework.statistics_bulk_load"  # 'on' for a session: the triggers record nothing
COMPACT_ABOVE = 5000  # change rows before they are merged into one per table and month


def _changes_table() -> str:
    from casework.models import StatisticsChange

    return StatisticsChange._meta.db_table


def watched_columns(series) -> list[str]:
    """The columns of a series' case row its cached counts read: an update of a closed case that changes
    none of them (its state on archiving, the audit head, the next deadline) leaves the cache in place."""
    meta = series.model._meta
    names = {"jurisdiction", series.accepted_field, series.closed_field}
    names |= {name for name in (series.recovered_field, series.workers_field) if name}
    for q in (series.base_filter, series.success_filter, series.final_filter):
        names |= _q_fields(q)
    return sorted(meta.get_field(name).column for name in names)


def _q_fields(q) -> set[str]:
    from django.db.models import Q

    out: set[str] = set()
    for child in getattr(q, "children", ()):
        if isinstance(child, Q):
            out |= _q_fields(child)
        elif isinstance(child, tuple):
            out.add(child[0].split("__")[0])
    return out


def install_triggers(sender=None, using="default", **kwargs) -> None:
    """Create the change triggers on every registered series' case table that exists, or re-create them
    when the series reads other columns than the trigger watches (idempotent; PostgreSQL only). Connected to
    post_migrate, so each app's table gets them after its own migrations."""
    from django.db import connections

    from .registry import all_series

    conn = connections[using]
    if conn.vendor != "postgresql":
        return
    changes = _changes_table()
    with conn.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [changes])
        if cursor.fetchone()[0] is None:
            return
        # TG_ARGV: the watched columns. An update records a change only when the row is closed before or
        # after it and one of them changed (compared as JSON values); no arguments: every update counts.
        cursor.execute(
            f"""CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                touched timestamptz;
                old_row jsonb;
                new_row jsonb;
                changed boolean := TG_NARGS = 0;
                i integer;
            BEGIN
                IF current_setting('{BULK_LOAD_SETTING}', true) = 'on' THEN
                    RETURN NULL;  -- a bulk load notes one change per table itself (note_bulk_change)
                END IF;
                IF TG_OP = 'INSERT' THEN
                    touched := NEW.closed_at;
                ELSIF TG_OP = 'DELETE' THEN
                    touched := OLD.closed_at;
                ELSE
                    touched := LEAST(OLD.closed_at, NEW.closed_at);
                    IF touched IS NOT NULL AND NOT changed THEN
                        old_row := to_jsonb(OLD);
                        new_row := to_jsonb(NEW);
                        FOR i IN 0 .. TG_NARGS - 1 LOOP
                            IF old_row -> TG_ARGV[i] IS DISTINCT FROM new_row -> TG_ARGV[i] THEN
                                changed := true;
                                EXIT;
                            END IF;
                        END LOOP;
                        IF NOT changed THEN
                            RETURN NULL;
                        END IF;
                    END IF;
                END IF;
                IF touched IS NOT NULL THEN
                    INSERT INTO {changes} (table_name, closed_before, weight) VALUES (TG_TABLE_NAME, touched, 1);
                END IF;
                RETURN NULL;
            END $$"""
        )
        cursor.execute(
            f"""CREATE OR REPLACE FUNCTION {TRUNCATE_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO {changes} (table_name, closed_before, weight) VALUES (TG_TABLE_NAME, '-infinity', 1);
                RETURN NULL;
            END $$"""
        )
        for series in all_series():
            table = series.model._meta.db_table
            cursor.execute("SELECT to_regclass(%s)", [table])
            if cursor.fetchone()[0] is None:
                continue
            columns = watched_columns(series)
            arguments = ", ".join("'" + column.replace("'", "''") + "'" for column in columns)
            for name, when, function, args in (
                (TRIGGER, "INSERT OR UPDATE OR DELETE", f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}", columns),
                (
                    TRUNCATE_TRIGGER,
                    "TRUNCATE",
                    f"FOR EACH STATEMENT EXECUTE FUNCTION {TRUNCATE_FUNCTION}",
                    [],
                ),
            ):
                cursor.execute(
                    "SELECT tgargs FROM pg_trigger WHERE tgname = %s AND tgrelid = to_regclass(%s)",
                    [name, table],
                )
                row = cursor.fetchone()
                wanted = b"".join(arg.encode() + b"\x00" for arg in args)
                if row is not None and bytes(row[0]) == wanted:
                    continue
                if row is not None:
                    cursor.execute(f'DROP TRIGGER {name} ON "{table}"')
                listed = arguments if args else ""
                cursor.execute(f'CREATE TRIGGER {name} AFTER {when} ON "{table}" {function}({listed})')


def closed_version(table: str, cutoff: datetime):
    """The committed version of the rows of ``table`` closed before ``cutoff``; None when the table has no
    change trigger (then nothing may be cached)."""
    if connection.vendor != "postgresql":
        return None
    changes = _changes_table()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT
                (SELECT count(*) FROM pg_trigger WHERE tgname IN (%s, %s) AND tgrelid = to_regclass(%s)),
                coalesce(sum(weight), 0), max(id),
                (SELECT count(*) FROM (SELECT 1 FROM {changes} LIMIT %s) rows),
                %s::regclass::oid, pg_postmaster_start_time()
            FROM {changes} WHERE table_name = %s AND closed_before < %s""",
            [TRIGGER, TRUNCATE_TRIGGER, table, COMPACT_ABOVE + 1, changes, table, cutoff],
        )
        triggers, total, last, rows, oid, started = cursor.fetchone()
    if triggers != 2:
        return None
    if rows > COMPACT_ABOVE:
        compact()
        return closed_version(table, cutoff)
    # Which database: two databases (clones of one template, staging and production…) sharing a cache
    # may hold the same sums; a database restored from a backup is recreated (new oid) or restarted.
    where = connection.settings_dict
    return (int(total), last, where["HOST"], where["PORT"], where["NAME"], oid, started.isoformat())


def compact() -> None:
    """Merge the change rows into one per table and local month (the earliest closing time of the month, the
    sum of the weights): every month-aligned cutoff sees the same sums. Concurrent compactions each merge only
    the rows they deleted."""
    changes = _changes_table()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH gone AS (DELETE FROM {changes} RETURNING table_name, closed_before, weight)
            INSERT INTO {changes} (table_name, closed_before, weight)
            SELECT table_name, min(closed_before), sum(weight) FROM gone
            GROUP BY table_name, date_trunc('month', closed_before, %s)""",
            [_zone_name()],
        )


def _zone_name() -> str:
    from django.conf import settings

    return settings.TIME_ZONE


def cached_closed(parts: tuple, table: str, cutoff: datetime, compute):
    """``compute()`` — counts of cases closed before ``cutoff`` only — cached under ``parts`` and their
    version."""
    before = closed_version(table, cutoff)
    if before is None:
        return compute()
    key = (
        "settlement:"
        + hashlib.sha256(repr((CACHE_FORMAT, table, parts, cutoff, before)).encode()).hexdigest()
    )
    hit = cache.get(key)
    if hit is not None:
        return hit
    value = compute()
    if closed_version(table, cutoff) == before:
        cache.set(key, value, CACHE_TIMEOUT)
    return value


def note_bulk_change(table: str) -> None:
    """Record a change to every closed case of ``table``: for a bulk load that ran with the triggers off
    (``SET casework.statistics_bulk_load = on``, see ``BULK_LOAD_SETTING``), so that no figures cached before it are served after."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_changes_table()} (table_name, closed_before, weight) VALUES (%s, '-infinity', 1)",
            [table],
        )


def cutoff_day(year: int, today: date) -> date:
    """Where a year's caseload is split: the first day of the current month, within [1 January of the year,
    1 January of the next]."""
    first = date(today.year, today.month, 1)
    return max(date(year, 1, 1), min(first, date(year + 1, 1, 1)))
