"""Celery task of the statistics: the dashboard's year-end projections (``projection_store.refresh``).

Safe to run twice: each run recomputes the stored projections from the records and replaces them whole; a
second run at the same time finds the lock taken and does nothing — except a prompt run for new scopes'
placeholders (``pending_only``), which tries again shortly so that no placeholder waits for the beat.
"""

from celery import shared_task

from . import projection_store

TASK_OPTIONS = {"acks_late": True, "reject_on_worker_lost": True, "ignore_result": True}
PENDING_RETRY_SECONDS = 10


@shared_task(bind=True, name="casework.statistics.refresh_projections", max_retries=30, **TASK_OPTIONS)
def refresh_projections(self, pending_only: bool = False) -> int:
    done = projection_store.refresh(pending_only=pending_only)
    if done is None and pending_only:
        raise self.retry(countdown=PENDING_RETRY_SECONDS)
    return done or 0
