"""Fixtures for the mediation and arbitration tests: the commission's staff in 吉首 and a case builder.

Dates are fixed in 2026 (before "today" on the machine that wrote them) so that the deadline arithmetic is
hand-checked against the 2026 holiday schedule (see tests/calendar/test_deadline_rules.py).
"""

from datetime import date, datetime

import pytest
from django.utils import timezone

from arbitration.services import arbitration as svc
from arbitration.services import mediation as msvc
from casework.roles import Role
from tests.factories import EmployerFactory, PersonFactory


def D(value: str) -> date:
    return date.fromisoformat(value)


def at(value: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(value))


@pytest.fixture
def arb_staff(make_user, jishou, luxi, prefecture):
    return {
        "chair": make_user(Role.ARBITRATION_CHAIR, jishou, full_name="滕主任"),
        "arb1": make_user(Role.ARBITRATOR, jishou, full_name="麻仲裁"),
        "arb2": make_user(Role.ARBITRATOR, jishou, full_name="梁仲裁"),
        "arb3": make_user(Role.ARBITRATOR, jishou, full_name="符仲裁"),
        "arb4": make_user(Role.ARBITRATOR, jishou, full_name="彭仲裁"),
        "mediator": make_user(Role.MEDIATOR, jishou, full_name="吴调解"),
        "luxi_chair": make_user(Role.ARBITRATION_CHAIR, luxi),
        "luxi_arbitrator": make_user(Role.ARBITRATOR, luxi),
        "director": make_user(Role.DIRECTOR, prefecture),
        "auditor": make_user(Role.AUDITOR, prefecture),
        "inspector": make_user(Role.INSPECTOR, jishou),
    }


@pytest.fixture
def respondent(jishou):
    return EmployerFactory(jurisdiction=jishou, name="湘西峒河建设有限公司")


@pytest.fixture
def applicant(db):
    return PersonFactory(name="向秀英", is_migrant_worker=True)


WAGE_CLAIM = {"claim_type": "wages", "description": "2025年10月至12月工资", "amount": "15600.00"}


@pytest.fixture
def apply(arb_staff, jishou, respondent, applicant):
    """Register an arbitration application (received Mon 5 Jan 2026 unless told otherwise)."""

    def do(**overrides):
        data = dict(
            actor=arb_staff["chair"],
            jurisdiction=jishou,
            applicants=[applicant],
            respondent=respondent,
            claims=[WAGE_CLAIM],
            facts="在吉首市乾州安置房项目务工，被拖欠工资三个月",
            received_on=D("2026-01-05"),
        )
        data.update(overrides)
        return svc.arbitration_apply(**data)

    return do


@pytest.fixture
def accepted(apply, arb_staff):
    """Accepted on Wed 7 Jan 2026: the 45 days run to Sat 21 Feb (Spring Festival) → Tue 24 Feb."""

    def do(on="2026-01-07", **overrides):
        case = apply(**overrides)
        return svc.arbitration_accept(actor=arb_staff["chair"], case_id=case.pk, on=D(on))

    return do


@pytest.fixture
def formed(accepted, arb_staff):
    """Accepted 7 Jan, served 8 Jan, tribunal of three (arb1 presiding, arb2, arb3) on 9 Jan."""

    def do(**overrides):
        case = accepted(**overrides)
        chair = arb_staff["chair"]
        svc.arbitration_serve(actor=chair, case_id=case.pk, on=D("2026-01-08"))
        return svc.arbitration_form_tribunal(
            actor=chair,
            case_id=case.pk,
            presiding=arb_staff["arb1"],
            members=[arb_staff["arb2"], arb_staff["arb3"]],
            on=D("2026-01-09"),
        )

    return do


@pytest.fixture
def heard(formed, arb_staff):
    """Hearing notified Mon 12 Jan for Tue 20 Jan 2026 09:30, held with both parties present."""

    def do(**overrides):
        case = formed(**overrides)
        arb = arb_staff["arb1"]
        svc.arbitration_schedule_hearing(
            actor=arb,
            case_id=case.pk,
            hearing_at=at("2026-01-20T09:30"),
            place="第一仲裁庭",
            notice_on=D("2026-01-12"),
        )
        return svc.arbitration_hold_hearing(actor=arb, case_id=case.pk, record="申请人陈述……被申请人答辩……")

    return do


@pytest.fixture
def awarded(heard, arb_staff):
    """Heard, then every claim upheld on Mon 2 Feb 2026."""

    def do(**overrides):
        case = heard(**overrides)
        items = [{"claim": c.pk, "decision": "upheld", "awarded_amount": c.amount} for c in case.claims.all()]
        return svc.arbitration_award(
            actor=arb_staff["arb1"], case_id=case.pk, items=items, text="事实清楚", on=D("2026-02-02")
        )

    return do


@pytest.fixture
def mediation(arb_staff, jishou, respondent, applicant):
    def do(**overrides):
        data = dict(
            actor=arb_staff["mediator"],
            jurisdiction=jishou,
            applicants=[applicant],
            respondent=respondent,
            claims=[WAGE_CLAIM],
            facts="拖欠工资",
            received_on=D("2026-02-05"),
        )
        data.update(overrides)
        return msvc.mediation_apply(**data)

    return do
