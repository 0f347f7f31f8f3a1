"""The grid page: registering an employer by hand (only one of the grid's county), the construction-site wage
warnings of the grid's employers (and none of others) in a fixed number of queries, and the warnings routed to
the grid's inspectors."""

import re
from datetime import timedelta

import pytest

from arrears.models import ConstructionProject
from casework.proactive.models import Grid, GridEmployer
from casework.roles import Role
from tests.factories import EmployerFactory, make_credit_code


def section(page, testid: str) -> str:
    """The HTML of the table ``data-testid=testid`` of a page."""
    html = page.content.decode()
    found = re.search(rf'<table data-testid="{testid}">.*?</table>', html, re.S)
    assert found, testid
    return found.group(0)


def test_an_employer_is_registered_by_hand_to_the_grid(area, client):
    employer = area.employers[0]  # 镇溪街道: the south grid by address
    client.force_login(area.head)
    page = client.post(f"/proactive/grids/{area.north.pk}/", {"employer": employer.pk})
    assert page.status_code == 302
    assert GridEmployer.objects.get(employer=employer).grid == area.north


def test_an_employer_of_another_county_is_refused(area, client, luxi):
    elsewhere = EmployerFactory(jurisdiction=luxi, credit_code=make_credit_code())
    client.force_login(area.head)
    page = client.post(f"/proactive/grids/{area.north.pk}/", {"employer": elsewhere.pk})
    assert page.status_code == 200
    assert "单位不存在或不在本网格所在县市" in page.content.decode()
    assert not GridEmployer.objects.filter(employer=elsewhere).exists()


@pytest.mark.parametrize("number", [0, "x"])
def test_a_bad_employer_number_is_a_form_error(area, client, number):
    client.force_login(area.head)
    page = client.post(f"/proactive/grids/{area.north.pk}/", {"employer": number})
    assert page.status_code == 200
    assert GridEmployer.objects.filter(grid=area.north).count() == 4


# --- construction-site wage warnings ------------------------------------------------------------------------
def site(area, name, **parties):
    """A project in 吉首 with no notice board and no deposit: evaluating its month raises warnings."""
    from arrears.services.projects import project_create
    from tests.construction.conftest import MONTH

    return project_create(
        actor=area.head,
        jurisdiction=area.north.jurisdiction,
        name=name,
        location="吉首市",
        started_on=MONTH - timedelta(days=60),
        rights_notice_board=False,
        **parties,
    )


def raise_warnings(*projects):
    from arrears.monitoring.evaluate import evaluate_month
    from tests.construction.conftest import MONTH

    evaluate_month(MONTH, project_ids=[p.pk for p in projects])


def north_and_south(area):
    north = [e for e in area.employers if e.grid_entry.grid_id == area.north.pk]
    south = [e for e in area.employers if e.grid_entry.grid_id == area.south.pk]
    return north, south


def test_the_grid_page_shows_the_warnings_of_its_employers_only(area, client):
    north, south = north_and_south(area)
    site(area, "乾州安置房项目", main_contractor=north[0])
    site(
        area,
        "乾州学校项目",
        developer=north[1],
        subcontractor=EmployerFactory(jurisdiction=north[1].jurisdiction),
    )
    site(area, "镇溪医院项目", main_contractor=south[0])
    raise_warnings(*ConstructionProject.objects.all())
    client.force_login(area.inspectors[0])
    page = client.get(f"/proactive/grids/{area.north.pk}/")
    assert page.status_code == 200
    table = section(page, "grid-warnings")
    assert "乾州安置房项目" in table and "乾州学校项目" in table
    assert north[0].name in table and north[1].name in table  # each warning against its grid employer
    assert "镇溪医院项目" not in table
    assert "/arrears/projects/" in table  # each links to the project's monitoring page
    south_page = section(client.get(f"/proactive/grids/{area.south.pk}/"), "grid-warnings")
    assert "镇溪医院项目" in south_page and "乾州安置房项目" not in south_page


def test_another_countys_staff_see_no_warning_they_may_not_open(area, client, luxi, make_user):
    north, _south = north_and_south(area)
    site(area, "乾州安置房项目", main_contractor=north[0])
    raise_warnings(*ConstructionProject.objects.all())
    outsider = make_user(Role.INSPECTION_HEAD, luxi)
    from casework.kernel.employer_warnings import employer_warnings

    assert employer_warnings(area.head, [north[0].pk]).rows
    assert employer_warnings(outsider, [north[0].pk]).rows == []


