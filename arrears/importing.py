"""The worker sheet (工人名单): reading and checking an .xlsx or .csv roster, and the blank template.

Columns (header row, in any order): 姓名, 身份证号码, 手机号码, 欠薪月数, 欠薪金额(元); optionally
农民工（是/否）. Every row is checked (ID check digit, mobile number, months, amount) and every bad row
is reported with its row number as the spreadsheet shows it, the column and the reason. The import
service writes nothing unless every row is good.

Spreadsheets store numbers as binary floats. An amount typed as a number comes back from openpyxl as
a float whose shortest decimal form (``repr``) is what was typed; it is turned into ``Decimal`` from
that text at once and never used as a float. An ID number stored as a number has already lost its
last digits (18 digits exceed a float's precision) and is refused with a hint to format the column as
text.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from arrears import conf
from arrears.models.ledger import MAX_MONTHS
from casework import validators
from casework.inputs import parse_int, parse_yuan
from casework.sheet_reader import (  # noqa: F401  (RowError, SheetRejected: the importers' names)
    RowError,
    SheetRejected,
    amount_text,
    cell_text,
    find_header,
    normalised_header,
    read_rows,
)
from casework.spreadsheets import append, new_workbook, workbook_bytes

NAME, ID_NUMBER, PHONE, MONTHS, AMOUNT, MIGRANT = "name", "id_number", "phone", "months", "amount", "migrant"
COLUMNS = [
    (NAME, "姓名"),
    (ID_NUMBER, "身份证号码"),
    (PHONE, "手机号码"),
    (MONTHS, "欠薪月数"),
    (AMOUNT, "欠薪金额(元)"),
]
OPTIONAL_COLUMNS = [(MIGRANT, "农民工(是/否)")]
REQUIRED = {key for key, _label in COLUMNS}
LABELS = dict(COLUMNS + OPTIONAL_COLUMNS)


def _header_key(text) -> str | None:
    """Map a header cell to a column key; tolerant of full-width brackets, spaces and the 元 unit."""
    if text is None:
        return None
    t = normalised_header(text)
    aliases = {
        "姓名": NAME,
        "身份证号码": ID_NUMBER,
        "身份证号": ID_NUMBER,
        "公民身份号码": ID_NUMBER,
        "手机号码": PHONE,
        "手机号": PHONE,
        "联系电话": PHONE,
        "欠薪月数": MONTHS,
        "拖欠月数": MONTHS,
        "欠薪金额": AMOUNT,
        "拖欠金额": AMOUNT,
        "欠薪金额元": AMOUNT,
        "农民工": MIGRANT,
        "是否农民工": MIGRANT,
    }
    return aliases.get(t)


@dataclass
class WorkerRow:
    row: int
    name: str
    id_number: str
    phone: str
    months: int
    amount: Decimal
    migrant: bool = True


@dataclass
class ParsedSheet:
    rows: list[WorkerRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


# --- cells to values ---------------------------------------------------------------------------------
_text = cell_text
_amount_text = amount_text


def _months(value) -> int:
    """Whole months unpaid, 1 to ``MAX_MONTHS`` (a trailing "个月"/"月" is allowed in a sheet)."""
    text = _text(value).removesuffix("个月").removesuffix("月").strip()
    try:
        return parse_int(text, MONTHS, minimum=1, maximum=MAX_MONTHS, required=True)
    except ValidationError as exc:
        raise ValueError(
            _("欠薪月数%(why)s（1至%(max)s）") % {"why": exc.messages[0], "max": MAX_MONTHS}
        ) from None


def _yes_no(value) -> bool:
    text = _text(value)
    if text in ("", "是", "Y", "y", "1", "√"):
        return True
    if text in ("否", "N", "n", "0", "×"):
        return False
    raise ValueError(_("请填写“是”或“否”"))


def validate_row(number: int, raw: dict) -> tuple[WorkerRow | None, list[RowError]]:
    """Check one row's values (``raw``: column key → cell value). All problems of the row are listed."""
    errors: list[RowError] = []

    def bad(key, reason):
        errors.append(RowError(number, LABELS[key], str(reason)))

    name = _text(raw.get(NAME))
    if not name:
        bad(NAME, _("请填写姓名"))
    elif len(name) > 50:
        bad(NAME, _("姓名过长"))
    id_value = raw.get(ID_NUMBER)
    id_number = ""
    if isinstance(id_value, int | float) and not isinstance(id_value, bool):
        bad(ID_NUMBER, _("身份证号码被表格存成了数字，末几位已丢失；请把该列设为“文本”格式后重新填写"))
    elif not _text(id_value):
        bad(ID_NUMBER, _("请填写身份证号码"))
    else:
        try:
            id_number = validators.validate_id_number(_text(id_value))
        except ValidationError as exc:
            bad(ID_NUMBER, exc.messages[0])
    phone = ""
    if _text(raw.get(PHONE)):
        try:
            phone = validators.validate_mobile(_text(raw.get(PHONE)))
        except ValidationError as exc:
            bad(PHONE, exc.messages[0])
    months = 0
    try:
        months = _months(raw.get(MONTHS))
    except ValueError as exc:
        bad(MONTHS, exc)
    amount = Decimal(0)
    try:
        amount = parse_yuan(_amount_text(raw.get(AMOUNT)), AMOUNT, required=True)
    except ValidationError as exc:
        bad(AMOUNT, exc.message_dict[AMOUNT][0])
    migrant = True
    try:
        migrant = _yes_no(raw.get(MIGRANT))
    except ValueError as exc:
        bad(MIGRANT, exc)
    if errors:
        return None, errors
    return WorkerRow(number, name, id_number, phone, months, amount, migrant), []


