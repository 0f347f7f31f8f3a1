"""Worker sheet import: every row checked, every bad row reported, all or nothing."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from arrears.importing import COLUMNS, SheetRejected, parse_worker_sheet, worker_template_xlsx
from arrears.models import ArrearsWorker
from arrears.services.ledger import workers_import
from casework.models import Person, TransitionLog

from .conftest import id_number

pytestmark = pytest.mark.django_db
HEADER = [label for _key, label in COLUMNS]


def xlsx(rows, header=HEADER, title=None) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("名单.xlsx", buffer.getvalue())


def csv_file(rows, encoding="utf-8-sig", header=HEADER) -> SimpleUploadedFile:
    text = "\n".join(",".join(str(c) for c in r) for r in [header, *rows]) + "\n"
    return SimpleUploadedFile("名单.csv", text.encode(encoding))


def good_rows(n=3, start=0):
    return [
        [f"工人{start + i}", id_number(start + i), f"1397430{start + i:04d}", 3, "6000.50"] for i in range(n)
    ]


def test_good_xlsx_imports_every_row_with_exact_amounts(open_case, staff):
    case = open_case()
    rows = good_rows(3)
    rows[1][4] = 1234.56  # typed as a number in Excel: a binary float in the file
    rows[2][4] = 7000  # a whole number
    result = workers_import(actor=staff["clerk"], case_id=case.pk, uploaded=xlsx(rows))
    assert result.created == 3 and result.amount == Decimal("14235.06")
    amounts = sorted(ArrearsWorker.objects.values_list("amount_owed", flat=True))
    assert amounts == [Decimal("1234.56"), Decimal("6000.50"), Decimal("7000.00")]
    case.refresh_from_db()
    assert case.total_owed == Decimal("14235.06") and case.worker_count == 3 and case.green_channel
    assert TransitionLog.objects.filter(object_id=case.pk, transition="import_workers").exists()


def test_one_bad_row_imports_nothing_and_names_row_column_and_reason(open_case, staff):
    case = open_case()
    rows = good_rows(4)
    bad_id = rows[2][1][:-1] + ("1" if rows[2][1][-1] != "1" else "2")
    rows[2][1] = bad_id  # spreadsheet row 4: header is row 1
    with pytest.raises(SheetRejected) as err:
        workers_import(actor=staff["clerk"], case_id=case.pk, uploaded=xlsx(rows))
    (error,) = err.value.errors
    assert (error.row, error.column) == (4, "身份证号码") and "校验位" in error.reason
    assert ArrearsWorker.objects.count() == 0 and Person.objects.count() == 0
    case.refresh_from_db()
    assert case.total_owed == 0 and case.worker_count == 0


def test_every_problem_of_every_row_is_listed(open_case, staff):
    case = open_case()
    rows = good_rows(5)
    rows[0][0] = ""  # row 2: no name
    rows[1][2] = "0743-8123456"  # row 3: a landline
    rows[2][3] = "3.5"  # row 4: months not whole
    rows[3][4] = "12.345"  # row 5: fractions of a fen
    rows[4][1] = rows[0][1]  # row 6: same ID number as row 2
    with pytest.raises(SheetRejected) as err:
        workers_import(actor=staff["clerk"], case_id=case.pk, uploaded=xlsx(rows))
    found = {(e.row, e.column) for e in err.value.errors}
    assert found == {(2, "姓名"), (3, "手机号码"), (4, "欠薪月数"), (5, "欠薪金额(元)"), (6, "身份证号码")}
    assert any("与第2行身份证号码重复" in e.reason for e in err.value.errors)
    assert ArrearsWorker.objects.count() == 0


def test_id_number_stored_as_a_number_is_refused_with_a_hint(open_case, staff):
    rows = good_rows(1)
    rows[0][1] = int(rows[0][1][:17] + "0")  # Excel turns 18 digits into a float and loses the last ones
    parsed = parse_worker_sheet(xlsx(rows))
    assert parsed.errors[0].column == "身份证号码" and "文本" in parsed.errors[0].reason


def test_csv_in_utf8_with_bom_and_in_gbk(open_case, staff):
    case = open_case()
    workers_import(actor=staff["clerk"], case_id=case.pk, uploaded=csv_file(good_rows(2)))
    workers_import(
        actor=staff["clerk"], case_id=case.pk, uploaded=csv_file(good_rows(2, start=10), encoding="gbk")
    )
    names = set(ArrearsWorker.objects.values_list("person__name", flat=True))
    assert names == {"工人0", "工人1", "工人10", "工人11"}


def test_worker_already_on_the_case_or_registered_under_another_name(open_case, staff, add_workers):
    case = open_case()
    add_workers(case, [(3, "100")])  # 工人0 with id_number(0)
    Person.objects.create(name="别人", id_number=id_number(7))
    rows = good_rows(1) + [["工人7", id_number(7), "", 3, "100"]]
    with pytest.raises(SheetRejected) as err:
        workers_import(actor=staff["clerk"], case_id=case.pk, uploaded=xlsx(rows))
    assert {(e.row, e.column) for e in err.value.errors} == {(2, "身份证号码"), (3, "姓名")}
    assert ArrearsWorker.objects.count() == 1


def test_title_line_above_the_header_and_bracket_variants():
    header = ["姓名", "身份证号码", "手机号码", "欠薪月数", "欠薪金额（元）"]
    parsed = parse_worker_sheet(xlsx(good_rows(2), header=header, title="安置房项目欠薪工人花名册"))
    assert not parsed.errors and [r.row for r in parsed.rows] == [3, 4]


def test_unreadable_files_are_reported_not_crashing():
    assert "xlsx" in parse_worker_sheet(SimpleUploadedFile("a.xls", b"\xd0\xcf\x11\xe0")).errors[0].reason
    assert parse_worker_sheet(SimpleUploadedFile("a.xlsx", b"PK\x03\x04broken")).errors
    assert "表头" in parse_worker_sheet(csv_file([], header=["name", "id"])).errors[0].reason


def test_template_has_the_columns_text_format_and_round_trips(open_case, staff):
    data = worker_template_xlsx()
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook["工人名单"]
    assert [c.value for c in sheet[1]][:5] == HEADER
    assert sheet["B2"].number_format == "@"
    for i, row in enumerate(good_rows(2), start=2):
        for j, value in enumerate(row, start=1):
            sheet.cell(row=i, column=j, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    case = open_case()
    result = workers_import(
        actor=staff["clerk"], case_id=case.pk, uploaded=SimpleUploadedFile("t.xlsx", buffer.getvalue())
    )
    assert result.created == 2
