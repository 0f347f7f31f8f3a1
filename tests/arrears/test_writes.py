"""Every arrears write goes through the kernel: a logged action is one transaction with its log entry, and the
read-only auditor and the director write nothing (API and pages) except the decisions the director's role
is meant to take."""

import json
import re
from datetime import timedelta

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from arrears.models import ArrearsCase, ArrearsWorker, BlacklistEntry, ConstructionProject, Grounds, Payment
from arrears.services import blacklist as bl
from arrears.services import cases as svc
from arrears.services import ledger
from casework.kernel.registry import case_type
from casework.kernel.writes import change_roles
from casework.models import Deadline, Employer, Person, TransitionLog
from casework.roles import Role

from .conftest import ago, id_number
from .test_import import good_rows, xlsx

pytestmark = pytest.mark.django_db

WATCHED = [
    ArrearsCase,
    ArrearsCase.assignees.through,
    ArrearsCase.complaints.through,
    ArrearsWorker,
    Payment,
    BlacklistEntry,
    ConstructionProject,
    Person,
    Employer,
    Deadline,
    TransitionLog,
]


def snapshot() -> dict:
    """Every row of every table an arrears write can touch, field by field."""
    out = {}
    for model in WATCHED:
        fields = [f.attname for f in model._meta.concrete_fields if not isinstance(f, models.DateTimeField)]
        out[model._meta.label] = list(model._default_manager.order_by("pk").values_list(*fields))
    return out


@pytest.fixture
def world(staff, open_case, add_workers, ordered, pay, register, make_user, jishou):
    """Case A: partially paid after an ignored payment order (no blacklist procedure yet), a payment not yet
    confirmed, a complaint to link. Case B: a blacklist entry just noticed."""
    a = open_case()
    lines = add_workers(a, [(3, "7000.00"), (2, "1000.00")])
    ordered(a)
    payment = pay(a, lines[0], "100.00")
    b = open_case(facts="乙案")
    add_workers(b, [(3, "8000.00")], start=20)
    ordered(b)
    entry = bl.blacklist_give_notice(
        actor=staff["inspector1"], case_id=b.pk, grounds=Grounds.THRESHOLD, facts="逾期未付"
    )
    return {
        "a": a,
        "b": b,
        "lines": lines,
        "payment": payment,
        "entry": entry,
        "complaint": register(),
        "inspector3": make_user(Role.INSPECTOR, jishou),
        "staff": staff,
    }


def _decide_listing(w):
    s = w["staff"]
    bl.blacklist_record_defence(actor=s["inspector1"], entry_id=w["entry"].pk, text="申辩")  # not faulty yet
    return lambda: bl.blacklist_decide_listing(actor=s["head"], entry_id=w["entry"].pk, reason="列入")


def _approve_removal(w):
    today = timezone.localdate()
    BlacklistEntry.objects.filter(pk=w["entry"].pk).update(
        state="removal_applied", listed_on=today, listed_until=today + timedelta(days=1000)
    )
    return lambda: bl.blacklist_approve_removal(
        actor=w["staff"]["head"], entry_id=w["entry"].pk, reason="修复"
    )


def _draw_deposit(w):
    from decimal import Decimal

    from arrears.monitoring.handling import deposit_draw

    a = w["a"]
    project = ConstructionProject.objects.create(
        name="工地",
        location="吉首",
        jurisdiction=a.jurisdiction,
        main_contractor=a.employer,
        wage_deposit_amount=Decimal("100000.00"),
    )
    ArrearsCase.objects.filter(pk=a.pk).update(project=project)
    return lambda: deposit_draw(actor=w["staff"]["inspector1"], case_id=a.pk, lines=[w["lines"][1].pk])


