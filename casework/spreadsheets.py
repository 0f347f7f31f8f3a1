"""Every spreadsheet the system writes (xlsx and csv) goes through this one writer.

User text is written as text, never as a formula: a name such as ``=HYPERLINK("http://…"&A1,"查看详情")`` typed on
the green channel must not run when an inspector or the public opens an export (CSV/formula injection, OWASP).

- xlsx: every str value is stored as a string cell (openpyxl would otherwise store a value starting with
  ``=`` as a formula); characters a worksheet cannot hold are dropped instead of failing the export.
- csv: a value starting with ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading apostrophe, the neutraliser
  spreadsheet programs honour; the file starts with a BOM so Excel reads it as UTF-8.

Numbers, dates and Decimals stay typed; only text is neutralised. Responses carry ``Cache-Control: no-store``
because exports hold case data.
"""

import csv
import io
from collections.abc import Iterable
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def put(ws: Worksheet, row: int, column: int, value=None):
    """``ws.cell(row, column, value)`` with text kept as text; returns the cell for styling."""
    cell = ws.cell(row=row, column=column)
    _assign(cell, value)
    return cell


def append(ws: Worksheet, values: Iterable) -> int:
    """``ws.append(values)`` with text kept as text; returns the row number written."""
    cells = []
    for value in values:
        cell = Cell(ws)
        _assign(cell, value)
        cells.append(cell)
    ws.append(cells)  # openpyxl places Cell objects as given, keeping its own row counter
    return ws.max_row


def _assign(cell, value) -> None:
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"  # a string cell, whatever it starts with: never 'f' (formula)
    else:
        cell.value = value


def new_workbook(title: str | None = None) -> tuple[Workbook, Worksheet]:
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.title = title[:31]
    return workbook, sheet


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(value) -> str:
    """One CSV cell: None is empty, text that a spreadsheet would read as a formula gets an apostrophe."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_bytes(header: Iterable, rows: Iterable[Iterable]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_text(v) for v in header])
    for row in rows:
        writer.writerow([csv_text(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def download(data: bytes, filename: str, content_type: str = XLSX_TYPE) -> HttpResponse:
    """An export as an attachment, never cached (it holds case data)."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "no-store"
    return response


def xlsx_download(workbook: Workbook, filename: str) -> HttpResponse:
    return download(workbook_bytes(workbook), filename, XLSX_TYPE)


def csv_download(header: Iterable, rows: Iterable[Iterable], filename: str) -> HttpResponse:
    return download(csv_bytes(header, rows), filename, "text/csv; charset=utf-8")
