"""A clue (线索) opened as a case of another type, without the clue app knowing that type.

A case type that can be opened from a clue registers ``open_from_clue=(label, opener)`` in its ``CaseType``;
``opener(actor=..., intake=ClueIntake(...))`` registers the case with the type's own service (its own
permission check, validation and log entry) and returns it. The clue app offers every registered opener when a
clue is triaged (``openers()``) and never imports a case app; the case apps never import the clue app.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from casework.kernel.registry import CaseType, case_types


@dataclass(frozen=True)
class ClueIntake:
    """What a clue says, as a case type's opener reads it."""

    jurisdiction: object  # casework.models.Jurisdiction
    number: str  # the clue's number, recorded in the new case's first log entry
    channel_label: str
    received_on: date
    facts: str
    reporter_name: str = ""
    reporter_id_number: str = ""
    reporter_phone: str = ""
    employer: object | None = None  # casework.models.Employer, when identified
    employer_name: str = ""
    project_name: str = ""
    workplace: str = ""
    amount: Decimal | None = None
    workers: int = 1
    period_from: date | None = None
    period_to: date | None = None
    green_channel: bool = False
    extra: dict = field(default_factory=dict)


def openers() -> dict[str, CaseType]:
    """The case types a clue can be opened as, by code."""
    return {t.code: t for t in case_types() if t.open_from_clue is not None}


def opener_choices() -> list[tuple[str, str]]:
    return [(code, str(t.open_from_clue[0])) for code, t in openers().items()]
