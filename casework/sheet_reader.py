"""Reading an uploaded spreadsheet (.xlsx or .csv) row by row, for every import: the worker sheet of an arrears
case (``arrears.importing``), the clue platforms' exports (``casework.clues.importing``).

What every import shares: the file read whatever it is (xlsx, UTF-8 or GBK csv; a legacy .xls, a corrupt or
oversized file refused with a Chinese reason), the header row found among the first lines (title lines above
it are tolerated) by a type's own header → column key mapping, cells turned into text without float artefacts,
and the errors: every problem a ``RowError`` with the row number as the spreadsheet shows it, the column's
header and the reason, all of them raised together as ``SheetRejected`` — a ``ValidationError`` of the field
``file`` so that every page and API answers it as bad input. Imports are all-or-nothing: nothing is written
while any row is wrong.

Spreadsheets store numbers as binary floats. An amount typed as a number comes back from openpyxl as a float
whose shortest decimal form (``repr``) is what was typed; ``amount_text`` turns it into that text at once.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from casework import validators

HEADER_SEARCH_ROWS = 5  # a title line or two above the header is tolerated


@dataclass
class RowError:
    row: int  # as the spreadsheet numbers it (header = 1 unless there are title lines); 0: the file itself
    column: str  # the column's Chinese header, or "" for the whole row
    reason: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "reason": self.reason}

    def __str__(self):
        where = f"第{self.row}行" + (f"“{self.column}”" if self.column else "")
        return f"{where}：{self.reason}"


class SheetRejected(ValidationError):
    """The sheet (or one of its rows) is wrong; nothing was imported. ``errors`` keeps the rows for the API's
    ``rows`` and the import page's table."""

    noun = "名单"
    nothing = "未导入任何工人"

    def __init__(self, errors: list[RowError]):
        super().__init__({"file": [str(e) for e in errors]})
        self.errors = errors

    @property
    def summary(self) -> str:
        return f"{self.noun}有{len(self.errors)}处错误，{self.nothing}"


def normalised_header(text) -> str:
    """A header cell folded for matching: full-width forms and spaces folded, a bracketed unit and a
    required-field star dropped (``欠薪金额（元）*`` → ``欠薪金额``)."""
    if text is None:
        return ""
    t = validators._fold(str(text)).replace("（", "(").replace("）", ")")
    return re.sub(r"\(.*?\)", "", t).replace("*", "")


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def amount_text(value) -> str:
    if isinstance(value, float):
        return repr(value)  # the shortest decimal text for the stored binary number (see module doc)
    return cell_text(value)


def _rows_from_xlsx(data: bytes):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    finally:
        workbook.close()


def decode(data: bytes, rejected=SheetRejected) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # UTF-8 (with or without BOM), else GBK/GB18030
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise rejected([RowError(1, "", _("无法识别文件编码，请另存为UTF-8或GBK编码的CSV，或使用.xlsx模板"))])


def _rows_from_csv(data: bytes, rejected):
    text = decode(data, rejected)
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    yield from enumerate(csv.reader(io.StringIO(text), dialect), start=1)


def read_rows(data: bytes, name: str, *, max_bytes: int, rejected=SheetRejected) -> list:
    """The file's rows as ``(number, cells)``; ``rejected`` (a ``SheetRejected``) when it cannot be read."""
    name = (name or "").lower()
    if len(data) > max_bytes:
        raise rejected([RowError(0, "", _("文件过大"))])
    if name.endswith(".xls"):
        raise rejected([RowError(0, "", _("不支持旧版.xls文件，请另存为.xlsx后上传"))])
    try:
        if name.endswith(".csv") or name.endswith(".txt"):
            return list(_rows_from_csv(data, rejected))
        if name.endswith(".xlsx") or data[:2] == b"PK":
            return list(_rows_from_xlsx(data))
        return list(_rows_from_csv(data, rejected))
    except SheetRejected:
        raise
    except Exception:  # a corrupt or mislabelled file: openpyxl/zipfile raise many kinds
        raise rejected([RowError(0, "", _("无法读取文件，请使用系统提供的模板（.xlsx）或CSV文件"))]) from None


def find_header(
    rows,
    header_key: Callable[[object], str | None],
    required: Iterable[str],
    expected: str,
    rejected=SheetRejected,
) -> tuple[int, dict[str, int]]:
    """The header row's number and each column key's index, among the first ``HEADER_SEARCH_ROWS`` rows;
    ``expected``: the required headers as the error names them."""
    required = set(required)
    for number, cells in rows[:HEADER_SEARCH_ROWS]:
        found: dict[str, int] = {}
        for i, cell in enumerate(cells):
            key = header_key(cell)
            if key and key not in found:
                found[key] = i
        if required <= set(found):
            return number, found
    raise rejected([RowError(1, "", _("找不到表头，第一行应为：%(cols)s") % {"cols": expected})])


def data_rows(rows, header_at: int, columns: dict[str, int]):
    """``(number, {key: cell})`` for each row below the header that is not blank."""
    for number, cells in rows:
        if number <= header_at:
            continue
        raw = {key: (cells[i] if i < len(cells) else None) for key, i in columns.items()}
        if all(cell_text(v) == "" for v in raw.values()):
            continue  # blank lines are skipped, not errors
        yield number, raw
