"""Server-side SVG charts (no JavaScript): the same markup is inlined in the dashboard and the PDF report.

Only presentation attributes are used (no CSS classes), so WeasyPrint draws it exactly as a browser does.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .trend import Trend

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif"
ACCEPTED_COLOUR = "#9dbbe0"
CLOSED_COLOUR = "#1e8449"
RATE_COLOUR = "#1f5fa8"
TARGET_COLOUR = "#c0392b"


LABEL_SIZE = 11  # font size of every text in the chart


def text_width(text: str, size: float = LABEL_SIZE) -> float:
    """A generous width of ``text`` drawn at ``size``: a full em per CJK (or other wide) character, 0.62 em
    per narrow one (bold Latin digits are narrower than that)."""
    return sum(size if ord(ch) > 0x2E7F else 0.62 * size for ch in text)


def label_box(x: float, baseline: float, text: str, anchor: str, size: float = LABEL_SIZE):
    """(x0, y0, x1, y1) that a text drawn at (``x``, ``baseline``) with ``text-anchor`` ``anchor`` covers:
    the ascent is taken as a full em above the baseline and the descent a quarter em below."""
    width = text_width(text, size)
    x0 = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return (x0, baseline - size, x0 + width, baseline + size / 4)


def _overlaps(a, b, gap: float = 1.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def place_label(x: float, wanted: list[float], text: str, anchor: str, obstacles, *, top: float) -> float:
    """The first baseline of ``wanted`` at which the label clears every rectangle of ``obstacles`` (bars);
    else the first baseline above all of them that it clears (at worst in the top margin, above the plot,
    where no bar reaches)."""
    for baseline in wanted:
        box = label_box(x, baseline, text, anchor)
        if box[1] >= 0 and not any(_overlaps(box, bar) for bar in obstacles):
            return baseline
    baseline = wanted[0] if wanted else top
    while baseline > LABEL_SIZE:
        box = label_box(x, baseline, text, anchor)
        hits = [bar for bar in obstacles if _overlaps(box, bar)]
        if not hits:
            return baseline
        baseline = min(bar[1] for bar in hits) - LABEL_SIZE / 4 - 2
    return max(baseline, float(LABEL_SIZE))


def _count_step(value: int) -> int:
    """A round step such that four steps cover ``value`` (1, 2, 5, 10, 20, 25, 50, 100 …)."""
    magnitude = 1
    while True:
        for step in (1, 2, 2.5, 5):
            candidate = step * magnitude
            if candidate == int(candidate) and 4 * candidate >= value:
                return int(candidate)
        magnitude *= 10


RATE_FLOORS = (92, 80, 60, 40, 20, 0)  # quarter steps of 2, 5, 10, 15, 20, 25 points


def _rate_floor(values: list[Decimal]) -> int:
    """Bottom of the rate axis: the highest round floor at least 2 points below every value shown."""
    lowest = min(values) if values else Decimal(0)
    return next(floor for floor in RATE_FLOORS if floor <= lowest - 2 or floor == 0)


def trend_svg(
    trend: Trend, *, target: Decimal | None = None, width: int = 720, height: int = 300
) -> SafeString:
    """Bars: cases accepted and closed per month (left axis); line: the year-to-date rate (right axis);
    dashed line: the target."""
    left, right, top, bottom = 44, 52, 34, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / 12
    shown = [p for p in trend.points if not p.future]
    count_step = _count_step(max([p.accepted for p in shown] + [p.closed for p in shown] + [1]))
    count_max = 4 * count_step
    rates = [p.ytd_rate for p in trend.points if p.ytd_rate is not None]
    floor = _rate_floor(rates + ([target] if target is not None else []))
    rate_label = escape(str(trend.rate.label)) if trend.rate else ""

    def y_count(n: int) -> float:
        return top + plot_h - plot_h * n / count_max

    def y_rate(r: Decimal) -> float:
        return top + plot_h - plot_h * float(r - floor) / (100 - floor)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-family="{FONT}" font-size="11" '
        f'data-testid="trend-chart">',
        f"<title>{trend.year}年各月受理、结案与{rate_label}（本年累计）</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    # grid and axes
    for i in range(5):
        value = count_step * i
        y = y_count(value)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#e3e6ea" stroke-width="1"/>'
        )
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#667">{value}</text>')
        rate_tick = floor + (100 - floor) * i / 4
        out.append(
            f'<text x="{left + plot_w + 6}" y="{y + 4:.1f}" fill="{RATE_COLOUR}">{rate_tick:g}%</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#667" stroke-width="1"/>'
    )
    # bars
    bar_w = slot * 0.32
    bar_boxes: list[tuple[float, float, float, float]] = []  # what a value label must not cover
    for index, point in enumerate(trend.points):
        x0 = left + index * slot + slot * 0.16
        bars = (
            ()
            if point.future
            else ((0, point.accepted, ACCEPTED_COLOUR, "受理"), (bar_w, point.closed, CLOSED_COLOUR, "结案"))
        )
        for offset, value, colour, name in bars:
            y = y_count(value)
            bar_boxes.append((x0 + offset, y, x0 + offset + bar_w, top + plot_h))
            out.append(
                f'<rect x="{x0 + offset:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{top + plot_h - y:.1f}" '
                f'fill="{colour}"><title>{point.label}{name} {value} 件</title></rect>'
            )
        out.append(
            f'<text x="{left + index * slot + slot / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
            f'fill="#333">{point.label}</text>'
        )
    # target
    if target is not None:
        y = y_rate(target)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{TARGET_COLOUR}" '
            f'stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
        text = f"目标 {target:g}%"
        baseline = place_label(left + 4, [y - 4, y + 14], text, "start", bar_boxes, top=top)
        out.append(
            f'<text x="{left + 4}" y="{baseline:.1f}" fill="{TARGET_COLOUR}" data-label="value">{text}</text>'
        )
    # year-to-date rate line
    coords = [
        (left + index * slot + slot / 2, y_rate(point.ytd_rate), point)
        for index, point in enumerate(trend.points)
        if point.ytd_rate is not None
    ]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _p in coords)
        out.append(f'<polyline points="{path}" fill="none" stroke="{RATE_COLOUR}" stroke-width="2"/>')
    for x, y, point in coords:
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{RATE_COLOUR}">'
            f"<title>{point.label}累计 {point.ytd_rate}%（{point.ytd_numerator}/{point.ytd_denominator}）</title>"
            f"</circle>"
        )
    if coords:
        x, y, point = coords[-1]
        text = f"{point.ytd_rate}%"
        baseline = place_label(x, [y - 7, y + 4 + LABEL_SIZE], text, "middle", bar_boxes, top=top)
        out.append(
            f'<text x="{x:.1f}" y="{baseline:.1f}" text-anchor="middle" fill="{RATE_COLOUR}" '
            f'font-weight="bold" data-label="value">{text}</text>'
        )
    # legend
    legend = [
        ("rect", ACCEPTED_COLOUR, "受理"),
        ("rect", CLOSED_COLOUR, "结案"),
        ("line", RATE_COLOUR, f"{rate_label}（本年累计）"),
    ]
    x = left
    for kind, colour, text in legend:
        if kind == "rect":
            out.append(f'<rect x="{x}" y="10" width="12" height="10" fill="{colour}"/>')
        else:
            out.append(f'<line x1="{x}" y1="15" x2="{x + 12}" y2="15" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{x + 16}" y="19" fill="#333">{text}</text>')
        x += 16 + 13 * len(text) + 14
    if not rates:
        out.append(
            f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h / 2:.1f}" text-anchor="middle" '
            f'fill="#667" font-size="14">本年无案件</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 — every interpolated text is escaped or numeric
