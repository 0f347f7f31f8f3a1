"""The monthly roll-up of the settlement statistics (``SettlementRollup``), kept current by delta.

The dashboard's trend, its year and month figures and the year-end projection's counts all start from the
year's cases grouped by (jurisdiction, month accepted, month closed) (``monthly.monthly_counts``). Counting
those groups from the case rows on every cold view reads every case of the year; the roll-up keeps the same
groups — for every year — as rows, one per (series, jurisdiction, month accepted, month closed), with the
number of cases and the measures summed over them, and the page reads the few hundred rows of its year.

**Kept current by delta.** Each save of a case row through the model (``Case.save``: the kernel's
``case_transition`` and ``case_action`` save the locked case, ``register_case`` saves a new one; the admin and
the test factories save too) and each delete moves the case's own counts from its old key to its new one —
``-1`` on (jurisdiction, accepted March, open), ``+1`` on (jurisdiction, accepted March, closed May) when it
closes, the reverse when it is reopened — before the row is written, in the same transaction: a rolled-back
change takes its delta with it. The delta is one ``INSERT … ON CONFLICT DO UPDATE SET n = n + EXCLUDED.n``,
an increment computed by the database under the row's lock, so two transitions at once never lose one
(``tests/statistics/test_rollup_pg.py``); the rows of one statement are written in key order (no deadlock
between two such statements). Nothing else is invalidated: a change to a case closed in March touches March's
rows only.

**Guarded.** A write that does not go through the model (``QuerySet.update``, ``bulk_create``, raw SQL, a
restore) cannot be seen from Python. On PostgreSQL a row trigger on each counted case table marks the series'
roll-up *stale* (``SettlementRollupState``) when such a write changes a counted column; the model's own writes
announce themselves to it (a transaction-local setting naming the row, consumed by the trigger). A stale or
never built roll-up is not read — the figures are counted from the case rows as before
(``monthly.monthly_counts``) — until ``manage.py rebuild_statistics_rollup`` (also run after ``migrate``
and by ``seed_scale``'s bulk load) recomputes it from scratch. SQLite has no such trigger: there the roll-up
is kept but never read.

Which series: those counting closures by plain date (no ``closed_filter``) whose row conditions
(``base_filter``, ``success_filter``, ``final_filter``) are plain comparisons on the case row that Python can
evaluate (``_matches``); every series registered today is one.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, DateField, F, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from . import compiled

FLAG_SETTING = "casework.statistics_rollup_rows"  # the rows the model is writing itself (see the trigger)
GUARD_TRIGGER = "settlement_rollup_guard"
GUARD_FUNCTION = "settlement_rollup_note_write"
MEASURES = ("n", "succeeded", "final", "recovered", "workers")


class Unsupported(Exception):
    """A condition the roll-up cannot evaluate on a case in Python."""


# --- which series, and a case's entries --------------------------------------------------------------------
def _rollup_models():
    from casework.models import SettlementRollup, SettlementRollupState

    return SettlementRollup, SettlementRollupState


def supported(series) -> bool:
    if series.closed_filter is not None:
        return False
    try:
        for q in (series.base_filter, series.success_filter, series.final_filter):
            if q is not None:
                _check(series.model, q)
    except Unsupported:
        return False
    return True


def rolled_series(model=None) -> list:
    """The registered series the roll-up keeps (of ``model`` only, when given)."""
    from .registry import all_series

    return [s for s in all_series() if (model is None or s.model is model) and _supported_cached(s)]


_SUPPORTED: dict[int, tuple] = {}
_WATCHED: dict[type, tuple[str, ...]] = {}


def forget() -> None:
    """A series was registered or removed: what is counted is worked out again."""
    _SUPPORTED.clear()
    _WATCHED.clear()


def _supported_cached(series) -> bool:
    hit = _SUPPORTED.get(id(series))
    if hit is None or hit[0] is not series:
        hit = _SUPPORTED[id(series)] = (series, supported(series))
    return hit[1]


def local_zone():
    from zoneinfo import ZoneInfo

    from django.conf import settings

    return ZoneInfo(settings.TIME_ZONE)


def watched_fields(model) -> list[str]:
    """The attribute names of ``model``'s columns that any of its rolled-up series reads."""
    from .versions import watched_columns

    columns: set[str] = set()
    for series in rolled_series(model):
        columns |= set(watched_columns(series))
    by_column = {f.column: f.attname for f in model._meta.concrete_fields}
    return sorted(by_column[c] for c in columns)


