"""Evidence files attached to any case: stored outside the web root, served only to those who see the case."""

import uuid

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models.fields import actor_field


def evidence_path(instance, filename: str) -> str:
    # The stored name carries no part of the uploaded name: nothing guessable, nothing to traverse.
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class EvidenceCategory(models.TextChoices):
    WAGE_RECORD = "wage_record", _("工资单/考勤记录")
    CONTRACT = "contract", _("劳动合同/用工协议")
    CHAT = "chat", _("聊天记录/短信截图")
    PHOTO = "photo", _("现场照片")
    INQUIRY = "inquiry", _("询问笔录")
    SITE_INSPECTION = "site_inspection", _("现场检查笔录")
    HEARING = "hearing", _("庭审笔录")
    NOTICE = "notice", _("送达回证")
    OTHER = "other", _("其他")


class Fixity(models.TextChoices):
    UNCHECKED = "", _("未复核")
    INTACT = "intact", _("完好")
    CHANGED = "changed", _("文件已被改动")
    MISSING = "missing", _("文件缺失")


class Evidence(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")
    category = models.CharField(_("类别"), max_length=20, choices=EvidenceCategory.choices)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    file = models.FileField(_("文件"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    mime_type = models.CharField(_("文件类型"), max_length=100)
    uploaded_by = actor_field(_("上传人"), on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    submitted_publicly = models.BooleanField(_("当事人网上提交"), default=False)
    # 当事人补充: added by the verified person from the green channel's claimant page, for staff to review.
    party_supplement = models.BooleanField(_("当事人补充"), default=False)
    party = models.ForeignKey(
        "casework.Person",
        verbose_name=_("补充人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_by = actor_field(_("审阅人"), on_delete=models.PROTECT)
    reviewed_at = models.DateTimeField(_("审阅时间"), null=True, blank=True)
    # Evidence fixity (``manage.py verify_evidence``): the stored file re-hashed against ``sha256``.
    fixity = models.CharField(_("文件校验"), max_length=10, choices=Fixity.choices, blank=True, default="")
    fixity_checked_at = models.DateTimeField(_("最近校验时间"), null=True, blank=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="evidence_case_idx")]
        verbose_name = _("证据材料")
        verbose_name_plural = _("证据材料")

    def __str__(self):
        return f"{self.get_category_display()} {self.original_name}"

    @property
    def awaiting_review(self) -> bool:
        return self.party_supplement and self.reviewed_at is None

    @property
    def tampered(self) -> bool:
        return self.fixity in (Fixity.CHANGED, Fixity.MISSING)
