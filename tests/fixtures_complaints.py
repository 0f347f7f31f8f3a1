from datetime import date

import pytest

from casework.inspection import services as svc
from casework.inspection.models import ComplaintKind, ViolationType
from casework.roles import Role
from tests.factories import EmployerFactory, PersonFactory


@pytest.fixture
def staff(make_user, jishou, luxi):
    return {
        "clerk": make_user(Role.CLERK, jishou),
        # inspectors hold a law-enforcement certificate (LIR Art 16): its number is printed on documents
        "inspector1": make_user(Role.INSPECTOR, jishou, certificate_no="43310120260001"),
        "inspector2": make_user(Role.INSPECTOR, jishou, certificate_no="43310120260002"),
        "head": make_user(Role.INSPECTION_HEAD, jishou, certificate_no="43310120260003"),
        "luxi_inspector": make_user(Role.INSPECTOR, luxi, certificate_no="43312220260001"),
        "luxi_head": make_user(Role.INSPECTION_HEAD, luxi, certificate_no="43312220260002"),
        "director": make_user(Role.DIRECTOR, jishou.parent),
        "auditor": make_user(Role.AUDITOR, jishou.parent),
        "arbitrator": make_user(Role.ARBITRATOR, jishou),
    }


@pytest.fixture
def employer(jishou):
    return EmployerFactory(jurisdiction=jishou)


@pytest.fixture
def worker(db):
    return PersonFactory()


@pytest.fixture
def register(staff, jishou, employer, worker):
    def do(**overrides):
        data = dict(
            actor=staff["clerk"],
            jurisdiction=jishou,
            kind=ComplaintKind.COMPLAINT,
            complainant=worker,
            employer=employer,
            workplace="吉首市乾州新区安置房工地",
            facts="2026年7月至9月工资未发",
            violation_types=[ViolationType.WAGE_ARREARS],
            arrears_amount="15600.00",
            arrears_months=3,
            workers_affected=1,
            received_on=date(2026, 11, 23),
        )
        data.update(overrides)
        return svc.complaint_register(**data)

    return do


@pytest.fixture
def investigate(staff):
    """Record an interview with the employer and the findings drawn from it with their legal bases: what
    the prior notice and the decisions state (never the complainant's request)."""
    from casework.inspection.procedure_models import InvestigationRecord, LegalBasis

    def do(case, *, findings="经查，该单位拖欠张某2026年7月至9月工资共计15600元，至今未支付"):
        svc.complaint_record_investigation(
            actor=staff["inspector1"],
            complaint_id=case.pk,
            kind="inquiry",
            started_at="2026-11-25T09:30",
            ended_at="2026-11-25T10:40",
            place="吉首市人社局劳动保障监察支队询问室",
            subject="李某（被投诉单位财务负责人）",
            subject_role="财务负责人",
            content="问：你单位是否拖欠张某工资？\n答：是的，7月至9月工资共15600元没有发。",
            inspectors=[staff["inspector1"], staff["inspector2"]],
            recorder=staff["inspector2"],
            signed_by="李某签名确认",
        )
        record = InvestigationRecord.objects.filter(complaint=case).latest("id")
        bases = list(LegalBasis.objects.filter(code__in=["ldl-50", "lir-26"]))
        return svc.complaint_record_findings(
            actor=staff["inspector1"], complaint_id=case.pk, text=findings, records=[record], bases=bases
        )

    return do


@pytest.fixture
def investigating(register, staff, investigate):
    """A complaint accepted, filed, assigned to two inspectors and under investigation (``findings``: with
    an interview recorded and the findings drawn from it)."""

    def do(*, findings: bool = True, **overrides):
        c = register(**overrides)
        svc.complaint_accept(actor=staff["inspector1"], complaint_id=c.pk)
        svc.complaint_file(actor=staff["head"], complaint_id=c.pk)
        svc.complaint_assign(
            actor=staff["head"], complaint_id=c.pk, inspectors=[staff["inspector1"], staff["inspector2"]]
        )
        c = svc.complaint_start_investigation(actor=staff["inspector1"], complaint_id=c.pk)
        return investigate(c) if findings else c

    return do


@pytest.fixture
def luxi_employer_worker(luxi):
    return EmployerFactory(jurisdiction=luxi), PersonFactory()