_LOOKUPS = {
    "exact": lambda a, b: a == b,
    "in": lambda a, b: a in b,
    "isnull": lambda a, b: (a is None) == bool(b),
    "gt": lambda a, b: a is not None and a > b,
    "gte": lambda a, b: a is not None and a >= b,
    "lt": lambda a, b: a is not None and a < b,
    "lte": lambda a, b: a is not None and a <= b,
}


def _split(model, lookup: str):
    from django.db.models.expressions import Combinable

    name, *rest = lookup.split("__")
    if rest and rest[-1] in _LOOKUPS:
        op, rest = rest[-1], rest[:-1]
    else:
        op = "exact"
    field = model._meta.get_field(name)
    if rest and not (field.is_relation and rest == ["id"]):
        raise Unsupported(lookup)
    if field.is_relation and not field.many_to_one:
        raise Unsupported(lookup)
    return field.attname, op, Combinable


def _check(model, q: Q) -> None:
    for child in q.children:
        if isinstance(child, Q):
            _check(model, child)
            continue
        if not isinstance(child, tuple):
            raise Unsupported(repr(child))
        _attname, _op, combinable = _split(model, child[0])
        if isinstance(child[1], combinable) or hasattr(child[1], "query"):
            raise Unsupported(repr(child))


def _plain(value):
    return getattr(value, "pk", value)


def _matches(instance, q: Q | None, model=None) -> bool:
    """Whether the case row ``instance`` meets ``q`` (plain comparisons on its own columns only)."""
    if q is None:
        return True
    model = model or type(instance)
    results = []
    for child in q.children:
        if isinstance(child, Q):
            results.append(_matches(instance, child, model))
            continue
        attname, op, _combinable = _split(model, child[0])
        value = child[1]
        if op == "in":
            value = [_plain(v) for v in value]
        elif op != "isnull":
            value = _plain(value)
        results.append(_LOOKUPS[op](getattr(instance, attname), value))
    result = all(results) if q.connector == Q.AND else any(results)
    return not result if q.negated else result


def _month(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value or " " in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, local_zone())
        value = timezone.localtime(value, local_zone()).date()
    return value.replace(day=1)


class _Values:
    """A case row's counted columns as attributes (the row as stored, or about to be)."""

    def __init__(self, values: dict):
        self.__dict__.update(values)


def entries(instance, model=None) -> dict[tuple, tuple]:
    """The roll-up rows ``instance`` counts in, {(series, jurisdiction, month accepted, month closed):
    (n, succeeded, final, recovered, workers)}: none for a case never accepted."""
    from casework.models import SettlementRollup

    model = model or type(instance)
    out = {}
    for series in rolled_series(model):
        accepted = _month(getattr(instance, series.accepted_field))
        if accepted is None or not _matches(instance, series.base_filter, model):
            continue
        closed = _month(getattr(instance, series.closed_field)) or SettlementRollup.OPEN_MONTH
        recovered = getattr(instance, series.recovered_field) if series.recovered_field else None
        workers = getattr(instance, series.workers_field) if series.workers_field else None
        key = (series.code, instance.jurisdiction_id, accepted, closed)
        out[key] = (
            1,
            int(series.success_filter is not None and _matches(instance, series.success_filter, model)),
            int(series.final_filter is not None and _matches(instance, series.final_filter, model)),
            Decimal(str(recovered or 0)),
            int(workers or 0),
        )
    return out


def _delta(old: dict, new: dict) -> list[tuple]:
    rows: dict[tuple, list] = {}
    for sign, side in ((-1, old), (1, new)):
        for key, values in side.items():
            row = rows.setdefault(key, [0, 0, 0, Decimal(0), 0])
            for i, value in enumerate(values):
                row[i] += sign * value
    return sorted((key, tuple(row)) for key, row in rows.items() if any(row))


