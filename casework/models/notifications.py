"""Deadline alerts and the staff notifications they produce (raised by ``casework.services.alerts``).

``DeadlineAlert`` is the claim: one row per (deadline, level, due date), enforced by a unique constraint,
so an alert goes out once however many sweeps run. ``Notification`` is what one staff member sees under
the bell (and receives by e-mail / SMS); it is created in the same transaction as its alert.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .fields import MobileField


class AlertLevel(models.TextChoices):
    """How urgent a deadline is, in the order it gets there."""

    DUE_SOON = "due_soon", _("即将到期")
    DUE_TODAY = "due_today", _("今日到期")
    OVERDUE = "overdue", _("已超期")
    ESCALATED = "escalated", _("超期督办")


LEVEL_RANK = {level: rank for rank, level in enumerate(AlertLevel.values)}


class DeadlineAlert(models.Model):
    """One alert level raised for one due date of one deadline.

    The due date is part of the key: when an approved extension or a resumption after suspension moves
    the deadline, the new date alerts afresh; alerts for the old date stay as history.
    """

    deadline = models.ForeignKey(
        "casework.Deadline",
        verbose_name=_("期限"),
        on_delete=models.CASCADE,
        related_name="alerts",
        db_index=False,  # the unique (deadline, level, due_on) index serves it
    )
    level = models.CharField(_("预警级别"), max_length=12, choices=AlertLevel.choices)
    due_on = models.DateField(_("预警时的到期日"))
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # deadline_alert_case_idx (content_type, object_id) serves it; one index less per insert
        # Half of a generic reference (object_id cannot be constrained); the database check of this half cost
        # a trigger call per alert — a tenth of the first sweep's inserts (docs/performance.md).
        db_constraint=False,
    )
    object_id = models.PositiveBigIntegerField()
    case_number = models.CharField(_("案件编号"), max_length=60)
    raised_on = models.DateField(_("预警日期"))
    # The sweep that inserted the row: after INSERT … ON CONFLICT DO NOTHING, a sweep notifies only for
    # the rows carrying its own token, i.e. the alerts it actually claimed.
    sweep = models.UUIDField(_("巡检批次"), editable=False)
    created_at = models.DateTimeField(_("预警时间"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["deadline", "level", "due_on"], name="unique_deadline_alert")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="deadline_alert_case_idx")]
        verbose_name = _("期限预警")
        verbose_name_plural = _("期限预警")

    def __str__(self):
        return f"{self.case_number} {self.get_level_display()} {self.due_on}"


class Notification(models.Model):
    """A message to one staff member: in the app at once, by e-mail / SMS after commit."""

    class Kind(models.TextChoices):
        DEADLINE = "deadline", _("期限提醒")
        DIGEST = "digest", _("每日摘要")
        SUMMARY = "summary", _("预警汇总")  # many alerts of one sweep for one person (services/alerts.py)
        EVIDENCE = (
            "evidence",
            _("证据文件校验"),
        )  # a stored evidence file changed or missing (evidence_fixity)
        WARNING = "warning", _("监测预警")  # a case type's monitoring warnings (notify_staff)

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,  # notification_recipient_idx (recipient, -created_at) serves it
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.DEADLINE)
    alert = models.ForeignKey(
        DeadlineAlert,
        verbose_name=_("期限预警"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,  # the unique (alert, recipient) index serves it
    )
    level = models.CharField(_("预警级别"), max_length=12, choices=AlertLevel.choices, blank=True)
    digest_on = models.DateField(_("摘要日期"), null=True, blank=True)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("通知时间"), default=timezone.now)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    # Outbound channels chosen when the notification was created, and when each went out.
    email = models.BooleanField(_("发送邮件"), default=False)
    sms = models.BooleanField(_("发送短信"), default=False)
    email_sent_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)
    sms_sent_at = models.DateTimeField(_("短信发送时间"), null=True, blank=True)
    # A sender claims the notification for a while (lease), sends what is not sent yet, then stamps
    # ``dispatched_at``; a sender that died leaves the lease to run out and the next sweep retries.
    dispatch_claimed_at = models.DateTimeField(_("发送认领时间"), null=True, blank=True)
    dispatch_attempts = models.PositiveSmallIntegerField(_("发送尝试次数"), default=0)
    dispatch_error = models.CharField(_("发送错误"), max_length=300, blank=True)
    dispatched_at = models.DateTimeField(
        _("外发完成时间"), null=True, blank=True, help_text=_("邮件、短信均已发出（或多次失败后放弃）")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["alert", "recipient"], name="unique_notification_per_alert"),
            models.UniqueConstraint(
                fields=["recipient", "digest_on"],
                condition=models.Q(kind="digest"),
                name="one_digest_per_user_and_day",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_idx"),
            # The bell: COUNT(*) WHERE recipient_id = ? AND read_at IS NULL.
            models.Index(
                fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notification_unread_idx"
            ),
            # The sweep's re-dispatch of messages a lost task never sent.
            models.Index(
                fields=["created_at"],
                condition=models.Q(dispatched_at__isnull=True),
                name="notification_undispatched_idx",
            ),
        ]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")

    def __str__(self):
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """How a staff member wants alerts beyond the bell. No row means: e-mail and digest on, no SMS."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("工作人员"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_enabled = models.BooleanField(_("邮件提醒"), default=True)
    digest_enabled = models.BooleanField(_("每日08:30摘要邮件"), default=True)
    sms_enabled = models.BooleanField(_("短信提醒（超期及督办）"), default=False)
    mobile = MobileField(_("接收短信的手机号码"), blank=True)

    class Meta:
        verbose_name = _("提醒设置")
        verbose_name_plural = _("提醒设置")

    def __str__(self):
        return str(self.user)

    def clean(self):
        if self.sms_enabled and not self.mobile:
            raise ValidationError({"mobile": [_("开启短信提醒须填写手机号码")]})
