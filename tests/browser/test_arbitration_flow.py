"""An arbitration application to a downloaded award PDF, in a real browser."""

import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone

from arbitration.models import ArbitrationCase
from casework.calendar.workdays import add_working_days, next_working_day
from casework.roles import Role
from tests.factories import make_credit_code, make_id_number

pytestmark = pytest.mark.django_db(transaction=True)


def act(page, name, **fields):
    page.locator(f"details:has(form[data-transition='{name}']) summary").click()
    form = page.locator(f"form[data-transition='{name}']")
    for field, value in fields.items():
        control = form.locator(f"[name='{field}']")
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        elif control.get_attribute("type") == "checkbox":
            control.check()
        else:
            control.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def logout(page):
    page.locator(".userbox button").click()


def test_application_to_downloaded_award_pdf(page, login, make_user, jishou, tmp_path):
    chair = make_user(Role.ARBITRATION_CHAIR, jishou, full_name="滕主任")
    arbitrator = make_user(Role.ARBITRATOR, jishou, full_name="麻仲裁")
    today = timezone.localdate()
    received = today - timedelta(days=20)
    notice = received + timedelta(days=2)
    hearing = add_working_days(next_working_day(notice, jishou.pk), 5, jishou.pk)
    assert hearing <= today

    login(chair)
    page.click("text=劳动争议仲裁")
    page.click("text=登记仲裁申请")
    page.fill("#id_received_on", received.isoformat())
    page.fill("#id_respondent_name", "吉首市某劳务有限公司")
    page.fill("#id_respondent_credit_code", make_credit_code())
    page.fill("#id_facts", "2026年8月至10月工资共计18000元未支付")
    page.fill("[name='applicants-0-name']", "田大哥")
    page.fill("[name='applicants-0-id_number']", make_id_number())
    page.check("[name='applicants-0-is_migrant_worker']")
    page.select_option("[name='claims-0-claim_type']", "wages")
    page.fill("[name='claims-0-description']", "2026年8月至10月工资")
    page.fill("[name='claims-0-amount']", "18000")
    page.click("button:has-text('登记')")
    assert "已登记仲裁申请，案件编号 吉首劳人仲案〔" in page.locator(".messages").inner_text()
    assert "绿色通道" in page.locator("h1").inner_text()
    detail_url = page.url

    act(page, "accept", on=(received + timedelta(days=1)).isoformat())
    assert page.get_by_test_id("case-state").inner_text() == "已受理"
    act(page, "serve_application", on=(received + timedelta(days=1)).isoformat())
    act(
        page,
        "form_tribunal",
        procedure="simplified",
        presiding=str(arbitrator.pk),
        on=(received + timedelta(days=2)).isoformat(),
    )
    assert page.get_by_test_id("case-state").inner_text() == "已组庭"
    logout(page)

    login(arbitrator)
    page.goto(detail_url)
    act(
        page,
        "schedule_hearing",
        hearing_at=f"{hearing.isoformat()}T09:30",
        place="第一仲裁庭",
        notice_on=notice.isoformat(),
    )
    assert page.get_by_test_id("case-state").inner_text() == "已排期开庭", page.locator(
        ".messages"
    ).inner_text()
    act(page, "hold_hearing", record="申请人陈述；被申请人未到庭。", respondent_present="false")
    assert page.get_by_test_id("case-state").inner_text() == "已开庭"
    case = ArbitrationCase.objects.get()
    item = case.claims.get()
    act(
        page,
        "award",
        **{
            f"decision_{item.pk}": "upheld",
            f"awarded_{item.pk}": "18000",
            "reason": "欠薪事实有工资欠条为证",
            "on": today.isoformat(),
        },
    )
    assert page.get_by_test_id("case-state").inner_text() == "已裁决"
    assert "作出裁决" in page.get_by_test_id("timeline").inner_text()

    # the award is issued from the 文书 card: it takes the next number of the commission's award series
    page.get_by_test_id("issue-award-1").click()
    number = page.locator('tr[data-slug="award-1"] [data-role="number"]').inner_text()
    assert number.startswith("吉劳人仲裁〔") and number.endswith("1号")
    with page.expect_download() as download_info:
        page.get_by_test_id("documents").get_by_text("裁决书（终局裁决）").click()
    path = tmp_path / "award.pdf"
    download_info.value.save_as(path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert number in text and "本裁决为终局裁决" in text and "18000.00元" in text
