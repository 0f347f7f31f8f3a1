"""The monthly statistical return (月报) as an Excel workbook: a cover sheet, then one sheet per series with
the month's and the year-to-date (本年累计) figures per jurisdiction and in total."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from casework.pdf import issuing_body_for
from casework.spreadsheets import new_workbook, put

from .figures import FIGURES, SeriesFigures
from .periods import Period
from .projection import ASSUMPTION as PROJECTION_ASSUMPTION
from .report import Report, SeriesReport
from .targets import TARGET_SOURCE

TITLE = "劳动保障案件办理情况统计月报"
KIND_NAMES = {"month": "月报", "quarter": "季报", "year": "年报"}
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


def _sheet_title(text: str, used: set) -> str:
    title = "".join(ch for ch in str(text) if ch not in "[]:*?/\\")[:28] or "sheet"
    base, n = title, 2
    while title in used:
        title = f"{base[:26]}{n}"
        n += 1
    used.add(title)
    return title


def _columns(series) -> list[tuple[str, str]]:
    """(key, header) for one table row: the figures, then each rate with its target."""
    cols = [(f"figure:{code}", str(FIGURES[code].label)) for code in series.figure_codes()]
    for rate in series.rates:
        cols.append((f"rate:{rate.code}", f"{rate.label}（%）"))
        if rate.target is not None:
            cols.append((f"signal:{rate.code}", f"{rate.label}对照目标{rate.target:g}%"))
    return cols


def _value(figures: SeriesFigures, key: str):
    kind, code = key.split(":", 1)
    if kind == "figure":
        figure = figures.figure(code)
        return figure.value if figure else None
    rate = figures.rate(code)
    if kind == "rate":
        return None if rate.rate is None else rate.rate / 100
    return rate.signal_label or None


def _write_table(ws, row: int, title: str, report: SeriesReport, figures_rows, total: SeriesFigures) -> int:
    put(ws, row, 1, title).font = BOLD
    row += 1
    cols = _columns(report.series)
    headers = ["管辖区域", *[h for _k, h in cols]]
    for col, text in enumerate(headers, start=1):
        cell = put(ws, row, col, text)
        cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BOX, WRAP
    row += 1
    for name, figures in [*figures_rows, ("合计", total)]:
        first = put(ws, row, 1, name)
        first.border = BOX
        if name == "合计":
            first.font = BOLD
        for col, (key, _header) in enumerate(cols, start=2):
            value = _value(figures, key)
            cell = put(ws, row, col, value if value is not None else "无案件")
            cell.border = BOX
            if key.startswith("rate:") and value is not None:
                cell.number_format = "0.0%"
            elif key == "figure:recovered":
                cell.number_format = "#,##0.00"
        row += 1
    return row + 1


def monthly_return(month: Period, month_report: Report, ytd_report: Report):
    """The workbook (``casework.spreadsheets``: text kept as text). ``month_report``: figures for the month;
    ``ytd_report``: for 1 January to the month's end."""
    wb, cover = new_workbook("封面")
    used = {"封面"}
    scope = month_report.scope
    issuer = issuing_body_for(scope.selected)
    lines = [
        (TITLE.replace("月报", KIND_NAMES.get(month.kind, "报表")), Font(bold=True, size=16)),
        (f"统计期：{month.label}（{month.start.isoformat()} 至 {month.end.isoformat()}）", None),
        (f"统计范围：{scope.label}", None),
        (f"填报单位：{issuer}", None),
        (f"数据截至：{month_report.today.isoformat()}（按当日的记录重新生成，结果相同）", None),
        (f"生成时间：{month_report.generated_at:%Y-%m-%d %H:%M}", None),
        ("", None),
        ("指标口径", BOLD),
    ]
    seen = set()
    for series_report in month_report.series:
        for rate in series_report.total.rates:
            if (series_report.code, rate.code) in seen:
                continue
            seen.add((series_report.code, rate.code))
            target = f"；目标 {rate.target:g}%（{TARGET_SOURCE}）" if rate.target is not None else ""
            lines.append((f"{series_report.series.label} · {rate.definition}{target}", None))
    lines += [
        ("期初未结：统计期开始前已受理、截至期初尚未结案的案件；日期均按北京时间计算。", None),
        ("结案率的计算方法与人社部统计公报一致（statutes.md §6）。", None),
        (str(PROJECTION_ASSUMPTION), None),
        ("", None),
        ("工作表", BOLD),
    ]
    sheet_names = [(_sheet_title(r.series.label, used), r) for r in month_report.series]
    lines += [(f"“{name}”：{r.series.label}，本期及本年累计，分管辖区域", None) for name, r in sheet_names]
    for row, (text, font) in enumerate(lines, start=1):
        cell = put(cover, row, 1, text)
        if font is not None:
            cell.font = font
    cover.column_dimensions["A"].width = 110

    ytd_by_code = {r.code: r for r in ytd_report.series}
    for name, series_report in sheet_names:
        ws = wb.create_sheet(name)
        put(ws, 1, 1, f"{series_report.series.label} · {month.label}").font = Font(bold=True, size=13)
        row = 3
        month_rows = [(r.jurisdiction.name, r.figures) for r in _in_order(series_report)]
        row = _write_table(ws, row, f"本期（{month.label}）", series_report, month_rows, series_report.total)
        ytd = ytd_by_code[series_report.code]
        ytd_rows = [(r.jurisdiction.name, r.figures) for r in _in_order(ytd)]
        row = _write_table(
            ws,
            row,
            f"本年累计（{ytd_report.period.start.isoformat()} 至 {ytd_report.period.end.isoformat()}）",
            ytd,
            ytd_rows,
            ytd.total,
        )
        if ytd.projection is not None:
            row = _write_projection(ws, row, ytd.projection)
        ws.column_dimensions["A"].width = 30
        for col in range(2, len(_columns(series_report.series)) + 2):
            ws.column_dimensions[get_column_letter(col)].width = 13
        ws.freeze_panes = "B3"
    return wb


def _write_projection(ws, row: int, projection) -> int:
    """The year-end projection as of its date: expected rate, its 80% interval, and the closings needed."""
    as_of = projection.as_of.isoformat()
    label = "年末实际结案率" if projection.actual else f"预计年末结案率（截至{as_of}）"
    cells = [(label, projection.rate)]
    if not projection.actual:
        cells += [("80%区间下限", projection.rate_low), ("80%区间上限", projection.rate_high)]
    for text, value in cells:
        put(ws, row, 1, text).font = BOLD
        cell = put(ws, row, 2, None if value is None else value / 100)
        cell.number_format = "0.0%"
        row += 1
    if not projection.actual and projection.needed is not None:
        put(ws, row, 1, f"达到目标{projection.target:g}%尚需结案（件）").font = BOLD
        put(ws, row, 2, projection.needed)
        row += 1
    return row


def _in_order(series_report: SeriesReport):
    """The return lists jurisdictions in their usual order (the dashboard ranks them)."""
    return sorted(series_report.rows, key=lambda r: (r.jurisdiction.sort_order, r.jurisdiction.code))
