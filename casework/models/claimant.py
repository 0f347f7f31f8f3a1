"""What a verified worker sends the handling unit from the claimant page of the green channel (issue 23): a short
message (answered by staff, the answer going out by SMS) and a request to withdraw (decided by staff). Any case
type registered with the green channel; the sender is the ``Person`` verified by the lookup."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models.fields import actor_field

MESSAGE_MAX = 300
REASON_MAX = 300


class ClaimantMessage(models.Model):
    """留言: a short message from the verified person to the unit handling the case, and the unit's reply."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")
    case_number = models.CharField(_("案件编号"), max_length=60)
    person = models.ForeignKey(
        "casework.Person", verbose_name=_("留言人"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.CharField(_("留言"), max_length=MESSAGE_MAX)
    sent_at = models.DateTimeField(_("留言时间"), auto_now_add=True)
    reply = models.CharField(_("答复"), max_length=MESSAGE_MAX, blank=True)
    replied_by = actor_field(_("答复人"), on_delete=models.PROTECT)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="claimant_message_case_idx")]
        verbose_name = _("当事人留言")
        verbose_name_plural = _("当事人留言")

    def __str__(self):
        return f"{self.case_number} {self.sent_at:%Y-%m-%d %H:%M}"


class WithdrawalDecision(models.TextChoices):
    PENDING = "", _("待决定")
    ACCEPTED = "accepted", _("同意撤回")
    REFUSED = "refused", _("不同意撤回")


class WithdrawalRequest(models.Model):
    """撤回申请: the verified person asks to withdraw their complaint or application; staff decide."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")
    case_number = models.CharField(_("案件编号"), max_length=60)
    person = models.ForeignKey(
        "casework.Person", verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("撤回理由"), max_length=REASON_MAX)
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    decision = models.CharField(
        _("决定"), max_length=10, choices=WithdrawalDecision.choices, blank=True, default=""
    )
    decision_note = models.CharField(_("决定说明"), max_length=REASON_MAX, blank=True)
    decided_by = actor_field(_("决定人"), on_delete=models.PROTECT)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="withdrawal_request_case_idx")]
        verbose_name = _("撤回申请")
        verbose_name_plural = _("撤回申请")

    def __str__(self):
        return f"{self.case_number} {self.get_decision_display()}"
