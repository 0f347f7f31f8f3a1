"""The monitoring sheets' columns and row checks, in one place: real-name roster (实名制花名册, MWWR Art 28),
monthly attendance (考勤表, Art 28) and the pay sheet (工资支付表: from the wage account, Art 26, or paid by the
main contractor on a subcontractor's behalf and signed by each worker, Art 31).

Reading, header finding, blank lines, duplicates and the templates are the one sheet reader's
(``casework.sheet_import``); each spec here names its columns and checks one row into a dataclass. Checks
against the database (a worker not on the roster, already paid for the month) are the import services'
(``arrears.monitoring.imports``), reported the same way, row by row.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from arrears import conf
from arrears.models import PayChannel
from casework import validators
from casework.inputs import PAST, parse_date, parse_yuan
from casework.sheet_import import Column, RowError, SheetSpec, amount_text, cell_text, id_number_cell, yes_no

ID_COLUMN = Column("id_number", "身份证号码", ("身份证号", "公民身份号码"), width=24, number_format="@")
NAME_COLUMN = Column("name", "姓名", width=12)
MONTH_COLUMN = Column("month", "月份", ("所属月份", "工资月份"), width=12, number_format="@")
CHANNELS = {"专户": PayChannel.ACCOUNT, "专户代发": PayChannel.ACCOUNT, "总包代发": PayChannel.PROXY}


class Row:
    """Collects one row's problems (every one of them) against the spec's column labels."""

    def __init__(self, number: int, raw: dict, labels: dict):
        self.number, self.raw, self.labels, self.errors = number, raw, labels, []

    def bad(self, key: str, reason) -> None:
        self.errors.append(RowError(self.number, self.labels[key], str(reason)))

    def text(self, key: str) -> str:
        return cell_text(self.raw.get(key))

    def take(self, key: str, read, default=None):
        """``read(cell)``; a ``ValueError`` or ``ValidationError`` becomes the column's error."""
        try:
            return read(self.raw.get(key))
        except ValueError as exc:
            self.bad(key, exc)
        except ValidationError as exc:
            self.bad(key, exc.messages[0])
        return default


def parse_month(value) -> datetime.date:
    """``2026-03``, ``2026/3``, ``2026年3月`` or a date cell → the month's first day."""
    if isinstance(value, datetime.datetime | datetime.date):
        return datetime.date(value.year, value.month, 1)
    text = cell_text(value)
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月)?(?:[-/.]\d{1,2}日?)?", text)
    if not text:
        raise ValueError(_("请填写月份"))
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(_("月份格式应为“2026-03”"))
    month = datetime.date(int(match.group(1)), int(match.group(2)), 1)
    if month > timezone.localdate() or month.year < 2000:
        raise ValueError(_("月份不能晚于本月"))
    return month


def _past_date(value, *, required: bool = True) -> datetime.date | None:
    return parse_date(
        cell_text(value) if not isinstance(value, datetime.date) else value,
        "d",
        required=required,
        window=PAST,
    )


def _optional_yuan(value) -> Decimal | None:
    return parse_yuan(amount_text(value), "v") if cell_text(value) else None


def _days(value) -> Decimal:
    text = cell_text(value).removesuffix("天")
    try:
        days = Decimal(amount_text(value) if isinstance(value, float) else text)
    except InvalidOperation:
        raise ValueError(_("出勤天数应为数字")) from None
    if not (Decimal(0) <= days <= 31) or days != days.quantize(Decimal("0.1")):
        raise ValueError(_("出勤天数应在0至31之间，最多一位小数"))
    return days


def _unique_id(raw: dict) -> str | None:
    return validators.normalise_id_number(cell_text(raw.get("id_number"))) or None


def _limits() -> dict:
    return {
        "max_rows": conf.get("ARREARS_IMPORT_MAX_ROWS"),
        "max_bytes": conf.get("ARREARS_IMPORT_MAX_BYTES"),
    }


# --- roster ------------------------------------------------------------------------------------------
@dataclass
class RosterRow:
    row: int
    name: str
    id_number: str
    phone: str
    credit_code: str
    team: str
    contract_signed: bool
    daily_wage: Decimal | None
    entered_on: datetime.date
    left_on: datetime.date | None
    settled_on: datetime.date | None


ROSTER_COLUMNS = (
    NAME_COLUMN,
    ID_COLUMN,
    Column("phone", "手机号码", ("手机号", "联系电话"), required=False, width=16, number_format="@"),
    Column(
        "credit_code", "所属单位统一社会信用代码", ("信用代码",), required=False, width=24, number_format="@"
    ),
    Column("team", "班组", required=False),
    Column("contract", "签订劳动合同(是/否)", ("劳动合同",), required=False, choices=("是", "否")),
    Column("daily_wage", "约定日工资(元)", ("日工资",), required=False, number_format="0.00"),
    Column("entered_on", "进场日期", width=14, number_format="yyyy-mm-dd"),
    Column("left_on", "退场日期", required=False, width=14, number_format="yyyy-mm-dd"),
    Column("settled_on", "退场结算日期", ("结算日期",), required=False, width=14, number_format="yyyy-mm-dd"),
)


