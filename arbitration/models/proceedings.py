"""What happens inside a case: the tribunal, hearings, suspensions and mediation sessions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models.fields import actor_field


class TribunalMember(models.Model):
    """An arbitrator on a case's tribunal (仲裁庭). Membership is what grants the arbitrator the case
    (django-guardian object permissions, arbitration.services.tribunal)."""

    class Role(models.TextChoices):
        SOLE = "sole", _("独任仲裁员")
        PRESIDING = "presiding", _("首席仲裁员")
        MEMBER = "member", _("仲裁员")

    case = models.ForeignKey(
        "arbitration.ArbitrationCase", verbose_name=_("仲裁案件"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("仲裁员"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("庭内职务"), max_length=10, choices=Role.choices)
    appointed_on = models.DateField(_("指定日期"))

    class Meta:
        ordering = ["role", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="unique_tribunal_member")]
        verbose_name = _("仲裁庭组成人员")
        verbose_name_plural = _("仲裁庭组成人员")

    def __str__(self):
        return f"{self.get_role_display()} {self.user}"


class Hearing(models.Model):
    """A hearing (开庭). The notice goes out at least 5 (working) days before it (ARB-RULES Art 38)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("已排期")
        POSTPONED = "postponed", _("已延期")
        HELD = "held", _("已开庭")

    case = models.ForeignKey(
        "arbitration.ArbitrationCase",
        verbose_name=_("仲裁案件"),
        on_delete=models.CASCADE,
        related_name="hearings",
    )
    sequence = models.PositiveSmallIntegerField(_("次序"))
    scheduled_at = models.DateTimeField(_("开庭时间"))
    place = models.CharField(_("开庭地点"), max_length=200)
    # shown to the parties on the green channel's claimant page, with the address and what to bring
    directions = models.CharField(_("到达方式"), max_length=300, blank=True)
    notice_on = models.DateField(_("开庭通知发出日期"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    postponement_reason = models.TextField(_("延期理由"), blank=True)
    postponed_by_party = models.BooleanField(_("当事人申请延期"), default=False)
    held_on = models.DateField(_("开庭日期"), null=True, blank=True)
    applicant_present = models.BooleanField(_("申请人到庭"), null=True, blank=True)
    respondent_present = models.BooleanField(_("被申请人到庭"), null=True, blank=True)
    record = models.TextField(_("庭审笔录"), blank=True)

    class Meta:
        ordering = ["sequence"]
        constraints = [models.UniqueConstraint(fields=["case", "sequence"], name="unique_hearing_sequence")]
        verbose_name = _("开庭")
        verbose_name_plural = _("开庭")

    def __str__(self):
        return f"{self.case.number} 第{self.sequence}次开庭"


class Suspension(models.Model):
    """A suspension (中止审理, ARB-RULES Art 47). Its days are not counted in the 45 days (Art 46)."""

    case = models.ForeignKey(
        "arbitration.ArbitrationCase",
        verbose_name=_("仲裁案件"),
        on_delete=models.CASCADE,
        related_name="suspensions",
    )
    suspended_on = models.DateField(_("中止日期"))
    reason = models.TextField(_("中止理由"))
    approved_by = actor_field()
    resumed_on = models.DateField(_("恢复日期"), null=True, blank=True)
    resume_reason = models.TextField(_("恢复理由"), blank=True)
    days_not_counted = models.PositiveIntegerField(_("不计入审理期限的天数"), default=0)

    class Meta:
        ordering = ["suspended_on", "id"]
        verbose_name = _("中止审理")
        verbose_name_plural = _("中止审理")

    def __str__(self):
        return f"{self.case.number} 中止 {self.suspended_on}"


class MediationSession(models.Model):
    """A mediation session (调解会) with what came of it."""

    case = models.ForeignKey(
        "arbitration.MediationCase",
        verbose_name=_("调解案件"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    sequence = models.PositiveSmallIntegerField(_("次序"))
    held_on = models.DateField(_("调解日期"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    mediator = actor_field(_("调解员"))
    summary = models.TextField(_("调解情况"))

    class Meta:
        ordering = ["sequence"]
        constraints = [
            models.UniqueConstraint(fields=["case", "sequence"], name="unique_mediation_session_sequence")
        ]
        verbose_name = _("调解记录")
        verbose_name_plural = _("调解记录")

    def __str__(self):
        return f"{self.case.number} 第{self.sequence}次调解"
