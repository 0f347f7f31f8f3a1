"""(b) Applications and other case types plug in through casework.public.registry."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from casework.inspection import public as complaint_type
from casework.inspection.models import Complaint
from casework.inspection.services import complaint_register
from casework.models import Evidence
from casework.public.forms import DisputeApplicationForm
from casework.public.registry import (
    case_type_for,
    register_application_form,
    register_public_case_type,
    unregister_application_form,
)
from casework.sms import LoggingSMSBackend
from tests.factories import make_id_number

from .conftest import form_key, photo

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "code,label", [("arbitration", "申请劳动争议仲裁"), ("mediation", "申请劳动争议调解")]
)
def test_applications_without_a_handler_say_not_open_yet(client, code, label):
    from casework.public.registry import application_form

    registered = application_form(code)
    unregister_application_form(code)
    try:
        _check_not_open_yet(client, code, label)
    finally:
        if registered:
            register_application_form(
                code,
                registered.form_class,
                registered.service,
                label=registered.label,
                intro=registered.intro,
                notify_registered=registered.notify_registered,
            )


def _check_not_open_yet(client, code, label):
    index = client.get(reverse("green:apply-index")).content.decode()
    assert label in index and "暂未开通" in index
    page = client.get(reverse("green:apply", args=[code]))
    html = page.content.decode()
    assert page.status_code == 200 and "网上申请暂未开通" in html and label in html
    assert "0743-12333" in html and "<form" not in html.split("<main")[1]
    assert client.post(reverse("green:apply", args=[code]), {"name": "x"}).status_code == 200
    assert client.get(reverse("green:apply", args=["nonsense"])).status_code == 404


@pytest.fixture
def arbitration_handler():
    calls = []

    def apply(*, applicant, employer, jurisdiction, data, submission_key):
        calls.append({"applicant": applicant, "jurisdiction": jurisdiction, "data": data})
        return complaint_register(  # stands in for arbitration_apply(actor=None, ...)
            actor=None,
            jurisdiction=jurisdiction,
            complainant=applicant,
            employer=employer,
            employer_name_given=data["employer_name"],
            workplace="见申请书",
            facts=f"{data['claims']}\n{data['facts']}",
            channel="green_channel",
            green_channel=True,
        )

    from casework.public.registry import application_form

    previous = application_form("arbitration")
    register_application_form("arbitration", DisputeApplicationForm, apply, intro="不收费。")
    yield calls
    unregister_application_form("arbitration")
    if previous:  # put back the arbitration app's own handler
        register_application_form(
            "arbitration",
            previous.form_class,
            previous.service,
            label=previous.label,
            intro=previous.intro,
            notify_registered=previous.notify_registered,
        )


def application(**overrides):
    data = {
        "name": "石春花",
        "id_number": make_id_number(area="433123", birth=date(1990, 2, 2), seq=342),
        "phone": "13974305555",
        "employer_name": "凤凰县某旅游公司",
        "county": "433123",
        "claims": "要求支付2026年7月至9月工资9000元",
        "amount": "9000",
        "facts": "2026年3月入职做导游，7月起未发工资",
    }
    data.update(overrides)
    return data


def test_a_registered_handler_receives_the_application_and_the_worker_gets_a_receipt(
    client, arbitration_handler, django_capture_on_commit_callbacks
):
    page = client.get(reverse("green:apply", args=["arbitration"]))
    assert "不收费。" in page.content.decode() and "暂未开通" not in page.content.decode()
    payload = {**application(), "submission_key": form_key(page), "photos": [photo()]}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("green:apply", args=["arbitration"]), payload, follow=True)
    case = Complaint.objects.get()
    assert case.number in response.content.decode()
    (call,) = arbitration_handler
    assert call["applicant"].name == "石春花" and call["jurisdiction"].name == "凤凰县"
    assert call["data"]["amount"] == Decimal("9000.00")
    assert Evidence.objects.filter(object_id=case.pk, submitted_publicly=True).count() == 1
    assert [p for p, _m in LoggingSMSBackend.sent] == ["13974305555"]
    # a double submit reaches the handler once
    client.post(reverse("green:apply", args=["arbitration"]), {**payload, "photos": []})
    assert len(arbitration_handler) == 1 and Complaint.objects.count() == 1


def test_application_errors_are_in_plain_words(client, arbitration_handler):
    page = client.get(reverse("green:apply", args=["arbitration"]))
    payload = {**application(claims="", amount="很多"), "submission_key": form_key(page)}
    html = client.post(reverse("green:apply", args=["arbitration"]), payload).content.decode()
    assert "请填写：您的请求" in html and "请填写数字" in html and "石春花" in html
    assert arbitration_handler == []


@pytest.fixture
def per_worker_amounts():
    """As the arrears app will do: each worker's own recovered amount."""
    register_public_case_type(
        Complaint,
        label="欠薪案件",
        applicant_attr="complainant",
        stage_text=lambda case: "正在追讨",
        amount_recovered=lambda case, person: Decimal("1234.50"),
        timeline_labels={"register": "收到材料"},
    )
    yield
    complaint_type.register()


def test_a_case_type_decides_stage_amount_and_timeline_words(client, register, worker, per_worker_amounts):
    case = register()
    assert case_type_for(case).label == "欠薪案件"
    response = client.post(
        reverse("green:lookup"), {"case_number": case.number, "id_suffix": worker.id_number[-6:]}, follow=True
    )
    html = response.content.decode()
    assert "正在追讨" in html and "1234.50" in html and "收到材料" in html and "欠薪案件" in html


def test_the_demo_green_channel_complaint_can_be_looked_up(client, django_capture_on_commit_callbacks):
    from casework.demo import seed_all

    with django_capture_on_commit_callbacks(execute=True):
        seed_all()
        seed_all()  # idempotent
    case = Complaint.objects.get(submission_key="demo-green-channel-0000000001")
    assert case.green_channel and case.state == "accepted"
    response = client.post(
        reverse("green:lookup"), {"case_number": case.number, "id_suffix": "250640"}, follow=True
    )
    assert "您的投诉已受理" in response.content.decode()


def test_the_wage_complaint_form_is_plugged_in_by_the_complaint_case_type(client):
    from casework.inspection.green_channel import WageComplaintForm, online_complaint_register
    from casework.public.registry import APPLICATION_KINDS, COMPLAINT_FORM, application_form

    entry = application_form(COMPLAINT_FORM)
    assert entry.form_class is WageComplaintForm and entry.service is online_complaint_register
    assert COMPLAINT_FORM not in APPLICATION_KINDS  # its own page, not one of the applications
    assert client.get(reverse("green:apply", args=[COMPLAINT_FORM])).status_code == 404
    unregister_application_form(COMPLAINT_FORM)
    try:
        assert client.get(reverse("green:complaint")).status_code == 404
    finally:
        complaint_type.register()
    assert client.get(reverse("green:complaint")).status_code == 200


def test_the_green_channel_imports_no_case_type():
    """The kernel's public package knows case types only through its registry (they plug into it)."""
    import ast
    from pathlib import Path

    import casework.public

    for path in Path(casework.public.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            for module in modules:
                assert not module.startswith(("casework.inspection", "arrears", "arbitration")), (
                    path,
                    module,
                )
