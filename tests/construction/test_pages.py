"""Monitoring pages: visible per jurisdiction, a fixed number of queries whatever the number of rows."""

from django.urls import reverse

from arrears.models import WageWarning
from arrears.monitoring.imports import attendance_import, pay_import, roster_import
from arrears.services.projects import project_create
from tests.factories import EmployerFactory

from .conftest import (
    ATTENDANCE_HEADER,
    MONTH,
    PAY_HEADER,
    ROSTER_HEADER,
    attendance_rows,
    pay_rows,
    roster_rows,
    xlsx,
)


def seeded(staff, project, n):
    clerk = staff["clerk"]
    roster_import(actor=clerk, project_id=project.pk, uploaded=xlsx(ROSTER_HEADER, roster_rows(n)))
    attendance_import(
        actor=clerk, project_id=project.pk, uploaded=xlsx(ATTENDANCE_HEADER, attendance_rows(n))
    )
    pay_import(actor=clerk, project_id=project.pk, uploaded=xlsx(PAY_HEADER, pay_rows(range(n // 2), "1000")))


def _pages(project):
    return [
        reverse("arrears:warning-list") + "?state=",
        reverse("arrears:monitoring-risk"),
        reverse("arrears:project-monitoring", args=[project.pk]),
    ]


def test_pages_cost_the_same_queries_with_few_or_many_warnings(
    client, staff, project, django_assert_max_num_queries
):
    client.force_login(staff["inspector1"])
    seeded(staff, project, 2)
    counts = {}
    for url in _pages(project):
        with django_assert_max_num_queries(30) as ctx:
            assert client.get(url).status_code == 200
        counts[url] = len(ctx.captured_queries)
    second = project_create(
        actor=staff["clerk"],
        jurisdiction=project.jurisdiction,
        name="第二个项目",
        location="吉首",
        main_contractor=EmployerFactory(jurisdiction=project.jurisdiction),
        started_on=project.started_on,
    )
    seeded(staff, second, 12)
    assert WageWarning.objects.filter(project=second, state="open").count() > 6
    for few, many in zip(_pages(project), _pages(second), strict=True):
        with django_assert_max_num_queries(counts[few]):
            assert client.get(many).status_code == 200


def test_staff_see_their_county_and_the_director_all(client, staff, project, luxi):
    seeded(staff, project, 2)
    client.force_login(staff["luxi_inspector"])
    assert (
        "吉首市某安置房项目" not in client.get(reverse("arrears:warning-list") + "?state=").content.decode()
    )
    assert client.get(reverse("arrears:project-monitoring", args=[project.pk])).status_code == 404
    heat = client.get(reverse("arrears:monitoring-risk")).content.decode()
    assert (
        "泸溪县" in heat and "吉首市" not in heat.split('data-testid="heat-table"')[1].split("</section>")[0]
    )
    client.force_login(staff["director"])
    page = client.get(reverse("arrears:monitoring-risk")).content.decode()
    assert "吉首市某安置房项目" in page and 'data-testid="risk-map"' in page
    assert "凤凰县" in page and "湘西经济开发区" in page
    assert client.get(reverse("arrears:warning-list") + "?state=").status_code == 200


def test_the_risk_view_colours_a_county_by_its_highest_open_level(client, staff, project):
    seeded(staff, project, 2)  # half paid ¥1,000 for 22 days: below the minimum wage → red
    client.force_login(staff["director"])
    page = client.get(reverse("arrears:monitoring-risk")).content.decode()
    assert 'fill="#e5484d"' in page  # red on the map
    assert MONTH.strftime("%y-%m") in page  # the trend has the month


def test_open_case_from_the_page_and_close_with_a_reason(client, staff, project):
    seeded(staff, project, 2)
    client.force_login(staff["inspector1"])
    warning = WageWarning.objects.filter(rule__code="unpaid_workers", state="open").first()
    response = client.post(reverse("arrears:warning-open-case", args=[warning.pk]))
    assert response.status_code == 302 and "/arrears/" in response["Location"]
    other = WageWarning.objects.filter(state="open").first()
    client.post(reverse("arrears:warning-close", args=[other.pk]), {"reason": "已核实，资料补正"})
    other.refresh_from_db()
    assert other.state == "closed" and other.close_reason == "已核实，资料补正"
    client.force_login(staff["auditor"])
    third = WageWarning.objects.filter(state="open").first()
    if third is not None:
        client.post(reverse("arrears:warning-close", args=[third.pk]), {"reason": "x"})
        third.refresh_from_db()
        assert third.state == "open"
