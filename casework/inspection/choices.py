"""The complaint's fixed lists: kind, intake channel, violation types, closing outcome codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplaintKind(models.TextChoices):
    COMPLAINT = "complaint", _("投诉")
    REPORT = "report", _("举报")


class IntakeChannel(models.TextChoices):
    WINDOW = "window", _("窗口登记")
    GREEN_CHANNEL = "green_channel", _("绿色通道网上投诉")
    HOTLINE = "hotline_12333", _("12333热线转办")
    LETTER = "letter", _("信件")
    INSPECTOR = "inspector", _("监察员现场受理")


class ViolationType(models.TextChoices):
    WAGE_ARREARS = "wage_arrears", _("拖欠工资")
    NO_CONTRACT = "no_contract", _("未签订书面劳动合同")
    EXCESS_OVERTIME = "excess_overtime", _("违法延长工作时间")
    SOCIAL_INSURANCE = "social_insurance", _("未依法缴纳社会保险")
    CHILD_LABOUR = "child_labour", _("使用童工")
    MINIMUM_WAGE = "minimum_wage", _("低于最低工资标准")
    FEMALE_PROTECTION = "female_protection", _("违反女职工特殊保护")
    OTHER = "other", _("其他")


class Outcome(models.TextChoices):
    """Closing outcome codes: the statistics count from these."""

    VIOLATION_CORRECTED = "violation_corrected", _("违法行为已纠正")
    ARREARS_RECOVERED = "arrears_recovered", _("追回拖欠工资")
    PENALTY_IMPOSED = "penalty_imposed", _("已作出行政处罚")
    HANDLING_DECISION = "handling_decision", _("已作出行政处理决定")
    POLICE_TRANSFERRED = "police_transferred", _("移送公安机关")
    NO_VIOLATION = "no_violation", _("查无违法事实")
    WITHDRAWN = "withdrawn", _("撤销立案/撤回投诉")
    OUTSIDE_JURISDICTION = "outside_jurisdiction", _("不属本机关管辖")
    TRANSFERRED_AUTHORITY = "transferred_authority", _("移送其他部门")