def test_a_subcontract_or_a_workers_employer_puts_the_warning_on_that_employer(area):
    from arrears.models import WageWarning
    from casework.kernel.employer_warnings import employer_warnings

    north, _south = north_and_south(area)
    contractor = EmployerFactory(jurisdiction=north[0].jurisdiction)
    site(
        area, "乾州劳务分包项目", main_contractor=contractor,
        subcontracts=[{"employer": north[2], "kind": "labour", "started_on": None}],
    )  # fmt: skip
    raise_warnings(*ConstructionProject.objects.all())
    assert WageWarning.objects.exists()
    rows = employer_warnings(area.head, [m.employer_id for m in area.north.members.all()]).rows
    assert rows and {r.employer_id for r in rows} == {north[2].pk}


def _grid_of(area, employers):
    grid = Grid.objects.create(
        jurisdiction=area.north.jurisdiction, name=f"测试网格{len(employers)}", townships="无"
    )
    GridEmployer.objects.filter(employer__in=employers).update(grid=grid)
    return grid


@pytest.mark.parametrize("size", [1, 8])
def test_the_grid_page_reads_in_a_fixed_number_of_queries(area, size, django_assert_num_queries):
    from casework.kernel.registry import case_types
    from casework.proactive.selectors import grid_page

    for n, employer in enumerate(area.employers):
        site(area, f"项目{n}", main_contractor=employer)
    raise_warnings(*ConstructionProject.objects.all())
    grid = _grid_of(area, area.employers[:size])
    with_employer = [t for t in case_types() if any(f.name == "employer" for f in t.model._meta.get_fields())]
    area.head.get_all_permissions()  # read once per request, before any page reads
    # the grid's employers, one per case type (open cases), the inspections' findings, the warnings
    with django_assert_num_queries(len(with_employer) + 3):
        shown = grid_page(area.head, grid)
    assert len(shown["risk"]) == size
    assert {row["employer"] for row in shown["warnings"]} == {e.name for e in area.employers[:size]}


def test_the_grid_page_costs_the_same_for_one_employer_and_many(area, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n, employer in enumerate(area.employers):
        site(area, f"项目{n}", main_contractor=employer)
    raise_warnings(*ConstructionProject.objects.all())
    client.force_login(area.head)
    counts = []
    for employers in (area.employers[:1], area.employers):
        grid = _grid_of(area, employers)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(f"/proactive/grids/{grid.pk}/")
        assert page.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- routing: the grid's inspectors hear of its employers' warnings -----------------------------------------
def told(kind="warning") -> set[int]:
    from casework.models import Notification

    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def test_a_warning_about_a_grid_employer_is_told_to_the_grids_inspectors(area):
    north, _south = north_and_south(area)
    site(area, "乾州安置房项目", main_contractor=north[0])
    raise_warnings(*ConstructionProject.objects.all())
    assert told() == {u.pk for u in area.north.inspectors.all()}  # not the south grid's, not every inspector


def test_the_projects_own_inspectors_hear_of_it_beside_the_grids(area):
    north, _south = north_and_south(area)
    project = site(area, "乾州安置房项目", main_contractor=north[0], inspectors=[area.inspectors[3]])
    raise_warnings(project)
    assert told() == {u.pk for u in area.north.inspectors.all()} | {area.inspectors[3].pk}


def test_an_employer_in_no_grid_leaves_the_warning_to_the_county(area):
    outside = EmployerFactory(jurisdiction=area.north.jurisdiction, address="吉首市某地")
    site(area, "城郊项目", main_contractor=outside)
    raise_warnings(*ConstructionProject.objects.all())
    assert told() == {u.pk for u in area.inspectors} | {area.head.pk}


def test_grid_inspectors_of_another_county_are_not_told(area, luxi, make_user):
    north, _south = north_and_south(area)
    stranger = make_user(Role.INSPECTOR, luxi)
    area.north.inspectors.add(stranger)  # misfiled: cannot open a 吉首 project's warnings
    site(area, "乾州安置房项目", main_contractor=north[0])
    raise_warnings(*ConstructionProject.objects.all())
    assert stranger.pk not in told() and told()
