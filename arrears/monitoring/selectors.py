"""Reading warnings and monitoring figures, each a fixed number of queries whatever the number of rows.

Visibility: a warning carries its project's jurisdiction; staff see their own jurisdictions' warnings, the
prefecture-wide roles (director, auditor) all of them (``casework.selectors.visibility.visible_to``).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from arrears.models import (
    Attendance,
    ConstructionProject,
    LabourCostTransfer,
    RosterWorker,
    WagePayment,
    WageWarning,
    WarningLevel,
    WarningState,
)
from arrears.selectors.risk import projects_visible_to
from casework.models import Jurisdiction
from casework.selectors.visibility import visible_to

LEVELS = [WarningLevel.RED, WarningLevel.ORANGE, WarningLevel.YELLOW]


def warnings_visible_to(user) -> QuerySet[WageWarning]:
    return visible_to(user, WageWarning.objects.all())


def warning_list(user, *, level: str = "", state: str = "", rule: str = "", q: str = "", project=None):
    qs = warnings_visible_to(user).select_related("project", "rule", "worker__person", "jurisdiction", "case")
    if level:
        qs = qs.filter(level=level)
    if state:
        qs = qs.filter(state=state)
    if rule:
        qs = qs.filter(rule__code=rule)
    if project is not None:
        qs = qs.filter(project=project)
    if q:
        qs = qs.filter(project__name__icontains=q.strip())
    return qs.order_by("-month", "state", "project_id", "rule__sort_order", "id")


def _level_counts(prefix: str = "") -> dict:
    open_ = Q(**{f"{prefix}state": WarningState.OPEN})
    return {
        level.value: Count(f"{prefix}pk" if prefix else "pk", filter=open_ & Q(**{f"{prefix}level": level}))
        for level in LEVELS
    }


@dataclass
class CountyRow:
    jurisdiction: Jurisdiction
    red: int = 0
    orange: int = 0
    yellow: int = 0
    projects: int = 0

    @property
    def total(self) -> int:
        return self.red + self.orange + self.yellow

    @property
    def level(self) -> str:
        return next((lv for lv in ("red", "orange", "yellow") if getattr(self, lv)), "")


def county_heat(user) -> list[CountyRow]:
    """Open warnings per county/city and the zone, by level (two queries: the units, the counts)."""
    units = Jurisdiction.objects.filter(is_active=True).exclude(level=Jurisdiction.Level.PREFECTURE)
    if not user.sees_all_jurisdictions:
        units = units.filter(pk__in=user.jurisdiction_ids)
    rows = {j.pk: CountyRow(j) for j in units.order_by("sort_order", "code")}
    counts = (
        warnings_visible_to(user)
        .filter(state=WarningState.OPEN)
        .order_by()
        .values("jurisdiction_id")
        .annotate(**_level_counts(), projects=Count("project_id", distinct=True))
    )
    for c in counts:
        row = rows.get(c["jurisdiction_id"])
        if row is not None:
            row.red, row.orange, row.yellow, row.projects = c["red"], c["orange"], c["yellow"], c["projects"]
    return list(rows.values())


def monthly_trend(user, *, months: int = 12, today: datetime.date | None = None) -> list[dict]:
    """Warnings raised per month by level for the last ``months`` months (one query), oldest first."""
    today = today or datetime.date.today()
    first = today.replace(day=1)
    starts = []
    for _i in range(months):
        starts.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    starts.reverse()
    counts = (
        warnings_visible_to(user)
        .filter(month__gte=starts[0])
        .order_by()
        .values("month", "level")
        .annotate(n=Count("pk"))
    )
    by = {(c["month"], c["level"]): c["n"] for c in counts}
    return [{"month": m, **{lv.value: by.get((m, lv.value), 0) for lv in LEVELS}} for m in starts]


def projects_by_level(user, *, jurisdiction=None) -> QuerySet[ConstructionProject]:
    """Projects with open warnings, most red first (one query per page, plus the count)."""
    qs = projects_visible_to(user).annotate(**_level_counts("warnings__"))
    if jurisdiction is not None:
        qs = qs.filter(jurisdiction=jurisdiction)
    return (
        qs.filter(Q(red__gt=0) | Q(orange__gt=0) | Q(yellow__gt=0))
        .select_related("jurisdiction", "main_contractor")
        .order_by("-red", "-orange", "-yellow", "id")
    )


def month_figures(project, months: list[datetime.date]) -> list[dict]:
    """Per month: workers attending, paid, pay total, labour-cost transfers (four grouped queries)."""

    def grouped(qs, **agg):
        return {r["month"]: r for r in qs.filter(month__in=months).order_by().values("month").annotate(**agg)}

    attended = grouped(Attendance.objects.filter(project=project, days__gt=0), n=Count("pk"))
    paid = grouped(WagePayment.objects.filter(project=project), n=Count("pk"), s=Sum("amount"))
    transfers = grouped(LabourCostTransfer.objects.filter(project=project), s=Sum("amount"))
    return [
        {
            "month": m,
            "attended": attended.get(m, {}).get("n", 0),
            "paid": paid.get(m, {}).get("n", 0),
            "paid_sum": paid.get(m, {}).get("s"),
            "transferred": transfers.get(m, {}).get("s"),
        }
        for m in months
    ]


def roster_of(project) -> QuerySet[RosterWorker]:
    return RosterWorker.objects.filter(project=project).select_related("person", "employer").order_by("id")
