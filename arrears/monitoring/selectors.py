"""Reading warnings and monitoring figures, each a fixed number of queries whatever the number of rows.

Visibility: a warning carries its project's jurisdiction; staff see their own jurisdictions' warnings, the
prefecture-wide roles (director, auditor) all of them (``casework.selectors.visibility.visible_to``).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from arrears.models import (
    Attendance,
    ConstructionProject,
    LabourCostTransfer,
    ProjectSubcontractor,
    RosterWorker,
    WagePayment,
    WageWarning,
    WarningLevel,
    WarningState,
)
from arrears.selectors.risk import projects_visible_to
from casework.kernel.employer_warnings import EmployerWarning
from casework.masking import mask_name
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


# --- warnings about employers (the grid page, ``casework.kernel.employer_warnings``) -------------------------
# A warning is shown against the first party of the set it names: the worker's own employer, the subcontractors,
# the main contractor (answerable for a subcontractor's arrears, MWWR Art 30), the developer (Art 29).


def _urgency():
    return Case(
        *(When(level=level, then=Value(rank)) for rank, level in enumerate(LEVELS)),
        default=Value(len(LEVELS)),
        output_field=IntegerField(),
    )


def warnings_of_employers(user, employer_ids: list[int], limit: int) -> list[EmployerWarning]:
    """The open warnings ``user`` may see of the projects where any of ``employer_ids`` is a party (developer,
    main contractor, subcontractor, another subcontract) or employs the worker: one query, most urgent first."""
    ids = list(employer_ids)
    other_subcontract = ProjectSubcontractor.objects.filter(
        employer_id__in=ids, project_id=OuterRef("project_id")
    )
    rows = (
        warnings_visible_to(user)
        .filter(state=WarningState.OPEN)
        .filter(
            Q(worker__employer_id__in=ids)
            | Q(project__subcontractor_id__in=ids)
            | Q(project__main_contractor_id__in=ids)
            | Q(project__developer_id__in=ids)
            | Q(project_id__in=ProjectSubcontractor.objects.filter(employer_id__in=ids).values("project_id"))
        )
        .annotate(
            urgency=_urgency(), subcontract_employer=Subquery(other_subcontract.values("employer_id")[:1])
        )
        .select_related("project", "rule", "worker__person")
        .order_by("urgency", "-created_at", "-id")[:limit]
    )
    wanted = set(ids)
    out = []
    for w in rows:
        party = next(
            (
                e
                for e in (
                    w.worker.employer_id if w.worker_id else None,
                    w.project.subcontractor_id,
                    w.subcontract_employer,
                    w.project.main_contractor_id,
                    w.project.developer_id,
                )
                if e in wanted
            ),
            None,
        )
        worker = f"（{_('工人')}{mask_name(w.worker.person.name)}）" if w.worker_id else ""
        out.append(
            EmployerWarning(
                employer_id=party,
                level=w.level,
                level_label=w.get_level_display(),
                text=f"{w.project.name} {w.month:%Y-%m} {w.rule.name}{worker}",
                on=timezone.localdate(w.created_at),
                url=reverse("arrears:project-monitoring", args=[w.project_id]),
                source=_("工资支付预警"),
            )
        )
    return out


def parties_of_projects(project_ids) -> dict[int, set[int]]:
    """{project id: the employers that are its developer, main contractor or subcontractors} (two queries)."""
    out: dict[int, set[int]] = {}
    rows = ConstructionProject.objects.filter(pk__in=list(project_ids)).values_list(
        "pk", "developer_id", "main_contractor_id", "subcontractor_id"
    )
    for pk, *parties in rows:
        out[pk] = {e for e in parties if e}
    for pk, employer_id in ProjectSubcontractor.objects.filter(project_id__in=list(project_ids)).values_list(
        "project_id", "employer_id"
    ):
        out.setdefault(pk, set()).add(employer_id)
    return out
