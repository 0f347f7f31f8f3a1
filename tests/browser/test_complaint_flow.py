"""A complaint from the window to the closing approval PDF, in a real browser."""

import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone

from casework.inspection.models import Complaint
from tests.factories import make_credit_code, make_id_number

pytestmark = pytest.mark.django_db(transaction=True)


def act(page, name, **fields):
    page.locator(f"details:has(form[data-transition='{name}']) summary").click()
    form = page.locator(f"form[data-transition='{name}']")
    for field, value in fields.items():
        form.locator(f"[name='{field}']").fill(value) if field != "outcome" else form.locator(
            "[name='outcome']"
        ).select_option(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def logout(page):
    page.locator(".userbox button").click()


def test_register_accept_file_rectify_close_and_download_pdf(page, login, staff, jishou, tmp_path):
    login(staff["clerk"])
    page.click("text=投诉举报")
    page.click("text=登记投诉举报")
    page.fill("#id_complainant_name", "田大哥")
    page.fill("#id_complainant_id_number", make_id_number())
    page.fill("#id_complainant_phone", "13907435678")
    page.fill("#id_employer_name", "吉首市某劳务有限公司")
    page.fill("#id_employer_credit_code", make_credit_code())
    page.fill("#id_workplace", "吉首市乾州安置房项目")
    page.fill("#id_facts", "2026年8月至10月工资共计18000元未支付")
    page.check("input[name=violation_types][value=wage_arrears]")
    page.fill("#id_arrears_amount", "18000")
    page.fill("#id_arrears_months", "3")
    page.click("button:has-text('登记')")
    assert "已登记，案件编号 吉首劳监投〔2026〕" in page.locator(".messages").inner_text()
    case = Complaint.objects.get()
    detail_url = page.url
    logout(page)

    login(staff["inspector1"])
    page.goto(detail_url)
    act(page, "accept")
    assert page.get_by_test_id("case-state").inner_text() == "已受理"
    logout(page)

    login(staff["head"])
    page.goto(detail_url)
    act(page, "file_case")
    page.check(f"input[name=inspectors][value='{staff['inspector1'].pk}']")
    page.check(f"input[name=inspectors][value='{staff['inspector2'].pk}']")
    page.click("button:has-text('保存指派')")
    act(page, "start_investigation")
    assert page.get_by_test_id("case-state").inner_text() == "调查中"
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    act(page, "order_rectification", due_on=due, items="十日内支付全部拖欠工资")
    assert page.get_by_test_id("case-state").inner_text() == "限期改正中"
    act(page, "confirm_rectified", reason="单位已支付，工人确认")
    act(
        page,
        "close",
        outcome="arrears_recovered",
        recovered_amount="18000",
        recovered_workers="1",
        reason="已足额支付",
    )
    assert page.get_by_test_id("case-state").inner_text() == "已结案"
    assert "批准结案" in page.get_by_test_id("timeline").inner_text()

    with page.expect_download() as download_info:
        page.get_by_test_id("documents").get_by_text("结案审批表").click()
    path = tmp_path / "closing.pdf"
    download_info.value.save_as(path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert case.number in text and "追回工资18000.00元" in text
