"""The complaints API: filters, create, retrieve with the caller's transitions; the kernel's transition and
action endpoints (``/api/v1/complaints/<id>/transitions|actions/<name>/``) and their errors."""

import pytest
from rest_framework.test import APIClient

from casework.inspection.models import Complaint
from casework.inspection.models import ComplaintState as S
from casework.inspection.procedure_models import LegalBasis
from casework.models import TransitionLog

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_create_and_retrieve_with_available_transitions(staff, employer, worker):
    response = api(staff["clerk"]).post(
        "/api/v1/complaints/",
        {
            "jurisdiction": "433101",
            "complainant": worker.pk,
            "employer": employer.pk,
            "workplace": "工地",
            "facts": "欠薪三个月",
            "violation_types": ["wage_arrears"],
            "arrears_amount": "9000.00",
            "workers_affected": 3,
            "received_on": "2026-11-23",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"] == "吉首劳监投〔2026〕0001号" and body["state"] == "registered"
    detail = api(staff["inspector1"]).get(f"/api/v1/complaints/{body['id']}/").json()
    assert {"accept", "refuse"} <= {t["name"] for t in detail["transitions"]}
    assert detail["deadlines"][0]["rule"] == "inspection.accept"


def test_create_with_bad_fields_names_them_and_saves_nothing(staff, employer):
    response = api(staff["clerk"]).post(
        "/api/v1/complaints/",
        {
            "jurisdiction": "433101",
            "employer": employer.pk,
            "workplace": "",
            "facts": "x",
            "violation_types": ["wage_arrears", "nonsense"],
        },
        format="json",
    )
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert "workplace" in fields and "violation_types" in fields
    assert Complaint.objects.count() == 0


def test_create_in_another_county_is_forbidden(staff, employer, worker):
    response = api(staff["luxi_inspector"]).post(
        "/api/v1/complaints/",
        {
            "jurisdiction": "433101",
            "complainant": worker.pk,
            "employer": employer.pk,
            "workplace": "x",
            "facts": "x",
            "kind": "complaint",
        },
        format="json",
    )
    assert response.status_code in (400, 403)
    assert Complaint.objects.count() == 0


def test_transition_endpoint_status_codes(register, staff):
    c = register()
    url = f"/api/v1/complaints/{c.pk}/transitions/"
    # forbidden: a clerk cannot accept
    r = api(staff["clerk"]).post(url + "accept/", {}, format="json")
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    # another county: the case does not exist for them
    assert api(staff["luxi_head"]).post(url + "accept/", {}, format="json").status_code == 404
    # not from this state
    r = api(staff["head"]).post(url + "file_case/", {}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "invalid_state"
    # bad fields: refusing needs a reason
    r = api(staff["inspector1"]).post(url + "refuse/", {"reason": ""}, format="json")
    assert r.status_code == 400 and "reason" in r.json()["fields"]
    # success
    r = api(staff["inspector1"]).post(url + "accept/", {"expected_state": "registered"}, format="json")
    assert r.status_code == 200 and r.json()["state"] == "accepted"
    # stale page: someone else already moved it
    r = api(staff["inspector2"]).post(
        url + "refuse/", {"reason": "x", "expected_state": "registered"}, format="json"
    )
    assert r.status_code == 409 and r.json()["code"] == "conflict"
    # unknown transition
    assert api(staff["head"]).post(url + "explode/", {}, format="json").status_code == 404
    assert TransitionLog.objects.filter(object_id=c.pk).count() == 2
    assert Complaint.objects.get(pk=c.pk).state == S.ACCEPTED


def test_precondition_failure_is_409_with_reason(register, staff):
    c = register(employer=None, employer_name_given="某包工头")
    r = api(staff["inspector1"]).post(f"/api/v1/complaints/{c.pk}/transitions/accept/", {}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "precondition_failed"
    assert "补正" in r.json()["message"]


def test_list_filters_and_visibility(register, staff, luxi, luxi_employer_worker):
    from casework.inspection import services as svc

    register()
    register(green_channel=True)
    employer, worker = luxi_employer_worker
    svc.complaint_register(
        actor=staff["luxi_inspector"],
        jurisdiction=luxi,
        complainant=worker,
        employer=employer,
        workplace="泸溪",
        facts="x",
    )
    jishou_list = api(staff["inspector1"]).get("/api/v1/complaints/").json()
    assert jishou_list["count"] == 2
    assert all(row["jurisdiction"] == "433101" for row in jishou_list["results"])
    assert api(staff["inspector1"]).get("/api/v1/complaints/?green_channel=true").json()["count"] == 1
    assert api(staff["director"]).get("/api/v1/complaints/").json()["count"] == 3
    assert api(staff["arbitrator"]).get("/api/v1/complaints/").json()["count"] == 0


def test_list_query_count_does_not_grow(register, staff, django_assert_max_num_queries):
    for _ in range(3):
        register()
    client = api(staff["inspector1"])
    with django_assert_max_num_queries(12):
        client.get("/api/v1/complaints/")
    for _ in range(10):
        register()
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/complaints/").json()["count"] == 13


def test_full_penalty_path_through_the_api(register, staff):
    from datetime import timedelta

    from django.utils import timezone

    c = register()
    url = f"/api/v1/complaints/{c.pk}/"

    def post(user, path, data=None, expect=200):
        response = api(user).post(url + path, data or {}, format="json")
        assert response.status_code == expect, response.content
        return response.json() if response.content else None

    post(staff["inspector1"], "transitions/accept/")
    post(staff["head"], "transitions/file_case/")
    assert (
        post(staff["inspector1"], "actions/assign/", {"inspectors": [staff["inspector1"].pk]}, 403)["code"]
        == "forbidden"
    )
    body = post(staff["head"], "actions/assign/", {"inspectors": [staff["inspector1"].pk]}, 400)
    assert "inspectors" in body["fields"] and "两名" in body["fields"]["inspectors"][0]
    post(staff["head"], "actions/assign/", {"inspectors": [staff["inspector1"].pk, staff["inspector2"].pk]})
    post(staff["inspector1"], "transitions/start_investigation/")
    inspectors = [staff["inspector1"].pk, staff["inspector2"].pk]
    post(
        staff["inspector1"],
        "actions/record_investigation/",
        {
            "kind": "site",
            "started_at": timezone.localdate().isoformat() + "T09:00",
            "place": "吉首市乾州新区安置房工地",
            "subject": "被投诉单位项目部",
            "content": "查阅考勤表和工资表：10名工人每日工作11小时",
            "inspectors": inspectors,
            "signed_by": "项目经理王某签名",
        },
    )
    record = c.investigation_records.get()
    post(
        staff["inspector1"], "transitions/give_penalty_notice/", {"proposed_fine": "8000", "reason": "x"}, 409
    )
    basis = LegalBasis.objects.get(code="ldl-41").pk
    post(
        staff["inspector1"],
        "actions/record_findings/",
        {"text": "该单位安排工人每日工作11小时", "records": [record.pk], "bases": [basis]},
    )
    due = (timezone.localdate() + timedelta(days=5)).isoformat()
    post(staff["inspector2"], "transitions/order_rectification/", {"due_on": due, "items": "支付工资"})
    post(staff["inspector2"], "transitions/confirm_rectified/", {"reason": "已改正"})
    post(
        staff["inspector1"],
        "transitions/give_penalty_notice/",
        {"proposed_fine": "8000", "reason": "超时加班"},
    )
    body = post(staff["inspector1"], "actions/record_statement/", {"statement": "单位申辩"})
    assert body["state"] == "penalty_noticed"
    post(staff["head"], "transitions/decide_penalty/", {"fine_amount": "abc", "reason": "x"}, 400)
    post(staff["head"], "transitions/decide_penalty/", {"fine_amount": "6000.00", "reason": "依法处罚"}, 400)
    post(
        staff["head"],
        "transitions/decide_penalty/",
        {"fine_amount": "6000.00", "reason": "依法处罚", "defence_answer": "申辩理由不成立，不予采纳"},
    )
    body = post(staff["head"], "transitions/close/", {"outcome": "penalty_imposed", "reason": "已处罚"})
    assert body["state"] == "closed" and body["fine_amount"] == "6000.00" and body["transitions"] != []
    body = post(staff["inspector1"], "transitions/archive/")
    assert body["state"] == "archived" and body["transitions"] == []
    names = list(TransitionLog.objects.filter(object_id=c.pk).values_list("transition", flat=True))
    assert (
        names
        == (
            "register accept file_case assign start_investigation record_investigation record_findings "
            "order_rectification confirm_rectified "
            "give_penalty_notice record_statement decide_penalty close archive"
        ).split()
    )
