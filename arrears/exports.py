"""The quarterly public list of serious labour-law violations (人社部令第29号, 重大劳动保障违法行为社会公布).

Wage arrears appear on it when they are large (克扣、无故拖欠劳动者劳动报酬，数额较大) or were transferred
to the judiciary (拒不支付劳动报酬，依法移送司法机关追究刑事责任). City and county bureaus publish
quarterly: name, credit code, legal representative, facts, handling. Here a case is on the list for a
quarter when, in that quarter, it was transferred to the police, its employer was put on the credit
blacklist, or a payment order was served while its arrears reached the crime threshold ("数额较大" read
as the provincial threshold — unconfirmed reading).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone

from arrears.models import ArrearsCase, ArrearsWorker, BlacklistEntry, PoliceStatus
from arrears.money import yuan
from arrears.selectors.cases import arrears_visible_to
from arrears.selectors.thresholds import evaluate_crime_thresholds, threshold_for
from casework.models import Employer
from casework.spreadsheets import append, new_workbook, workbook_bytes

HEADERS = [
    "序号",
    "违法单位名称",
    "统一社会信用代码",
    "法定代表人（负责人）",
    "主要违法事实",
    "查处情况",
    "案件编号",
    "管辖区域",
]


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    if quarter not in (1, 2, 3, 4):
        raise ValueError("quarter must be 1–4")
    first = datetime.date(year, 3 * quarter - 2, 1)
    last = datetime.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - datetime.timedelta(days=1)
    return first, last


@dataclass
class PublicRow:
    """One violator (employer) on the list: its listed cases' facts and handling, merged."""

    employer: Employer
    cases: list[ArrearsCase]
    facts: str
    handling: str

    @property
    def numbers(self) -> str:
        return "、".join(c.number for c in self.cases)

    @property
    def jurisdictions(self) -> str:
        return "、".join(dict.fromkeys(c.jurisdiction.name for c in self.cases))


def _aware_range(first: datetime.date, last: datetime.date):
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return start, end


def serious_violations(user, year: int, quarter: int) -> list[PublicRow]:
    """The cases visible to ``user`` that belong on the list for the quarter (a fixed number of queries)."""
    first, last = quarter_bounds(year, quarter)
    start, end = _aware_range(first, last)
    listed_in_quarter = BlacklistEntry.objects.filter(listed_on__range=(first, last)).values(
        "arrears_case_id"
    )
    qs = (
        arrears_visible_to(user)
        .filter(
            Q(
                police_status=PoliceStatus.TRANSFERRED,
                police_transferred_at__gte=start,
                police_transferred_at__lt=end,
            )
            | Q(pk__in=listed_in_quarter)
            | Q(payment_ordered_on__range=(first, last))
        )
        .select_related("employer", "jurisdiction")
        .prefetch_related(Prefetch("workers", queryset=ArrearsWorker.objects.order_by("id")))
        .order_by("jurisdiction__sort_order", "number")
    )
    listed_ids = set(listed_in_quarter.values_list("arrears_case_id", flat=True))
    figures = threshold_for(last)  # "数额较大" as in force at the end of the quarter
    by_employer: dict[int, list[tuple[ArrearsCase, str, list[str]]]] = {}
    for case in qs:
        lines = list(case.workers.all())
        assessment = evaluate_crime_thresholds(case, lines=lines, threshold=figures)
        transferred = (
            case.police_status == PoliceStatus.TRANSFERRED
            and case.police_transferred_at is not None
            and start <= case.police_transferred_at < end
        )
        if not (transferred or case.pk in listed_ids or assessment.amount_met):
            continue
        facts = f"拖欠{case.worker_count}名劳动者劳动报酬共计{yuan(case.total_owed)}元" + (
            "，经责令支付逾期未支付" if assessment.order_ignored else ""
        )
        by_employer.setdefault(case.employer_id, []).append((case, facts, _handling(case, listed_ids)))
    return [_merged(entries) for entries in by_employer.values()]


def _handling(case: ArrearsCase, listed_ids: set) -> list[str]:
    handling = []
    if case.payment_due:
        handling.append(f"责令支付{yuan(case.payment_order_amount or case.total_owed)}元")
    if case.compensation_amount:
        handling.append(f"责令加付赔偿金{yuan(case.compensation_amount)}元")
    if case.total_recovered:
        handling.append(f"已追回{yuan(case.total_recovered)}元")
    if case.police_status == PoliceStatus.TRANSFERRED:
        handling.append(f"涉嫌拒不支付劳动报酬罪，已移送{case.police_authority or '公安机关'}")
    if case.pk in listed_ids:
        handling.append("列入拖欠农民工工资失信联合惩戒对象名单")
    return handling


def _merged(entries: list[tuple[ArrearsCase, str, list[str]]]) -> PublicRow:
    """The list names violators, not cases (人社部令第29号 第五条): one row per employer; with several cases
    each case's facts and handling are given in turn, numbered by case."""
    cases = [case for case, _facts, _handling in entries]
    if len(entries) == 1:
        _case, facts, handling = entries[0]
        return PublicRow(cases[0].employer, cases, facts + "。", "；".join(handling) + "。")
    facts = "".join(f"（{i}）{f}。" for i, (_c, f, _h) in enumerate(entries, start=1))
    handling = "".join(f"（{i}）{'；'.join(h)}。" for i, (_c, _f, h) in enumerate(entries, start=1))
    return PublicRow(cases[0].employer, cases, facts, handling)


def serious_violations_xlsx(user, year: int, quarter: int) -> bytes:
    from openpyxl.styles import Alignment, Font

    rows = serious_violations(user, year, quarter)
    workbook, sheet = new_workbook(f"{year}年第{quarter}季度")
    append(sheet, [f"{year}年第{quarter}季度重大劳动保障违法行为社会公布（拖欠劳动报酬）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet["A1"].font = Font(bold=True, size=14)
    append(sheet, HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for i, row in enumerate(rows, start=1):
        e = row.employer
        append(
            sheet,
            [
                i,
                e.name,
                e.credit_code or "",
                e.legal_representative,
                row.facts,
                row.handling,
                row.numbers,
                row.jurisdictions,
            ],
        )
    for letter, width in zip("ABCDEFGH", (6, 30, 22, 14, 40, 50, 24, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    for line in sheet.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return workbook_bytes(workbook)
