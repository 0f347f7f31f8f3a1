"""A supervision (督办) of one case of any type, and the progress reports the handling unit submits."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models.case_records import CaseRecord
from casework.models.fields import actor_field


class Level(models.TextChoices):
    """How high the supervision sits. The prefecture's levels are set and lifted only by its own staff."""

    PREFECTURE_LISTED = "prefecture_listed", _("州级挂牌督办")
    PREFECTURE = "prefecture", _("州级督办")
    COUNTY = "county", _("县级督办")


PREFECTURE_LEVELS = frozenset({Level.PREFECTURE_LISTED, Level.PREFECTURE})


class Supervision(CaseRecord):
    class Status(models.TextChoices):
        ACTIVE = "active", _("督办中")
        LIFTED = "lifted", _("已解除")

    level = models.CharField(_("督办级别"), max_length=20, choices=Level.choices)
    report_every = models.PositiveSmallIntegerField(_("报告周期（工作日）"))
    deadline = models.DateField(_("办结时限"))
    reason = models.TextField(_("督办事由"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    next_report_due = models.DateField(_("下次报告期限"), null=True, blank=True)
    started_by = actor_field(_("督办人"), on_delete=models.PROTECT)
    started_at = models.DateTimeField(_("督办时间"), auto_now_add=True)
    lifted_by = actor_field(_("解除人"), on_delete=models.PROTECT)
    lifted_at = models.DateTimeField(_("解除时间"), null=True, blank=True)
    lift_reason = models.TextField(_("解除理由"), blank=True)

    class Meta(CaseRecord.Meta):
        ordering = ["next_report_due", "-id"]
        indexes = [
            *CaseRecord.Meta.indexes,
            models.Index(fields=["status", "next_report_due", "id"], name="supervision_due_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(status="active"),
                name="one_active_supervision_per_case",
            )
        ]
        verbose_name = _("督办")
        verbose_name_plural = _("督办")

    def __str__(self):
        return f"{self.case_number} {self.get_level_display()}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class SupervisionReport(models.Model):
    supervision = models.ForeignKey(
        Supervision, verbose_name=_("督办"), on_delete=models.PROTECT, related_name="reports"
    )
    text = models.TextField(_("进展情况"))
    attachment = models.ForeignKey(
        "casework.Evidence", verbose_name=_("附件"), null=True, blank=True, on_delete=models.PROTECT
    )
    due_on = models.DateField(_("应报日期"), null=True, blank=True)
    late = models.BooleanField(_("逾期报送"), default=False)
    submitted_by = actor_field(_("报送人"), on_delete=models.PROTECT)
    submitted_at = models.DateTimeField(_("报送时间"), auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("督办进展报告")
        verbose_name_plural = _("督办进展报告")

    def __str__(self):
        return f"{self.supervision.case_number} {self.submitted_at:%Y-%m-%d}"
