"""A typical case (典型案例): the anonymised account of one closed case, and where it is in its publication."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models.case_records import CaseRecord
from casework.models.fields import actor_field


class TypicalCase(CaseRecord):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("待审批")
        PUBLISHED = "published", _("已发布")
        WITHDRAWN = "withdrawn", _("已撤回")

    title = models.CharField(_("标题"), max_length=120)
    text = models.TextField(_("案例正文（已隐名）"))
    names_employer = models.BooleanField(
        _("公布用人单位名称"),
        default=False,
        help_text=_("仅限依《重大劳动保障违法行为社会公布办法》可公布的案件"),
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = actor_field(_("推荐人"), on_delete=models.PROTECT)
    proposed_at = models.DateTimeField(_("推荐时间"), auto_now_add=True)
    approved_by = actor_field(_("审批人"), on_delete=models.PROTECT)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    withdrawn_by = actor_field(_("撤回人"), on_delete=models.PROTECT)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdraw_reason = models.TextField(_("撤回理由"), blank=True)

    class Meta(CaseRecord.Meta):
        ordering = ["-published_at", "-id"]
        indexes = [
            *CaseRecord.Meta.indexes,
            models.Index(fields=["status", "-published_at", "-id"], name="typical_published_idx"),
        ]
        verbose_name = _("典型案例")
        verbose_name_plural = _("典型案例")

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED
