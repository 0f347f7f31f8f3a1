"""Triage (open a complaint or arrears case, attach, transfer, not accept), the reply and its file, through the
kernel's endpoints as the API and pages use them."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from arrears.models import ArrearsCase
from casework.clues.models import Clue, ReplyOutcome
from casework.clues.services import clue_reply, clue_transfer
from casework.inspection.models import Complaint
from casework.models import Deadline, TransitionLog
from tests.factories import EmployerFactory, make_credit_code

pytestmark = pytest.mark.django_db


def post(user, clue, name, body):
    client = APIClient()
    client.force_authenticate(user)
    return client.post(f"/api/v1/clues/{clue.pk}/transitions/{name}/", body, format="json")


def test_open_as_a_complaint_through_the_registered_opener(staff, new_clue):
    clue = new_clue()

    response = post(staff["inspector1"], clue, "open_case", {"kind": "complaint", "reason": "事实清楚"})

    assert response.status_code == 200, response.content
    clue.refresh_from_db()
    complaint = Complaint.objects.get(number=clue.linked_number)
    assert clue.state == "opened" and response.json()["linked_number"] == complaint.number
    assert complaint.complainant.id_number == clue.reporter_id_number and complaint.employer is not None
    assert complaint.employer.credit_code == clue.employer_credit_code and clue.number in complaint.facts
    assert TransitionLog.objects.filter(object_id=complaint.pk, transition="clue").exists()


def test_open_as_an_arrears_case_needs_an_identified_employer(staff, new_clue):
    without = new_clue(employer_credit_code="", external_ref="X1")
    refused = post(staff["inspector1"], without, "open_case", {"kind": "arrears"})
    assert refused.status_code == 400 and "employer" in refused.json()["fields"]

    clue = new_clue(external_ref="X2")
    response = post(staff["inspector1"], clue, "open_case", {"kind": "arrears"})
    assert response.status_code == 200, response.content
    assert ArrearsCase.objects.get(number=response.json()["linked_number"]).employer.credit_code


def test_attach_refuses_another_employers_case(staff, new_clue, register, employer):
    other_case = register()  # a complaint against another employer
    clue = new_clue()
    refused = post(staff["inspector1"], clue, "attach", {"case_number": other_case.number})
    assert refused.status_code == 409 and "不是同一单位" in refused.json()["message"]

    same = register(
        employer=EmployerFactory(credit_code=clue.employer_credit_code, jurisdiction=clue.jurisdiction)
    )
    response = post(staff["inspector1"], clue, "attach", {"case_number": same.number})
    assert response.status_code == 200 and response.json()["state"] == "attached"
    assert TransitionLog.objects.filter(
        object_id=same.pk, transition="clue", transition_label="并入线索"
    ).exists()


def test_attach_to_a_case_the_user_cannot_see_is_refused(staff, new_clue, luxi_employer_worker, luxi):
    from casework.inspection import services as svc

    employer, person = luxi_employer_worker
    elsewhere = svc.complaint_register(
        actor=staff["luxi_inspector"],
        jurisdiction=luxi,
        complainant=person,
        employer=employer,
        workplace="泸溪",
        facts="欠薪",
    )
    response = post(staff["inspector1"], new_clue(), "attach", {"case_number": elsewhere.number})
    assert response.status_code == 400 and "case_number" in response.json()["fields"]


def test_transfer_and_refuse_need_their_reasons(staff, new_clue):
    clue = new_clue()
    assert post(staff["inspector1"], clue, "transfer", {"target": "泸溪县人社局"}).status_code == 400
    done = post(staff["inspector1"], clue, "transfer", {"target": "泸溪县人社局", "reason": "工地在泸溪"})
    assert done.status_code == 200 and done.json()["transfer_target"] == "泸溪县人社局"
    other = new_clue(external_ref="R2")
    assert post(staff["inspector1"], other, "refuse", {}).status_code == 400
    assert post(staff["clerk"], other, "refuse", {"reason": "非欠薪"}).status_code == 403
    assert post(staff["inspector1"], other, "refuse", {"reason": "非欠薪"}).json()["state"] == "not_accepted"


def test_reply_fills_the_template_meets_the_deadline_and_counts_on_time(staff, new_clue):
    clue = new_clue(external_ref="GZQX-1", received_on=date(2026, 11, 2))
    clue_transfer(actor=staff["inspector1"], clue_id=clue.pk, target="泸溪县人社局", reason="工地在泸溪")

    response = post(
        staff["inspector1"], clue, "reply", {"outcome": "transferred", "replied_on": "2026-11-20"}
    )

    assert response.status_code == 200, response.content
    clue.refresh_from_db()
    assert clue.state == "replied" and clue.outcome.label == "已转办"
    assert clue.reply_text.startswith("您于2026年11月02日反映的湘西峒河建设有限公司欠薪问题")
    assert "GZQX-1" in clue.reply_text and "已转泸溪县人社局办理" in clue.reply_text
    assert clue.replied_on_time is False  # due 16 Nov (10 working days)
    deadline = Deadline.objects.get(object_id=clue.pk, rule="clue.reply.national_platform")
    assert deadline.status == "met" and deadline.met_on == date(2026, 11, 20)
    assert post(staff["inspector1"], clue, "close", {}).json()["state"] == "closed"


def test_reply_needs_an_active_outcome(staff, new_clue):
    clue = new_clue()
    clue_transfer(actor=staff["inspector1"], clue_id=clue.pk, target="州局", reason="跨县")
    ReplyOutcome.objects.filter(code="other").update(active=False)
    assert post(staff["inspector1"], clue, "reply", {"outcome": "other"}).status_code == 400
    assert post(staff["inspector1"], clue, "reply", {}).status_code == 400


def test_the_reply_export_has_the_channels_columns(client, staff, new_clue, jishou):
    clue = new_clue(external_ref="GZQX-9")
    clue_transfer(actor=staff["inspector1"], clue_id=clue.pk, target="州局", reason="跨县")
    clue_reply(
        actor=staff["inspector1"], clue_id=clue.pk, outcome=ReplyOutcome.objects.get(code="transferred")
    )
    hotline = new_clue(channel="hotline_12345", external_ref="GD-1")
    clue_transfer(actor=staff["inspector1"], clue_id=hotline.pk, target="州局", reason="跨县")
    clue_reply(
        actor=staff["inspector1"], clue_id=hotline.pk, outcome=ReplyOutcome.objects.get(code="resolved")
    )
    client.force_login(staff["inspector1"])

    response = client.get("/clues/export.xlsx?channel=national_platform")

    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("线索编号", "被反映单位名称", "核处结论", "核处情况说明", "办结日期", "核处单位")
    assert rows[1][0] == "GZQX-9" and rows[1][2] == "已转办" and len(rows) == 2
    hotline_rows = list(
        load_workbook(
            io.BytesIO(client.get("/clues/export.xlsx?channel=hotline_12345").content)
        ).active.iter_rows(values_only=True)
    )
    assert hotline_rows[0][:3] == ("工单编号", "办理结果", "答复内容") and hotline_rows[1][0] == "GD-1"
    client.force_login(staff["luxi_inspector"])
    other = load_workbook(io.BytesIO(client.get("/clues/export.xlsx?channel=national_platform").content))
    assert len(list(other.active.iter_rows())) == 1  # another county's replies are not exported


def test_the_clue_page_masks_the_reporter_and_offers_triage(client, staff, new_clue):
    clue = new_clue()
    client.force_login(staff["inspector1"])
    page = client.get(f"/clues/{clue.pk}/").content.decode()
    assert clue.reporter_id_number not in page and clue.reporter_id_masked in page
    assert "13907430001" not in page and 'data-transition="open_case"' in page
    assert client.get(f"/clues/{clue.pk}/").status_code == 200
    client.force_login(staff["luxi_inspector"])
    assert client.get(f"/clues/{clue.pk}/").status_code == 404


def test_the_list_filters_by_channel(client, staff, new_clue):
    new_clue(external_ref="A")
    new_clue(channel="hotline_12345", external_ref="B", employer_name="另一单位", employer_credit_code="")
    client.force_login(staff["clerk"])
    page = client.get("/clues/?channel=hotline_12345").content.decode()
    assert "另一单位" in page and "湘西峒河建设有限公司" not in page


def test_manual_registration_page(client, staff, jishou):
    client.force_login(staff["clerk"])
    response = client.post(
        "/clues/new/",
        {
            "jurisdiction": jishou.pk,
            "channel": "walk_in",
            "received_on": "2026-11-20",
            "employer_name": "吉首某劳务公司",
            "employer_credit_code": make_credit_code("433101", "MA4P99999")[:-1] + "0",
            "facts": "欠薪",
            "workers": 1,
        },
    )
    assert response.status_code == 200 and "校验位错误" in response.content.decode()
    assert not Clue.objects.exists()
