"""The staff project form lists the project's other subcontractors (专业分包/劳务分包, each by its GB 32100
credit code): rows are added, edited and removed with the project in one transaction, a bad row refuses the
whole save, the change log names the field but never a value, and the detail page shows them."""

from datetime import timedelta

from django.urls import reverse

from arrears.models import ProjectSubcontractor
from arrears.services.projects import project_update
from casework.selectors.timeline import timeline_for
from tests.factories import EmployerFactory, make_credit_code

from .conftest import MONTH
from .test_project_form import _post, media  # noqa: F401  (the fixture keeps uploads in a tmp dir)

CODE_A, CODE_B, CODE_C = (make_credit_code(body=f"MA{n}PR1J00") for n in "123")


def _rows(*rows, extra: int = 1, initial: int = 0) -> dict:
    """The formset's POST data: ``rows`` of (name, code, kind, started_on, delete) then blank extra rows."""
    data = {
        "subcontracts-TOTAL_FORMS": str(len(rows) + extra),
        "subcontracts-INITIAL_FORMS": str(initial),
        "subcontracts-MIN_NUM_FORMS": "0",
        "subcontracts-MAX_NUM_FORMS": "1000",
    }
    for i, (name, code, kind, started_on, delete) in enumerate(rows):
        data.update(
            {
                f"subcontracts-{i}-employer_name": name,
                f"subcontracts-{i}-credit_code": code,
                f"subcontracts-{i}-kind": kind,
                f"subcontracts-{i}-started_on": started_on,
            }
        )
        if delete:
            data[f"subcontracts-{i}-DELETE"] = "on"
    return data


def _subcontracts(project) -> dict:
    return {
        s.employer.credit_code: (s.employer.name, s.kind, s.started_on)
        for s in ProjectSubcontractor.objects.filter(project=project).select_related("employer")
    }


def last_change(project) -> dict:
    """The project's last audit-log entry: who and which fields."""
    entry = timeline_for(project).last()
    return {"actor": entry.actor, "transition": entry.transition, "details": entry.details}


def test_add_two_edit_one_remove_one_and_the_log_names_no_value(client, staff, project):
    client.force_login(staff["clerk"])
    url = reverse("arrears:project-update", args=[project.pk])
    entered = MONTH - timedelta(days=10)
    added = _rows(
        ("湘西甲钢结构有限公司", CODE_A, "professional", entered.isoformat(), False),
        ("湘西乙劳务有限公司", CODE_B, "labour", "", False),
        extra=3,
    )
    response = client.post(url, {**_post(project, staff), **added})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _subcontracts(project) == {
        CODE_A: ("湘西甲钢结构有限公司", "professional", entered),
        CODE_B: ("湘西乙劳务有限公司", "labour", None),
    }
    change = last_change(project)
    assert change["actor"] == staff["clerk"] and "subcontracts" in change["details"]["fields"]
    assert CODE_A not in str(change) and "湘西甲" not in str(change)  # field names, never values

    form = client.get(url).content.decode()  # the edit form shows the rows it holds, then blank ones
    assert CODE_A in form and CODE_B in form and "湘西乙劳务有限公司" in form

    edited = _rows(
        ("湘西甲钢结构有限公司", CODE_A, "labour", entered.isoformat(), False),  # kind edited
        ("湘西乙劳务有限公司", CODE_B, "labour", "", True),  # removed
        initial=2,
    )
    before = timeline_for(project).count()
    response = client.post(url, {**_post(project, staff), **edited})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _subcontracts(project) == {CODE_A: ("湘西甲钢结构有限公司", "labour", entered)}
    assert timeline_for(project).count() == before + 1
    assert "subcontracts" in last_change(project)["details"]["fields"]

    detail = client.get(reverse("arrears:project-detail", args=[project.pk])).content.decode()
    assert "湘西甲钢结构有限公司" in detail and "劳务分包" in detail and "湘西乙劳务有限公司" not in detail


def test_unchanged_subcontracts_are_not_logged_as_changed(staff, project):
    employer = EmployerFactory()
    rows = [{"employer": employer, "kind": "labour", "started_on": None}]
    project_update(actor=staff["clerk"], project=project, subcontracts=rows)
    assert last_change(project)["details"] == {"fields": ["subcontracts"]}
    entries = timeline_for(project).count()
    project_update(actor=staff["clerk"], project=project, subcontracts=rows)
    assert timeline_for(project).count() == entries


