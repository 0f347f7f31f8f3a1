"""The types of the deadline registry (a ``DeadlineRule``, its unit, direction and domain) and the registry
itself; the rules are written down in the ``*_periods`` modules and read through ``casework.deadlines.rules``."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from casework.roles import Role


class Unit:
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    YEARS = "years"

    LABELS = {WORKING_DAYS: _("个工作日"), CALENDAR_DAYS: _("日（自然日）"), YEARS: _("年")}


class Direction:
    FORWARD = "forward"  # the due date is after the start event
    BACKWARD = "backward"  # the latest date before a fixed event (e.g. the hearing)


class Domain:
    INSPECTION = "inspection"
    ARBITRATION = "arbitration"
    MEDIATION = "mediation"
    ARREARS = "arrears"
    CLUES = "clues"
    SUPERVISION = "supervision"

    LABELS = {
        INSPECTION: _("劳动保障监察"),
        ARBITRATION: _("劳动人事争议仲裁"),
        MEDIATION: _("劳动争议调解"),
        ARREARS: _("欠薪治理"),
        CLUES: _("线索答复"),
        SUPERVISION: _("督办"),
    }


@dataclass(frozen=True)
class Event:
    """A named event that restarts a period (``code`` is what a stored deadline records)."""

    code: str
    label: str


@dataclass(frozen=True)
class DeadlineRule:
    name: str  # e.g. "arbitration.award"
    title: str  # Chinese, e.g. "仲裁审理期限"
    domain: str
    period: int | None  # None: fixed by the document that starts it (an order's "X日内")
    unit: str
    start_event: str  # what starts the count (or, backwards, the event counted back from)
    article: str  # the citation shown to staff, in Chinese
    citation: str  # the same, abbreviated as in statutes.md (for code and logs)
    direction: str = Direction.FORWARD
    extension_period: int = 0  # added per approved extension, in ``unit``
    max_extensions: int = 0
    extension_approver: str = ""  # a casework.roles.Role value
    paused_by_suspension: bool = False  # days of suspension (中止) are not counted
    pause_note: str = ""
    restart_events: tuple[Event, ...] = ()  # the period starts again from the event's date
    wage_arrears_exception: bool = False  # LDMAL Art 27: no limitation while employment lasts
    runs_after_closing: bool = False  # still alerts when the case is closed (a duty that follows the closing)
    # The alert sweep tells the director as soon as the deadline is overdue (a missed 督办 report), not only
    # once it is ``ALERT_ESCALATE_WORKING_DAYS`` overdue (casework.services.alert_audiences).
    escalate_when_overdue: bool = False
    note: str = ""

    @property
    def unit_label(self) -> str:
        return str(Unit.LABELS[self.unit])

    @property
    def domain_label(self) -> str:
        return str(Domain.LABELS[self.domain])

    @property
    def period_label(self) -> str:
        if self.period is None:
            return str(_("由文书确定"))
        if self.direction == Direction.BACKWARD:
            return str(_("提前%(n)s%(unit)s")) % {"n": self.period, "unit": self.unit_label}
        return f"{self.period}{self.unit_label}"

    @property
    def extension_approver_label(self) -> str:
        return Role(self.extension_approver).label if self.extension_approver else ""

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "title": str(self.title),
            "domain": self.domain,
            "domain_label": self.domain_label,
            "period": self.period,
            "unit": self.unit,
            "unit_label": self.unit_label,
            "direction": self.direction,
            "start_event": str(self.start_event),
            "article": str(self.article),
            "citation": self.citation,
            "extension_period": self.extension_period,
            "max_extensions": self.max_extensions,
            "extension_approver": self.extension_approver or None,
            "extension_approver_label": self.extension_approver_label or None,
            "paused_by_suspension": self.paused_by_suspension,
            "pause_note": str(self.pause_note),
            "restart_events": [{"code": e.code, "label": str(e.label)} for e in self.restart_events],
            "wage_arrears_exception": self.wage_arrears_exception,
            "runs_after_closing": self.runs_after_closing,
            "note": str(self.note),
        }


RULES: dict[str, DeadlineRule] = {}


def register(rule: DeadlineRule) -> DeadlineRule:
    if rule.name in RULES:
        raise ValueError(f"duplicate deadline rule {rule.name}")
    RULES[rule.name] = rule
    return rule


def get_rule(name: str) -> DeadlineRule:
    """The rule called ``name``; raises ``KeyError`` for an unknown name."""
    return RULES[name]


def all_rules() -> list[DeadlineRule]:
    return list(RULES.values())
