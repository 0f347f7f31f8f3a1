"""Statistics of proactive enforcement: inspections by type and campaign, 主动监察覆盖率 (employers inspected /
employers registered in grids), violations found per inspection by grid and county, draws published on time.
A constant number of grouped queries, whatever the number of grids or inspections."""

from datetime import date

from django.db.models import Count, F, Q, Sum

from casework.proactive.models import Draw, GridEmployer, Inspection, InspectionKind


def _ratio(part, whole):
    return round(part / whole, 3) if whole else None


def proactive_figures(*, jurisdiction_ids, year: int) -> dict:
    """``jurisdiction_ids``: None for every county."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    inspections = Inspection.objects.filter(planned_on__range=(start, end))
    members = GridEmployer.objects.all()
    draws = Draw.objects.filter(announced_at__year=year)
    if jurisdiction_ids is not None:
        inspections = inspections.filter(jurisdiction_id__in=jurisdiction_ids)
        members = members.filter(grid__jurisdiction_id__in=jurisdiction_ids)
        draws = draws.filter(jurisdiction_id__in=jurisdiction_ids)
    kinds = dict(InspectionKind.choices)
    by_type = [
        {**row, "kind_label": kinds.get(row["kind"], row["kind"])}
        for row in inspections.values("kind", "campaign__name")
        .annotate(n=Count("id"))
        .order_by("kind", "campaign__name")
    ]
    done = inspections.filter(inspected_on__isnull=False)
    registered = dict(members.values_list("grid__jurisdiction__name").annotate(n=Count("id")))
    covered = dict(
        done.filter(employer__grid_entry__isnull=False)
        .values_list("jurisdiction__name")
        .annotate(n=Count("employer", distinct=True))
    )
    coverage = [
        {
            "county": name,
            "registered": n,
            "inspected": covered.get(name, 0),
            "rate": _ratio(covered.get(name, 0), n),
        }
        for name, n in sorted(registered.items())
    ]
    violations = lambda key: [  # noqa: E731
        {**row, "per_inspection": _ratio(row["violations"] or 0, row["inspections"])}
        for row in done.values(name=F(key))
        .annotate(inspections=Count("id"), violations=Sum("violations_found"))
        .order_by("name")
    ]
    published = draws.filter(results_published_at__isnull=False)
    return {
        "year": year,
        "by_type": by_type,
        "coverage": coverage,
        "by_county": violations("jurisdiction__name"),
        "by_grid": violations("grid__name"),
        "draws": {
            "total": draws.count(),
            "published": published.count(),
            "on_time": published.filter(Q(results_published_at__date__lte=F("publish_due"))).count(),
        },
    }