# --- the model's hooks (casework.models.Case) --------------------------------------------------------------
def _watched(model) -> tuple[str, ...]:
    hit = _WATCHED.get(model)
    if hit is None:
        from django.apps import apps

        if not apps.ready:
            return ()
        hit = _WATCHED[model] = tuple(watched_fields(model))
    return hit


def counted(model) -> bool:
    """Whether ``model``'s rows count in the roll-up (some rolled-up series reads them)."""
    return bool(_watched(model))


def remember(instance) -> None:
    """Called when a case row is loaded: what it counts in now, so that its next save moves only that."""
    fields = _watched(type(instance))
    loaded = instance.__dict__
    if fields and all(name in loaded for name in fields):
        instance._rollup_seen = tuple(loaded[name] for name in fields)  # its entries worked out on save


def refreshed(instance, fields=None) -> None:
    """After ``refresh_from_db``: what the row counts in as stored now (for a partial refresh of counted
    columns, forgotten: the next save reads it from the database)."""
    if fields is None:
        remember(instance)
        return
    watched = _watched(type(instance))
    names = {type(instance)._meta.get_field(name).attname for name in fields}
    if names & set(watched):
        instance.__dict__.pop("_rollup_seen", None)


def before_save(instance, update_fields=None) -> None:
    """Before a case row is written: its delta, and the row announced to the guard trigger (one statement;
    none when no counted column changes). Runs in the caller's transaction (``Case.save``)."""
    model = type(instance)
    fields = _watched(model)
    if not fields:
        return
    instance._rollup_pending = None
    adding = instance._state.adding
    old, seen = {}, None
    if not adding:
        seen = instance.__dict__.get("_rollup_seen")
        if seen is None:  # built by hand or loaded without the counted columns: read what is stored
            current = model._base_manager.filter(pk=instance.pk).first()
            seen = getattr(current, "_rollup_seen", None)
    now = tuple(getattr(instance, name) for name in fields)
    if update_fields is not None and seen is not None:
        saved = {model._meta.get_field(name).attname for name in update_fields}
        now = tuple(
            value if name in saved else seen[i]
            for i, (name, value) in enumerate(zip(fields, now, strict=True))
        )
    if seen is not None and now == seen:
        return
    if seen is not None:
        old = _entries_with(instance, fields, seen)
    new = _entries_with(instance, fields, now)
    table = model._meta.db_table
    write(_delta(old, new), flag=f",{table}:{'+' if adding else instance.pk},")
    instance._rollup_pending = now


def after_save(instance) -> None:
    """After the row was written: what it counts in now."""
    pending = instance.__dict__.pop("_rollup_pending", None)
    if pending is not None:
        instance._rollup_seen = pending


def _entries_with(instance, fields, values) -> dict:
    """``entries`` of the row with the counted columns ``fields`` holding ``values`` (the instance itself is
    not touched: setting a foreign key's column would drop its cached related object)."""
    model = type(instance)
    row = _Values(dict(zip(fields, values, strict=True)))
    for series in rolled_series(model):
        for name in (series.accepted_field, series.closed_field):
            attname = model._meta.get_field(name).attname
            if not hasattr(row, attname):
                setattr(row, attname, getattr(instance, attname))
    return entries(row, model)


def before_delete(sender, instance, **kwargs) -> None:
    """``pre_delete`` of a counted case model: its counts leave the roll-up."""
    if not _watched(type(instance)):
        return
    seen = instance.__dict__.get("_rollup_seen")
    old = entries(instance) if seen is None else _entries_with(instance, _watched(type(instance)), seen)
    write(_delta(old, {}), flag=f",{type(instance)._meta.db_table}:{instance.pk},")


