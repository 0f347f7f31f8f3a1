"""The monthly minimum wage of each jurisdiction on a date, for any app that needs it.

The table is kept by the arbitration app (``arbitration.models.MinimumWage``: effective-dated, per county,
statutes.md §5), which registers its reader here at start-up; other apps (the construction wage monitoring in
``arrears``) read through this function and never import arbitration. With no source registered the answer is
empty and callers treat every jurisdiction as having no figure.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

_source: Callable[[date], dict[int, Decimal]] | None = None


def register_minimum_wage_source(reader: Callable[[date], dict[int, Decimal]]) -> None:
    global _source
    _source = reader


def monthly_minimum_wages(on_date: date) -> dict[int, Decimal]:
    """``{jurisdiction id: monthly minimum wage in force on on_date}`` (jurisdictions without a row left out)."""
    return dict(_source(on_date)) if _source is not None else {}
