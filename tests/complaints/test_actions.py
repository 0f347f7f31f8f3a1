"""The complaint's logged actions on the kernel contract: one transaction for the change and its log entry,
write permission by role (read-only and oversight roles never write), bad input a 400 naming its field."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from casework.inspection import services as svc
from casework.inspection.models import Complaint
from casework.inspection.models import ComplaintState as S
from casework.models import Employer, Evidence, Person, TransitionLog
from casework.services.transitions import PreconditionFailed
from tests.factories import EmployerFactory, PersonFactory, make_credit_code, make_id_number

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def log_count(case) -> int:
    return TransitionLog.objects.filter(object_id=case.pk, content_type__model="complaint").count()


def change_url(case, kind, name):
    return reverse("case-change", args=[case.CASE_TYPE, case.pk, kind, name])


@pytest.fixture
def noticed(investigating, staff):
    """A complaint whose employer has been given the prior notice of a penalty (LIR Art 19)."""
    c = investigating()
    return svc.complaint_give_penalty_notice(  # a large fine: the employer may ask for a hearing
        actor=staff["inspector1"], complaint_id=c.pk, proposed_fine="30000", facts="超时加班"
    )


@pytest.fixture
def filed(register, staff):
    c = register()
    svc.complaint_accept(actor=staff["inspector1"], complaint_id=c.pk)
    return svc.complaint_file(actor=staff["head"], complaint_id=c.pk)


@pytest.fixture
def online(register):
    """A complaint whose employer the worker could only name (the green channel's usual case)."""
    return register(employer=None, employer_name_given="吉首某建筑公司")


def state_of(case) -> dict:
    """What any of the four actions could have changed."""
    case = Complaint.objects.get(pk=case.pk)
    return {
        "assignees": set(case.assignees.values_list("pk", flat=True)),
        "co_complainants": set(case.co_complainants.values_list("pk", flat=True)),
        "workers": case.workers_affected,
        "arrears": case.arrears_amount,
        "employer": case.employer_id,
        "log": log_count(case),
        "persons": Person.objects.count(),
        "employers": Employer.objects.count(),
        "evidence": Evidence.objects.count(),
    }


# --- one transaction: the change and its log entry ----------------------------------------------------


def _fail_on_log(monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("casework.services.transitions.append_entry", boom)


def test_assign_is_rolled_back_when_its_log_entry_fails(filed, staff, monkeypatch):
    before = state_of(filed)
    _fail_on_log(monkeypatch)
    with pytest.raises(RuntimeError):
        svc.complaint_assign(
            actor=staff["head"], complaint_id=filed.pk, inspectors=[staff["inspector1"], staff["inspector2"]]
        )
    assert state_of(filed) == before and before["assignees"] == set()


def test_attach_is_rolled_back_when_its_log_entry_fails(register, staff, employer, monkeypatch):
    c = register()
    before = state_of(c)
    _fail_on_log(monkeypatch)
    with pytest.raises(RuntimeError):
        svc.complaint_attach(
            actor=staff["clerk"],
            complaint_id=c.pk,
            complainant={"name": "龙小妹", "id_number": make_id_number(), "phone": ""},
            employer=employer.credit_code,
            arrears_amount="8000",
            workers_affected=1,
        )
    assert state_of(c) == before  # no co-complainant, no new person, figures unchanged, no log entry


def test_identify_employer_is_rolled_back_when_its_log_entry_fails(online, staff, monkeypatch):
    before = state_of(online)
    _fail_on_log(monkeypatch)
    with pytest.raises(RuntimeError):
        svc.complaint_identify_employer(
            actor=staff["inspector1"], complaint_id=online.pk, credit_code=make_credit_code(), name="某公司"
        )
    assert state_of(online) == before  # the employer registered by its credit code is gone too


def test_record_statement_leaves_nothing_when_its_log_entry_fails(noticed, staff, monkeypatch):
    before = state_of(noticed)
    _fail_on_log(monkeypatch)
    with pytest.raises(RuntimeError):
        svc.complaint_record_statement(actor=staff["inspector1"], complaint_id=noticed.pk, statement="申辩")
    assert state_of(noticed) == before


def test_each_action_logs_once_when_it_succeeds(register, online, filed, staff, employer):
    c = register()
    svc.complaint_attach(
        actor=staff["clerk"],
        complaint_id=c.pk,
        complainant=PersonFactory(),
        employer=employer,
        facts="同工地",
    )
    svc.complaint_identify_employer(
        actor=staff["clerk"], complaint_id=online.pk, credit_code=make_credit_code()
    )
    svc.complaint_assign(
        actor=staff["head"], complaint_id=filed.pk, inspectors=[staff["inspector1"], staff["inspector2"]]
    )
    names = list(TransitionLog.objects.values_list("transition", flat=True))
    assert names.count("attach") == names.count("identify_employer") == names.count("assign") == 1


# --- who may: read-only and oversight roles never write -------------------------------------------------


def _evidence_file():
    return SimpleUploadedFile("工资条.pdf", b"%PDF-1.4\n", content_type="application/pdf")


def _requests(noticed, online, filed, staff, employer):
    """(case, action, input) that the case's own staff may make: the refused roles try the same."""
    return [
        (noticed, "record_statement", {"statement": "单位申辩"}),
        (noticed, "attach", {"complainant_name": "龙小妹", "complainant_id_number": make_id_number(),
                             "employer": noticed.employer.credit_code, "arrears_amount": "1000"}),
        (online, "identify_employer", {"credit_code": make_credit_code(), "name": "某公司"}),
        (filed, "assign", {"inspectors": [staff["inspector1"].pk, staff["inspector2"].pk]}),
        (filed, "add_evidence", {"category": "inquiry", "description": "询问笔录"}),
    ]  # fmt: skip


@pytest.mark.parametrize("role", ["auditor", "director"])
def test_auditor_and_director_get_403_from_the_api_and_nothing_is_written(
    role, noticed, online, filed, staff, employer
):
    user = staff[role]
    for case, name, data in _requests(noticed, online, filed, staff, employer):
        assert api(user).get(f"/api/v1/complaints/{case.pk}/").status_code == 200  # they see the case
        before = state_of(case)
        if name == "add_evidence":
            response = api(user).post(
                f"/api/v1/complaints/{case.pk}/evidence/", {**data, "file": _evidence_file()}
            )
        else:
            response = api(user).post(f"/api/v1/complaints/{case.pk}/actions/{name}/", data, format="json")
        assert response.status_code == 403, (name, response.content)
        assert response.json()["code"] == "forbidden" and "无权" in response.json()["message"]
        assert state_of(case) == before, name


@pytest.mark.parametrize("role", ["auditor", "director"])
def test_auditor_and_director_are_refused_on_the_page_and_offered_no_form(
    role, client, noticed, online, filed, staff, employer
):
    client.force_login(staff[role])
    for case, name, data in _requests(noticed, online, filed, staff, employer):
        page = client.get(reverse("complaint-detail", args=[case.pk])).content.decode()
        offered = set(re.findall(r'data-action="(\w+)"', page))
        # none at all for the auditor; the director's one write on a case is 督办 (casework.supervision)
        assert offered <= ({"supervise", "lift_supervision"} if role == "director" else set())
        assert 'enctype="multipart/form-data"' not in page
        before = state_of(case)
        if name == "add_evidence":
            url = reverse("case-evidence-upload", args=[case.CASE_TYPE, case.pk])
            response = client.post(url, {**data, "file": _evidence_file()}, follow=True)
        else:
            response = client.post(change_url(case, "actions", name), data, follow=True)
        assert response.status_code == 200 and "无权" in response.content.decode(), name
        assert state_of(case) == before, name


def test_record_statement_is_for_inspectors_not_clerks(noticed, staff):
    url = f"/api/v1/complaints/{noticed.pk}/actions/record_statement/"
    assert api(staff["clerk"]).post(url, {"statement": "申辩"}, format="json").status_code == 403
    assert api(staff["inspector1"]).post(url, {"statement": ""}, format="json").json()["fields"] == {
        "statement": ["请填写陈述申辩内容"]
    }
    body = api(staff["inspector2"]).post(url, {"statement": "申辩", "hearing_requested": True}, format="json")
    assert body.status_code == 200
    entry = TransitionLog.objects.get(object_id=noticed.pk, transition="record_statement")
    assert entry.reason == "申辩" and entry.details["hearing_requested"] is True


def test_record_statement_before_the_prior_notice_is_409(filed, staff):
    response = api(staff["head"]).post(
        f"/api/v1/complaints/{filed.pk}/actions/record_statement/", {"statement": "申辩"}, format="json"
    )
    assert response.status_code == 409 and "事先告知" in response.json()["message"]
    assert not TransitionLog.objects.filter(transition="record_statement").exists()


def test_only_the_unit_head_assigns(filed, staff):
    url = f"/api/v1/complaints/{filed.pk}/actions/assign/"
    ids = [staff["inspector1"].pk, staff["inspector2"].pk]
    for role in ("clerk", "inspector1"):
        assert api(staff[role]).post(url, {"inspectors": ids}, format="json").status_code == 403
    assert api(staff["head"]).post(url, {"inspectors": ids}, format="json").status_code == 200
    assert set(Complaint.objects.get(pk=filed.pk).assignees.values_list("pk", flat=True)) == set(ids)


def test_assign_input_errors_name_the_field(filed, staff):
    url = f"/api/v1/complaints/{filed.pk}/actions/assign/"
    head = api(staff["head"])
    for body in ({"inspectors": ["x"]}, {"inspectors": 5}, {"inspectors": [999999]}):
        response = head.post(url, body, format="json")
        assert response.status_code == 400 and list(response.json()["fields"]) == ["inspectors"], body
    response = head.post(
        url, {"inspectors": [staff["inspector1"].pk, staff["luxi_inspector"].pk]}, format="json"
    )
    assert response.status_code == 400 and "本辖区" in response.json()["fields"]["inspectors"][0]
    assert not Complaint.objects.get(pk=filed.pk).assignees.exists()


def test_assign_from_the_page(client, filed, staff):
    client.force_login(staff["head"])
    page = client.get(reverse("complaint-detail", args=[filed.pk])).content.decode()
    assert 'data-action="assign"' in page
    ids = [staff["inspector1"].pk, staff["inspector2"].pk]
    response = client.post(change_url(filed, "actions", "assign"), {"inspectors": ids}, follow=True)
    assert "已指派承办监察员" in response.content.decode()
    assert set(Complaint.objects.get(pk=filed.pk).assignees.values_list("pk", flat=True)) == set(ids)


# --- attach (并入) --------------------------------------------------------------------------------------


def test_attach_through_the_api_registers_the_new_complainant_on_the_case(register, staff, employer):
    c = register()
    number = make_id_number()
    response = api(staff["clerk"]).post(
        f"/api/v1/complaints/{c.pk}/actions/attach/",
        {
            "complainant_name": "龙小妹",
            "complainant_id_number": number,
            "employer": employer.credit_code.lower(),
            "facts": "同一工地",
            "arrears_amount": "8000.50",
            "workers_affected": 2,
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    c.refresh_from_db()
    assert c.co_complainants.get().id_number == number
    assert c.workers_affected == 3 and str(c.arrears_amount) == "23600.50"
    assert response.json()["arrears_amount"] == "23600.50"


def test_attach_to_a_case_about_another_employer_is_refused(register, staff, jishou):
    c = register()
    other, someone = EmployerFactory(jurisdiction=jishou), PersonFactory()
    before = state_of(c)
    with pytest.raises(PreconditionFailed) as err:
        svc.complaint_attach(actor=staff["clerk"], complaint_id=c.pk, complainant=someone, employer=other)
    assert "不是同一单位" in err.value.message
    response = api(staff["clerk"]).post(
        f"/api/v1/complaints/{c.pk}/actions/attach/",
        {
            "complainant_name": "龙小妹",
            "complainant_id_number": make_id_number(),
            "employer": other.credit_code,
        },
        format="json",
    )
    assert response.status_code == 409 and "不是同一单位，不能并入" in response.json()["message"]
    assert state_of(c) == before


def test_attach_to_a_case_whose_employer_is_unknown_is_refused(online, staff, employer):
    with pytest.raises(ValidationError) as err:
        svc.complaint_attach(
            actor=staff["clerk"], complaint_id=online.pk, complainant=PersonFactory(), employer=employer
        )
    assert "尚未查明" in err.value.message_dict["employer"][0]


def test_attach_to_a_closed_case_is_409(investigating, staff):
    c = investigating()
    svc.complaint_close(actor=staff["head"], complaint_id=c.pk, outcome="no_violation", summary="查无违法")
    response = api(staff["clerk"]).post(
        f"/api/v1/complaints/{c.pk}/actions/attach/",
        {
            "complainant_name": "龙小妹",
            "complainant_id_number": make_id_number(),
            "employer": c.employer.credit_code,
        },
        format="json",
    )
    assert response.status_code == 409 and "尚未办结" in response.json()["message"]


def test_the_intake_page_does_not_attach_to_a_case_it_may_not_see(client, staff, jishou, luxi):
    from tests.complaints.test_pages import intake_data

    employer = EmployerFactory(jurisdiction=luxi)
    theirs = svc.complaint_register(
        actor=staff["luxi_inspector"], jurisdiction=luxi, complainant=PersonFactory(), employer=employer,
        workplace="泸溪", facts="x",
    )  # fmt: skip
    client.force_login(staff["clerk"])
    data = intake_data(jishou, employer_credit_code=employer.credit_code)
    assert client.post(reverse("complaint-create"), {**data, "attach_to": theirs.pk}).status_code == 404
    assert client.post(reverse("complaint-create"), {**data, "attach_to": "abc"}).status_code == 404
    assert Complaint.objects.get(pk=theirs.pk).co_complainants.count() == 0


# --- identify the employer --------------------------------------------------------------------------------


def test_identify_employer_through_the_api_by_credit_code(online, staff):
    code = make_credit_code()
    url = f"/api/v1/complaints/{online.pk}/actions/identify_employer/"
    bad = api(staff["inspector1"]).post(
        url, {"credit_code": code[:-1] + "0" if code[-1] != "0" else code[:-1] + "1"}, format="json"
    )
    assert bad.status_code == 400 and "credit_code" in bad.json()["fields"]
    response = api(staff["inspector1"]).post(
        url, {"credit_code": code, "legal_representative": "张某"}, format="json"
    )
    assert response.status_code == 200, response.content
    employer = Complaint.objects.get(pk=online.pk).employer
    assert (
        employer.credit_code == code
        and employer.name == "吉首某建筑公司"
        and employer.jurisdiction == online.jurisdiction
    )
    again = api(staff["inspector1"]).post(url, {"credit_code": code}, format="json")
    assert again.status_code == 200  # still before acceptance: the same employer, found by its code
    assert Employer.objects.filter(credit_code=code).count() == 1


# --- dates, ids ------------------------------------------------------------------------------------------


def test_a_rectification_due_date_two_centuries_ahead_is_a_400_and_never_saved(client, investigating, staff):
    c = investigating()
    url = f"/api/v1/complaints/{c.pk}/transitions/order_rectification/"
    response = api(staff["inspector1"]).post(
        url, {"due_on": "2206-12-14", "items": "支付工资"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert list(body["fields"]) == ["due_on"] and "日期不能晚于" in body["fields"]["due_on"][0]
    assert "日期不能晚于" in body["message"]
    client.force_login(staff["inspector1"])
    page = client.post(
        change_url(c, "transitions", "order_rectification"),
        {"due_on": "2206-12-14", "items": "支付工资", "expected_state": "investigating"},
        follow=True,
    )
    assert page.status_code == 200 and "改正期限：日期不能晚于" in page.content.decode()
    c.refresh_from_db()
    assert c.state == S.INVESTIGATING and c.rectification_due is None
    with pytest.raises(ValidationError) as err:  # and the service refuses it to any other caller
        svc.complaint_order_rectification(
            actor=staff["inspector1"], complaint_id=c.pk, due_on="2206-12-14", items="支付工资"
        )
    assert "due_on" in err.value.message_dict
    assert client.get(reverse("complaint-detail", args=[c.pk])).status_code == 200
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    assert (
        api(staff["inspector1"]).post(url, {"due_on": due, "items": "支付工资"}, format="json").status_code
        == 200
    )


def test_rectification_amounts_and_dates_are_read_with_the_one_input_module(investigating, staff):
    c = investigating()
    client = api(staff["inspector1"])
    url = f"/api/v1/complaints/{c.pk}/transitions/"
    response = client.post(
        url + "order_rectification/", {"due_on": "2026-02-30", "items": "x"}, format="json"
    )
    assert response.status_code == 400 and list(response.json()["fields"]) == ["due_on"]
    response = client.post(
        url + "give_penalty_notice/", {"proposed_fine": "8000.555", "reason": "x"}, format="json"
    )
    assert response.status_code == 400 and "proposed_fine" in response.json()["fields"]
    assert Complaint.objects.get(pk=c.pk).state == S.INVESTIGATING


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/complaints/abc/",
        "/api/v1/complaints/1e3/",
        "/api/v1/complaints/99999999999999999999999/",
        "/api/v1/complaints/abc/actions/assign/",
        "/api/v1/complaints/abc/transitions/accept/",
    ],
)
def test_ids_that_are_not_numbers_are_404_in_the_api(staff, path):
    client = api(staff["head"])
    response = (
        client.post(path, {}, format="json")
        if "/actions/" in path or "/transitions/" in path
        else client.get(path)
    )
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_ids_that_are_not_numbers_are_404_on_the_pages(client, staff):
    client.force_login(staff["head"])
    assert client.get("/complaints/abc/").status_code == 404
    assert client.post("/cases/complaint/abc/actions/assign/").status_code == 404
    assert client.get("/complaints/abc/documents/registration.pdf").status_code == 404


def test_create_reads_ids_money_dates_and_bounded_integers_with_the_one_input_module(staff, worker, luxi):
    hidden = EmployerFactory(jurisdiction=luxi)  # registered in 泸溪: the 吉首 clerk does not see it
    base = {"jurisdiction": "433101", "complainant": worker.pk, "workplace": "工地", "facts": "欠薪"}
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    cases = [
        ({"employer": hidden.pk}, "employer"),
        ({"employer": "abc"}, "employer"),
        ({"employer_name_given": "某老板", "violation_types": ["wage_arrears"], "arrears_amount": 9000.5}, "arrears_amount"),
        ({"employer_name_given": "某老板", "arrears_months": 40000}, "arrears_months"),
        ({"employer_name_given": "某老板", "received_on": tomorrow}, "received_on"),
        ({"employer_name_given": "某老板", "violation_started_on": "1999-12-31"}, "violation_started_on"),
    ]  # fmt: skip
    for extra, field in cases:
        response = api(staff["clerk"]).post("/api/v1/complaints/", {**base, **extra}, format="json")
        assert response.status_code == 400 and field in response.json()["fields"], (extra, response.content)
    assert Complaint.objects.count() == 0
    response = api(staff["clerk"]).post(
        "/api/v1/complaints/",
        {
            **base,
            "employer_name_given": "某老板",
            "violation_types": ["wage_arrears"],
            "arrears_amount": "9,000.50",
        },
        format="json",
    )
    assert response.status_code == 201 and response.json()["arrears_amount"] == "9000.50"


@pytest.mark.parametrize("role", ["auditor", "director"])
def test_auditor_and_director_register_no_complaint(role, client, staff, worker, employer, jishou):
    from tests.complaints.test_pages import intake_data

    body = {
        "jurisdiction": "433101",
        "complainant": worker.pk,
        "employer": employer.pk,
        "workplace": "x",
        "facts": "x",
    }
    response = api(staff[role]).post("/api/v1/complaints/", body, format="json")
    assert response.status_code == 403 and Complaint.objects.count() == 0
    client.force_login(staff[role])
    assert client.post(reverse("complaint-create"), intake_data(jishou)).status_code == 404
    assert (
        Complaint.objects.count() == 0
        and "登记投诉举报" not in client.get(reverse("complaint-list")).content.decode()
    )


def test_inspectors_add_evidence_from_the_complaint_page(client, filed, staff):
    client.force_login(staff["inspector1"])
    page = client.get(reverse("complaint-detail", args=[filed.pk])).content.decode()
    url = reverse("case-evidence-upload", args=[filed.CASE_TYPE, filed.pk])
    assert f'action="{url}"' in page
    data = {"category": "inquiry", "description": "询问笔录", "file": _evidence_file()}
    response = client.post(url, data, follow=True)
    assert "证据材料已上传" in response.content.decode()
    assert Evidence.objects.get().original_name == "工资条.pdf"
    assert TransitionLog.objects.filter(object_id=filed.pk, transition="add_evidence").count() == 1