# name of the logged action → (world → the call that makes it). Setup that must succeed runs before the fault.
LOGGED_ACTIONS = {
    "assign": lambda w: (
        lambda: svc.arrears_assign(
            actor=w["staff"]["head"],
            case_id=w["a"].pk,
            inspectors=[w["staff"]["inspector1"], w["inspector3"]],
        )
    ),
    "attach_complaint": lambda w: (
        lambda: svc.arrears_attach_complaint(
            actor=w["staff"]["clerk"], case_id=w["a"].pk, complaint_id=w["complaint"].pk
        )
    ),
    "add_worker": lambda w: (
        lambda: ledger.worker_add(
            actor=w["staff"]["clerk"],
            case_id=w["a"].pk,
            name="新工人",
            id_number=id_number(40),
            months_unpaid=2,
            amount_owed="3000.00",
        )
    ),
    "import_workers": lambda w: (
        lambda: ledger.workers_import(
            actor=w["staff"]["clerk"], case_id=w["a"].pk, uploaded=xlsx(good_rows(2, start=60))
        )
    ),
    "correct_worker": lambda w: (
        lambda: ledger.worker_update(
            actor=w["staff"]["inspector1"],
            case_id=w["a"].pk,
            line_id=w["lines"][1].pk,
            amount_owed="900.00",
            reason="核对工资表",
        )
    ),
    "record_payment": lambda w: (
        lambda: ledger.payment_record(
            actor=w["staff"]["inspector1"],
            case_id=w["a"].pk,
            line_id=w["lines"][1].pk,
            amount="1000.00",
            paid_on=ago(1),
            payer_kind="employer",
        )
    ),
    # MWWR Art 32: the project's wage deposit pays a worker's line (and the deposit balance drops).
    "draw_deposit": _draw_deposit,
    "confirm_payment": lambda w: (
        lambda: ledger.payment_confirm(
            actor=w["staff"]["inspector1"], case_id=w["a"].pk, payment_id=w["payment"].pk
        )
    ),
    "blacklist_notice": lambda w: (
        lambda: bl.blacklist_give_notice(
            actor=w["staff"]["inspector1"], case_id=w["a"].pk, grounds=Grounds.THRESHOLD, facts="逾期未付"
        )
    ),
    "record_defence": lambda w: (
        lambda: bl.blacklist_record_defence(
            actor=w["staff"]["inspector1"], entry_id=w["entry"].pk, text="资金困难"
        )
    ),
    # The blacklist decisions, each noted in the arrears case's log in the decision's transaction.
    "blacklist_listed": _decide_listing,
    "blacklist_not_listed": lambda w: (
        lambda: bl.blacklist_decide_not_to_list(
            actor=w["staff"]["head"], entry_id=w["entry"].pk, reason="已足额支付"
        )
    ),
    "blacklist_removed": _approve_removal,
}


def test_every_logged_action_of_both_types_is_fault_tested():
    registered = {a.name for code in ("arrears", "blacklist") for a in case_type(code).actions}
    notes = {name for name, _label in bl.CASE_NOTES.values()}
    assert registered | notes == set(LOGGED_ACTIONS)


@pytest.mark.parametrize("name", sorted(LOGGED_ACTIONS))
def test_the_action_writes_its_change_and_its_log_entry(world, name):
    call = LOGGED_ACTIONS[name](world)
    before = snapshot()
    call()
    assert snapshot() != before
    assert TransitionLog.objects.filter(transition=name).exists()


@pytest.mark.parametrize("name", sorted(LOGGED_ACTIONS))
def test_a_failure_while_logging_rolls_back_the_change_and_the_log(world, name, monkeypatch):
    call = LOGGED_ACTIONS[name](world)
    before = snapshot()

    def broken(**kwargs):
        raise RuntimeError("日志写入失败（故障注入）")

    monkeypatch.setattr("casework.services.transitions.append_entry", broken)
    with pytest.raises(RuntimeError):
        call()
    assert snapshot() == before


# --- read-only roles and the director ----------------------------------------------------------------
DIRECTOR_MAY = {
    # 国务院令第310号 Art 5: the agency's head decides the transfer to the police.
    "decide_police_transfer",
    # 人社部令第45号: the listing decision and early removal are the agency's.
    "decide_listing",
    "decide_not_to_list",
    "approve_removal",
    "refuse_removal",
}
# 督办 (casework.supervision): the director marks any case supervised and lifts it — a kernel action of every type.
DIRECTOR_SUPERVISES = {"supervise", "lift_supervision"}
GARBAGE = {
    "amount": "NaN",
    "amount_owed": "1e2",
    "months_unpaid": 99999,
    "period": 99999,
    "line": "x",
    "payment": -1,
    "inspectors": ["x"],
    "paid_on": "2206-12-14",
    "reason": "",
}


def test_the_director_may_make_exactly_the_agency_heads_decisions():
    may = {
        name
        for code in ("arrears", "blacklist")
        for name in [*case_type(code).transitions.services, *(a.name for a in case_type(code).actions)]
        if Role.DIRECTOR in (change_roles(case_type(code), name) or ())
    }
    assert may == DIRECTOR_MAY


def kernel_changes(world):
    """(case type, case, kind, name) of every change with an endpoint."""
    for code, case in (("arrears", world["a"]), ("blacklist", world["entry"])):
        ct = case_type(code)
        for name in ct.transitions.services:
            yield ct, case, "transitions", name
        for action in ct.all_actions():
            if action.service is not None:
                yield ct, case, "actions", action.name


def own_api_writes(world):
    a = world["a"].pk
    return [
        ("/api/v1/arrears/", "json"),
        (f"/api/v1/arrears/{a}/workers/", "json"),
        (f"/api/v1/arrears/{a}/workers/import/", "multipart"),
        (f"/api/v1/arrears/{a}/payments/", "json"),
        (f"/api/v1/arrears/{a}/payments/{world['payment'].pk}/confirm/", "json"),
    ]


@pytest.fixture
def auditor(make_user, prefecture):
    return make_user(Role.AUDITOR, prefecture)


