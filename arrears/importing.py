"""The worker sheet (工人名单): reading and checking an .xlsx or .csv roster, and the blank template.

Read and checked by the one sheet reader (``casework.sheet_import``); here only the columns and the row check.
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

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from arrears import conf
from arrears.models.ledger import MAX_MONTHS
from casework import sheet_import, validators
from casework.inputs import parse_int, parse_yuan
from casework.sheet_import import (
    Column,
    ParsedSheet,
    RowError,
    SheetSpec,
    amount_text,
    cell_text,
    id_number_cell,
)

NAME, ID_NUMBER, PHONE, MONTHS, AMOUNT, MIGRANT = "name", "id_number", "phone", "months", "amount", "migrant"
COLUMNS = [
    (NAME, "姓名"),
    (ID_NUMBER, "身份证号码"),
    (PHONE, "手机号码"),
    (MONTHS, "欠薪月数"),
    (AMOUNT, "欠薪金额(元)"),
]
OPTIONAL_COLUMNS = [(MIGRANT, "农民工(是/否)")]
LABELS = dict(COLUMNS + OPTIONAL_COLUMNS)
__all__ = ["COLUMNS", "ParsedSheet", "RowError", "SheetRejected", "WorkerRow", "parse_worker_sheet"]


class SheetRejected(sheet_import.SheetRejected):
    """A worker sheet refused (nothing imported): the generic refusal with the worker sheet's summary."""

    noun = "名单"
    nothing = "未导入任何工人"


@dataclass
class WorkerRow:
    row: int
    name: str
    id_number: str
    phone: str
    months: int
    amount: Decimal
    migrant: bool = True


# --- cells to values ---------------------------------------------------------------------------------
def _months(value) -> int:
    """Whole months unpaid, 1 to ``MAX_MONTHS`` (a trailing "个月"/"月" is allowed in a sheet)."""
    text = cell_text(value).removesuffix("个月").removesuffix("月").strip()
    try:
        return parse_int(text, MONTHS, minimum=1, maximum=MAX_MONTHS, required=True)
    except ValidationError as exc:
        raise ValueError(
            _("欠薪月数%(why)s（1至%(max)s）") % {"why": exc.messages[0], "max": MAX_MONTHS}
        ) from None


def validate_row(number: int, raw: dict) -> tuple[WorkerRow | None, list[RowError]]:
    """Check one row's values (``raw``: column key → cell value). All problems of the row are listed."""
    errors: list[RowError] = []

    def bad(key, reason):
        errors.append(RowError(number, LABELS[key], str(reason)))

    name = cell_text(raw.get(NAME))
    if not name:
        bad(NAME, _("请填写姓名"))
    elif len(name) > 50:
        bad(NAME, _("姓名过长"))
    id_number = ""
    try:
        id_number = id_number_cell(raw.get(ID_NUMBER))
    except ValueError as exc:
        bad(ID_NUMBER, exc)
    phone = ""
    if cell_text(raw.get(PHONE)):
        try:
            phone = validators.validate_mobile(cell_text(raw.get(PHONE)))
        except ValidationError as exc:
            bad(PHONE, exc.messages[0])
    months = 0
    try:
        months = _months(raw.get(MONTHS))
    except ValueError as exc:
        bad(MONTHS, exc)
    amount = Decimal(0)
    try:
        amount = parse_yuan(amount_text(raw.get(AMOUNT)), AMOUNT, required=True)
    except ValidationError as exc:
        bad(AMOUNT, exc.message_dict[AMOUNT][0])
    migrant = True
    try:
        migrant = sheet_import.yes_no(raw.get(MIGRANT))
    except ValueError as exc:
        bad(MIGRANT, exc)
    if errors:
        return None, errors
    return WorkerRow(number, name, id_number, phone, months, amount, migrant), []


def _spec() -> SheetSpec:
    return SheetSpec(
        title="工人名单",
        columns=(
            Column(NAME, "姓名", width=12),
            Column(ID_NUMBER, "身份证号码", ("身份证号", "公民身份号码"), width=24, number_format="@"),
            Column(PHONE, "手机号码", ("手机号", "联系电话"), width=16, number_format="@"),
            Column(MONTHS, "欠薪月数", ("拖欠月数",), width=10),
            Column(AMOUNT, "欠薪金额(元)", ("拖欠金额", "欠薪金额元"), width=16, number_format="0.00"),
            Column(MIGRANT, "农民工(是/否)", ("是否农民工",), required=False, choices=("是", "否")),
        ),
        validate_row=validate_row,
        notes=(
            "1. 第一行为表头，请勿修改；从第二行起每行填写一名工人。",
            "2. 身份证号码：18位，最后一位可以是X；系统逐位核对校验位。本列已设为文本格式，请勿改为数字。",
            "3. 手机号码：11位手机号码，可不填。",
            "4. 欠薪月数：整数，1至120。",
            "5. 欠薪金额(元)：大于零，最多两位小数，如 6000 或 6000.50。",
            "6. 农民工(是/否)：不填视为“是”。",
            "7. 有任何一行不符合要求时，整张名单不导入，系统列出每一行的问题，改正后重新上传。",
        ),
        unique=lambda raw: validators.normalise_id_number(cell_text(raw.get(ID_NUMBER))) or None,
        unique_column=ID_NUMBER,
        duplicate_message=_("与第%(n)s行身份证号码重复"),
        empty_message=_("名单中没有工人"),
        max_rows=conf.get("ARREARS_IMPORT_MAX_ROWS"),
        max_bytes=conf.get("ARREARS_IMPORT_MAX_BYTES"),
    )


def parse_worker_sheet(uploaded, *, filename: str | None = None) -> ParsedSheet:
    """Read an uploaded file (.xlsx or .csv) and check every row. Never raises for bad content:
    problems come back in ``errors`` (row 0 for the file itself)."""
    return sheet_import.parse_sheet(_spec(), uploaded, filename=filename)


def worker_template_xlsx() -> bytes:
    """A blank roster with the header row, text-formatted ID and phone columns, and instructions."""
    return sheet_import.template_xlsx(_spec())
