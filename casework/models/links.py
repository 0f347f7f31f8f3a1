"""Links between cases of any types (转仲裁, 移送公安, 诉讼, 同一争议), shown on both cases' pages.

A link runs from the case it was made on to another case in the system (by content type and id) or, for a
police transfer or a lawsuit, to the outside reference (the police's case reference, the court's case
number). Evidence of the first case can be shared with the other by reference (no copy), only with the
worker's consent recorded on the link (casework.services.links).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkKind(models.TextChoices):
    ARBITRATION = "arbitration", _("转仲裁")
    POLICE = "police", _("移送公安")
    LITIGATION = "litigation", _("诉讼")
    SAME_DISPUTE = "same_dispute", _("同一争议")
    FINDING = "finding", _("检查发现立案")  # set by the inspection that opened the case, never by hand


class CaseLink(models.Model):
    kind = models.CharField(_("关联类型"), max_length=20, choices=LinkKind.choices)
    from_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    from_id = models.PositiveBigIntegerField()
    from_number = models.CharField(_("案件编号"), max_length=60)
    to_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_id = models.PositiveBigIntegerField(null=True, blank=True)
    to_number = models.CharField(_("关联案件编号"), max_length=60, blank=True)
    reference = models.CharField(_("公安立案/法院案号"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    evidence = models.ManyToManyField(
        "casework.Evidence", verbose_name=_("共享证据"), blank=True, related_name="+"
    )
    consent = models.BooleanField(_("劳动者同意共享证据"), default=False)
    consent_note = models.CharField(_("同意方式"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["from_type", "from_id"], name="caselink_from_idx"),
            models.Index(fields=["to_type", "to_id"], name="caselink_to_idx"),
        ]
        verbose_name = _("案件关联")
        verbose_name_plural = _("案件关联")

    def __str__(self):
        return f"{self.from_number} {self.get_kind_display()} {self.to_number or self.reference}"
