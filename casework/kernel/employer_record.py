"""The employer's whole record (用人单位档案): the sections case-type apps add to it.

The kernel reads every registered case type's cases against the employer itself (``CaseType.employer_attr``,
each type's ``visible`` selector). Anything else the record shows — construction projects, arrears outstanding,
penalties, the blacklist, monitoring warnings — lives in a case-type app, which registers a section here from
its ``ready``; the kernel calls ``read(user, employer)`` and never imports the app. A section reads only what
``user`` may see, in a fixed number of queries whatever the number of rows, and masks workers' personal data.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass
class Cell:
    text: str
    url: str = ""


@dataclass
class SectionData:
    """What one section shows: a few figures (label, value) and a table (headers, rows of ``Cell``/str)."""

    figures: list[tuple[str, str]] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    more: int = 0  # rows left off the table


@dataclass(frozen=True)
class RecordSection:
    key: str
    title: str
    read: Callable[[Any, Any], SectionData]  # (user, employer) → SectionData
    order: int = 100


def yuan(amount) -> str:
    """A sum of money as the record shows it: yuan with two decimals (a database sum may come back bare)."""
    return f"{Decimal(amount or 0):.2f}"


_SECTIONS: dict[str, RecordSection] = {}


def register_record_section(section: RecordSection) -> RecordSection:
    """Add a section to every employer's record (idempotent per key)."""
    _SECTIONS.setdefault(section.key, section)
    return _SECTIONS[section.key]


def record_sections() -> list[RecordSection]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))
