"""Concurrency on PostgreSQL: case numbers from several processes, two people on one case at once."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from casework.inspection import services as svc
from casework.inspection.models import ComplaintState
from casework.models import CaseNumberSequence, TransitionLog
from casework.services.transitions import TransitionError

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]

ISSUE_NUMBERS = """
import django, sys
django.setup()
from django.db import transaction
from casework.models import Jurisdiction
from casework.services.case_numbers import next_sequence
j = Jurisdiction.objects.get(code="433101")
out = []
for _ in range(int(sys.argv[1])):
    with transaction.atomic():
        out.append(next_sequence(case_type="concurrency-test", jurisdiction=j, year=2026))
print(",".join(map(str, out)))
"""


def test_concurrent_case_numbers_from_several_processes_have_no_duplicates_or_gaps():
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", ISSUE_NUMBERS, "40"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    issued = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        issued += [int(x) for x in out.strip().split(",")]
    assert sorted(issued) == list(range(1, 161))
    assert CaseNumberSequence.objects.get(case_type="concurrency-test").last_value == 160


def test_two_inspectors_acting_at_once_exactly_one_wins(register, staff):
    case = register()
    barrier = threading.Barrier(2)
    results = {}

    def act(name, func, **kwargs):
        try:
            barrier.wait(timeout=10)
            func(complaint_id=case.pk, expected_state="registered", **kwargs)
            results[name] = "ok"
        except TransitionError as exc:
            results[name] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(
            target=act, args=("accept", svc.complaint_accept), kwargs={"actor": staff["inspector1"]}
        ),
        threading.Thread(
            target=act,
            args=("refuse", svc.complaint_refuse),
            kwargs={"actor": staff["inspector2"], "reason": "不属实"},
        ),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    outcomes = sorted(results.values(), key=lambda r: r == "ok")
    assert outcomes[-1] == "ok" and isinstance(outcomes[0], TransitionError)
    assert outcomes[0].status_code == 409
    case.refresh_from_db()
    assert case.state in (ComplaintState.ACCEPTED, ComplaintState.NOT_ACCEPTED)
    entries = TransitionLog.objects.filter(object_id=case.pk).exclude(transition="register")
    assert entries.count() == 1
