"""The indexes a case table needs for the settlement statistics (casework.statistics.queries).

The statistics count a period's *caseload* as three disjoint index ranges (``queries.caseload_arms``):
accepted within the period, accepted before it and still open, accepted before it and closed within or after
it. Each range has an index here whose ``INCLUDE`` columns hold every column the grouped counts read, so that
PostgreSQL answers each range with an index-only scan instead of visiting the case rows (at 1M cases the rows
of a year no longer fit in memory; the index entries do). ``INCLUDE`` is PostgreSQL-only: on other databases
Django creates the same index without the included columns (``supports_covering_indexes``).
"""

from django.db import models


def settlement_indexes(
    prefix: str, *, accepted_field: str = "accepted_on", include: tuple[str, ...] = ()
) -> list[models.Index]:
    """``include``: the series' extra columns (recovered amount, workers, outcome…)."""
    columns = ("jurisdiction", "next_due", "id", *include)
    return [
        models.Index(
            fields=[accepted_field],
            include=["closed_at", *columns],
            name=f"{prefix}_stats_accepted_idx",
        ),
        models.Index(
            fields=[accepted_field],
            include=["closed_at", *columns],  # always NULL here, but read (the month closed) all the same
            condition=models.Q(**{f"{accepted_field}__isnull": False}, closed_at__isnull=True),
            name=f"{prefix}_stats_open_idx",
        ),
        models.Index(
            fields=["closed_at"],
            include=[accepted_field, *columns],
            name=f"{prefix}_stats_closed_idx",
        ),
    ]