def write(rows: list[tuple], *, flag: str | None = None) -> None:
    """Add ``rows`` [(key, (n, succeeded, final, recovered, workers))] to the roll-up, each an increment
    the database makes under the row's lock; on PostgreSQL also note ``flag`` for the guard trigger."""
    SettlementRollup, _ = _rollup_models()
    postgres = connection.vendor == "postgresql"
    if not rows and not (postgres and flag):
        return
    table = SettlementRollup._meta.db_table
    params: list = []
    upsert = ""
    if rows:
        values = []
        for (series, jurisdiction_id, accepted, closed), measures in rows:
            values.append("(%s, %s, %s, %s, %s, %s, %s, %s, %s)")
            params += [series, jurisdiction_id, accepted, closed, *measures]
        upsert = (
            f"INSERT INTO {table} AS t (series, jurisdiction_id, accepted_month, closed_month, "
            f"n, succeeded, final, recovered, workers) VALUES {', '.join(values)} "
            "ON CONFLICT (series, accepted_month, closed_month, jurisdiction_id) DO UPDATE SET "
            + ", ".join(f"{m} = t.{m} + EXCLUDED.{m}" for m in MEASURES)
        )
    with connection.cursor() as cursor:
        if not postgres:
            cursor.execute(upsert, params)
            return
        note = "SELECT set_config(%s, coalesce(current_setting(%s, true), '') || %s, true)"
        if upsert:
            cursor.execute(
                f"WITH up AS ({upsert} RETURNING 1) {note} FROM (SELECT count(*) FROM up) c",
                params + [FLAG_SETTING, FLAG_SETTING, flag],
            )
        else:
            cursor.execute(note, [FLAG_SETTING, FLAG_SETTING, flag])


# --- rebuilding from scratch ------------------------------------------------------------------------------
def _month_expr(series, field):
    if series.field_is_datetime(field):
        return TruncMonth(field, tzinfo=local_zone(), output_field=DateField())
    return TruncMonth(field, output_field=DateField())


def computed(series) -> dict[tuple, tuple]:
    """The roll-up rows of ``series`` counted from its case rows (one grouped query)."""
    from casework.models import SettlementRollup

    from .conditions import base_queryset

    aggs = {"n": Count("pk")}
    if series.success_filter is not None:
        aggs["succeeded"] = Count("pk", filter=series.success_filter)
    if series.final_filter is not None:
        aggs["final"] = Count("pk", filter=series.final_filter)
    if series.recovered_field:
        aggs["recovered"] = Sum(series.recovered_field)
    if series.workers_field:
        aggs["workers"] = Sum(series.workers_field)
    qs = (
        base_queryset(series)
        .filter(**{f"{series.accepted_field}__isnull": False})
        .annotate(
            am=_month_expr(series, series.accepted_field),
            cm=Coalesce(_month_expr(series, series.closed_field), Value(SettlementRollup.OPEN_MONTH)),
        )
        .order_by()
        .values("jurisdiction_id", "am", "cm")
        .annotate(**aggs)
    )
    return {
        (series.code, row["jurisdiction_id"], _day(row["am"]), _day(row["cm"])): (
            row["n"],
            row.get("succeeded", 0),
            row.get("final", 0),
            Decimal(str(row.get("recovered") or 0)),
            int(row.get("workers") or 0),
        )
        for row in qs
    }


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def stored(series) -> dict[tuple, tuple]:
    """The roll-up rows of ``series`` as kept (rows whose counts all came back to zero left out)."""
    SettlementRollup, _ = _rollup_models()
    out = {}
    for r in SettlementRollup.objects.filter(series=series.code):
        values = (r.n, r.succeeded, r.final, Decimal(r.recovered), r.workers)
        if any(values):
            out[(r.series, r.jurisdiction_id, r.accepted_month, r.closed_month)] = values
    return out


