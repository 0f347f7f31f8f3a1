from django.db import models
from django.utils.translation import gettext_lazy as _


class Jurisdiction(models.Model):
    """A handling unit's territory: the prefecture bureau, a county-level unit or the development zone.

    LIR Art 13: a labour-inspection case belongs to the county-level bureau where the work is done.
    Codes are GB/T 2260 where one exists (statutes.md §5).
    """

    class Level(models.TextChoices):
        PREFECTURE = "prefecture", _("州本级")
        COUNTY = "county", _("县市")
        ZONE = "zone", _("开发区")

    code = models.CharField(_("行政区划代码"), max_length=12, unique=True)
    name = models.CharField(_("名称"), max_length=50, unique=True)
    short_name = models.CharField(_("简称"), max_length=10, help_text=_("用于案件编号，如“吉首”"))
    document_prefix = models.CharField(
        _("文号机关代字"),
        max_length=10,
        blank=True,
        help_text=_("文号开头的机关代字，如“吉”（吉人社监令〔2026〕12号）；留空时用简称"),
    )
    level = models.CharField(_("层级"), max_length=12, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT
    )
    phone = models.CharField(_("办事电话"), max_length=30, blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("管辖区域")
        verbose_name_plural = _("管辖区域")

    def __str__(self):
        return self.name

    @property
    def doc_prefix(self) -> str:
        return self.document_prefix or self.short_name

    @property
    def is_prefecture(self) -> bool:
        return self.level == self.Level.PREFECTURE
