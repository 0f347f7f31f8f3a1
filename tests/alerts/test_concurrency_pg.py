"""Two sweeps at the same moment on PostgreSQL (real transactions, separate connections): no duplicates."""

import os
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
from django.db import connection, connections
from django.db.models import Count

from casework.models import DeadlineAlert, Notification
from casework.services import alerts
from tests.alerts.conftest import TODAY

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def many_cases(case_due):
    dues = [date(2026, 12, 14), TODAY, date(2026, 12, 8), date(2026, 12, 1)]
    return [case_due(dues[i % len(dues)], assigned=i % 3 != 0) for i in range(24)]


def assert_no_duplicates(expected_alerts: int):
    assert DeadlineAlert.objects.count() == expected_alerts
    dupes = Notification.objects.values("alert", "recipient").annotate(n=Count("id")).filter(n__gt=1)
    assert not dupes.exists()


def test_two_concurrent_sweeps_in_threads_raise_each_alert_once(many_cases, monkeypatch):
    monkeypatch.setattr(alerts, "BATCH_SIZE", 5)  # many small transactions interleave
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(alerts.sweep(today=TODAY))
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    # 6 due soon + 6 due today + 6 overdue + 6 escalated (first seen escalated: that level alone)
    assert sum(sum(r.alerts.values()) for r in results) == 24
    assert sum(r.notifications for r in results) == Notification.objects.count()
    assert_no_duplicates(24)


SWEEP = """
import django, sys, datetime
django.setup()
from casework.services import alerts
alerts.BATCH_SIZE = 3
r = alerts.sweep(today=datetime.date(2026, 12, 9))
print(sum(r.alerts.values()), r.notifications)
"""


def test_four_sweeping_processes_raise_each_alert_once(many_cases):
    s = connection.settings_dict
    url = f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env["CELERY_TASK_ALWAYS_EAGER"] = "0"
    env["CELERY_BROKER_URL"] = "memory://"  # the send tasks are not the point here
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SWEEP],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    claimed = notified = 0
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        a, n = map(int, out.split()[-2:])
        claimed, notified = claimed + a, notified + n
    assert claimed == 24 and notified == Notification.objects.count()
    assert_no_duplicates(24)
