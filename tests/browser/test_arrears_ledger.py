"""Wage arrears in a real browser: import a worker sheet (a bad one first), record payments, see the totals."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from arrears.models import ArrearsCase, Payment
from arrears.services import cases as svc
from tests.factories import EmployerFactory, make_id_number

pytestmark = pytest.mark.django_db(transaction=True)


def logout(page):
    page.locator(".userbox button").click()


def test_import_sheet_record_payments_and_see_totals(page, login, staff, jishou, tmp_path):
    case = svc.arrears_case_open(
        actor=staff["clerk"],
        jurisdiction=jishou,
        employer=EmployerFactory(jurisdiction=jishou, name="吉首市某劳务有限公司"),
        facts="安置房工地3名农民工工资未发",
        opened_on=timezone.localdate() - timedelta(days=5),
    )
    svc.arrears_assign(
        actor=staff["head"], case_id=case.pk, inspectors=[staff["inspector1"], staff["inspector2"]]
    )

    login(staff["clerk"])
    page.click("text=欠薪案件")
    page.click(f"text={case.number}")
    page.click("text=导入工人名单")
    with page.expect_download() as download_info:
        page.get_by_test_id("template-link").click()
    template = tmp_path / "template.xlsx"
    download_info.value.save_as(template)

    workbook = load_workbook(template)
    sheet = workbook["工人名单"]
    workers = [
        ("向大哥", make_id_number(seq=11), "13974300001", 3, "6000.00"),
        ("田二姐", make_id_number(seq=12), "13974300002", 2, "4500.50"),
        ("龙三弟", make_id_number(seq=13), "", 1, "1800"),
    ]
    for r, row in enumerate(workers, start=2):
        for c, value in enumerate(row, start=1):
            sheet.cell(row=r, column=c, value=value)
    good = tmp_path / "workers.xlsx"
    workbook.save(good)
    sheet.cell(row=3, column=3, value="1397430")  # a short phone number in spreadsheet row 3
    bad = tmp_path / "workers-bad.xlsx"
    workbook.save(bad)

    page.set_input_files("input[name=file]", str(bad))
    page.click("button:has-text('上传并导入')")
    errors = page.get_by_test_id("import-errors")
    assert "未导入任何工人" in errors.inner_text()
    assert "第 3 行" in errors.inner_text() and "手机号码" in errors.inner_text()
    assert case.workers.count() == 0

    page.set_input_files("input[name=file]", str(good))
    page.click("button:has-text('上传并导入')")
    assert "已导入3名工人" in page.locator(".messages").inner_text()
    assert page.get_by_test_id("total-owed").inner_text() == "12,300.50"
    assert page.get_by_test_id("total-workers").inner_text() == "3"
    assert page.get_by_test_id("green-channel").is_visible()
    logout(page)

    login(staff["inspector1"])
    page.goto(page.base + f"/arrears/{case.pk}/")
    form = page.get_by_test_id("payment-form")
    form.locator("select[name=line]").select_option(label="向大哥（尚欠6000.00元）")
    form.locator("input[name=amount]").fill("6000")
    form.locator("select[name=payer_kind]").select_option("employer")
    form.locator("input[name=confirmed_by_worker]").check()
    form.locator("button[type=submit]").click()
    assert "已登记追回工资" in page.locator(".messages").inner_text()  # the kernel's message of the action
    assert page.get_by_test_id("case-state").inner_text() == "部分追回"

    form = page.get_by_test_id("payment-form")
    form.locator("select[name=line]").select_option(label="田二姐（尚欠4500.50元）")
    form.locator("input[name=amount]").fill("4500.51")  # one fen too much: refused, nothing saved
    form.locator("button[type=submit]").click()
    assert "超过该工人尚欠的4,500.50元" in page.locator(".messages").inner_text()
    form = page.get_by_test_id("payment-form")
    form.locator("select[name=line]").select_option(label="田二姐（尚欠4500.50元）")
    form.locator("input[name=amount]").fill("2000.25")
    form.locator("button[type=submit]").click()

    assert page.get_by_test_id("total-recovered").inner_text() == "8,000.25"
    assert page.get_by_test_id("total-outstanding").inner_text() == "4,300.25"
    payments = page.get_by_test_id("payments").inner_text()
    assert "6,000.00" in payments and "2,000.25" in payments and "已确认" in payments
    assert "登记追回工资" in page.get_by_test_id("timeline").inner_text()
    case = ArrearsCase.objects.get(pk=case.pk)
    assert Payment.objects.filter(case=case).count() == 2
    assert str(case.total_recovered) == "8000.25" and case.state == "partially_recovered"

    with page.expect_download() as download_info:
        page.get_by_test_id("documents").get_by_text("工资支付确认表").click()
    pdf = io.BytesIO(download_info.value.path().read_bytes())
    assert pdf.getvalue().startswith(b"%PDF")