def _credit_code(value) -> str:
    return validators.validate_credit_code(cell_text(value)) if cell_text(value) else ""


def validate_roster_row(number: int, raw: dict) -> tuple[RosterRow | None, list[RowError]]:
    r = Row(number, raw, {c.key: c.label for c in ROSTER_COLUMNS})
    name = r.text("name")
    if not name or len(name) > 50:
        r.bad("name", _("请填写姓名") if not name else _("姓名过长"))
    id_number = r.take("id_number", id_number_cell, "")
    phone = r.take("phone", lambda v: validators.validate_mobile(cell_text(v)) if cell_text(v) else "", "")
    credit_code = r.take("credit_code", _credit_code, "")
    contract = r.take("contract", lambda v: yes_no(v, blank=False), False)
    daily_wage = r.take("daily_wage", _optional_yuan)
    entered = r.take("entered_on", _past_date)
    left = r.take("left_on", lambda v: _past_date(v, required=False))
    settled = r.take("settled_on", lambda v: _past_date(v, required=False))
    if entered and left and left < entered:
        r.bad("left_on", _("退场日期不能早于进场日期"))
    if settled and not left:
        r.bad("settled_on", _("填写了结算日期，请同时填写退场日期"))
    if len(r.text("team")) > 50:
        r.bad("team", _("班组名称过长"))
    if r.errors:
        return None, r.errors
    row = RosterRow(
        number,
        name,
        id_number,
        phone,
        credit_code,
        r.text("team"),
        contract,
        daily_wage,
        entered,
        left,
        settled,
    )
    return row, []


ROSTER = SheetSpec(
    title="实名制花名册",
    columns=ROSTER_COLUMNS,
    validate_row=validate_roster_row,
    notes=(
        "1. 第一行为表头，请勿修改；每行一名在本项目登记的工人（保障农民工工资支付条例第二十八条）。",
        "2. 身份证号码18位，系统核对校验位；本列已设为文本格式，请勿改为数字。",
        "3. 所属单位统一社会信用代码：工人所属的分包单位，须为本项目登记的总包或分包单位；可不填。",
        "4. 日期格式 2026-03-01；约定日工资用于估算欠付工资，可不填（不填时按最低工资折算）。",
        "5. 已在花名册中的工人再次导入时，更新其班组、合同、日工资、退场和结算日期。",
        "6. 有任何一行不符合要求时整张表不导入，系统列出每一行的问题。",
    ),
    unique=_unique_id,
    unique_column="id_number",
    duplicate_message=_("与第%(n)s行身份证号码重复"),
    empty_message=_("花名册中没有工人"),
    **_limits(),
)


# --- attendance --------------------------------------------------------------------------------------
@dataclass
class AttendanceRow:
    row: int
    id_number: str
    name: str
    month: datetime.date
    days: Decimal


ATTENDANCE_COLUMNS = (
    ID_COLUMN,
    Column("name", "姓名", required=False, width=12),
    MONTH_COLUMN,
    Column("days", "出勤天数", ("出勤", "天数"), width=10),
)


def validate_attendance_row(number: int, raw: dict) -> tuple[AttendanceRow | None, list[RowError]]:
    r = Row(number, raw, {c.key: c.label for c in ATTENDANCE_COLUMNS})
    id_number = r.take("id_number", id_number_cell, "")
    month = r.take("month", parse_month)
    days = r.take("days", _days)
    if r.errors:
        return None, r.errors
    return AttendanceRow(number, id_number, r.text("name"), month, days), []


def _unique_worker_month(raw: dict) -> str | None:
    key = _unique_id(raw)
    return f"{key}|{cell_text(raw.get('month'))}" if key else None


ATTENDANCE = SheetSpec(
    title="考勤表",
    columns=ATTENDANCE_COLUMNS,
    validate_row=validate_attendance_row,
    notes=(
        "1. 每行一名工人一个月的出勤天数；工人须已在本项目实名制花名册中。",
        "2. 月份格式 2026-03；出勤天数 0 至 31，可有一位小数。",
        "3. 同一工人同一月份再次导入时，以新表为准。",
        "4. 有任何一行不符合要求时整张表不导入，系统列出每一行的问题。",
    ),
    unique=_unique_worker_month,
    unique_column="id_number",
    duplicate_message=_("与第%(n)s行为同一工人同一月份"),
    empty_message=_("考勤表中没有数据"),
    **_limits(),
)


# --- pay sheet ---------------------------------------------------------------------------------------
@dataclass
class PayRow:
    row: int
    id_number: str
    name: str
    month: datetime.date
    amount: Decimal
    paid_on: datetime.date
    channel: str
    signed: bool
    reference: str


