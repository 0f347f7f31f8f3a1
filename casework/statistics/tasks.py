"""Celery task of the statistics: the dashboard's year-end projections (``projection_store.refresh``).

Safe to run twice: each run recomputes the stored projections from the records and replaces them whole; a
second run at the same time finds the lock taken and does nothing.
"""

from celery import shared_task

from . import projection_store

TASK_OPTIONS = {"acks_late": True, "reject_on_worker_lost": True, "ignore_result": True}


@shared_task(name="casework.statistics.refresh_projections", **TASK_OPTIONS)
def refresh_projections() -> int:
    return projection_store.refresh()
