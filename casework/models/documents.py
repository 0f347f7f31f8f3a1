"""Issued documents (文书) of any case, their numbers (文号), service (送达) and electronic service.

A document of a case is drafted (rendered on demand from the case) until it is *issued*: then it takes the
next number of its kind's series in the case's jurisdiction and year (``DocumentSequence``, gapless, see
``casework.documents.numbers``) and an ``IssuedDocument`` row records it. A document that must be served
gets ``Service`` rows (how, when, to whom, the proof); electronic service (``ElectronicService``) needs the
recipient's 送达地址确认书 (``ServiceAddress``) consenting to it.
"""

import uuid

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework import masking
from casework.models.fields import IdNumberField, MobileField, actor_field


def proof_path(instance, filename: str) -> str:
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"service/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class DocumentSequence(models.Model):
    """Last number issued per document kind, jurisdiction and year (``casework.documents.numbers``)."""

    kind = models.CharField(max_length=60)
    jurisdiction = models.ForeignKey("casework.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "jurisdiction", "year"], name="unique_document_sequence")
        ]
        verbose_name = _("文号序列")
        verbose_name_plural = _("文号序列")

    def __str__(self):
        return f"{self.kind} {self.jurisdiction_id} {self.year}: {self.last_value}"


class IssuedDocument(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")
    case_number = models.CharField(_("案件编号"), max_length=60)
    kind = models.CharField(_("文书种类"), max_length=60)
    slug = models.CharField(_("文书"), max_length=60)
    title = models.CharField(_("文书名称"), max_length=100)
    jurisdiction = models.ForeignKey("casework.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    sequence = models.PositiveIntegerField(_("序号"))
    number = models.CharField(_("文号"), max_length=80)
    issued_on = models.DateField(_("签发日期"))
    issued_by = actor_field(_("签发人"), on_delete=models.PROTECT)
    issued_at = models.DateTimeField(_("签发时间"), auto_now_add=True)
    must_serve = models.BooleanField(_("需要送达"), default=True)

    class Meta:
        ordering = ["issued_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="issued_doc_case_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "jurisdiction", "year", "sequence"], name="unique_document_number"
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "slug"], name="one_issue_per_document"
            ),
        ]
        verbose_name = _("已签发文书")
        verbose_name_plural = _("已签发文书")

    def __str__(self):
        return f"{self.number} {self.title}"


class ServiceMethod(models.TextChoices):
    """CPL Arts 87–95 as the labour-inspection and arbitration rules apply them."""

    DIRECT = "direct", _("直接送达")
    LEFT = "left", _("留置送达")
    POST = "post", _("邮寄送达")
    ELECTRONIC = "electronic", _("电子送达")
    PUBLIC = "public", _("公告送达")


class ServiceAddress(models.Model):
    """送达地址确认书: where and how a party accepts service in this case, and whether electronically."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")
    recipient = models.CharField(_("受送达人"), max_length=100)
    id_number = IdNumberField(_("身份证号码"), help_text=_("受送达人（单位的为其法定代表人或受托人）"))
    phone = MobileField(_("手机号码"))
    address = models.CharField(_("送达地址"), max_length=200, blank=True)
    electronic_consent = models.BooleanField(_("同意电子送达"), default=False)
    signed_on = models.DateField(_("签署日期"))
    recorded_by = actor_field(_("登记人"), on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    PERSONAL_DATA_FIELDS: tuple[str, ...] = ("id_number", "phone", "address")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="service_address_case_idx")]
        verbose_name = _("送达地址确认书")
        verbose_name_plural = _("送达地址确认书")

    def __str__(self):
        return f"{self.recipient} {masking.mask_phone(self.phone)}"

    @property
    def phone_masked(self) -> str:
        return masking.mask_phone(self.phone)


class ElectronicService(models.Model):
    """An SMS carrying a signed link to the document; its first opening (after the ID check) is the service."""

    document = models.ForeignKey(IssuedDocument, on_delete=models.PROTECT, related_name="e_services")
    address = models.ForeignKey(ServiceAddress, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("发送时间"))
    sent_by = actor_field(_("发送人"), on_delete=models.PROTECT)
    first_opened_at = models.DateTimeField(_("首次打开时间"), null=True, blank=True)
    failed_checks = models.PositiveIntegerField(_("核验失败次数"), default=0)

    class Meta:
        ordering = ["id"]
        verbose_name = _("电子送达")
        verbose_name_plural = _("电子送达")

    def __str__(self):
        return f"{self.document.number} → {self.address.recipient}"


class Service(models.Model):
    """送达: one document delivered to one recipient, with its proof (a signed 送达回证 uploaded, or the
    e-service record)."""

    document = models.ForeignKey(IssuedDocument, on_delete=models.PROTECT, related_name="services")
    method = models.CharField(_("送达方式"), max_length=12, choices=ServiceMethod.choices)
    served_on = models.DateField(_("送达日期"))
    recipient = models.CharField(_("受送达人"), max_length=100)
    place = models.CharField(_("送达地点"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    proof = models.FileField(_("送达凭证"), upload_to=proof_path, max_length=200, blank=True)
    proof_name = models.CharField(_("凭证文件名"), max_length=200, blank=True)
    proof_sha256 = models.CharField(max_length=64, blank=True)
    electronic = models.OneToOneField(
        ElectronicService, null=True, blank=True, on_delete=models.PROTECT, related_name="service"
    )
    recorded_by = actor_field(_("登记人"), on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["served_on", "id"]
        verbose_name = _("送达记录")
        verbose_name_plural = _("送达记录")

    def __str__(self):
        return f"{self.document.number} {self.get_method_display()} {self.served_on}"
