"""The arbitration case's vocabulary and preconditions: states, channels, procedures, outcomes, the
materials an application may lack, and the conditions its transitions check (each with the reason shown
when it is not met). The model and its transitions are in ``arbitration.models.arbitration``.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.permissions import condition


class ArbitrationState(models.TextChoices):
    APPLIED = "applied", _("已申请")
    MATERIALS_REQUESTED = "materials_requested", _("待补正")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    ACCEPTED = "accepted", _("已受理")
    SERVED = "served", _("已送达")
    TRIBUNAL_FORMED = "tribunal_formed", _("已组庭")
    HEARING_SCHEDULED = "hearing_scheduled", _("已排期开庭")
    HEARD = "heard", _("已开庭")
    SUSPENDED = "suspended", _("中止审理")
    MEDIATED = "mediated", _("已出具调解书")
    AWARDED = "awarded", _("已裁决")
    CLOSED = "closed", _("已结案")
    WITHDRAWN = "withdrawn", _("已撤回")
    CANCELLED = "cancelled", _("已撤销")
    TERMINATED = "terminated", _("终止审理")
    ARCHIVED = "archived", _("已归档")


S = ArbitrationState
# From acceptance until the decision: the 45-day clock runs (unless suspended).
IN_PROCEEDINGS = [S.ACCEPTED, S.SERVED, S.TRIBUNAL_FORMED, S.HEARING_SCHEDULED, S.HEARD]
OPEN_ARBITRATION_STATES = frozenset(
    {S.APPLIED, S.MATERIALS_REQUESTED, *IN_PROCEEDINGS, S.SUSPENDED, S.MEDIATED, S.AWARDED}
)
ENDED_STATES = [S.CLOSED, S.NOT_ACCEPTED, S.WITHDRAWN, S.CANCELLED, S.TERMINATED]


class ArbitrationChannel(models.TextChoices):
    WINDOW = "window", _("窗口申请")
    GREEN_CHANNEL = "green_channel", _("绿色通道网上申请")
    MEDIATION = "mediation", _("调解不成转入")
    MAIL = "mail", _("邮寄申请")
    ORAL = "oral", _("口头申请（记入笔录）")


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", _("普通程序")
    SIMPLIFIED = "simplified", _("简易程序")


class ArbitrationOutcome(models.TextChoices):
    AWARD = "award", _("裁决")
    MEDIATION = "mediation", _("调解")
    WITHDRAWN = "withdrawn", _("撤回申请")
    DEEMED_WITHDRAWN = "deemed_withdrawn", _("视为撤回")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    CANCELLED = "cancelled", _("撤销案件")
    TERMINATED = "terminated", _("终止审理")


class TerminationReason(models.TextChoices):
    OVERDUE_LAWSUIT = "overdue_lawsuit", _("逾期未作出裁决，当事人向人民法院起诉（办案规则第四十八条）")
    NO_SUCCESSOR = "no_successor", _("申请人死亡或终止，无继承人或放弃权利")
    OTHER = "other", _("其他法定情形")


# Materials an application may lack (ARB-RULES Art 29: tell the applicant all of them at once).
MATERIALS = [
    ("application", _("仲裁申请书（按被申请人人数提交副本）")),
    ("applicant_identity", _("申请人身份证明")),
    ("respondent_details", _("被申请人名称、住所、法定代表人及统一社会信用代码")),
    ("claims", _("明确的仲裁请求及所根据的事实、理由")),
    ("evidence", _("证据及证据来源、证人姓名和住所")),
    ("power_of_attorney", _("委托代理人的授权委托书")),
    ("representatives", _("集体争议推举代表人的证明材料")),
]
MATERIAL_LABELS = dict(MATERIALS)


# --- preconditions (each carries the reason shown when it is not met) --------------------------------
@condition(_("申请材料不齐备：须有申请人、明确的被申请人和至少一项仲裁请求（办案规则第二十九条）"))
def materials_complete(case) -> bool:
    return not case.missing_by_system()


@condition(_("集体争议或复杂案件不适用简易程序，应由三名仲裁员组成仲裁庭（办案规则第五条、第五十六条）"))
def procedure_fits_case(case) -> bool:
    return case.procedure == Procedure.ORDINARY or not (case.collective or case.complex)


@condition(_("仲裁申请书副本尚未送达被申请人"))
def application_served(case) -> bool:
    return case.served_on is not None


@condition(_("仲裁申请书副本已经送达"))
def not_yet_served(case) -> bool:
    return case.served_on is None


@condition(_("已记录答辩书"))
def defence_not_recorded(case) -> bool:
    return case.served_on is not None and case.defence_received_on is None


@condition(_("尚未收到答辩书，或答辩书副本已送达申请人"))
def defence_copy_pending(case) -> bool:
    return case.defence_received_on is not None and case.defence_copy_sent_on is None


@condition(_("开庭日期尚未到来"))
def hearing_day_reached(case) -> bool:
    hearing = case.current_hearing()
    return hearing is not None and timezone.localtime(hearing.scheduled_at).date() <= timezone.localdate()


@condition(_("审理期限已延长过一次（调解仲裁法第四十三条：延长期限不得超过十五日）"))
def not_yet_extended(case) -> bool:
    return not case.extended


@condition(_("没有待裁决的请求事项"))
def has_undecided_claims(case) -> bool:
    return case.claims.filter(decision="").exists()
