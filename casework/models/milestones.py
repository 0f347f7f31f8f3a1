"""Milestone messages to workers (issue 23): the outbox row written in the transaction of the change, and the
admin-editable texts. Sending is ``casework.services.milestone_messages`` (a Celery task after commit)."""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.masking import mask_phone


class MilestoneText(models.Model):
    """The wording of one milestone's SMS, edited in the admin. ``str.format`` placeholders: ``{number}``
    (the case number), ``{noun}`` (投诉/申请) and whatever the milestone passes (e.g. ``{amount}``). A text that
    does not format falls back to the default in code (a warning is logged)."""

    code = models.CharField(_("节点代码"), max_length=40, unique=True)
    text = models.CharField(_("短信内容"), max_length=300)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("节点短信内容")
        verbose_name_plural = _("节点短信内容")

    def __str__(self):
        return self.code


class MilestoneMessage(models.Model):
    """One SMS to one person at one milestone of one case: at most one per (case, milestone, person,
    occurrence). ``occurrence`` is "" for a milestone that happens once; a repeatable one (a payment recovered)
    names its occurrence (the payment's id)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("待发送")
        SENDING = "sending", _("发送中")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")
        SKIPPED = "skipped", _("未发送（本人已退订）")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("案件类型"))
    object_id = models.PositiveBigIntegerField(_("案件"))
    case_number = models.CharField(_("案件编号"), max_length=40, blank=True)
    milestone = models.CharField(_("节点"), max_length=40)
    occurrence = models.CharField(_("次序"), max_length=40, blank=True, default="")
    person = models.ForeignKey(
        "casework.Person",
        on_delete=models.CASCADE,
        related_name="milestone_messages",
        verbose_name=_("收件人"),
    )
    phone = models.CharField(_("手机号码"), max_length=20)  # kept for sending; shown masked everywhere
    text = models.CharField(_("短信内容"), max_length=400)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    idempotency_key = models.UUIDField(_("幂等键"), default=uuid.uuid4, unique=True, editable=False)
    claim_token = models.CharField(max_length=32, blank=True, default="")
    claimed_at = models.DateTimeField(_("领取时间"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    gateway_reference = models.CharField(_("网关回执"), max_length=100, blank=True)
    last_error = models.CharField(_("错误"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("节点短信")
        verbose_name_plural = _("节点短信发送记录")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "milestone", "person", "occurrence"],
                name="milestone_message_once",
            )
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="milestone_msg_state_idx")]

    def __str__(self):
        return f"{self.case_number} {self.milestone}"

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)
