"""The registry of statutory deadlines: every period the system tracks, with the article it comes from.

This module is the one place a statutory period is written down (style.md). Everything else — the
calculator page, the API, the stored deadlines on cases, escalation — reads it from here.

Units (statutes.md §1, ARB-RULES Art 80): in arbitration, periods of 3, 5 and 10 days are **working days**,
15 and 45 days **calendar days**. Calendar-day and year periods exclude the start day and end on the first
working day after the last day when that is a rest day (民事诉讼法 Art 85; 民法典 Arts 201–203).
Working-day periods count make-up workdays and skip holidays (see ``casework.calendar.workdays``).

The types and the registry are in ``casework.deadlines.registry``; the rules themselves, by domain, in
``inspection_periods``, ``dispute_periods`` (arbitration, mediation), ``arrears_periods`` and
``clue_periods`` (the reply deadlines of clues, per channel) and ``supervision_periods`` (督办 of a case of any
type), registered on
import of this module in that order.
"""

from importlib import import_module

from .registry import (  # noqa: F401  (the registry's API)
    RULES,
    DeadlineRule,
    Direction,
    Domain,
    Event,
    Unit,
    all_rules,
    get_rule,
    register,
)

for _periods in (
    "inspection_periods",
    "dispute_periods",
    "arrears_periods",
    "clue_periods",
    "supervision_periods",
):  # the registry's order
    import_module(f"{__package__}.{_periods}")