# --- files to rows -----------------------------------------------------------------------------------
def _read_rows(data: bytes, name: str) -> list:
    """The file's rows as ``(number, cells)``; ``SheetRejected`` when it cannot be read at all."""
    return read_rows(data, name, max_bytes=conf.get("ARREARS_IMPORT_MAX_BYTES"))


def _find_header(rows) -> tuple[int, dict[str, int]]:
    """The header row's number and each column key's index (a title line or two above it is tolerated)."""
    return find_header(rows, _header_key, REQUIRED, "、".join(label for _key, label in COLUMNS))


def _check_rows(rows, header_at: int, columns: dict[str, int], result: ParsedSheet) -> None:
    seen: dict[str, int] = {}
    max_rows, data_rows = conf.get("ARREARS_IMPORT_MAX_ROWS"), 0
    for number, cells in rows:
        if number <= header_at:
            continue
        raw = {key: (cells[i] if i < len(cells) else None) for key, i in columns.items()}
        if all(_text(v) == "" for v in raw.values()):
            continue  # blank lines are skipped, not errors
        data_rows += 1
        if data_rows > max_rows:
            result.errors.append(RowError(number, "", _("名单超过%(n)s行，请分批导入") % {"n": max_rows}))
            return
        row, errors = validate_row(number, raw)
        result.errors.extend(errors)
        key = validators.normalise_id_number(_text(raw.get(ID_NUMBER)))
        if key and key in seen:
            result.errors.append(
                RowError(number, LABELS[ID_NUMBER], _("与第%(n)s行身份证号码重复") % {"n": seen[key]})
            )
            continue
        if key:
            seen[key] = number
        if row is not None:
            result.rows.append(row)


def parse_worker_sheet(uploaded, *, filename: str | None = None) -> ParsedSheet:
    """Read an uploaded file (.xlsx or .csv) and check every row. Never raises for bad content:
    problems come back in ``errors`` (row 0 for the file itself)."""
    name = (filename or getattr(uploaded, "name", "") or "").lower()
    data = uploaded.read() if hasattr(uploaded, "read") else bytes(uploaded)
    result = ParsedSheet()
    try:
        rows = _read_rows(data, name)
        header_at, columns = _find_header(rows)
    except SheetRejected as exc:
        result.errors.extend(exc.errors)
        return result
    _check_rows(rows, header_at, columns, result)
    if not result.rows and not result.errors:
        result.errors.append(RowError(header_at + 1, "", _("名单中没有工人")))
    return result


# --- the template ------------------------------------------------------------------------------------
def worker_template_xlsx() -> bytes:
    """A blank roster with the header row, text-formatted ID and phone columns, and instructions."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook, sheet = new_workbook("工人名单")
    headers = [label for _key, label in COLUMNS + OPTIONAL_COLUMNS]
    append(sheet, headers)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center")
    for letter, width in zip("ABCDEF", (12, 24, 16, 10, 16, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in range(2, 1002):  # ID and phone as text, so that Excel keeps every digit
        sheet.cell(row=row, column=2).number_format = "@"
        sheet.cell(row=row, column=3).number_format = "@"
        sheet.cell(row=row, column=5).number_format = "0.00"
    yes_no = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    sheet.add_data_validation(yes_no)
    yes_no.add("F2:F1001")
    sheet.freeze_panes = "A2"

    notes = workbook.create_sheet("填写说明")
    for line in (
        "1. 第一行为表头，请勿修改；从第二行起每行填写一名工人。",
        "2. 身份证号码：18位，最后一位可以是X；系统逐位核对校验位。本列已设为文本格式，请勿改为数字。",
        "3. 手机号码：11位手机号码，可不填。",
        "4. 欠薪月数：整数，1至120。",
        "5. 欠薪金额(元)：大于零，最多两位小数，如 6000 或 6000.50。",
        "6. 农民工(是/否)：不填视为“是”。",
        "7. 有任何一行不符合要求时，整张名单不导入，系统列出每一行的问题，改正后重新上传。",
    ):
        append(notes, [line])
    notes.column_dimensions["A"].width = 100
    return workbook_bytes(workbook)
