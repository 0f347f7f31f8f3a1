"""Merging a registered complaint into another about the same arrears (合并) and back (撤销合并): the
duplicate's deadlines stop and run again, both logs keep it, another employer's or a closed complaint is
refused with a Chinese 409, through the services, the kernel's API and the complaint page."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from casework.inspection import services as svc
from casework.inspection.services.common import ACCEPT
from casework.models import Deadline, TransitionLog
from casework.services.transitions import PreconditionFailed
from tests.factories import EmployerFactory, PersonFactory

pytestmark = pytest.mark.django_db


def post(user, complaint, name, body=None):
    client = APIClient()
    client.force_authenticate(user)
    return client.post(f"/api/v1/complaints/{complaint.pk}/transitions/{name}/", body or {}, format="json")


def logs(complaint) -> list[str]:
    return list(
        TransitionLog.objects.filter(object_id=complaint.pk, case_number=complaint.number)
        .order_by("id")
        .values_list("transition", flat=True)
    )


def accept_deadline(complaint) -> Deadline:
    return Deadline.objects.get(object_id=complaint.pk, case_number=complaint.number, rule=ACCEPT)


def test_merge_then_unmerge_restores_the_state_and_the_deadline_and_both_logs_keep_it(register, staff):
    primary, duplicate = register(), register(complainant=PersonFactory(name="龙小妹"))
    due = accept_deadline(duplicate).due_on

    svc.complaint_merge(
        actor=staff["clerk"], complaint_id=duplicate.pk, into=primary.number, reason="同一欠薪"
    )

    duplicate.refresh_from_db()
    assert duplicate.state == "merged" and duplicate.merged_into == primary
    assert duplicate.state_before_merge == "registered"
    assert accept_deadline(duplicate).status == Deadline.Status.PAUSED
    assert duplicate.next_due is None

    svc.complaint_unmerge(actor=staff["inspector1"], complaint_id=duplicate.pk, reason="非同一批工人")

    duplicate.refresh_from_db()
    assert duplicate.state == "registered" and duplicate.merged_into is None
    deadline = accept_deadline(duplicate)
    assert deadline.status == Deadline.Status.OPEN and deadline.due_on == due
    assert logs(duplicate) == ["register", "merge", "unmerge"]
    assert logs(primary) == ["register", "merge_in", "merge_out"]
    note = TransitionLog.objects.get(object_id=primary.pk, transition="merge_in")
    assert note.details == {"complaint": duplicate.number}


def test_unmerge_leaves_a_deadline_paused_before_the_merge_paused(register, staff):
    primary, duplicate = register(), register()
    svc.complaint_request_supplement(actor=staff["clerk"], complaint_id=duplicate.pk, reason="缺工资欠条")
    svc.complaint_merge(actor=staff["clerk"], complaint_id=duplicate.pk, into=primary.pk)
    svc.complaint_unmerge(actor=staff["clerk"], complaint_id=duplicate.pk)
    duplicate.refresh_from_db()
    assert duplicate.state == "supplement_requested"
    assert accept_deadline(duplicate).status == Deadline.Status.PAUSED  # still waiting for the materials


def test_another_employers_complaint_is_refused_with_409(register, staff, jishou):
    primary = register()
    other = register(employer=EmployerFactory(jurisdiction=jishou))

    response = post(staff["inspector1"], other, "merge", {"into": primary.number})

    assert response.status_code == 409
    assert "不是同一单位，不能合并" in response.json()["message"]
    other.refresh_from_db()
    assert other.state == "registered" and logs(other) == ["register"] and logs(primary) == ["register"]


def test_a_closed_complaint_is_refused_either_way(register, staff):
    primary, duplicate, refused = register(), register(), register()
    svc.complaint_refuse(actor=staff["inspector1"], complaint_id=refused.pk, reason="不属于受理范围")

    into_closed = post(staff["inspector1"], duplicate, "merge", {"into": refused.number})
    from_closed = post(staff["inspector1"], refused, "merge", {"into": primary.number})

    assert into_closed.status_code == 409 and "已办结" in into_closed.json()["message"]
    assert from_closed.status_code == 409 and from_closed.json()["message"]
    assert logs(duplicate) == ["register"] and logs(primary) == ["register"]


def test_unmerge_is_refused_once_the_target_is_closed(register, staff):
    primary, duplicate = register(), register()
    svc.complaint_merge(actor=staff["clerk"], complaint_id=duplicate.pk, into=primary.number)
    svc.complaint_withdraw_complaint(actor=staff["clerk"], complaint_id=primary.pk, reason="投诉人书面撤回")
    with pytest.raises(PreconditionFailed, match="已办结，不能撤销合并"):
        svc.complaint_unmerge(actor=staff["clerk"], complaint_id=duplicate.pk)


def test_a_complaint_others_went_into_is_not_merged_itself(register, staff):
    a, b, c = register(), register(), register()
    svc.complaint_merge(actor=staff["clerk"], complaint_id=b.pk, into=a.number)
    with pytest.raises(PreconditionFailed, match="已有投诉并入本投诉"):
        svc.complaint_merge(actor=staff["clerk"], complaint_id=a.pk, into=c.number)
    with pytest.raises(PreconditionFailed, match="已并入其他投诉"):
        svc.complaint_merge(actor=staff["clerk"], complaint_id=c.pk, into=b.number)


def test_the_api_merges_and_unmerges(register, staff):
    primary, duplicate = register(), register()

    merged = post(staff["inspector1"], duplicate, "merge", {"into": primary.number, "reason": "同一欠薪"})
    assert merged.status_code == 200, merged.content
    assert merged.json()["state"] == "merged"

    unmerged = post(staff["inspector1"], duplicate, "unmerge", {"expected_state": "merged"})
    assert unmerged.status_code == 200, unmerged.content
    assert unmerged.json()["state"] == "registered"

    missing = post(staff["inspector1"], duplicate, "merge", {"into": "不存在的编号"})
    assert missing.status_code == 400 and "into" in missing.json()["fields"]


def test_the_auditor_may_not_merge(register, staff):
    primary, duplicate = register(), register()
    response = post(staff["auditor"], duplicate, "merge", {"into": primary.number})
    assert response.status_code == 403
    duplicate.refresh_from_db()
    assert duplicate.state == "registered"


def test_merge_from_the_candidate_button_shows_the_workers_on_the_target_page(client, register, staff):
    primary = register()
    duplicate = register(complainant=PersonFactory(name="龙小妹", phone="13907431234"), workers_affected=3)
    client.force_login(staff["inspector1"])
    page = client.get(reverse("complaint-detail", args=[duplicate.pk])).content.decode()
    assert f'data-merge-into="{primary.number}"' in page and "并入此案" in page

    client.post(
        reverse("case-change", args=["complaint", duplicate.pk, "transitions", "merge"]),
        {"into": primary.number, "expected_state": "registered"},
    )

    duplicate.refresh_from_db()
    assert duplicate.state == "merged"
    target = client.get(reverse("complaint-detail", args=[primary.pk])).content.decode()
    assert 'data-testid="merged-complaints"' in target and duplicate.number in target
    assert "龙小妹" in target and "139****1234" in target and "13907431234" not in target
    assert "3人" in target
