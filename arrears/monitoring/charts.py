"""The risk view's server-side pictures: a schematic map of Xiangxi's eight counties/cities and the development
zone (one labelled block each, placed roughly as they lie, north at the top), and the monthly trend as stacked
bars. Plain numbers for the template's inline SVG; no script, no map tiles."""

from dataclasses import dataclass

# GB/T 2260 code → (x, y, width, height) on a 360 × 400 canvas (statutes.md §5 lists the codes).
LAYOUT = {
    "433130": (60, 10, 130, 80),  # 龙山县, the north
    "433127": (200, 40, 140, 90),  # 永顺县, north-east
    "433125": (60, 100, 120, 70),  # 保靖县
    "433126": (190, 140, 110, 70),  # 古丈县
    "433124": (10, 180, 110, 80),  # 花垣县, the west
    "433101": (130, 220, 100, 70),  # 吉首市
    "433100JK": (240, 220, 90, 40),  # 湘西经开区
    "433122": (240, 270, 110, 80),  # 泸溪县, south-east
    "433123": (80, 300, 140, 80),  # 凤凰县, the south
}
FILL = {"red": "#e5484d", "orange": "#f5a524", "yellow": "#f7e36b", "": "#d9ead3"}


@dataclass
class Region:
    name: str
    x: int
    y: int
    width: int
    height: int
    fill: str
    total: int
    level: str

    @property
    def label_x(self) -> int:
        return self.x + self.width // 2

    @property
    def label_y(self) -> int:
        return self.y + self.height // 2


def map_regions(rows) -> list[Region]:
    """One block per county row (``selectors.CountyRow``) that has a place on the map."""
    out = []
    for row in rows:
        box = LAYOUT.get(row.jurisdiction.code)
        if box is not None:
            out.append(
                Region(
                    row.jurisdiction.short_name or row.jurisdiction.name,
                    *box,
                    FILL[row.level],
                    row.total,
                    row.level,
                )
            )
    return out


@dataclass
class Bar:
    label: str
    x: int
    segments: list  # (y, height, fill, count)
    total: int


def trend_bars(trend: list[dict], *, height: int = 160, width: int = 36) -> list[Bar]:
    """Stacked bars (red at the bottom) scaled to the busiest month."""
    top = max((t["red"] + t["orange"] + t["yellow"] for t in trend), default=0) or 1
    bars = []
    for i, t in enumerate(trend):
        y, segments = height, []
        for level in ("red", "orange", "yellow"):
            h = round(t[level] * height / top)
            if h:
                y -= h
                segments.append((y, h, FILL[level], t[level]))
        bars.append(
            Bar(t["month"].strftime("%y-%m"), 10 + i * (width + 8), segments, sum(s[3] for s in segments))
        )
    return bars
