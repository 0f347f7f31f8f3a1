"""The mechanics of the official statistical returns: a return is a table, one row per reporting area
(管辖区域, column 甲) and a total row (合计); numbered columns, each one ``Column`` — a condition on the cases
of one series (``casework.statistics.registry``: pending at the start / accepted / closed / pending at the
end of the period, as the settlement figures define them, narrowed by a ``Q``) and a measure (a count of
cases, a sum of a field, a count or sum over a relation). The same definition gives the figure
(``compute``) and the cases behind it (``cell_queryset``, the drill-down), so a cell's list always holds
exactly the cases it counted.

The layouts themselves (人社统MA1, MA2, the labour-inspection return), their sources and what of them could
not be verified: ``casework.statistics.return_layouts``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from .conditions import FigureConditions, base_queryset
from .periods import Period
from .registry import CaseSeries, get_series

UNVERIFIED = _("本表式样按已公开的指标解释和统计年鉴口径编制，现行正式表式未能核实（列号为本系统编号）。")


@dataclass(frozen=True)
class Column:
    """One numbered column: ``measure`` over the ``series`` cases meeting ``base`` (a settlement figure's
    condition) and ``where``.

    ``measure``: ``"count"`` (cases), ``"sum:<field>"`` (a field of the case or, with ``__``, of a
    related row), ``"count:<relation>"`` (related rows, e.g. the applicants)."""

    no: int
    label: str
    series: str
    base: str
    definition: str
    where: Q | None = None
    measure: str = "count"
    group: str = ""

    money: bool = False  # a sum of yuan (Decimal), else a whole number

    @property
    def unit(self) -> str:
        if self.money:
            return "元"
        return "件" if self.measure == "count" else "人"

    @property
    def relation(self) -> str | None:
        """The relation a measure joins (each such column is queried on its own: no fan-out)."""
        kind, _sep, target = self.measure.partition(":")
        if kind == "count" and target:
            return target
        if kind == "sum" and "__" in target:
            return target
        return None

    def aggregate(self, condition: Q):
        kind, _sep, target = self.measure.partition(":")
        if kind == "count":
            return Count(target or "pk", filter=condition)
        return Sum(target, filter=condition)


@dataclass(frozen=True)
class OfficialReturn:
    code: str
    form_no: str
    title: str
    columns: tuple[Column, ...]
    note: str = ""
    unverified: bool = True

    def column(self, no: int) -> Column:
        for column in self.columns:
            if column.no == no:
                return column
        raise KeyError(no)

    @property
    def groups(self) -> list[tuple[str, int]]:
        """Header groups over consecutive columns: (label, span)."""
        out: list[tuple[str, int]] = []
        for column in self.columns:
            if out and out[-1][0] == column.group:
                out[-1] = (column.group, out[-1][1] + 1)
            else:
                out.append((column.group, 1))
        return out


# --- figures and drill-down -------------------------------------------------------------------------------
def _condition(series: CaseSeries, column: Column, conditions: FigureConditions) -> Q:
    return conditions.condition(column.base) & (column.where or Q())


def cell_queryset(column: Column, period: Period, *, today: date, jurisdiction_ids=None) -> QuerySet:
    """The cases behind one cell (the caller applies ``visible_to``)."""
    series = get_series(column.series)
    conditions = FigureConditions(series, period, today=today)
    return (
        base_queryset(series, jurisdiction_ids)
        .filter(conditions.caseload)
        .filter(_condition(series, column, conditions))
    )


@dataclass
class ReturnTable:
    spec: OfficialReturn
    period: Period
    rows: list[tuple[object, dict[int, object]]] = field(default_factory=list)  # (jurisdiction, {no: value})
    total: dict[int, object] = field(default_factory=dict)


def _zero(column: Column):
    return Decimal("0.00") if column.money else 0


def _clean(column: Column, value):
    if value is None:
        return _zero(column)
    if column.money:
        return Decimal(value).quantize(Decimal("0.01"))
    return int(value)


def compute(spec: OfficialReturn, period: Period, *, today: date, jurisdictions) -> ReturnTable:
    """Every cell of ``spec`` for ``jurisdictions`` (rows, in their order) and the total row. One grouped
    query per series for its plain columns, one per column that joins a relation: a constant number."""
    ids = [j.pk for j in jurisdictions]
    values: dict[int, dict[int, object]] = defaultdict(dict)
    batches: dict[tuple[str, str | None], list[Column]] = defaultdict(list)
    for column in spec.columns:
        batches[(column.series, column.relation)].append(column)
    for (series_code, _relation), columns in batches.items():
        series = get_series(series_code)
        conditions = FigureConditions(series, period, today=today)
        aggs = {f"c{c.no}": c.aggregate(_condition(series, c, conditions)) for c in columns}
        rows = (
            base_queryset(series, ids)
            .filter(conditions.caseload)
            .order_by()
            .values("jurisdiction_id")
            .annotate(**aggs)
        )
        for row in rows:
            for column in columns:
                values[row["jurisdiction_id"]][column.no] = row[f"c{column.no}"]
    table = ReturnTable(spec, period)
    for jurisdiction in jurisdictions:
        found = values.get(jurisdiction.pk, {})
        table.rows.append((jurisdiction, {c.no: _clean(c, found.get(c.no)) for c in spec.columns}))
    table.total = {c.no: sum((cells[c.no] for _j, cells in table.rows), _zero(c)) for c in spec.columns}
    return table
