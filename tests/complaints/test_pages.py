"""Staff pages: list, intake (with duplicate detection), detail with actions, PDFs."""

import subprocess

import pytest
from django.urls import reverse

from casework.inspection.models import Complaint
from casework.inspection.models import ComplaintState as S
from tests.factories import make_credit_code, make_id_number

pytestmark = pytest.mark.django_db


def change_url(case, kind, name):
    """The kernel's page endpoint for a transition or an action of this case."""
    return reverse("case-change", args=[case.CASE_TYPE, case.pk, kind, name])


def intake_data(jishou, **overrides):
    data = {
        "kind": "complaint",
        "channel": "window",
        "jurisdiction": jishou.pk,
        "received_on": "2026-11-23",
        "complainant_name": "向前进",
        "complainant_id_number": make_id_number(),
        "complainant_phone": "13907431234",
        "complainant_is_migrant": "on",
        "employer_name": "湘西某建设有限公司",
        "employer_credit_code": make_credit_code(),
        "workplace": "吉首市",
        "facts": "拖欠工资",
        "violation_types": ["wage_arrears"],
        "arrears_amount": "12000",
        "arrears_months": "3",
        "workers_affected": "1",
    }
    data.update(overrides)
    return data


def test_intake_registers_a_case(client, staff, jishou):
    client.force_login(staff["clerk"])
    response = client.post(reverse("complaint-create"), intake_data(jishou))
    case = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("complaint-detail", args=[case.pk])
    assert case.complainant.name == "向前进" and case.employer.name == "湘西某建设有限公司"


def test_intake_with_bad_id_number_says_which_field_and_saves_nothing(client, staff, jishou):
    client.force_login(staff["clerk"])
    good = make_id_number()
    wrong_check = good[:-1] + ("1" if good[-1] != "1" else "2")
    page = client.post(reverse("complaint-create"), intake_data(jishou, complainant_id_number=wrong_check))
    page = page.content.decode()
    assert "身份证号码" in page and "校验" in page
    assert Complaint.objects.count() == 0


def test_intake_offers_open_case_against_same_employer(client, staff, jishou):
    client.force_login(staff["clerk"])
    data = intake_data(jishou)
    client.post(reverse("complaint-create"), data)
    second = intake_data(jishou, employer_credit_code=data["employer_credit_code"], complainant_name="龙小妹")
    page = client.post(reverse("complaint-create"), second).content.decode()
    assert "已有未办结案件" in page and Complaint.objects.count() == 1
    existing = Complaint.objects.get()
    client.post(reverse("complaint-create"), {**second, "attach_to": existing.pk})
    existing.refresh_from_db()
    assert Complaint.objects.count() == 1 and existing.co_complainants.get().name == "龙小妹"
    client.post(reverse("complaint-create"), {**second, "confirm_new": "1"})
    assert Complaint.objects.count() == 2


def test_detail_shows_only_permitted_actions_and_masks_personal_data(client, register, staff, worker):
    c = register()
    client.force_login(staff["clerk"])
    page = client.get(reverse("complaint-detail", args=[c.pk])).content.decode()
    assert "要求补正" in page and 'data-transition="accept"' not in page
    assert worker.id_number not in page and worker.phone not in page
    client.force_login(staff["inspector1"])
    page = client.get(reverse("complaint-detail", args=[c.pk])).content.decode()
    assert 'data-transition="accept"' in page


def test_other_county_gets_404_on_every_page(client, register, staff):
    c = register()
    client.force_login(staff["luxi_inspector"])
    assert client.get(reverse("complaint-detail", args=[c.pk])).status_code == 404
    assert client.get(reverse("complaint-document", args=[c.pk, "registration"])).status_code == 404
    assert c.number not in client.get(reverse("complaint-list") + "?q=吉首").content.decode()
    assert client.post(change_url(c, "transitions", "accept")).status_code == 404
    assert Complaint.objects.get(pk=c.pk).state == S.REGISTERED


def test_transition_form_error_is_shown_and_changes_nothing(client, register, staff):
    c = register()
    client.force_login(staff["inspector1"])
    response = client.post(
        change_url(c, "transitions", "refuse"),
        {"reason": "", "expected_state": "registered"},
        follow=True,
    )
    assert "请填写不予受理的理由" in response.content.decode()
    assert Complaint.objects.get(pk=c.pk).state == S.REGISTERED


