"""Construction wage monitoring in a real browser: import roster, attendance and a pay sheet (a bad one first),
see the warning for the worker left unpaid and the imports in the project's change log, open an arrears case
from it holding that worker and amount."""

from datetime import timedelta

import pytest

from arrears.models import ArrearsCase, WageWarning
from tests.construction.conftest import (
    ATTENDANCE_HEADER,
    PAY_HEADER,
    ROSTER_HEADER,
    attendance_rows,
    pay_rows,
    roster_rows,
    xlsx,
)
from tests.construction.conftest import project as project  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def save(tmp_path, name, header, rows):
    path = tmp_path / name
    path.write_bytes(xlsx(header, rows).getvalue())
    return str(path)


def upload(page, kind: str, path: str):
    page.get_by_test_id(f"import-{kind}").click()
    page.set_input_files("input[name=file]", path)
    page.click("button:has-text('上传并导入')")


def test_import_then_warning_then_open_case(page, login, staff, project, tmp_path):  # noqa: F811
    login(staff["clerk"])
    page.goto(f"{page.base}/arrears/projects/{project.pk}/")
    page.get_by_test_id("monitoring-link").click()
    upload(page, "roster", save(tmp_path, "roster.xlsx", ROSTER_HEADER, roster_rows(3)))
    assert "已导入实名制花名册3行" in page.locator(".messages").inner_text()
    upload(page, "attendance", save(tmp_path, "att.xlsx", ATTENDANCE_HEADER, attendance_rows(3)))
    bad = pay_rows([0, 1])
    bad[1][3] = "-5"
    upload(page, "pay", save(tmp_path, "pay-bad.xlsx", PAY_HEADER, bad))
    errors = page.get_by_test_id("import-errors").inner_text()
    assert "未导入任何数据" in errors and "第 3 行" in errors and "实发工资" in errors
    page.set_input_files("input[name=file]", save(tmp_path, "pay.xlsx", PAY_HEADER, pay_rows([0, 1])))
    page.click("button:has-text('上传并导入')")
    assert "已导入工资支付表2行" in page.locator(".messages").inner_text()
    warnings = page.get_by_test_id("open-warnings").inner_text()
    assert "出勤工人未领到工资" in warnings and "工人2" in warnings and "6,600.00" in warnings
    page.goto(f"{page.base}/arrears/projects/{project.pk}/")  # the imports are in the project's change log
    changes = page.get_by_test_id("project-changes").inner_text()
    assert "导入监控数据" in changes and "工资支付表 2行" in changes and "登记工程项目" in changes
    assert "工人2" not in changes
    page.locator(".userbox button").click()

    login(staff["inspector1"])
    page.goto(f"{page.base}/arrears/projects/{project.pk}/monitoring/")
    warning = WageWarning.objects.get(rule__code="unpaid_workers", state="open")
    page.get_by_test_id(f"open-case-{warning.pk}").click()
    assert "已立欠薪案件" in page.locator(".messages").inner_text()
    case = ArrearsCase.objects.get(project=project)
    assert page.get_by_test_id("total-owed").inner_text() == "6,600.00"
    assert page.get_by_test_id("total-workers").inner_text() == "1"
    assert "工人2" in page.content()
    assert case.workers.get().amount_owed == 6600
    assert timedelta  # the sheets' dates come from tests.construction.conftest
