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


class PublicProgressRecord(models.Model):
    """What the green channel's progress page shows of one case, kept by the kernel after every change to the case
    (``casework.public.progress_store``): a worker's first look at a case reads it with the check of their grant,
    instead of building it from the case, its deadlines and its log.

    ``version`` is the case's log-chain head (``audit_head``) the facts were built at: the page uses the row only
    while it equals the case's head, so a row left behind by a change that did not refresh it is rebuilt, never
    shown. The facts hold no personal data beyond what the page shows the case's own persons (each person's
    recovered amount under their person id); the unit's name and phone are read fresh from ``jurisdiction``."""

    case_label = models.CharField(_("案件类型"), max_length=100)  # the case model's ``app_label.model``
    case_pk = models.BigIntegerField(_("案件"))
    version = models.CharField(_("案件版本"), max_length=64)
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    facts = models.TextField(_("进度内容"))  # JSON (casework.public.progress_store.Facts)
    built_at = models.DateTimeField(_("生成时间"), auto_now=True)

    class Meta:
        verbose_name = _("公开办理进度")
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["case_label", "case_pk"], name="public_progress_one_per_case")
        ]

    def __str__(self):
        return f"{self.case_label} {self.case_pk}"


class PublicGrantRevocation(models.Model):
    """A progress-page grant (the ``green_access`` cookie, by its nonce) given up with "退出查询": a copy of the
    cookie opens nothing until the grant would have expired (``until``). Kept in the database, where the progress
    page's own query checks it (``casework.public.access``), and where no cache eviction or flush can drop it."""

    nonce = models.CharField(_("查询凭据"), max_length=32, primary_key=True)
    until = models.DateTimeField(_("失效时间"), db_index=True)

    class Meta:
        verbose_name = _("已退出的查询")
        verbose_name_plural = verbose_name

    def __str__(self):
        return self.nonce
