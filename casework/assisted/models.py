"""Helpers, the filings they made for workers, and the drafts waiting for a worker's consent."""

import secrets
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class HelperKind(models.TextChoices):
    TRADE_UNION = "trade_union", _("工会")
    LABOUR_STATION = "labour_station", _("乡镇劳动保障站")
    LEGAL_AID = "legal_aid", _("法律援助")
    COMMUNITY = "community", _("村（社区）")


class ConsentMethod(models.TextChoices):
    SMS_CODE = "sms_code", _("工人手机短信验证码")
    SIGNED_FORM = "signed_form", _("工人签字的同意书（照片）")


class Helper(models.Model):
    """A registered helper: the account (role ``helper``) and the unit they file for workers from."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("账户"), on_delete=models.PROTECT, related_name="helper"
    )
    kind = models.CharField(_("类别"), max_length=20, choices=HelperKind.choices)
    unit = models.CharField(_("所在单位"), max_length=100, help_text=_("如：吉首市总工会"))
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction",
        verbose_name=_("所在县市"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(_("登记有效"), default=True)
    registered_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("代办员")
        verbose_name_plural = _("代办员")

    def __str__(self):
        return f"{self.user}（{self.unit}）"


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class AssistedDraft(models.Model):
    """A form a helper filled, waiting for the worker's consent. Deleted when the case is filed, and by
    ``purge_expired_drafts`` once expired: the worker's data stays here no longer than that."""

    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    helper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    form_code = models.CharField(max_length=30)
    data = models.JSONField(default=dict)  # the form as typed (strings), checked again when filed
    # The consent code: where it went (keyed hash of the phone; blank: no phone, a signed form is needed) and
    # its keyed hash, expiry and tries. Never the code or the phone themselves.
    phone_hash = models.CharField(max_length=64, blank=True)
    code_hash = models.CharField(max_length=64, blank=True)
    code_sent_at = models.DateTimeField(null=True, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("待确认的代为提交")
        verbose_name_plural = _("待确认的代为提交")

    def __str__(self):
        return f"{self.form_code} · {self.created_at:%Y-%m-%d %H:%M}"  # never the worker's data


def draft_photo_path(instance, filename) -> str:
    return f"assisted-drafts/{uuid.uuid4().hex}"


class AssistedDraftPhoto(models.Model):
    """A photo chosen on the form, kept until the case is filed (then attached as evidence) or the draft
    expires; stored under ``MEDIA_ROOT`` with a random name, never served."""

    draft = models.ForeignKey(AssistedDraft, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=draft_photo_path, max_length=200)
    original_name = models.CharField(max_length=200)

    def __str__(self):
        return self.original_name


class AssistedFiling(models.Model):
    """代为提交: a case a helper filed for a worker, with whom, from which unit and how the worker consented."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("代办员"),
        on_delete=models.PROTECT,
        related_name="assisted_filings",
    )
    # As they were when filed (a helper may later change unit or leave).
    helper_name = models.CharField(_("代办员姓名"), max_length=50)
    helper_unit = models.CharField(_("代办员单位"), max_length=100)
    helper_kind = models.CharField(_("代办员类别"), max_length=20, choices=HelperKind.choices)
    consent = models.CharField(_("工人同意方式"), max_length=20, choices=ConsentMethod.choices)
    consent_evidence = models.ForeignKey(
        "casework.Evidence",
        verbose_name=_("签字同意书"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    case_number = models.CharField(_("案件编号"), max_length=60)
    filed_at = models.DateTimeField(_("提交时间"), db_index=True)

    class Meta:
        verbose_name = _("代为提交记录")
        verbose_name_plural = _("代为提交记录")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="assisted_one_filing_per_case")
        ]
        indexes = [models.Index(fields=["helper", "-filed_at"], name="assisted_helper_filed")]

    def __str__(self):
        return f"{self.case_number} · {self.helper_name}（{self.helper_unit}）"

    @property
    def note(self) -> str:
        return _("代为提交：%(name)s（%(unit)s）") % {"name": self.helper_name, "unit": self.helper_unit}
