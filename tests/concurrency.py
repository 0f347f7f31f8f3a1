"""Running jobs at the same moment, each in its own thread with its own database connection, for the
PostgreSQL tests of row locks (mark them ``postgres`` and ``django_db(transaction=True)``)."""

import threading

from django.db import connections


def run_at_once(jobs):
    """Start every job at the same moment in its own thread (own connection); what each returned or raised."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(i, job):
        try:
            barrier.wait(timeout=20)
            results[i] = job()
        except Exception as exc:  # noqa: BLE001 — the test inspects what each thread got
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results
