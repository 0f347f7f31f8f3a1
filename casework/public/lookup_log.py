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

The buffer, its flush and the direct INSERT are the kernel's ``casework.kernel.buffered_log.BufferedLog``
(shared with the staff view audit); what is the lookup log's own is the row travelling in the rate-limit script.
"""

import json

from casework.kernel.buffered_log import BufferedLog
from casework.models import PublicLookupLog
from casework.models.public import LookupOutcome
from casework.public import ratelimit

BUFFER_KEY = "green:lookup-log"
LOG = BufferedLog(
    PublicLookupLog,
    BUFFER_KEY,
    buffer_setting="GREEN_LOOKUP_LOG_BUFFER",
    max_setting="GREEN_LOOKUP_LOG_BUFFER_MAX",
    async_setting="GREEN_LOOKUP_LOG_ASYNC_COMMIT",
)


def _row(*, ip: str, method: str, outcome: str, case_number: str, cases_found: int) -> dict:
    from django.utils import timezone

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
    return LOG.buffered()


def count_and_log(
    checks: list[tuple[str, str]], *, ip: str, method: str, outcome: str, case_number: str = "", cases_found=0
) -> ratelimit.Verdict:
    """Count one lookup against the rate limits ``checks`` and log it — as ``rate_limited`` if refused — in one
    Redis round trip where the log is buffered, else counted then inserted."""
    row = _row(ip=ip, method=method, outcome=outcome, case_number=case_number, cases_found=cases_found)
    if buffered():
        refused_row = {**row, "outcome": LookupOutcome.RATE_LIMITED, "cases_found": 0}
        append = (BUFFER_KEY, json.dumps(row), json.dumps(refused_row), LOG.buffer_max())
        return ratelimit.hit_all(checks, append=append)
    verdict = ratelimit.hit_all(checks)
    if not verdict.allowed:
        row = {**row, "outcome": LookupOutcome.RATE_LIMITED, "cases_found": 0}
    LOG.insert(row)
    return verdict


def record(*, ip: str, method: str, outcome: str, case_number: str = "", cases_found: int = 0) -> None:
    """Log one lookup at once (one INSERT)."""
    LOG.insert(_row(ip=ip, method=method, outcome=outcome, case_number=case_number, cases_found=cases_found))


def flush() -> int:
    """Move the buffered rows to ``PublicLookupLog`` (Celery beat: every minute); returns how many
    (``BufferedLog.flush``: a failed flush loses nothing)."""
    return LOG.flush()
