"""The employer's whole record (用人单位档案): every visible case of every type against the employer, its
projects, arrears outstanding, penalties, blacklist status, warnings and a timeline — within the viewer's
jurisdiction, read-only, workers masked, in a number of queries that does not grow with the cases."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from arrears.models import RosterWorker, WageWarning, WarningRule
from arrears.services import cases as arrears_svc
from arrears.services import ledger
from arrears.services.projects import project_create
from casework.inspection.models import Complaint
from tests.factories import EmployerFactory, PersonFactory, make_id_number

pytestmark = pytest.mark.django_db


def page(user, employer, **params):
    client = Client()
    client.force_login(user)
    return client.get(reverse("parties:employer-record", kwargs={"pk": employer.pk}), params)


@pytest.fixture
def record(staff, jishou, employer, register):
    """In 吉首 against ``employer``: a complaint decided with a fine, an arrears case with unpaid wages, a
    project it contracts with a warning naming a worker."""
    complaint = register()
    Complaint.objects.filter(pk=complaint.pk).update(decision_kind="penalty", fine_amount=Decimal("20000"))
    case = arrears_svc.arrears_case_open(
        actor=staff["clerk"],
        jurisdiction=jishou,
        employer=employer,
        facts="拖欠工资",
        opened_on=datetime.date(2026, 11, 1),
    )
    for i, amount in enumerate(("8000.00", "4500.50")):
        ledger.worker_add(
            actor=staff["head"],
            case_id=case.pk,
            name=f"彭务工{i}",
            id_number=make_id_number("433101", datetime.date(1980, 1, 1 + i), seq=11 + i),
            months_unpaid=2,
            amount_owed=amount,
            is_migrant_worker=True,
        )
    project = project_create(
        actor=staff["clerk"],
        jurisdiction=jishou,
        name="乾州安置房二期",
        location="吉首市乾州街道",
        main_contractor=employer,
        subcontractor=EmployerFactory(jurisdiction=jishou),
        started_on=datetime.date(2026, 6, 1),
        rights_notice_board=True,
        wage_deposit_amount=Decimal("100000"),
    )
    worker = RosterWorker.objects.create(
        project=project, person=PersonFactory(name="田秀兰"), entered_on=datetime.date(2026, 6, 2)
    )
    rule = WarningRule.objects.order_by("pk").first()
    WageWarning.objects.create(
        project=project,
        jurisdiction=jishou,
        rule=rule,
        level=rule.level,
        month=datetime.date(2026, 10, 1),
        worker=worker,
        run=uuid.uuid4(),
    )
    return complaint, case, project


def test_the_record_shows_every_type_sections_and_timeline(staff, employer, record):
    complaint, case, project = record
    response = page(staff["inspector1"], employer)
    assert response.status_code == 200
    html = response.content.decode()
    assert complaint.number in html and case.number in html  # two case types
    assert project.name in html
    assert "12500.50" in html  # arrears outstanding: 8000.00 + 4500.50 unpaid
    assert "20000.00" in html  # the penalty
    assert "未列入" in html  # not on the blacklist
    assert "田**" in html and "田秀兰" not in html  # the warning's worker, masked
    timeline = response.context["timeline"]
    assert {e.case_number for e in timeline} == {complaint.number, case.number}


def test_a_viewer_in_another_county_sees_nothing_of_this_countys_cases(staff, employer, record, luxi):
    complaint, case, project = record
    # The employer is also a party of a case in 泸溪, so a 泸溪 inspector may open its record...
    arrears_svc.arrears_case_open(
        actor=staff["luxi_head"],
        jurisdiction=luxi,
        employer=employer,
        facts="泸溪工地欠薪",
        opened_on=datetime.date(2026, 11, 2),
    )
    response = page(staff["luxi_inspector"], employer)
    assert response.status_code == 200
    html = response.content.decode()
    # ...but sees only the 泸溪 case: none of 吉首's cases, amounts, penalties, projects, warnings or log
    assert complaint.number not in html and case.number not in html
    assert project.name not in html and "12500.50" not in html and "20000" not in html
    assert all(e.case_number not in (complaint.number, case.number) for e in response.context["timeline"])


def test_an_employer_with_no_case_in_the_viewers_county_is_404(staff, employer, record):
    assert page(staff["luxi_inspector"], employer).status_code == 404


def test_the_auditor_reads_and_never_writes(staff, employer, record):
    complaint, case, _project = record
    assert complaint.number in page(staff["auditor"], employer).content.decode()
    client = Client()
    client.force_login(staff["auditor"])
    url = reverse("parties:employer-record", kwargs={"pk": employer.pk})
    assert client.post(url, {}).status_code == 405


def test_the_query_count_does_not_grow_with_the_cases(
    staff, employer, record, register, django_assert_max_num_queries
):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert page(staff["inspector1"], employer).status_code == 200
        return len(captured)

    before = count()
    for _ in range(4):
        register()
    after = count()
    assert after == before
    with django_assert_max_num_queries(before):
        page(staff["inspector1"], employer)


def test_case_pages_link_the_employer_to_its_record(staff, employer, record):
    complaint, case, _project = record
    client = Client()
    client.force_login(staff["inspector1"])
    url = reverse("parties:employer-record", kwargs={"pk": employer.pk})
    for detail in (
        reverse("complaint-detail", kwargs={"pk": complaint.pk}),
        reverse("arrears:case-detail", kwargs={"pk": case.pk}),
        reverse("parties:employer-detail", kwargs={"pk": employer.pk}),
    ):
        assert url in client.get(detail).content.decode(), detail
