"""The inspection case type: planned → notified → inspected → findings → rectification → closed through the
kernel; the checklist; a finding opens a complaint or an arrears case linked to the inspection; grids give new cases their
inspectors; the grid page and the statistics."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arrears.models import ArrearsCase
from casework.inspection.models import Complaint
from casework.inspection.services import complaint_register
from casework.proactive.models import ChecklistItem, Inspection, ItemResult
from casework.proactive.services import inspections as svc
from casework.selectors.links import links_for
from casework.selectors.timeline import timeline_for
from casework.services.transitions import PreconditionFailed, TransitionForbidden


def planned(area, employer=None):
    case = svc.inspection_plan(
        actor=area.head,
        employer=employer or area.employers[1],
        kind="patrol",
        planned_on=timezone.localdate(),
    )
    svc.inspection_assign(actor=area.head, inspection_id=case.pk, inspectors=area.inspectors[:2])
    return case


def inspected(area, violation=True):
    case = planned(area)
    actor = area.inspectors[0]
    svc.inspection_notify(actor=actor, inspection_id=case.pk)
    svc.inspection_inspect(actor=actor, inspection_id=case.pk)
    for n, item in enumerate(Inspection.objects.get(pk=case.pk).checklist()):
        result = ItemResult.VIOLATION if violation and n == 0 else ItemResult.COMPLIANT
        svc.inspection_record_result(actor=actor, inspection_id=case.pk, item=item, result=result)
    return svc.inspection_conclude(actor=actor, inspection_id=case.pk, findings="检查完毕")


def test_lifecycle_with_a_violation(area):
    case = inspected(area)
    assert case.state == "findings" and case.violations_found == 1
    with pytest.raises(PreconditionFailed):  # something found: not closed as clean
        svc.inspection_close_clean(actor=area.head, inspection_id=case.pk)
    svc.inspection_order_rectification(
        actor=area.inspectors[0], inspection_id=case.pk, due_on=timezone.localdate() + timedelta(days=15),
        items="补签劳动合同",
    )  # fmt: skip
    with pytest.raises(TransitionForbidden):  # closing is the unit head's
        svc.inspection_close(actor=area.inspectors[0], inspection_id=case.pk, reason="已整改")
    case = svc.inspection_close(actor=area.head, inspection_id=case.pk, reason="已整改")
    assert case.state == "closed" and case.closed_at and case.number.startswith("吉首劳监查〔")


def test_the_checklist_must_be_complete_and_the_pair_assigned(area):
    case = svc.inspection_plan(
        actor=area.head, employer=area.employers[1], kind="written", planned_on=timezone.localdate()
    )
    with pytest.raises(PreconditionFailed, match="两名"):
        svc.inspection_notify(actor=area.inspectors[0], inspection_id=case.pk)
    svc.inspection_assign(actor=area.head, inspection_id=case.pk, inspectors=area.inspectors[:2])
    svc.inspection_inspect(actor=area.inspectors[0], inspection_id=case.pk)
    with pytest.raises(PreconditionFailed, match="清单"):
        svc.inspection_conclude(actor=area.inspectors[0], inspection_id=case.pk, findings="x")
    # each item carries its legal basis; the written review has its own items
    items = Inspection.objects.get(pk=case.pk).checklist()
    assert items and all(i.legal_basis for i in items)
    assert not ChecklistItem.objects.get(code="CL01").applies_to("written")


def test_a_finding_opens_a_linked_complaint(area, client):
    case = inspected(area)
    complaint = svc.inspection_open_case(
        actor=area.inspectors[0],
        inspection_id=case.pk,
        kind="complaint",
        facts="未签订书面劳动合同",
        violation_types=["no_contract"],
    )
    assert isinstance(complaint, Complaint) and complaint.employer == case.employer
    assert complaint.channel == "inspector" and case.number in complaint.facts
    # one link, the kernel's, seen from both cases
    (link,) = links_for(case)
    assert link.kind == "finding" and link.to_number == complaint.number
    assert links_for(complaint) == [link]
    client.force_login(area.inspectors[0])
    page = client.get(f"/proactive/inspections/{case.pk}/").content.decode()
    assert complaint.get_absolute_url() in page


def test_a_finding_opens_a_linked_arrears_case_through_the_kernel_action(area, client):
    case = inspected(area)
    client.force_login(area.inspectors[0])
    url = f"/api/v1/inspections/{case.pk}/actions/open_case/"
    refused = client.post(url, {"kind": "no_such_type", "facts": "拖欠工资"}, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["fields"].get("kind")
    response = client.post(
        url,
        {"kind": "arrears", "facts": "拖欠12名劳动者三个月工资", "arrears_amount": "36000", "workers": 12},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    arrears = ArrearsCase.objects.get(employer=case.employer)
    assert "拖欠12名劳动者" in arrears.facts and case.number in arrears.facts
    (link,) = links_for(case)
    assert (link.kind, link.to_id, link.to_number) == ("finding", arrears.pk, arrears.number)
    assert links_for(arrears) == [link]
    # the arrears case's log notes the inspection that opened it
    assert any(e.transition == "linked" and e.details["from"] == case.number for e in timeline_for(arrears))


def test_a_clean_inspection_cannot_open_a_case(area):
    case = inspected(area, violation=False)
    with pytest.raises(PreconditionFailed):
        svc.inspection_open_case(actor=area.inspectors[0], inspection_id=case.pk, kind="complaint", facts="x")
    assert svc.inspection_close_clean(actor=area.head, inspection_id=case.pk).state == "closed"


def test_new_complaints_default_to_the_grid_inspectors(area, jishou, make_user):
    from casework.roles import Role

    clerk = make_user(Role.CLERK, jishou)
    employer = area.employers[1]  # 乾州街道: the north grid
    assert employer.grid_entry.grid == area.north and employer.grid_entry.matched_by == "乾州街道"
    complaint = complaint_register(
        actor=clerk, jurisdiction=jishou, kind="report", employer=employer, workplace="工地", facts="欠薪",
        violation_types=["other"],
    )  # fmt: skip
    assert set(complaint.assignees.all()) == set(area.north.inspectors.all())


def test_grid_page_lists_employers_open_cases_and_risk(
    area, client, jishou, make_user, django_assert_max_num_queries
):
    from casework.roles import Role

    clerk = make_user(Role.CLERK, jishou)
    for employer in area.employers[:4]:
        complaint_register(
            actor=clerk, jurisdiction=jishou, kind="report", employer=employer, workplace="工地", facts="欠薪",
            violation_types=["other"],
        )  # fmt: skip
    client.force_login(area.head)
    with django_assert_max_num_queries(40):
        page = client.get(f"/proactive/grids/{area.north.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    north = [e for e in area.employers if e.grid_entry.grid_id == area.north.pk]
    assert all(e.name in html for e in north)
    assert html.count("劳监投〔") == 2  # the open complaints against the north grid's employers


def test_statistics_page(area, client):
    case = inspected(area)
    client.force_login(area.director)
    page = client.get("/proactive/stats/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "日常巡视检查" in html and case.jurisdiction.name in html
    assert "12%" in html or "13%" in html  # 1 of 8 registered employers inspected
