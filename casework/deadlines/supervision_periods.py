"""The periods of 督办 (a higher level's supervision of a major case, statutes.md §7): both are set by the
supervision decision itself, not by a statute, and run on the supervised case whatever its type."""

from django.utils.translation import gettext_lazy as _

from .registry import DeadlineRule, Domain, Unit, register

# statutes.md §7: the supervised unit reports progress on the schedule the supervising level sets — a report
# every N working days. A missed report tells the director at once (escalate_when_overdue).
register(
    DeadlineRule(
        name="supervision.report",
        title=_("督办进展报告"),
        domain=Domain.SUPERVISION,
        period=None,
        unit=Unit.WORKING_DAYS,
        start_event=_("挂牌督办之日或上次报告之日"),
        article=_("督办决定（按期报告办理进展）"),
        citation="statutes.md §7 (督办)",
        escalate_when_overdue=True,
        note=_("每报送一次进展，下一次报告期限自报送之日重新计算。"),
    )
)

# statutes.md §7: the date by which the supervising level wants the case concluded (办结时限).
register(
    DeadlineRule(
        name="supervision.conclude",
        title=_("督办办结时限"),
        domain=Domain.SUPERVISION,
        period=None,
        unit=Unit.CALENDAR_DAYS,
        start_event=_("挂牌督办之日"),
        article=_("督办决定（办结时限）"),
        citation="statutes.md §7 (督办)",
        escalate_when_overdue=True,
    )
)