def rebuild(series_list=None) -> dict[str, int]:
    """Recompute the roll-up of each series from scratch and mark it ready; returns the rows written per
    series. Concurrent changes wait for it (the table is locked against writes on PostgreSQL) and then add
    their deltas to the rebuilt rows."""
    SettlementRollup, SettlementRollupState = _rollup_models()
    written = {}
    for series in rolled_series() if series_list is None else series_list:
        if not supported(series):
            continue
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"LOCK TABLE {SettlementRollup._meta.db_table} IN SHARE ROW EXCLUSIVE MODE"
                    )
            SettlementRollupState.objects.update_or_create(
                series=series.code,
                defaults={
                    "table_name": series.model._meta.db_table,
                    "stale": True,
                    "built_at": timezone.now(),
                },
            )
            SettlementRollup.objects.filter(series=series.code).delete()
            rows = computed(series)
            SettlementRollup.objects.bulk_create(
                [
                    SettlementRollup(
                        series=code,
                        jurisdiction_id=j,
                        accepted_month=am,
                        closed_month=cm,
                        **dict(zip(MEASURES, values, strict=True)),
                    )  # fmt: skip
                    for (code, j, am, cm), values in rows.items()
                ],
                batch_size=2000,
            )
            SettlementRollupState.objects.filter(series=series.code).update(
                stale=False, built_at=timezone.now()
            )
            written[series.code] = len(rows)
    return written


def mark_stale(table: str) -> None:
    """After a write the model did not see (a bulk load): the table's series are read from the case rows
    until rebuilt."""
    _, SettlementRollupState = _rollup_models()
    SettlementRollupState.objects.filter(table_name=table).update(stale=True)


def prepare(sender=None, using="default", **kwargs) -> None:
    """post_migrate: the guard triggers, then the roll-up of every series that has none yet, is stale, or
    whose table has just been guarded (a new database, a new series, an upgrade)."""
    from django.db import connections

    if using != "default":
        return
    _, SettlementRollupState = _rollup_models()
    conn = connections[using]
    with conn.cursor() as cursor:
        tables = set(conn.introspection.table_names(cursor))
    if SettlementRollupState._meta.db_table not in tables:
        return
    guarded = install_guard(using=using)
    ready = set(SettlementRollupState.objects.filter(stale=False).values_list("series", flat=True))
    wanted = [
        s
        for s in rolled_series()
        if s.model._meta.db_table in tables and (s.code not in ready or s.model._meta.db_table in guarded)
    ]
    if wanted:
        rebuild(wanted)


# --- reading ----------------------------------------------------------------------------------------------
def year_groups(series, year: int, jurisdiction_ids=None) -> list[dict] | None:
    """The groups of ``monthly.monthly_counts`` for ``year`` from the roll-up — (jurisdiction, month
    accepted, month closed) with ``n`` and the series' measures — or None when the roll-up may not be read
    (not PostgreSQL, never built, stale, or the guard trigger missing). One query."""
    if connection.vendor != "postgresql" or not _supported_cached(series):
        return None
    SettlementRollup, _state = _rollup_models()
    ids = compiled.scope_key(jurisdiction_ids)
    columns = ["jurisdiction_id", "am", "cm", *_measures(series)]
    fetched = compiled.fetch_sql(
        ("year_groups", series, year, ids), lambda: _year_groups_sql(series, year, ids)
    )
    if not any(row[0] == 1 for row in fetched):
        return None
    out = []
    for row in fetched:
        if row[0] != 0:
            continue
        group = dict(zip(columns, row[1:], strict=True))
        if not group["n"]:
            continue
        if group["cm"] == SettlementRollup.OPEN_MONTH:
            group["cm"] = None
        for code in ("n", "succeeded", "final", "workers"):  # sum(bigint) is numeric in PostgreSQL
            if code in group:
                group[code] = int(group[code])
        out.append(group)
    return out


def _measures(series) -> list[str]:
    measures = ["n"]
    if series.success_filter is not None:
        measures.append("succeeded")
    if series.final_filter is not None:
        measures.append("final")
    if series.recovered_field:
        measures.append("recovered")
    if series.workers_field:
        measures.append("workers")
    return measures


