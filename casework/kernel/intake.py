"""A case opened from something another part of the system holds — a clue (线索), an inspection's finding
(检查发现) — without that part knowing the case type.

A case type that can be opened this way registers ``open_from_intake=(label, opener)`` in its ``CaseType``;
``opener(actor=..., intake=CaseIntake(...))`` registers the case with the type's own service (its own
permission check, validation and log entry) and returns it. The source offers every registered opener
(``openers()``, ``opener_choices()``) and opens through ``open_case_from`` — it never imports a case app, and
the case apps never import the source.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

from casework.kernel.registry import CaseType, case_types


@dataclass(frozen=True)
class CaseIntake:
    """What the source says, as a case type's opener reads it."""

    jurisdiction: object  # casework.models.Jurisdiction
    source: str  # "clue", "inspection" …
    source_label: str  # how the new case's facts name its source, e.g. "12333热线线索", "主动监察检查发现"
    number: str  # the source's number, recorded in the new case's facts and first log entry
    received_on: date
    facts: str
    channel: str = ""  # the clue's channel (casework.clues.channels), or the source itself
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
    violation_types: tuple[str, ...] = ()  # casework.inspection ViolationType values, when the source knows
    green_channel: bool = False

    @property
    def sourced_facts(self) -> str:
        """The facts with their source named, as the opened case records them."""
        return f"{self.facts}\n（{self.source_label} {self.number}）"


def openers() -> dict[str, CaseType]:
    """The case types that can be opened from an intake, by code."""
    return {t.code: t for t in case_types() if t.open_from_intake is not None}


def opener_choices() -> list[tuple[str, str]]:
    return [(code, str(t.open_from_intake[0])) for code, t in openers().items()]


def open_case_from(kind: str, *, actor, intake: CaseIntake):
    """Open a case of type ``kind`` (one of ``openers()``) from ``intake`` by the type's own opener."""
    registered = openers().get(kind or "")
    if registered is None:
        raise ValidationError({"kind": ["请从可选项中选择立案办理的案件类型"]})
    return registered.open_from_intake[1](actor=actor, intake=intake)
