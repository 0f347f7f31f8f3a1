from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UnmaskedView(models.Model):
    """One view of one unmasked personal-data field (ID number, phone, address) by one staff member.

    Written by casework.services.personal_data whenever a full value is revealed; never edited.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("查看人"),
        on_delete=models.PROTECT,
        related_name="unmasked_views",
    )
    viewed_at = models.DateTimeField(_("查看时间"), default=timezone.now, db_index=True)
    content_type = models.ForeignKey(ContentType, verbose_name=_("记录类型"), on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(_("记录编号"))
    record = GenericForeignKey("content_type", "object_id")
    field_name = models.CharField(_("字段"), max_length=50)
    purpose = models.CharField(_("用途"), max_length=200, blank=True)
    path = models.CharField(_("访问路径"), max_length=300, blank=True)

    class Meta:
        ordering = ["-viewed_at", "-id"]
        verbose_name = _("完整信息查看记录")
        verbose_name_plural = _("完整信息查看记录")
        indexes = [models.Index(fields=["content_type", "object_id"], name="unmasked_view_record_idx")]

    def __str__(self):
        return f"{self.user} {self.field_name} {self.viewed_at:%Y-%m-%d %H:%M}"
