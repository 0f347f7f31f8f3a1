"""Reads of the proactive pages — cases always through the registry's ``visible`` selectors."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet

from casework.kernel.employer_warnings import employer_warnings
from casework.kernel.lists import CaseFilters, CaseList
from casework.kernel.registry import case_type_for, case_types
from casework.models import Jurisdiction, LinkKind
from casework.proactive.models import Draw, Grid, GridEmployer, Inspection
from casework.selectors.search import case_search
from casework.selectors.visibility import visible_to


def inspections_visible_to(user) -> QuerySet:
    return visible_to(user, Inspection.objects.all())


def _search(q: str):
    return case_search(q, contains=["number", "employer__name"], related=[])


INSPECTION_LIST = CaseList(Inspection, search=_search, related=("jurisdiction", "employer", "campaign"))


def inspection_list(user, filters: CaseFilters | None = None) -> QuerySet:
    return INSPECTION_LIST.cases(user, filters)


def grids_visible_to(user) -> QuerySet:
    qs = Grid.objects.select_related("jurisdiction").annotate(employer_count=Count("members"))
    if user.is_superuser or user.sees_all_jurisdictions:
        return qs
    return qs.filter(jurisdiction_id__in=user.jurisdiction_ids)


def draws_visible_to(user) -> QuerySet:
    """The draws a user may see: all of them at the prefecture bureau; elsewhere the draws organised in one of
    the user's counties or with a quota for one of them (a draw over several counties is seen by each)."""
    qs = Draw.objects.select_related("jurisdiction")
    if user.is_superuser or user.sees_all_jurisdictions or user.access.in_prefecture:
        return qs
    ids = user.jurisdiction_ids
    codes = list(Jurisdiction.objects.filter(pk__in=ids).values_list("code", flat=True))
    return qs.filter(Q(jurisdiction_id__in=ids) | Q(quotas__has_any_keys=codes))


def finding_cases(links) -> list[dict]:
    """The cases opened on an inspection's findings, from its links (``links_for``): type, number, page."""
    rows = []
    for link in links:
        if link.kind == LinkKind.FINDING and link.to_type_id:
            registered = case_type_for(ContentType.objects.get_for_id(link.to_type_id).model_class())
            if registered is not None:
                rows.append(
                    {
                        "type": registered.label,
                        "number": link.to_number,
                        "url": registered.detail_url(link.to_id),
                    }
                )
    return rows


def grid_page(user, grid) -> dict:
    """What the grid page shows ``user``: its employers with their risk, the open cases against them and the
    warnings the apps raised about them (``casework.kernel.employer_warnings``: construction-site wage
    warnings) — a fixed number of queries whatever the number of employers."""
    members = grid_employers(grid)
    ids = [m.employer_id for m in members]
    open_rows = open_cases_of(user, ids)
    names = {m.employer_id: m.employer.name for m in members}
    found = employer_warnings(user, ids)
    return {
        "risk": grid_risk(members, open_rows),
        "open_cases": open_rows,
        "warnings": [{"warning": w, "employer": names.get(w.employer_id, "")} for w in found.rows],
        "more_warnings": found.more,
    }


def grid_employers(grid) -> list[GridEmployer]:
    return list(grid.members.select_related("employer").order_by("employer__name", "id"))


def open_cases_of(user, employer_ids) -> list[dict]:
    """Open cases of every registered type against these employers: one query per type (the type's
    ``visible`` selector, filtered to its open states and to the employers)."""
    rows = []
    for registered in case_types():
        model = registered.model
        if not any(f.name == "employer" for f in model._meta.get_fields()):
            continue
        cases = (
            registered.visible(user)
            .filter(state__in=sorted(model.OPEN_STATES), employer_id__in=list(employer_ids))
            .select_related("employer")
            .order_by("-id")
        )
        rows.extend({"type": registered.label, "case": c, "url": registered.detail_url(c.pk)} for c in cases)
    return rows


def grid_risk(members: list[GridEmployer], open_rows: list[dict]) -> list[dict]:
    """Risk per employer: open cases against it, violations found by inspections; highest first."""
    open_count: dict[int, int] = {}
    for row in open_rows:
        open_count[row["case"].employer_id] = open_count.get(row["case"].employer_id, 0) + 1
    found = dict(
        Inspection.objects.filter(employer_id__in=[m.employer_id for m in members])
        .values("employer_id")
        .annotate(n=Count("id", filter=Q(violations_found__gt=0)))
        .values_list("employer_id", "n")
    )
    rows = [
        {
            "member": m,
            "open_cases": open_count.get(m.employer_id, 0),
            "violations": found.get(m.employer_id, 0),
        }
        for m in members
    ]
    for r in rows:
        score = 2 * r["open_cases"] + r["violations"]
        r["level"] = "高" if score >= 3 else ("中" if score else "低")
        r["score"] = score
    return sorted(rows, key=lambda r: (-r["score"], r["member"].employer.name))
