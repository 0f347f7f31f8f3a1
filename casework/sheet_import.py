"""Reading uploaded spreadsheets (.xlsx or .csv) row by row, all or nothing, and writing their blank templates.

One place for every import: a ``SheetSpec`` names the columns (Chinese header, accepted aliases, how the
template formats them) and a ``validate_row(number, raw) -> (value, errors)`` that checks one row. The reader
finds the header (a title line or two above it is tolerated), skips blank lines, checks every row, reports
every bad row with its number as the spreadsheet shows it, the column and the reason in Chinese, and refuses
duplicates of the spec's key column. Services write nothing unless ``ParsedSheet.errors`` is empty.

Spreadsheets store numbers as binary floats. An amount typed as a number comes back from openpyxl as a float
whose shortest decimal form (``repr``) is what was typed; ``amount_text`` turns it into that text, and it is
parsed as ``Decimal`` at once, never used as a float. An ID number stored as a number has already lost its
last digits (18 digits exceed a float's precision): ``id_number_cell`` refuses it with a hint to format the
column as text. Templates are written with the formula-safe writer (``casework.spreadsheets``).
"""

import csv
import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from casework import validators
from casework.spreadsheets import append, new_workbook, put, workbook_bytes

HEADER_SEARCH_ROWS = 5  # a title line or two above the header is tolerated


@dataclass
class RowError:
    row: int  # as the spreadsheet numbers it (header = 1 unless there are title lines); 0 = the file
    column: str  # the column's Chinese header, or "" for the whole row
    reason: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "reason": self.reason}

    def __str__(self):
        where = f"第{self.row}行" + (f"“{self.column}”" if self.column else "")
        return f"{where}：{self.reason}"


class SheetRejected(ValidationError):
    """The sheet (or one of its rows) is wrong; nothing was imported. A ``ValidationError`` of the field
    ``file`` (one message per bad row), so every page and API answers it as bad input; ``errors`` keeps the
    rows for the API's ``rows`` and the import page's table. An import names its file and what it would have
    imported by overriding ``noun`` and ``nothing`` in a subclass."""

    noun = "表格"
    nothing = "未导入任何数据"

    def __init__(self, errors: list[RowError]):
        super().__init__({"file": [str(e) for e in errors]})
        self.errors = errors

    @property
    def summary(self) -> str:
        return f"{self.noun}有{len(self.errors)}处错误，{self.nothing}"


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the template's header
    aliases: tuple[str, ...] = ()  # other headers accepted (folded, brackets and their content dropped)
    required: bool = True
    width: int = 14
    number_format: str | None = None  # "@" keeps an ID number as text in the template
    choices: tuple[str, ...] = ()  # a drop-down list in the template


@dataclass(frozen=True)
class SheetSpec:
    title: str  # the sheet's name, e.g. "工人名单"
    columns: tuple[Column, ...]
    validate_row: Callable[[int, dict], tuple[Any, list[RowError]]]
    notes: tuple[str, ...] = ()
    unique: Callable[[dict], str | None] | None = None  # a row's key that may appear only once
    unique_column: str = ""  # the column a duplicate is reported on
    duplicate_message: str = "与第%(n)s行重复"
    empty_message: str = "表格中没有数据"
    max_rows: int = 3000
    max_bytes: int = 5 * 1024 * 1024

    @property
    def labels(self) -> dict[str, str]:
        return {c.key: c.label for c in self.columns}

    @property
    def required(self) -> set[str]:
        return {c.key for c in self.columns if c.required}


@dataclass
class ParsedSheet:
    rows: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


# --- cells to values ---------------------------------------------------------------------------------
def fold_header(text) -> str:
    """A header cell as compared: folded, full-width brackets made half-width, bracketed text and ``*`` dropped."""
    t = validators._fold(str(text)).replace("（", "(").replace("）", ")")
    return re.sub(r"\(.*?\)", "", t).replace("*", "")


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def amount_text(value) -> str:
    if isinstance(value, float):
        return repr(value)  # the shortest decimal text for the stored binary number (see module doc)
    return cell_text(value)


