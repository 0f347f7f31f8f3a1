"""Grids: registering employers to the grid whose township or street their address names (editable by
hand), and the grid's inspectors as the default handlers of a new case about one of its employers."""

from django.core.exceptions import ValidationError
from django.db import transaction

from casework.proactive.models import Grid, GridEmployer

# Case types whose new cases default to the inspectors of the employer's grid (two-network management).
GRID_HANDLED_TYPES = frozenset({"complaint", "arrears"})


def grid_matching(employer) -> tuple[Grid | None, str]:
    """The active grid of the employer's county whose township or street the address contains (the longest
    name wins: "乾州街道" over "乾州"), with that name."""
    best, keyword = None, ""
    for grid in Grid.objects.filter(jurisdiction_id=employer.jurisdiction_id, is_active=True):
        for name in grid.township_list:
            if name in (employer.address or "") and len(name) > len(keyword):
                best, keyword = grid, name
    return best, keyword


@transaction.atomic
def grid_register_employer(
    employer, *, grid: Grid | None = None, size: str | None = None
) -> GridEmployer | None:
    """Register ``employer`` to ``grid`` (by hand), or to the grid its address matches; None if none does."""
    keyword = ""
    if grid is None:
        grid, keyword = grid_matching(employer)
        if grid is None:
            return None
    defaults = {"grid": grid, "matched_by": keyword}
    if size:
        defaults["size"] = size
    entry, _created = GridEmployer.objects.update_or_create(employer=employer, defaults=defaults)
    return entry


def grid_register_employer_by_number(*, grid: Grid, employer_id: int) -> GridEmployer:
    """Register by hand the employer numbered ``employer_id`` to ``grid``: only an employer of the grid's own
    county (``ValidationError`` on ``employer`` otherwise)."""
    from casework.models import Employer

    employer = Employer.objects.filter(pk=employer_id, jurisdiction_id=grid.jurisdiction_id).first()
    if employer is None:
        raise ValidationError({"employer": ["单位不存在或不在本网格所在县市"]})
    return grid_register_employer(employer, grid=grid)


def grid_register_county(jurisdiction) -> int:
    """Register every employer of the county not yet in a grid whose address matches one; the count."""
    from casework.models import Employer

    unregistered = Employer.objects.filter(jurisdiction=jurisdiction, grid_entry__isnull=True)
    return sum(1 for e in unregistered if grid_register_employer(e) is not None)


def grid_inspectors_for(case) -> list:
    """The default handlers of a new complaint or arrears case: the active inspectors of its employer's grid
    (``casework.kernel.handlers``)."""
    employer_id = getattr(case, "employer_id", None)
    if case.CASE_TYPE not in GRID_HANDLED_TYPES or employer_id is None:
        return []
    entry = (
        GridEmployer.objects.filter(employer_id=employer_id, grid__is_active=True)
        .select_related("grid")
        .first()
    )
    if entry is None:
        return []
    return list(entry.grid.inspectors.filter(is_active=True).order_by("id"))


def grid_inspectors_of(employer_ids) -> dict[int, set[int]]:
    """{employer id: the active inspectors of its active grid} for a set of employers, in one query: they hear
    of the warnings raised about their grid's employers (``casework.kernel.handlers.employer_watchers``)."""
    out: dict[int, set[int]] = {}
    rows = GridEmployer.objects.filter(
        employer_id__in=list(employer_ids), grid__is_active=True, grid__inspectors__is_active=True
    ).values_list("employer_id", "grid__inspectors")
    for employer_id, user_id in rows:
        out.setdefault(employer_id, set()).add(user_id)
    return out
