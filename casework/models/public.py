"""Records kept by the public green channel (casework.public): lookups, one-time codes, submissions.

None of them holds an ID number, an ID fragment or a phone number in clear: IP addresses are truncated
and keyed-hashed, phones and codes are stored as keyed hashes only.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LookupMethod(models.TextChoices):
    CASE_NUMBER = "case_number", _("案件编号＋身份证后6位")
    PHONE_CODE_REQUEST = "code_request", _("申请短信验证码")
    PHONE_CODE = "phone_code", _("手机号＋短信验证码")


class LookupOutcome(models.TextChoices):
    FOUND = "found", _("查询成功")
    NOT_FOUND = "not_found", _("无此案件")
    MISMATCH = "mismatch", _("验证信息不符")
    INVALID = "invalid", _("填写不完整")
    RATE_LIMITED = "rate_limited", _("超出次数限制")
    CODE_SENT = "code_sent", _("已发送验证码")
    CODE_NOT_SENT = "code_not_sent", _("该号码无案件，未发送")
    CODE_WRONG = "code_wrong", _("验证码错误或过期")


class PublicLookupLog(models.Model):
    """One progress lookup (or code request) on the public pages, whatever its outcome."""

    # When the lookup was made (not when the row was written: rows may be buffered, casework.public.lookup_log).
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    ip_prefix = models.CharField(_("IP地址段"), max_length=45, help_text=_("IPv4 保留前3段，IPv6 保留前3组"))
    ip_hash = models.CharField(_("IP标识"), max_length=16, help_text=_("完整 IP 的加密摘要，用于识别滥用"))
    method = models.CharField(_("查询方式"), max_length=20, choices=LookupMethod.choices)
    case_number_tried = models.CharField(_("所填案件编号"), max_length=60, blank=True)
    outcome = models.CharField(_("结果"), max_length=20, choices=LookupOutcome.choices)
    cases_found = models.PositiveSmallIntegerField(_("查到案件数"), default=0)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("绿色通道查询记录")
        verbose_name_plural = _("绿色通道查询记录")
        indexes = [models.Index(fields=["case_number_tried", "at"], name="public_lookup_case_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_method_display()} {self.get_outcome_display()}"


class PublicOneTimeCode(models.Model):
    """A 6-digit code sent by SMS for the phone-number lookup: 10 minutes, at most 5 tries, used once."""

    phone_hash = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("短信验证码")
        verbose_name_plural = _("短信验证码")

    def __str__(self):
        return f"{self.phone_hash[:8]}… {self.created_at:%Y-%m-%d %H:%M}"


class PublicSubmission(models.Model):
    """The one-time token of a public form and the case it created: a second POST returns that case."""

    key = models.CharField(max_length=64, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("网上提交记录")
        verbose_name_plural = _("网上提交记录")

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}"
