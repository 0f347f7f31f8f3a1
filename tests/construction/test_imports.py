"""Bad sheets are refused row by row (row number, column, Chinese reason) and nothing is written."""

import pytest
from django.urls import reverse

from arrears.models import Attendance, RosterWorker, WagePayment
from arrears.monitoring.imports import attendance_import, pay_import, roster_import
from arrears.monitoring.sheets import SPECS
from casework.sheet_import import SheetRejected, template_xlsx

from .conftest import (
    ATTENDANCE_HEADER,
    MONTH,
    PAY_HEADER,
    ROSTER_HEADER,
    attendance_rows,
    id_number,
    pay_rows,
    roster_rows,
    xlsx,
)


def rejected(call) -> list[str]:
    with pytest.raises(SheetRejected) as exc:
        call()
    return [str(e) for e in exc.value.errors]


def test_a_roster_with_bad_rows_is_refused_whole_with_each_row_named(staff, project):
    rows = roster_rows(4)
    rows[1][1] = id_number(1)[:-1] + ("0" if id_number(1)[-1] != "0" else "1")  # wrong check digit
    rows[2][3] = "2026-13-40"
    rows[3][1] = id_number(0)  # the same person as row 2
    errors = rejected(
        lambda: roster_import(actor=staff["clerk"], project_id=project.pk, uploaded=xlsx(ROSTER_HEADER, rows))
    )
    assert any(e.startswith("第3行“身份证号码”") and "校验" in e for e in errors), errors
    assert any(e.startswith("第4行“进场日期”") for e in errors), errors
    assert any(e.startswith("第5行“身份证号码”") and "与第2行" in e for e in errors), errors
    assert not RosterWorker.objects.exists()


def test_an_id_number_stored_as_a_number_is_refused_with_the_hint(staff, project):
    rows = roster_rows(1)
    rows[0][1] = 433101198501010011
    errors = rejected(
        lambda: roster_import(actor=staff["clerk"], project_id=project.pk, uploaded=xlsx(ROSTER_HEADER, rows))
    )
    assert "文本" in errors[0] and errors[0].startswith("第2行")


def test_attendance_of_a_worker_not_on_the_roster_is_refused(staff, project):
    roster_import(actor=staff["clerk"], project_id=project.pk, uploaded=xlsx(ROSTER_HEADER, roster_rows(2)))
    rows = attendance_rows(3)
    rows[0][3] = "40"
    errors = rejected(
        lambda: attendance_import(
            actor=staff["clerk"], project_id=project.pk, uploaded=xlsx(ATTENDANCE_HEADER, rows)
        )
    )
    assert errors[0].startswith("第2行“出勤天数”")
    assert any(e.startswith("第4行“身份证号码”") and "花名册" in e for e in errors), errors
    assert not Attendance.objects.exists()


def test_a_pay_sheet_paid_twice_or_by_proxy_unsigned_is_refused(staff, project):
    clerk = staff["clerk"]
    roster_import(actor=clerk, project_id=project.pk, uploaded=xlsx(ROSTER_HEADER, roster_rows(2)))
    pay_import(actor=clerk, project_id=project.pk, uploaded=xlsx(PAY_HEADER, pay_rows([0])))
    rows = pay_rows([0, 1])
    rows[1][5], rows[1][6] = "总包代发", "否"
    errors = rejected(lambda: pay_import(actor=clerk, project_id=project.pk, uploaded=xlsx(PAY_HEADER, rows)))
    assert any(e.startswith("第3行“工人签字(是/否)”") and "第三十一条" in e for e in errors), errors
    assert any(e.startswith("第2行“月份”") and "已登记" in e for e in errors), errors
    assert WagePayment.objects.count() == 1


def test_a_sheet_without_its_header_says_what_the_header_should_be(staff, project):
    errors = rejected(
        lambda: pay_import(
            actor=staff["clerk"], project_id=project.pk, uploaded=xlsx(["a", "b"], [["1", "2"]])
        )
    )
    assert "找不到表头" in errors[0] and "实发工资(元)" in errors[0]


def test_only_staff_of_the_county_import(staff, project):
    from casework.services.transitions import TransitionForbidden

    with pytest.raises(TransitionForbidden):
        roster_import(
            actor=staff["luxi_inspector"], project_id=project.pk, uploaded=xlsx(ROSTER_HEADER, roster_rows(1))
        )


@pytest.mark.parametrize("kind", list(SPECS))
def test_each_template_reads_back_as_an_empty_sheet(kind):
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(template_xlsx(SPECS[kind]))).worksheets[0]
    assert [c.value for c in sheet[1]] == [c.label for c in SPECS[kind].columns]


def test_the_import_page_lists_the_bad_rows(client, staff, project):
    client.force_login(staff["clerk"])
    url = reverse("arrears:monitoring-import", args=[project.pk, "attendance"])
    rows = attendance_rows(1)
    response = client.post(url, {"file": xlsx(ATTENDANCE_HEADER, rows, "考勤.xlsx")})
    assert response.status_code == 400
    page = response.content.decode()
    assert "第 2 行" in page and "花名册" in page and "未导入任何数据" in page
    assert client.get(reverse("arrears:monitoring-template", args=["pay"])).status_code == 200
    assert MONTH  # the sheets use the month before this one