def _year_groups_sql(series, year: int, jurisdiction_ids) -> tuple[str, list]:
    """``year_groups``' one query: the groups, and a row (0 or 1 first) saying the roll-up may be read."""
    SettlementRollup, SettlementRollupState = _rollup_models()
    first, last = date(year, 1, 1), date(year, 12, 1)
    rows = SettlementRollup.objects.filter(series=series.code, accepted_month__lte=last).filter(
        Q(accepted_month__gte=first) | Q(closed_month__gte=first)
    )
    if jurisdiction_ids is not None:
        rows = rows.filter(jurisdiction_id__in=list(jurisdiction_ids))
    measures = _measures(series)
    groups = (
        rows.order_by()
        .values("jurisdiction_id", am=F("accepted_month"), cm=F("closed_month"))
        .annotate(**{m: Sum(m) for m in measures})
    )
    table = SettlementRollupState._meta.db_table
    sql, params = groups.query.sql_with_params()
    width = 3 + len(measures)
    ready = (
        f"SELECT 1 FROM {table} WHERE series = %s AND NOT stale AND EXISTS "
        "(SELECT 1 FROM pg_trigger WHERE tgname = %s AND tgrelid = to_regclass(%s))"
    )
    check = [series.code, GUARD_TRIGGER, series.model._meta.db_table]
    return (
        f"SELECT 0, * FROM ({sql}) g WHERE EXISTS ({ready}) "
        f"UNION ALL SELECT 1, {', '.join(['NULL'] * width)} WHERE EXISTS ({ready})",
        [*params, *check, *check],
    )


# --- the guard trigger (PostgreSQL) -----------------------------------------------------------------------
def install_guard(using="default") -> set[str]:
    """Create the guard trigger on each rolled-up case table (idempotent; PostgreSQL only); returns the
    tables whose trigger was created or re-created."""
    from django.db import connections

    from .versions import BULK_LOAD_SETTING

    conn = connections[using]
    created: set[str] = set()
    if conn.vendor != "postgresql":
        return created
    _, SettlementRollupState = _rollup_models()
    state = SettlementRollupState._meta.db_table
    with conn.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [state])
        if cursor.fetchone()[0] is None:
            return created
        cursor.execute(
            f"""CREATE OR REPLACE FUNCTION {GUARD_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                flags text := coalesce(current_setting('{FLAG_SETTING}', true), '');
                token text;
                at integer;
                old_row jsonb;
                new_row jsonb;
                changed boolean := false;
                i integer;
            BEGIN
                IF current_setting('{BULK_LOAD_SETTING}', true) = 'on' THEN
                    RETURN NULL;  -- a bulk load marks the roll-up stale itself, then rebuilds it
                END IF;
                IF TG_OP = 'INSERT' THEN
                    token := ',' || TG_TABLE_NAME || ':+,';
                ELSIF TG_OP = 'DELETE' THEN
                    token := ',' || TG_TABLE_NAME || ':' || OLD.id || ',';
                ELSE
                    token := ',' || TG_TABLE_NAME || ':' || NEW.id || ',';
                END IF;
                at := strpos(flags, token);
                IF at > 0 THEN  -- the model's own write: its delta is already in the roll-up
                    PERFORM set_config('{FLAG_SETTING}', overlay(flags PLACING '' FROM at FOR length(token)), true);
                    RETURN NULL;
                END IF;
                IF TG_OP = 'UPDATE' THEN
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
                UPDATE {state} SET stale = true WHERE table_name = TG_TABLE_NAME AND NOT stale;
                RETURN NULL;
            END $$"""
        )
        models = {s.model for s in rolled_series()}
        for model in models:
            table = model._meta.db_table
            cursor.execute("SELECT to_regclass(%s)", [table])
            if cursor.fetchone()[0] is None:
                continue
            by_attname = {f.attname: f.column for f in model._meta.concrete_fields}
            columns = [by_attname[name] for name in watched_fields(model)]
            wanted = b"".join(c.encode() + b"\x00" for c in columns)
            cursor.execute(
                "SELECT tgargs FROM pg_trigger WHERE tgname = %s AND tgrelid = to_regclass(%s)",
                [GUARD_TRIGGER, table],
            )
            row = cursor.fetchone()
            if row is not None and bytes(row[0]) == wanted:
                continue
            if row is not None:
                cursor.execute(f'DROP TRIGGER {GUARD_TRIGGER} ON "{table}"')
            arguments = ", ".join("'" + c.replace("'", "''") + "'" for c in columns)
            cursor.execute(
                f'CREATE TRIGGER {GUARD_TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
                f"FOR EACH ROW EXECUTE FUNCTION {GUARD_FUNCTION}({arguments})"
            )
            created.add(table)
    return created
