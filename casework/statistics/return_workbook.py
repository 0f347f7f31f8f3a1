"""An official return (``casework.statistics.returns``) as an Excel sheet in its row and column layout:
title, form number, reporting unit and period; the header (column groups, headings, column numbers 甲, 1, 2…);
one row per area and the total; then each column's definition and the caveat on the layout's source."""

from __future__ import annotations

from django.utils import timezone
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from casework.pdf import issuing_body_for
from casework.spreadsheets import new_workbook, put

from .returns import UNVERIFIED, ReturnTable

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
HEADER_ROW = 6  # the group row; headings below it, then the column numbers


def _header(ws, spec) -> int:
    put(ws, HEADER_ROW, 1, "地区").alignment = CENTRE
    ws.merge_cells(start_row=HEADER_ROW, start_column=1, end_row=HEADER_ROW + 1, end_column=1)
    col = 2
    for label, span in spec.groups:
        put(ws, HEADER_ROW, col, str(label))
        if span > 1:
            ws.merge_cells(
                start_row=HEADER_ROW, start_column=col, end_row=HEADER_ROW, end_column=col + span - 1
            )
        col += span
    for col, column in enumerate(spec.columns, start=2):
        put(ws, HEADER_ROW + 1, col, f"{column.label}")
        put(ws, HEADER_ROW + 2, col, column.no)
    put(ws, HEADER_ROW + 2, 1, "甲")
    for row in range(HEADER_ROW, HEADER_ROW + 3):
        for col in range(1, len(spec.columns) + 2):
            cell = ws.cell(row=row, column=col)
            cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BOX, CENTRE
    return HEADER_ROW + 3


def _data_row(ws, row: int, name: str, spec, cells: dict, *, bold=False) -> None:
    put(ws, row, 1, name).border = BOX
    for col, column in enumerate(spec.columns, start=2):
        cell = put(ws, row, col, cells[column.no])
        cell.border = BOX
        cell.number_format = "#,##0.00" if column.money else "0"
    if bold:
        for col in range(1, len(spec.columns) + 2):
            ws.cell(row=row, column=col).font = BOLD


def return_workbook(table: ReturnTable, *, scope_label: str, selected=None):
    spec, period = table.spec, table.period
    workbook, ws = new_workbook(spec.form_no[:31])
    put(ws, 1, 1, f"{spec.title}（{period.label}）").font = Font(bold=True, size=15)
    put(ws, 2, 1, f"表号：{spec.form_no}")
    put(ws, 3, 1, f"填报单位：{issuing_body_for(selected)}    统计范围：{scope_label}")
    put(ws, 4, 1, f"统计期：{period.start.isoformat()} 至 {period.end.isoformat()}（北京时间）")
    put(ws, 5, 1, f"生成时间：{timezone.localtime():%Y-%m-%d %H:%M}    计量单位：件、人、元")
    row = _header(ws, spec)
    for jurisdiction, cells in table.rows:
        _data_row(ws, row, jurisdiction.name, spec, cells)
        row += 1
    _data_row(ws, row, "合计", spec, table.total, bold=True)
    row += 2
    put(ws, row, 1, "指标解释").font = BOLD
    row += 1
    for column in spec.columns:
        put(ws, row, 1, f"{column.no}. {column.label}：{column.definition}")
        row += 1
    for text in (spec.note, UNVERIFIED if spec.unverified else ""):
        if text:
            put(ws, row, 1, str(text))
            row += 1
    ws.column_dimensions["A"].width = 22
    for col in range(2, len(spec.columns) + 2):
        ws.column_dimensions[get_column_letter(col)].width = 12
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 3, column=2)
    return workbook
