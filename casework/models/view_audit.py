"""Who opened which case, document, evidence file or export (the view audit, ``casework.services.view_audit``)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ViewKind(models.TextChoices):
    PAGE = "page", _("案件页面")
    PDF = "pdf", _("文书PDF")
    EVIDENCE = "evidence", _("证据文件")
    EXPORT = "export", _("导出")


class CaseView(models.Model):
    """One open by one staff member. Written outside the request's transaction (buffered); never edited."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("查看人"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("时间"))
    what = models.CharField(_("查看内容"), max_length=10, choices=ViewKind.choices)
    case_type = models.CharField(_("案件类型"), max_length=30, blank=True)  # the type's code
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("记录类型"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("案件ID"), null=True, blank=True)
    case_number = models.CharField(_("案件编号"), max_length=60, blank=True)
    jurisdiction_id = models.PositiveIntegerField(_("管辖区域"), null=True, blank=True)
    label = models.CharField(_("名称"), max_length=200, blank=True)  # the document, file or export

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("查阅记录")
        verbose_name_plural = _("查阅记录")
        indexes = [
            models.Index(fields=["content_type", "object_id", "-at"], name="caseview_case_idx"),
            models.Index(fields=["user", "-at"], name="caseview_user_idx"),
            models.Index(fields=["-at"], name="caseview_at_idx"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.get_what_display()} {self.case_number} {self.at:%Y-%m-%d %H:%M}"