def test_list_filters_and_pagination(client, register, staff, django_assert_max_num_queries):
    for i in range(30):
        register(green_channel=(i % 10 == 0))
    client.force_login(staff["inspector1"])
    with django_assert_max_num_queries(15):
        page = client.get(reverse("complaint-list")).content.decode()
    assert "第 1 / 2 页" in page
    page = client.get(reverse("complaint-list") + "?green_channel=on").content.decode()
    assert page.count("绿色通道</span>") == 3


def test_closing_approval_pdf_has_chinese_text_and_embedded_cjk_font(client, investigating, staff, tmp_path):
    from casework.inspection import services as svc

    c = investigating()
    svc.complaint_close(
        actor=staff["head"], complaint_id=c.pk, outcome="no_violation", summary="查无违法事实"
    )
    client.force_login(staff["inspector1"])
    response = client.get(reverse("complaint-document", args=[c.pk, "closing-approval"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "closing.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # an internal form: no 文号 of its own; the case number is in its table
    assert "结案审批表" in text and c.number in text and "查无违法事实" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts and "yes" in fonts.split("CJK", 1)[1].splitlines()[0]  # embedded


def test_every_document_renders(client, investigating, staff):
    from casework.inspection import services as svc
    from casework.inspection.documents import documents_for

    c = investigating()
    svc.complaint_give_penalty_notice(
        actor=staff["inspector1"], complaint_id=c.pk, proposed_fine="5000", facts="超时加班"
    )
    svc.complaint_record_statement(actor=staff["inspector1"], complaint_id=c.pk, statement="无异议")
    svc.complaint_decide_penalty(
        actor=staff["head"], complaint_id=c.pk, fine_amount="5000", reason="依法", defence_answer="无异议"
    )
    svc.complaint_transfer_to_police(actor=staff["head"], complaint_id=c.pk, reason="涉嫌犯罪")
    svc.complaint_close(
        actor=staff["head"], complaint_id=c.pk, outcome="police_transferred", summary="已移送"
    )
    c.refresh_from_db()
    client.force_login(staff["head"])
    slugs = [d["slug"] for d in documents_for(c)]
    assert {
        "registration",
        "acceptance",
        "filing-approval",
        "penalty-notice",
        "penalty-decision",
        "police-transfer",
        "closing-approval",
        "case-file",
    } <= set(slugs)
    for slug in slugs:
        response = client.get(reverse("complaint-document", args=[c.pk, slug]))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_staff_identify_the_employer_of_an_online_complaint_then_accept(client, register, staff):
    c = register(employer=None, employer_name_given="吉首某建筑公司")
    client.force_login(staff["inspector1"])
    page = client.get(reverse("complaint-detail", args=[c.pk])).content.decode()
    assert 'data-testid="identify-employer"' in page
    bad = client.post(
        change_url(c, "actions", "identify_employer"),
        {"credit_code": "91433101MA4L1021X2"},
        follow=True,
    ).content.decode()
    assert "统一社会信用代码" in bad and "校验" in bad
    assert Complaint.objects.get(pk=c.pk).employer is None
    code = make_credit_code()
    client.post(
        change_url(c, "actions", "identify_employer"), {"credit_code": code, "name": "吉首某建筑有限公司"}
    )
    c.refresh_from_db()
    assert c.employer.credit_code == code and c.employer.jurisdiction == c.jurisdiction
    client.post(change_url(c, "transitions", "accept"), {"expected_state": "registered"})
    assert Complaint.objects.get(pk=c.pk).state == S.ACCEPTED


def test_an_archived_refused_complaint_offers_only_the_documents_it_was_issued(register, staff):
    from casework.inspection import services as svc
    from casework.inspection.documents import documents_for

    c = register()
    svc.complaint_refuse(actor=staff["inspector1"], complaint_id=c.pk, reason="不属于劳动保障监察事项")
    c = svc.complaint_archive(actor=staff["inspector1"], complaint_id=c.pk)
    assert [d["slug"] for d in documents_for(c)] == ["registration", "refusal"]


def test_intake_refuses_to_attach_the_complaint_to_a_case_of_another_employer(client, staff, jishou):
    """The registration-time 并入 path: a case of another employer is refused with the reason, untouched."""
    client.force_login(staff["clerk"])
    first = intake_data(jishou)
    client.post(reverse("complaint-create"), first)
    existing = Complaint.objects.get()
    other = intake_data(jishou, complainant_name="龙小妹")
    assert other["employer_credit_code"] != first["employer_credit_code"]
    page = client.post(reverse("complaint-create"), {**other, "attach_to": existing.pk}).content.decode()
    assert "不是同一单位，不能并入" in page
    existing.refresh_from_db()
    assert existing.workers_affected == 1 and not existing.co_complainants.exists()
    assert Complaint.objects.count() == 1
