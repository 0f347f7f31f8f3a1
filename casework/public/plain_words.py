"""Plain words for the deadlines a worker sees on the progress page, by deadline rule (casework.deadlines).

Every case type shares these, so a case app that registers itself for the public lookup gets readable
deadlines without more work. Rules that are a party's own time limit, not the bureau's, are not shown as
"the next step".
"""

from django.utils.translation import gettext_lazy as _

DEADLINE_TEXT = {
    "inspection.accept": _("决定是否受理"),
    "inspection.investigate": _("调查处理"),
    "inspection.penalty_decide": _("作出处理决定"),
    "inspection.penalty_serve": _("送达处理决定"),
    "inspection.rectification": _("用人单位改正（支付工资）"),
    "arrears.payment_order": _("用人单位支付工资"),
    "police_transfer.decide": _("决定是否移送公安机关"),
    "arbitration.accept": _("决定是否受理仲裁申请"),
    "arbitration.serve": _("把申请书副本送给用人单位"),
    "arbitration.defence": _("用人单位提交答辩书"),
    "arbitration.defence_copy": _("把答辩书副本送给您"),
    "arbitration.tribunal": _("组成仲裁庭"),
    "arbitration.hearing_notice": _("通知开庭时间"),
    "arbitration.award": _("作出仲裁裁决"),
    "mediation.settle": _("调解"),
}

# A party's own time limits (limitation periods, a postponement request): not the bureau's next step. Nor the
# bureau's internal 督办 schedule (casework.supervision).
HIDDEN_RULES = frozenset(
    {
        "inspection.limitation",
        "arbitration.limitation",
        "arbitration.postpone_request",
        "supervision.report",
        "supervision.conclude",
    }
)


def deadline_text(deadline) -> str:
    return str(DEADLINE_TEXT.get(deadline.rule, _("办理期限")))