def test_a_bad_credit_code_refuses_the_whole_save_with_the_row_error(client, staff, project):
    project_update(
        actor=staff["clerk"],
        project=project,
        subcontracts=[{"name": "湘西丙建筑有限公司", "credit_code": CODE_C, "kind": "professional"}],
    )
    client.force_login(staff["clerk"])
    bad = CODE_B[:17] + ("0" if CODE_B[17] != "0" else "1")  # the check character is wrong
    rows = _rows(
        ("湘西甲钢结构有限公司", CODE_A, "professional", "", False),
        ("湘西乙劳务有限公司", bad, "labour", "", False),
    )
    response = client.post(
        reverse("arrears:project-update", args=[project.pk]), {**_post(project, staff), **rows}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "校验位错误" in page and 'name="subcontracts-1-credit_code"' in page
    project.refresh_from_db()
    assert project.contract_price is None  # the project's own fields were not saved either
    assert _subcontracts(project) == {CODE_C: ("湘西丙建筑有限公司", "professional", None)}


def test_the_same_subcontractor_twice_is_refused_on_its_row(client, staff, project):
    client.force_login(staff["clerk"])
    rows = _rows(
        ("湘西甲钢结构有限公司", CODE_A, "professional", "", False),
        ("湘西甲钢结构有限公司", CODE_A, "labour", "", False),
    )
    response = client.post(
        reverse("arrears:project-update", args=[project.pk]), {**_post(project, staff), **rows}
    )
    assert response.status_code == 200 and "同一分包单位只能填写一次" in response.content.decode()
    assert not ProjectSubcontractor.objects.filter(project=project).exists()
    project.refresh_from_db()
    assert project.contract_price is None


def test_a_row_without_its_kind_is_refused(client, staff, project):
    client.force_login(staff["clerk"])
    rows = _rows(("湘西甲钢结构有限公司", CODE_A, "", "", False))
    response = client.post(
        reverse("arrears:project-update", args=[project.pk]), {**_post(project, staff), **rows}
    )
    assert response.status_code == 200 and "请选择分包类型" in response.content.decode()
    assert not ProjectSubcontractor.objects.filter(project=project).exists()


def test_another_countys_inspector_gets_404(client, staff, project):
    client.force_login(staff["luxi_inspector"])
    url = reverse("arrears:project-update", args=[project.pk])
    rows = _rows(("湘西甲钢结构有限公司", CODE_A, "professional", "", False))
    assert client.get(url).status_code == 404
    assert client.post(url, {**_post(project, staff), **rows}).status_code == 404
    assert client.get(reverse("arrears:project-detail", args=[project.pk])).status_code == 404
    assert not ProjectSubcontractor.objects.filter(project=project).exists()


def test_registering_a_project_with_its_subcontractors(client, staff, jishou):
    client.force_login(staff["clerk"])
    data = {
        "jurisdiction": jishou.pk,
        "name": "吉首市某学校项目",
        "location": "吉首市峒河街道",
        **_rows(("湘西乙劳务有限公司", CODE_B, "labour", "", False), extra=2),
    }
    response = client.post(reverse("arrears:project-create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    project = ProjectSubcontractor.objects.get(employer__credit_code=CODE_B).project
    assert project.name == "吉首市某学校项目"


def test_detail_page_query_count_does_not_grow_with_subcontractors(
    client, staff, project, django_assert_max_num_queries
):
    client.force_login(staff["clerk"])
    url = reverse("arrears:project-detail", args=[project.pk])
    project_update(
        actor=staff["clerk"],
        project=project,
        subcontracts=[{"employer": EmployerFactory(), "kind": "labour"}],
    )
    with django_assert_max_num_queries(100) as one:
        assert client.get(url).status_code == 200
    rows = [{"employer": EmployerFactory(), "kind": "professional"} for _ in range(6)]
    project_update(actor=staff["clerk"], project=project, subcontracts=rows)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("专业分包") == 6


def test_a_post_without_the_rows_keeps_the_subcontractors(client, staff, project):
    project_update(
        actor=staff["clerk"],
        project=project,
        subcontracts=[{"name": "湘西丙建筑有限公司", "credit_code": CODE_C, "kind": "labour"}],
    )
    client.force_login(staff["clerk"])
    response = client.post(reverse("arrears:project-update", args=[project.pk]), _post(project, staff))
    assert response.status_code == 302
    assert _subcontracts(project) == {CODE_C: ("湘西丙建筑有限公司", "labour", None)}