PAY_COLUMNS = (
    ID_COLUMN,
    Column("name", "姓名", required=False, width=12),
    MONTH_COLUMN,
    Column("amount", "实发工资(元)", ("实发金额", "工资"), width=14, number_format="0.00"),
    Column("paid_on", "发放日期", width=14, number_format="yyyy-mm-dd"),
    Column("channel", "发放方式", required=False, choices=("专户代发", "总包代发")),
    Column("signed", "工人签字(是/否)", ("签字",), required=False, choices=("是", "否")),
    Column("reference", "银行流水号", required=False, width=20, number_format="@"),
)


def _channel(value) -> str:
    text = cell_text(value) or "专户代发"
    if text not in CHANNELS:
        raise ValueError(_("发放方式应为“专户代发”或“总包代发”"))
    return CHANNELS[text]


def validate_pay_row(number: int, raw: dict) -> tuple[PayRow | None, list[RowError]]:
    r = Row(number, raw, {c.key: c.label for c in PAY_COLUMNS})
    id_number = r.take("id_number", id_number_cell, "")
    month = r.take("month", parse_month)
    amount = r.take("amount", lambda v: parse_yuan(amount_text(v), "v", required=True))
    paid_on = r.take("paid_on", _past_date)
    channel = r.take("channel", _channel, PayChannel.ACCOUNT)
    signed = r.take("signed", lambda v: yes_no(v, blank=False), False)
    if month and paid_on and paid_on < month:
        r.bad("paid_on", _("发放日期早于工资所属月份"))
    if channel == PayChannel.PROXY and not signed:
        # Art 31: the main contractor pays on a subcontractor's behalf from pay sheets each worker signed.
        r.bad("signed", _("总包代发须有工人本人签字确认（保障农民工工资支付条例第三十一条）"))
    if len(r.text("reference")) > 60:
        r.bad("reference", _("流水号过长"))
    if r.errors:
        return None, r.errors
    return PayRow(
        number, id_number, r.text("name"), month, amount, paid_on, channel, signed, r.text("reference")
    ), []


PAY = SheetSpec(
    title="工资支付表",
    columns=PAY_COLUMNS,
    validate_row=validate_pay_row,
    notes=(
        "1. 每行一名工人一个月的实发工资；工人须已在本项目实名制花名册中。",
        "2. 发放方式：“专户代发”（经工资专用账户，条例第二十六条）或“总包代发”（须工人签字，条例第三十一条）；不填视为专户代发。",
        "3. 月份格式 2026-03，发放日期格式 2026-04-10，金额最多两位小数。",
        "4. 同一工人同一月份已登记工资的，不能重复导入。",
        "5. 有任何一行不符合要求时整张表不导入，系统列出每一行的问题。",
    ),
    unique=_unique_worker_month,
    unique_column="id_number",
    duplicate_message=_("与第%(n)s行为同一工人同一月份"),
    empty_message=_("工资表中没有数据"),
    **_limits(),
)


# --- labour-cost transfers ------------------------------------------------------------------------------
@dataclass
class TransferRow:
    row: int
    month: datetime.date
    amount: Decimal
    transferred_on: datetime.date
    reference: str


TRANSFER_COLUMNS = (
    Column("month", "所属月份", ("月份",), width=12, number_format="@"),
    Column("amount", "拨付金额(元)", ("拨付金额", "人工费用"), width=16, number_format="0.00"),
    Column("transferred_on", "拨付日期", ("到账日期",), width=14, number_format="yyyy-mm-dd"),
    Column("reference", "银行流水号", ("流水号",), required=False, width=24, number_format="@"),
)


def validate_transfer_row(number: int, raw: dict) -> tuple[TransferRow | None, list[RowError]]:
    r = Row(number, raw, {c.key: c.label for c in TRANSFER_COLUMNS})
    month = r.take("month", parse_month)
    amount = r.take("amount", lambda v: parse_yuan(amount_text(v), "v", required=True))
    transferred_on = r.take("transferred_on", _past_date)
    if len(r.text("reference")) > 60:
        r.bad("reference", _("流水号过长"))
    if r.errors:
        return None, r.errors
    return TransferRow(number, month, amount, transferred_on, r.text("reference")), []


TRANSFER = SheetSpec(
    title="人工费用拨付",
    columns=TRANSFER_COLUMNS,
    validate_row=validate_transfer_row,
    notes=(
        "1. 每行一笔建设单位拨付到农民工工资专用账户的人工费用（保障农民工工资支付条例第二十四条：按月足额拨付）。",
        "2. 所属月份格式 2026-03，拨付日期格式 2026-03-25，金额大于零、最多两位小数。",
        "3. 银行流水号可不填；填写的，同一流水号只能登记一次。",
        "4. 有任何一行不符合要求时整张表不导入，系统列出每一行的问题。",
    ),
    unique=lambda raw: cell_text(raw.get("reference")) or None,
    unique_column="reference",
    duplicate_message=_("与第%(n)s行银行流水号重复"),
    empty_message=_("表中没有拨付记录"),
    **_limits(),
)

SPECS = {"roster": ROSTER, "attendance": ATTENDANCE, "pay": PAY, "transfer": TRANSFER}
