"""The one place each channel's files are described: the columns of its export that the bureau imports, and
the columns of the reply file it takes back (核处结论 upload).

The headers follow the sample files the channels give the county bureaus (the national platform's clue export,
the 12345 work-order export); a header is matched by the kernel's sheet reader (``casework.sheet_import``)
after folding full-width forms, spaces, a bracketed unit and a required-field star, and through the aliases
listed. A channel without an import of its own has its clues
registered by hand; every channel has a reply file (``REPLY_COLUMNS``, the default for those not listed).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from casework.clues.models import Channel
from casework.sheet_import import Column

# Clue fields an import fills (casework.clues.importing reads and checks each).
REF, RECEIVED, REPORTER, REPORTER_ID, REPORTER_PHONE = (
    "external_ref",
    "received_on",
    "reporter_name",
    "reporter_id_number",
    "reporter_phone",
)
EMPLOYER, CREDIT_CODE, PROJECT, WORKPLACE, FACTS = (
    "employer_name",
    "employer_credit_code",
    "project_name",
    "workplace",
    "facts",
)
AMOUNT, WORKERS, PERIOD_FROM, PERIOD_TO = "amount", "workers", "period_from", "period_to"


def _optional(key: str, header: str, aliases: tuple[str, ...] = ()) -> Column:
    return Column(key, header, aliases, required=False)


@dataclass(frozen=True)
class ImportFormat:
    """A channel's export: its name and columns (read by ``casework.clues.importing`` through the kernel's
    ``casework.sheet_import``)."""

    title: str
    columns: tuple[Column, ...]


IMPORTS: dict[str, ImportFormat] = {
    Channel.NATIONAL_PLATFORM: ImportFormat(
        "全国根治欠薪线索反映平台线索导出表",
        (
            Column(REF, "线索编号", ("线索号",)),
            Column(RECEIVED, "反映时间", ("提交时间", "登记时间")),
            Column(REPORTER, "反映人姓名", ("反映人", "姓名")),
            _optional(REPORTER_ID, "反映人身份证号", ("身份证号码", "证件号码", "反映人身份证号码")),
            _optional(REPORTER_PHONE, "联系电话", ("反映人联系电话", "手机号码")),
            Column(EMPLOYER, "被反映单位名称", ("被反映单位", "欠薪单位")),
            _optional(CREDIT_CODE, "统一社会信用代码", ("被反映单位统一社会信用代码",)),
            _optional(PROJECT, "项目名称", ("工程项目名称",)),
            _optional(WORKPLACE, "欠薪发生地", ("欠薪所在地", "工作地点")),
            _optional(WORKERS, "欠薪人数", ("涉及人数",)),
            _optional(AMOUNT, "欠薪金额（元）", ("欠薪金额", "涉及金额")),
            _optional(PERIOD_FROM, "欠薪开始时间", ("欠薪开始日期",)),
            _optional(PERIOD_TO, "欠薪结束时间", ("欠薪结束日期",)),
            Column(FACTS, "问题描述", ("反映内容", "线索内容")),
        ),
    ),
    Channel.HOTLINE_12345: ImportFormat(
        "12345热线工单导出表",
        (
            Column(REF, "工单编号", ("工单号",)),
            Column(RECEIVED, "来电时间", ("受理时间", "派单时间")),
            _optional(REPORTER, "来电人", ("诉求人", "来电人姓名")),
            _optional(REPORTER_PHONE, "来电号码", ("联系电话", "诉求人电话")),
            Column(EMPLOYER, "被反映对象", ("涉及单位",)),
            _optional(WORKPLACE, "事发地址", ("事发地点",)),
            Column(FACTS, "诉求内容", ("工单内容", "来电内容")),
            _optional(AMOUNT, "涉及金额（元）", ("涉及金额",)),
            _optional(WORKERS, "涉及人数", ()),
        ),
    ),
}


def importable() -> list[tuple[str, str]]:
    return [(code, Channel(code).label) for code in IMPORTS]


# --- the reply files --------------------------------------------------------------------------------
def _date(value) -> str:
    return value.strftime("%Y-%m-%d") if value else ""


def _outcome(clue) -> str:
    return clue.outcome.label if clue.outcome_id else ""


def _unit(clue) -> str:
    return f"{clue.jurisdiction.name}人力资源和社会保障局"


ReplyColumn = tuple[str, Callable]

REPLY_COLUMNS: dict[str, tuple[ReplyColumn, ...]] = {
    Channel.NATIONAL_PLATFORM: (
        ("线索编号", lambda c: c.external_ref),
        ("被反映单位名称", lambda c: c.employer_label),
        ("核处结论", _outcome),
        ("核处情况说明", lambda c: c.reply_text),
        ("办结日期", lambda c: _date(c.replied_on)),
        ("核处单位", _unit),
    ),
    Channel.HOTLINE_12345: (
        ("工单编号", lambda c: c.external_ref),
        ("办理结果", _outcome),
        ("答复内容", lambda c: c.reply_text),
        ("办结时间", lambda c: _date(c.replied_on)),
        ("承办单位", _unit),
        ("是否按期", lambda c: "是" if c.replied_on_time else "否"),
    ),
}
DEFAULT_REPLY_COLUMNS: tuple[ReplyColumn, ...] = (
    ("线索编号", lambda c: c.number),
    ("渠道编号", lambda c: c.external_ref),
    ("来源渠道", lambda c: c.get_channel_display()),
    ("被反映单位", lambda c: c.employer_label),
    ("核处结论", _outcome),
    ("答复内容", lambda c: c.reply_text),
    ("答复日期", lambda c: _date(c.replied_on)),
    ("是否按期", lambda c: "是" if c.replied_on_time else "否"),
)


def reply_columns(channel: str) -> tuple[ReplyColumn, ...]:
    return REPLY_COLUMNS.get(channel, DEFAULT_REPLY_COLUMNS)


def reply_filename(channel: str) -> str:
    return f"{Channel(channel).label}核处结论{timezone.localdate():%Y%m%d}.xlsx"
