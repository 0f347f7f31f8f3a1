"""The lookup log: one row per public lookup, whatever its outcome — which case number was tried, from where
(the IP address's prefix and keyed hash only, never the ID fragment or the phone) and what came of it.

Where the rate limits are counted in Redis (``CACHE_URL=redis://…``), the row of a lookup by case number
travels in the lookup's one rate-limit script call (``count_and_log``): the script counts the limits and appends
the row — with the outcome ``rate_limited`` if a limit was passed — to a Redis list, and ``flush`` (Celery beat,
every minute) moves the rows to ``PublicLookupLog``, a thousand per INSERT. A lookup then costs one database
query, its verification. Rows reach the table up to a minute late, in the order the lookups were made, with
the time each was made; the list keeps at most ``GREEN_LOOKUP_LOG_BUFFER_MAX`` rows (the oldest go first, and
``flush`` warns) should the workers stay down. ``GREEN_LOOKUP_LOG_BUFFER=0`` writes every row at once instead.

Otherwise (the demo's file cache, the tests' local-memory cache, and the other lookups: SMS codes) a row is one
INSERT, committed asynchronously on PostgreSQL (``GREEN_LOOKUP_LOG_ASYNC_COMMIT``, on by default): the INSERT
does not wait for its WAL flush. A crash of the database server can lose the rows of at most the last
``3 × wal_writer_delay`` (0.6 s by default); case data is never written this way.
"""

import json
import logging

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from casework.models import PublicLookupLog
from casework.models.public import LookupOutcome
from casework.public import ratelimit

logger = logging.getLogger(__name__)

BUFFER_KEY = "green:lookup-log"
FLUSH_BATCH = 1000


def _row(*, ip: str, method: str, outcome: str, case_number: str, cases_found: int) -> dict:
    from casework.public.security import ip_hash, ip_prefix

    return {
        "at": timezone.now().isoformat(),
        "ip_prefix": ip_prefix(ip),
        "ip_hash": ip_hash(ip),
        "method": method,
        "outcome": outcome,
        "case_number_tried": (case_number or "")[:60],
        "cases_found": cases_found,
    }


def buffered() -> bool:
    return bool(getattr(settings, "GREEN_LOOKUP_LOG_BUFFER", True)) and ratelimit.redis_backend() is not None


def count_and_log(
    checks: list[tuple[str, str]], *, ip: str, method: str, outcome: str, case_number: str = "", cases_found=0
) -> ratelimit.Verdict:
    """Count one lookup against the rate limits ``checks`` and log it — as ``rate_limited`` if refused — in one
    Redis round trip where the log is buffered, else counted then inserted."""
    row = _row(ip=ip, method=method, outcome=outcome, case_number=case_number, cases_found=cases_found)
    if buffered():
        refused_row = {**row, "outcome": LookupOutcome.RATE_LIMITED, "cases_found": 0}
        append = (BUFFER_KEY, json.dumps(row), json.dumps(refused_row), _buffer_max())
        return ratelimit.hit_all(checks, append=append)
    verdict = ratelimit.hit_all(checks)
    if not verdict.allowed:
        row = {**row, "outcome": LookupOutcome.RATE_LIMITED, "cases_found": 0}
    _insert(row)
    return verdict


def record(*, ip: str, method: str, outcome: str, case_number: str = "", cases_found: int = 0) -> None:
    """Log one lookup at once (one INSERT)."""
    _insert(_row(ip=ip, method=method, outcome=outcome, case_number=case_number, cases_found=cases_found))


def _buffer_max() -> int:
    return int(getattr(settings, "GREEN_LOOKUP_LOG_BUFFER_MAX", 500_000))


def _model(row: dict) -> PublicLookupLog:
    return PublicLookupLog(**{**row, "at": parse_datetime(row["at"])})


def _insert(row: dict) -> None:
    entry = _model(row)
    if (
        connection.vendor == "postgresql"
        and getattr(settings, "GREEN_LOOKUP_LOG_ASYNC_COMMIT", True)
        and not connection.in_atomic_block  # never make a caller's transaction asynchronous
    ):
        _insert_committed_asynchronously(entry)
    else:
        entry.save(force_insert=True)


def _insert_committed_asynchronously(entry: PublicLookupLog) -> None:
    """``INSERT … SELECT … FROM (SELECT set_config('synchronous_commit', 'off', true))``: the setting applies to
    this statement's own (autocommit) transaction only."""
    fields = [f for f in entry._meta.concrete_fields if not f.primary_key]
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in fields)
    values = [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {qn(entry._meta.db_table)} ({columns}) "
            f"SELECT {', '.join(['%s'] * len(values))} "
            "FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit",
            values,
        )


def flush() -> int:
    """Move the buffered rows to ``PublicLookupLog`` (Celery beat: every minute); returns how many.

    Rows are taken from the list a batch at a time and put back at its head if the INSERT fails, so a failed
    flush loses nothing and the next one retries; two flushes at once take different rows. A worker killed
    between taking a batch and inserting it loses that batch (at most ``FLUSH_BATCH`` rows).
    """
    backend = ratelimit.redis_backend()
    if backend is None:
        return 0
    client = ratelimit.redis_client(backend)
    key = backend.make_key(BUFFER_KEY)  # as the rate-limit script appends to it
    if client.llen(key) >= _buffer_max():
        logger.warning("lookup-log buffer full (%d rows): the oldest rows were dropped", _buffer_max())
    moved = 0
    while True:
        raw = client.lpop(key, FLUSH_BATCH) or []
        if not raw:
            return moved
        try:
            PublicLookupLog.objects.bulk_create([_model(json.loads(item)) for item in raw])
        except Exception:
            client.lpush(key, *reversed(raw))
            raise
        moved += len(raw)
        if len(raw) < FLUSH_BATCH:
            return moved
