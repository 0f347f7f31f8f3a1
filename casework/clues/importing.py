"""Importing a channel's export (the national platform's clue export, 12345 work orders) as clues.

The columns are the channel's (``casework.clues.channels.IMPORTS``); the file is read by the kernel's sheet
reader (``casework.sheet_import``). All or nothing: every row is checked first (reference, date, ID number,
phone, credit code, amount, headcount, period, the required texts) and every bad row is reported with its row
number, column and reason; nothing is written while any row is wrong. Idempotent on the channel reference: a
row whose reference is already registered is left as it is, and a file imported again changes nothing and
says so.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from casework.clues import channels
from casework.clues.models import Clue
from casework.clues.services import clue_register, clue_values, may_register
from casework.sheet_import import (
    RowError,
    SheetRejected,
    SheetSpec,
    amount_text,
    cell_text,
    parse_or_reject,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 3000
_NUMBER = object()  # an ID number or credit code the spreadsheet stored as a number


class ClueSheetRejected(SheetRejected):
    noun = "导入文件"
    nothing = "未导入任何线索"


@dataclass
class ImportResult:
    created: list[Clue] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)  # references already registered

    @property
    def message(self) -> str:
        if not self.created:
            return f"文件中的{len(self.existing)}条线索此前均已导入，未作任何更改"
        text = f"已导入{len(self.created)}条线索"
        if self.existing:
            text += f"；{len(self.existing)}条此前已导入，未重复登记"
        return text


def _cell(key: str, value):
    if key in (channels.RECEIVED, channels.PERIOD_FROM, channels.PERIOD_TO):
        if isinstance(value, datetime.datetime):
            return value.date().isoformat()
        if isinstance(value, datetime.date):
            return value.isoformat()
        text = cell_text(value).replace("/", "-").replace(".", "-")
        return text[:10]  # "2026-11-20 09:30:00": the day
    if key == channels.AMOUNT:
        return amount_text(value)
    if key in (channels.REPORTER_ID, channels.CREDIT_CODE) and isinstance(value, int | float):
        return _NUMBER
    return cell_text(value)


def _row_values(spec: SheetSpec, number: int, raw: dict) -> tuple[tuple[int, dict] | None, list[RowError]]:
    values = {key: _cell(key, value) for key, value in raw.items()}
    labels = spec.labels
    errors = [RowError(number, labels[key], "不能为空") for key in spec.required if not values.get(key)]
    for key in (channels.REPORTER_ID, channels.CREDIT_CODE):
        if values.get(key) is _NUMBER:
            errors.append(
                RowError(number, labels[key], "被表格存成了数字，末几位已丢失；请把该列设为“文本”格式")
            )
    if errors:
        return None, errors
    try:
        return (number, clue_values(**values)), []
    except ValidationError as exc:
        return None, [
            RowError(number, labels.get(key, ""), "；".join(messages))
            for key, messages in exc.message_dict.items()
        ]


def _spec(fmt: channels.ImportFormat) -> SheetSpec:
    def validate_row(number, raw):
        return _row_values(spec, number, raw)

    spec = SheetSpec(
        title=fmt.title,
        columns=fmt.columns,
        validate_row=validate_row,
        unique=lambda raw: cell_text(raw.get(channels.REF)) or None,
        unique_column=channels.REF,
        duplicate_message="与第%(n)s行编号重复",
        empty_message="文件中没有线索",
        max_rows=MAX_ROWS,
        max_bytes=MAX_BYTES,
    )
    return spec


def parse_clue_file(channel: str, data: bytes, filename: str) -> list[tuple[int, dict]]:
    """The file's rows checked: ``(row number, values)`` each, or ``ClueSheetRejected`` listing every problem."""
    fmt = channels.IMPORTS.get(channel)
    if fmt is None:
        raise ValidationError({"channel": ["该渠道没有导入格式，请逐条登记"]})
    return parse_or_reject(_spec(fmt), data, filename=filename, rejected=ClueSheetRejected)


@transaction.atomic
def clues_import(*, actor, jurisdiction, channel: str, data: bytes, filename: str) -> ImportResult:
    """Import a channel's file into ``jurisdiction``: every row or none (``ClueSheetRejected``)."""
    may_register(actor, jurisdiction)
    rows = parse_clue_file(channel, data, filename)
    refs = [values["external_ref"] for _number, values in rows]
    known = set(
        Clue.objects.filter(channel=channel, external_ref__in=refs).values_list("external_ref", flat=True)
    )
    result = ImportResult(existing=[ref for ref in refs if ref in known])
    for _number, values in rows:
        if values["external_ref"] not in known:
            result.created.append(
                clue_register(actor=actor, jurisdiction=jurisdiction, channel=channel, **values)
            )
    return result
