"""A log table written without a write in the request's transaction: rows buffered in Redis and moved to the
table by a Celery beat task, or — without Redis — one INSERT outside any transaction.

Used by the green channel's lookup log (``casework.public.lookup_log``) and the staff view audit
(``casework.services.view_audit``). Where the cache is Redis (``CACHE_URL=redis://…``) and the buffer is on, a
row is one RPUSH (the list keeps its newest ``max`` rows should the workers stay down; ``flush`` warns), and
``flush`` moves rows a batch at a time, putting a batch back at the list's head if its INSERT fails. Otherwise a
row is one INSERT: on PostgreSQL committed asynchronously (it does not wait for its WAL flush: a database crash
can lose the last ~0.6 s of rows, never case data), and, when called inside a transaction, written after it
commits (``on_commit``) so that the log never holds a request's transaction open or rolls back with it.
"""

import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils.dateparse import parse_datetime

logger = logging.getLogger(__name__)

FLUSH_BATCH = 1000


@dataclass(frozen=True)
class BufferedLog:
    model: type
    key: str  # the Redis list (before the cache's key prefix)
    buffer_setting: str  # bool setting: buffer in Redis (default on)
    max_setting: str  # int setting: most rows the list keeps
    async_setting: str  # bool setting: PostgreSQL asynchronous commit of a direct INSERT (default on)
    default_max: int = 500_000
    time_fields: tuple[str, ...] = ("at",)

    def buffered(self) -> bool:
        from casework.public.ratelimit import redis_backend

        return bool(getattr(settings, self.buffer_setting, True)) and redis_backend() is not None

    def buffer_max(self) -> int:
        return int(getattr(settings, self.max_setting, self.default_max))

    def to_model(self, row: dict):
        values = dict(row)
        for name in self.time_fields:
            if isinstance(values.get(name), str):
                values[name] = parse_datetime(values[name])
        return self.model(**values)

    def append(self, row: dict) -> None:
        """Log one row (JSON-serialisable values; times as ISO strings): buffered, or inserted now/on commit."""
        if self.buffered():
            from casework.public.ratelimit import redis_backend, redis_client

            backend = redis_backend()
            client = redis_client(backend)
            key = backend.make_key(self.key)
            pipe = client.pipeline(transaction=False)
            pipe.rpush(key, json.dumps(row, ensure_ascii=False))
            pipe.ltrim(key, -self.buffer_max(), -1)
            pipe.execute()
            return
        if connection.in_atomic_block:
            transaction.on_commit(lambda: self.insert(row))
        else:
            self.insert(row)

    def insert(self, row: dict) -> None:
        entry = self.to_model(row)
        if (
            connection.vendor == "postgresql"
            and getattr(settings, self.async_setting, True)
            and not connection.in_atomic_block  # never make a caller's transaction asynchronous
        ):
            self._insert_committed_asynchronously(entry)
        else:
            entry.save(force_insert=True)

    @staticmethod
    def _insert_committed_asynchronously(entry) -> None:
        """``INSERT … SELECT … FROM (SELECT set_config('synchronous_commit', 'off', true))``: the setting applies
        to this statement's own (autocommit) transaction only."""
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

    def flush(self) -> int:
        """Move the buffered rows to the table (Celery beat); returns how many.

        Rows are taken from the list a batch at a time and put back at its head if the INSERT fails, so a failed
        flush loses nothing and the next one retries; two flushes at once take different rows. A worker killed
        between taking a batch and inserting it loses that batch (at most ``FLUSH_BATCH`` rows).
        """
        from casework.public.ratelimit import redis_backend, redis_client

        backend = redis_backend()
        if backend is None:
            return 0
        client = redis_client(backend)
        key = backend.make_key(self.key)
        if client.llen(key) >= self.buffer_max():
            logger.warning(
                "%s buffer full (%d rows): the oldest rows were dropped", self.key, self.buffer_max()
            )
        moved = 0
        while True:
            raw = client.lpop(key, FLUSH_BATCH) or []
            if not raw:
                return moved
            try:
                self.model.objects.bulk_create([self.to_model(json.loads(item)) for item in raw])
            except Exception:
                client.lpush(key, *reversed(raw))
                raise
            moved += len(raw)
            if len(raw) < FLUSH_BATCH:
                return moved
