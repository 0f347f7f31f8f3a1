"""The trend chart's value labels never cover a bar: the SVG is parsed and each label's box is checked
against every bar rectangle."""

import random
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest

from casework.statistics.charts import trend_svg
from casework.statistics.registry import closure_rate
from casework.statistics.trend import MonthPoint, Trend

SVG = "{http://www.w3.org/2000/svg}"


def _text_box(element):
    """The box of a text element: a full em per CJK character, 0.62 em per other one (bold digits are
    narrower), an em above the baseline and a quarter em below."""
    size = float(element.get("font-size") or 11)
    text = "".join(element.itertext())
    width = sum(size if ord(ch) > 0x2E7F else 0.62 * size for ch in text)
    x, y = float(element.get("x")), float(element.get("y"))
    x0 = {"start": x, "middle": x - width / 2, "end": x - width}[element.get("text-anchor") or "start"]
    return x0, y - size, x0 + width, y + size / 4


def _bars(root):
    return [
        (
            float(r.get("x")),
            float(r.get("y")),
            float(r.get("x")) + float(r.get("width")),
            float(r.get("y")) + float(r.get("height")),
        )
        for r in root.iter(f"{SVG}rect")
        if r.find(f"{SVG}title") is not None and float(r.get("height")) > 0
    ]


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _trend(accepted, closed, rates, months=12):
    points = [
        MonthPoint(
            date(2026, m, 1),
            accepted[m - 1],
            closed[m - 1],
            1,
            1,
            Decimal(rates[m - 1]) if m <= months else None,
            future=m > months,
        )
        for m in range(1, 13)
    ]
    return Trend(2026, closure_rate(), 0, points)


def _labels_and_bars(trend, target):
    root = ET.fromstring(str(trend_svg(trend, target=target)))
    labels = [t for t in root.iter(f"{SVG}text") if t.get("data-label") == "value"]
    return labels, _bars(root)


def test_the_year_to_date_label_is_moved_off_a_tall_last_bar():
    # March: the closed bar reaches the top of the axis right under the rate point (97.0% near the top)
    accepted, closed = [10, 10, 19] + [0] * 9, [9, 10, 20] + [0] * 9
    labels, bars = _labels_and_bars(_trend(accepted, closed, ["95.0", "96.0", "97.0"] + ["0"] * 9, 3), None)
    (label,) = labels
    assert "".join(label.itertext()) == "97.0%"
    assert not any(_overlap(_text_box(label), bar) for bar in bars)


def test_the_target_label_is_moved_off_january_bars():
    accepted, closed = [40] * 12, [40] * 12
    labels, bars = _labels_and_bars(_trend(accepted, closed, ["100.0"] * 12), Decimal("50"))
    target = next(t for t in labels if "".join(t.itertext()).startswith("目标"))
    assert not any(_overlap(_text_box(target), bar) for bar in bars)


@pytest.mark.parametrize("seed", range(60))
def test_no_value_label_ever_covers_a_bar(seed):
    rnd = random.Random(seed)
    months = rnd.randint(1, 12)
    top = rnd.choice([1, 5, 40, 400, 12345])
    accepted = [rnd.randint(0, top) for _ in range(12)]
    closed = [rnd.randint(0, top) for _ in range(12)]
    rates = [f"{rnd.uniform(0, 100):.1f}" for _ in range(12)]
    target = rnd.choice([None, Decimal("90"), Decimal("96"), Decimal("60")])
    labels, bars = _labels_and_bars(_trend(accepted, closed, rates, months), target)
    assert labels
    for label in labels:
        box = _text_box(label)
        assert box[1] >= 0, "label above the picture"
        assert not [bar for bar in bars if _overlap(box, bar)], "".join(label.itertext())
