"""Preconditions of the penalty and handling decisions, each with the reason shown when it is not met (409).

- the prior notice and the decisions state findings drawn from the investigation's records (LIR Art 19;
  APL 2021 Art 44: the facts, reasons and basis), never the complainant's request;
- a penalty is decided only once the party's statement and defence are heard or their periods have lapsed,
  and, if a hearing was requested, once it was held and the presiding officer reported (APL 2021 Arts 44–45,
  62, 64–65).
"""

from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.permissions import condition


def _procedure(case):
    from casework.inspection.procedure_models import PenaltyProcedure

    return PenaltyProcedure.objects.filter(complaint_id=case.pk).first()


@condition(_("尚未记录依据调查记录认定的违法事实和法律依据（不得以投诉请求代替调查认定）"))
def findings_recorded(case) -> bool:
    from casework.inspection.procedure_models import Findings

    return Findings.objects.filter(complaint_id=case.pk).exists()


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def defence_open_reason(procedure, today: date) -> str:
    """Why the penalty cannot be decided yet ("" when it can)."""
    if procedure is None:
        return "尚未送达行政处罚事先告知书（行政处罚法第四十四条）"
    if procedure.hearing_requested:
        if not procedure.hearing_concluded:
            return (
                "当事人已申请听证，听证结束并提交听证报告后方可作出决定（行政处罚法第六十四条、第六十五条）"
            )
        return ""
    if procedure.statement_on is not None:  # the party stated its case and asked for no hearing
        return ""
    if today <= procedure.statement_due:
        return (
            f"陈述申辩期限至{_cn(procedure.statement_due)}届满，期间不得作出处罚决定（行政处罚法第四十五条）"
        )
    if procedure.hearing_right and today <= procedure.hearing_request_due:
        return f"申请听证期限至{_cn(procedure.hearing_request_due)}届满，期间不得作出处罚决定（行政处罚法第六十四条）"
    return ""


@condition(
    _("陈述申辩或申请听证期限尚未届满，或听证尚未结束（行政处罚法第四十四条、第四十五条、第六十四条）")
)
def defence_concluded(case) -> bool:
    return not defence_open_reason(_procedure(case), timezone.localdate())


def hearing_threshold_on(party_kind: str, on: date) -> Decimal | None:
    """The 较大数额罚款 amount (APL 2021 Art 63) in force on ``on``; None when no row covers the date."""
    from casework.inspection.procedure_models import HearingThreshold

    row = (
        HearingThreshold.objects.filter(party_kind=party_kind, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    return row.amount if row else None