@pytest.mark.parametrize("who", ["auditor", "director"])
def test_read_only_auditor_and_director_get_403_from_every_api_write_and_nothing_is_written(
    world, who, auditor, staff
):
    user = auditor if who == "auditor" else staff["director"]
    client = APIClient()
    client.force_authenticate(user)
    before = snapshot()
    tried = 0
    for ct, case, kind, name in kernel_changes(world):
        if who == "director" and name in DIRECTOR_MAY | DIRECTOR_SUPERVISES:
            continue
        response = client.post(f"/api/v1/{ct.api_slug}/{case.pk}/{kind}/{name}/", GARBAGE, format="json")
        assert response.status_code == 403, (name, response.json())
        body = response.json()
        assert body["code"] == "forbidden" and "无权" in body["message"], name
        tried += 1
    for url, fmt in own_api_writes(world):
        data = {"file": "not a file", **GARBAGE} if fmt == "multipart" else GARBAGE
        response = client.post(url, data, format=fmt)
        assert response.status_code == 403, (url, response.json())
        assert response.json()["code"] == "forbidden"
        tried += 1
    assert tried >= 20
    assert snapshot() == before


@pytest.mark.parametrize("who", ["auditor", "director"])
def test_read_only_auditor_and_director_are_refused_by_every_write_page_and_nothing_is_written(
    world, who, auditor, staff, client, jishou
):
    user = auditor if who == "auditor" else staff["director"]
    client.force_login(user)
    before = snapshot()
    for _ct, case, kind, name in kernel_changes(world):
        if who == "director" and name in DIRECTOR_MAY | DIRECTOR_SUPERVISES:
            continue
        response = client.post(reverse("case-change", args=[case.CASE_TYPE, case.pk, kind, name]), GARBAGE)
        assert response.status_code == 302 and response["Location"] == case.get_absolute_url(), name
        shown = [str(m) for m in response.wsgi_request._messages]
        assert any("无权" in m for m in shown), (name, shown)
    a = world["a"]
    project = ConstructionProject.objects.create(name="项目", location="吉首", jurisdiction=jishou)
    for url, method in (
        (reverse("arrears:case-create"), "get"),
        (reverse("arrears:case-create"), "post"),
        (reverse("arrears:case-from-complaints"), "post"),
        (reverse("arrears:worker-import", args=[a.pk]), "get"),
        (reverse("arrears:worker-import", args=[a.pk]), "post"),
        (reverse("arrears:project-create"), "post"),
        (reverse("arrears:project-update", args=[project.pk]), "post"),
    ):
        before = snapshot()
        response = getattr(client, method)(url, {"name": "改名", "complaint_numbers": "x", "facts": "x"})
        assert response.status_code == 403, url
        assert snapshot() == before
    page = client.get(reverse("arrears:case-detail", args=[a.pk])).content.decode()
    assert 'data-testid="payment-form"' not in page and 'data-testid="worker-form"' not in page
    posted = set(re.findall(r"/actions/(\w+)/", page))
    # no form to post a change, but the auditor sees none at all and the director only 督办
    assert posted <= (DIRECTOR_SUPERVISES if who == "director" else set()) and "/transitions/" not in page


def test_the_director_decides_the_listing_through_the_kernel_and_the_case_log_notes_it(world, staff):
    entry = world["entry"]
    bl.blacklist_record_defence(actor=staff["inspector1"], entry_id=entry.pk, text="申辩")
    client = APIClient()
    client.force_authenticate(staff["director"])
    response = client.post(
        f"/api/v1/blacklist/{entry.pk}/transitions/decide_listing/",
        {"reason": "申辩理由不成立", "expected_state": "noticed"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "listed" and response.json()["listed_until"]
    note = TransitionLog.objects.get(object_id=world["b"].pk, transition="blacklist_listed")
    assert note.actor == staff["director"] and note.details == {"blacklist_entry": entry.number}


def test_the_kernels_action_endpoint_runs_an_arrears_action(world, staff):
    """The registered form and service: the same change as the case's own workers endpoint."""
    client = APIClient()
    client.force_authenticate(staff["inspector1"])
    a = world["a"]
    body = {"name": "新工人", "id_number": id_number(41), "months_unpaid": 2, "amount_owed": "3,000.50"}
    response = client.post(f"/api/v1/arrears/{a.pk}/actions/add_worker/", body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["total_owed"] == "11000.50" and response.json()["worker_count"] == 3
    response = client.post(
        f"/api/v1/arrears/{a.pk}/actions/assign/", {"inspectors": [staff["inspector1"].pk]}, format="json"
    )
    assert response.status_code == 403  # only the unit head assigns
    client.force_authenticate(staff["head"])
    response = client.post(
        f"/api/v1/arrears/{a.pk}/actions/assign/", {"inspectors": [staff["inspector1"].pk]}, format="json"
    )
    assert response.status_code == 400 and "两名" in response.json()["fields"]["inspectors"][0]
    assert json.dumps(response.json(), ensure_ascii=False).count("ErrorDetail") == 0
