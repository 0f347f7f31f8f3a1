from datetime import date

import pytest

from casework.inspection import services as svc
from casework.models import Deadline
from casework.services import deadlines

# A fixed clock: Wednesday 9 December 2026 (no holiday near it). Working days around it:
# Wed 2, Thu 3, Fri 4 | Mon 7, Tue 8, [Wed 9], Thu 10, Fri 11 | Mon 14, Tue 15.
TODAY = date(2026, 12, 9)
ACCEPT = "inspection.accept"


@pytest.fixture(autouse=True)
def _eager_celery():
    """Tasks queued after commit run in-process (real workers and beat: scripts/ci_celery_e2e.sh)."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def staff_emails(staff):
    for name, user in staff.items():
        user.email = f"{name}@rsj.xxz.example"
        user.save(update_fields=["email"])
    return staff


@pytest.fixture
def case_due(register, staff_emails):
    """A complaint whose (only) running deadline falls due on ``due_on``; assigned to two inspectors."""
    staff = staff_emails

    def make(due_on: date, *, assigned: bool = True, **overrides):
        case = register(**overrides)
        deadlines.start(case, ACCEPT, on=case.received_on, due=due_on)
        if assigned:
            svc.complaint_assign(
                actor=staff["head"],
                complaint_id=case.pk,
                inspectors=[staff["inspector1"], staff["inspector2"]],
            )
        return case

    return make


def deadline_of(case) -> Deadline:
    return Deadline.objects.get(object_id=case.pk, rule=ACCEPT, status__in=["open", "paused"])