def id_number_cell(value) -> str:
    """A checked ID number (GB 11643) from a cell; ``ValueError`` with the Chinese reason."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(_("身份证号码被表格存成了数字，末几位已丢失；请把该列设为“文本”格式后重新填写"))
    if not cell_text(value):
        raise ValueError(_("请填写身份证号码"))
    try:
        return validators.validate_id_number(cell_text(value))
    except ValidationError as exc:
        raise ValueError(exc.messages[0]) from None


def yes_no(value, *, blank: bool = True) -> bool:
    text = cell_text(value)
    if text == "":
        return blank
    if text in ("是", "Y", "y", "1", "√"):
        return True
    if text in ("否", "N", "n", "0", "×"):
        return False
    raise ValueError(_("请填写“是”或“否”"))


# --- files to rows -----------------------------------------------------------------------------------
def _rows_from_xlsx(data: bytes):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    finally:
        workbook.close()


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # UTF-8 (with or without BOM), else GBK/GB18030
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetRejected(
        [RowError(1, "", _("无法识别文件编码，请另存为UTF-8或GBK编码的CSV，或使用.xlsx模板"))]
    )


def _rows_from_csv(data: bytes):
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    yield from enumerate(csv.reader(io.StringIO(text), dialect), start=1)


def read_rows(data: bytes, name: str, max_bytes: int) -> list:
    """The file's rows as ``(number, cells)``; ``SheetRejected`` when it cannot be read at all."""
    if len(data) > max_bytes:
        raise SheetRejected([RowError(0, "", _("文件过大"))])
    if name.endswith(".xls"):
        raise SheetRejected([RowError(0, "", _("不支持旧版.xls文件，请另存为.xlsx后上传"))])
    try:
        if name.endswith(".csv") or name.endswith(".txt"):
            return list(_rows_from_csv(data))
        if name.endswith(".xlsx") or data[:2] == b"PK":
            return list(_rows_from_xlsx(data))
        return list(_rows_from_csv(data))
    except SheetRejected:
        raise
    except Exception:  # a corrupt or mislabelled file: openpyxl/zipfile raise many kinds
        raise SheetRejected(
            [RowError(0, "", _("无法读取文件，请使用系统提供的模板（.xlsx）或CSV文件"))]
        ) from None


def _aliases(spec: SheetSpec) -> dict[str, str]:
    out = {}
    for column in spec.columns:
        for text in (column.label, *column.aliases):
            out.setdefault(fold_header(text), column.key)  # the first column naming a header takes it
    return out


def _find_header(spec: SheetSpec, rows) -> tuple[int, dict[str, int]]:
    aliases = _aliases(spec)
    for number, cells in rows[:HEADER_SEARCH_ROWS]:
        found = {}
        for i, cell in enumerate(cells):
            key = aliases.get(fold_header(cell)) if cell is not None else None
            if key and key not in found:
                found[key] = i
        if spec.required <= set(found):
            return number, found
    wanted = "、".join(c.label for c in spec.columns if c.required)
    raise SheetRejected([RowError(1, "", _("找不到表头，第一行应为：%(cols)s") % {"cols": wanted})])


def _check_rows(spec: SheetSpec, rows, header_at: int, columns: dict[str, int], result: ParsedSheet) -> None:
    seen: dict[str, int] = {}
    data_rows = 0
    for number, cells in rows:
        if number <= header_at:
            continue
        raw = {key: (cells[i] if i < len(cells) else None) for key, i in columns.items()}
        if all(cell_text(v) == "" for v in raw.values()):
            continue  # blank lines are skipped, not errors
        data_rows += 1
        if data_rows > spec.max_rows:
            result.errors.append(RowError(number, "", _("超过%(n)s行，请分批导入") % {"n": spec.max_rows}))
            return
        value, errors = spec.validate_row(number, raw)
        result.errors.extend(errors)
        key = spec.unique(raw) if spec.unique else None
        if key and key in seen:
            result.errors.append(
                RowError(number, spec.labels[spec.unique_column], spec.duplicate_message % {"n": seen[key]})
            )
            continue
        if key:
            seen[key] = number
        if value is not None and not errors:
            result.rows.append(value)


def parse_sheet(spec: SheetSpec, uploaded, *, filename: str | None = None) -> ParsedSheet:
    """Read an uploaded file (.xlsx or .csv) and check every row. Never raises for bad content:
    problems come back in ``errors`` (row 0 for the file itself)."""
    name = (filename or getattr(uploaded, "name", "") or "").lower()
    data = uploaded.read() if hasattr(uploaded, "read") else bytes(uploaded)
    result = ParsedSheet()
    try:
        rows = read_rows(data, name, spec.max_bytes)
        header_at, columns = _find_header(spec, rows)
    except SheetRejected as exc:
        result.errors.extend(exc.errors)
        return result
    _check_rows(spec, rows, header_at, columns, result)
    if not result.rows and not result.errors:
        result.errors.append(RowError(header_at + 1, "", spec.empty_message))
    return result


def parse_or_reject(
    spec: SheetSpec, uploaded, *, filename: str | None = None, rejected: type[SheetRejected] = SheetRejected
) -> list:
    """The checked rows, or ``rejected`` (a ``SheetRejected``) listing every bad row."""
    parsed = parse_sheet(spec, uploaded, filename=filename)
    if parsed.errors:
        raise rejected(parsed.errors)
    return parsed.rows


# --- the template ------------------------------------------------------------------------------------
def template_xlsx(spec: SheetSpec, blank_rows: int = 1000) -> bytes:
    """A blank sheet: the header row, text-formatted ID columns, drop-downs, and the instructions."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook, sheet = new_workbook(spec.title)
    append(sheet, [c.label for c in spec.columns])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center")
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.number_format:
            for row in range(2, blank_rows + 2):
                sheet.cell(row=row, column=index).number_format = column.number_format
        if column.choices:
            listed = DataValidation(
                type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True
            )
            sheet.add_data_validation(listed)
            listed.add(f"{letter}2:{letter}{blank_rows + 1}")
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("填写说明")
    for number, line in enumerate(spec.notes, start=1):
        put(notes, number, 1, line)
    notes.column_dimensions["A"].width = 100
    return workbook_bytes(workbook)
