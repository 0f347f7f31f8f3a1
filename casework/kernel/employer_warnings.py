"""Warnings about employers raised by case-type apps (the construction sites' wage-payment warnings of
``arrears.monitoring``), read for a whole set of employers by pages that know no app: the grid page.

An app registers a selector from its ``ready``: ``register_employer_warnings(func)``, where
``func(user, employer_ids, limit)`` returns at most ``limit`` ``EmployerWarning`` rows about any of the
employers, only those ``user`` may see, the most urgent first, in ONE query whatever the number of employers
(set-based: never a query per employer). The kernel calls every registered selector and never imports the app.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# Levels the apps use (红/橙/黄 of the early-warning systems): most urgent first.
LEVEL_RANK = {"red": 3, "orange": 2, "yellow": 1}
SHOWN = 50


@dataclass(frozen=True)
class EmployerWarning:
    employer_id: int  # the employer of the set that the warning is about
    level: str  # "red" | "orange" | "yellow"
    level_label: str
    text: str  # what is wrong, without personal data beyond a masked name
    on: datetime.date  # the day it was raised
    url: str  # the page where staff handle it
    source: str = ""  # the kind of warning (工资支付预警)


@dataclass
class EmployerWarnings:
    rows: list[EmployerWarning] = field(default_factory=list)
    more: bool = False  # more warnings than shown


_SELECTORS: list[Callable[[object, list[int], int], Iterable[EmployerWarning]]] = []


def register_employer_warnings(selector: Callable) -> Callable:
    if selector not in _SELECTORS:
        _SELECTORS.append(selector)
    return selector


def _urgency(row: EmployerWarning) -> tuple:
    return (-LEVEL_RANK.get(row.level, 0), -row.on.toordinal(), row.text)


def employer_warnings(user, employer_ids, *, limit: int = SHOWN) -> EmployerWarnings:
    """The open warnings ``user`` may see about any of ``employer_ids``, most urgent first: one query per
    registered selector, none for an empty set."""
    ids = sorted({int(i) for i in employer_ids})
    if not ids:
        return EmployerWarnings()
    rows: list[EmployerWarning] = []
    for selector in _SELECTORS:
        rows.extend(selector(user, ids, limit + 1))
    rows.sort(key=_urgency)
    return EmployerWarnings(rows=rows[:limit], more=len(rows) > limit)
