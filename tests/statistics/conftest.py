"""Complaints placed in time by hand, with figures computed by hand in the tests.

Cases are created directly with their dates (test setup; the services would stamp today's date), and the
investigation deadline (LIR Art 17) as a stored Deadline row where the on-time/overdue figures need one.
"""

import itertools
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType

from casework.inspection.models import Complaint
from casework.inspection.models import ComplaintState as S
from casework.models import Deadline
from casework.roles import Role

SH = ZoneInfo("Asia/Shanghai")
Q1_FROM, Q1_TO = date(2026, 1, 1), date(2026, 3, 31)


def local(y, m, d, hh=12, mm=0):
    """An instant given in Beijing time."""
    return datetime(y, m, d, hh, mm, tzinfo=SH)


@pytest.fixture
def make_complaint(db):
    counter = itertools.count(1)

    def make(
        jurisdiction,
        *,
        accepted=None,
        closed=None,
        state=None,
        due=None,
        due_status=Deadline.Status.OPEN,
        next_due=None,
        recovered="0",
        workers=0,
        facts="测试案件",
    ):
        n = next(counter)
        if state is None:
            state = S.CLOSED if closed else (S.INVESTIGATING if accepted else S.REGISTERED)
        case = Complaint.objects.create(
            number=f"{jurisdiction.short_name}劳监投〔2026〕{n:04d}号",
            year=2026,
            sequence=n,
            jurisdiction=jurisdiction,
            received_on=accepted or date(2026, 1, 1),
            workplace="工地",
            facts=facts,
            accepted_on=accepted,
            closed_at=closed,
            state=state,
            recovered_amount=Decimal(recovered),
            recovered_workers=workers,
            next_due=next_due,
        )
        if due is not None:
            Deadline.objects.create(
                content_type=ContentType.objects.get_for_model(Complaint),
                object_id=case.pk,
                case_number=case.number,
                jurisdiction=jurisdiction,
                rule="inspection.investigate",
                title="调查处理期限",
                started_on=accepted,
                due_on=due,
                status=due_status,
                met_on=closed.date() if closed and due_status == Deadline.Status.MET else None,
            )
        return case

    return make


@pytest.fixture
def q1_cases(make_complaint, jishou, luxi):
    """Jishou: pending at the start A, B, D, L; accepted E, F, G, K; closed B, D (late), E; pending at the
    end A (overdue), F, G, K (deadline suspended), L (overdue on 31 March, closed in May). Luxi: J accepted
    and closed in January. Outside Q1 2026: C (closed 31 Dec 23:30), H (accepted in April), I (never
    accepted)."""
    m = make_complaint
    met, paused = Deadline.Status.MET, Deadline.Status.PAUSED
    return {
        "A": m(jishou, accepted=date(2025, 11, 10), due=date(2026, 2, 20), next_due=date(2026, 2, 20)),
        "B": m(
            jishou,
            accepted=date(2025, 12, 20),
            closed=local(2026, 2, 10, 10),
            due=date(2026, 3, 1),
            due_status=met,
            recovered="5000.00",
            workers=3,
        ),
        "C": m(jishou, accepted=date(2025, 10, 1), closed=local(2025, 12, 31, 23, 30)),
        "D": m(
            jishou,
            accepted=date(2025, 9, 1),
            closed=local(2026, 1, 1, 0, 10),
            due=date(2025, 12, 30),
            due_status=met,
            recovered="1200.50",
            workers=1,
        ),
        "E": m(
            jishou,
            accepted=date(2026, 1, 15),
            closed=local(2026, 3, 31, 23, 50),
            due=date(2026, 3, 31),
            due_status=met,
        ),
        "F": m(
            jishou,
            accepted=date(2026, 2, 1),
            closed=local(2026, 4, 1, 0, 5),
            due=date(2026, 4, 30),
            due_status=met,
        ),
        "G": m(jishou, accepted=date(2026, 3, 31), state=S.ACCEPTED),
        "H": m(jishou, accepted=date(2026, 4, 2), next_due=date(2027, 1, 15)),
        "I": m(jishou),
        "K": m(jishou, accepted=date(2026, 3, 1), due=date(2026, 3, 10), due_status=paused),
        "J": m(luxi, accepted=date(2026, 1, 10), closed=local(2026, 1, 20)),
        "L": m(
            jishou,
            accepted=date(2025, 10, 1),
            closed=local(2026, 5, 5),
            due=date(2026, 1, 15),
            due_status=met,
        ),
    }


@pytest.fixture
def director(make_user, prefecture):
    return make_user(Role.DIRECTOR, prefecture)
