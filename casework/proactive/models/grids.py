"""Grids (网格, 两网化管理): each county's territory divided into grids of townships and streets, the employers
registered to each grid (by address, editable) and the inspectors responsible for it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Grid(models.Model):
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction", verbose_name=_("管辖区域"), on_delete=models.PROTECT, related_name="grids"
    )
    name = models.CharField(_("网格名称"), max_length=60)
    townships = models.TextField(
        _("乡镇（街道）"),
        help_text=_("每行一个乡镇、街道或社区名称；单位地址含其中之一即登记到本网格"),
    )
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("网格监察员"), blank=True, related_name="grids"
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["jurisdiction__sort_order", "name", "id"]
        verbose_name = _("网格")
        verbose_name_plural = _("网格")
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "name"], name="grid_unique_name")]

    def __str__(self):
        return self.name

    @property
    def township_list(self) -> list[str]:
        return [
            t.strip() for t in self.townships.replace("，", "\n").replace(",", "\n").splitlines() if t.strip()
        ]


class EmployerSize(models.TextChoices):
    """Size by headcount (the registry's 规模; 统计上大中小微型企业划分办法, simplified to headcount)."""

    MICRO = "micro", _("微型（10人以下）")
    SMALL = "small", _("小型（10–99人）")
    MEDIUM = "medium", _("中型（100–999人）")
    LARGE = "large", _("大型（1000人以上）")


class GridEmployer(models.Model):
    """An employer registered to a grid: the employer registry (检查对象名录库) of the random draws."""

    grid = models.ForeignKey(Grid, verbose_name=_("网格"), on_delete=models.CASCADE, related_name="members")
    employer = models.OneToOneField(
        "casework.Employer", verbose_name=_("用人单位"), on_delete=models.CASCADE, related_name="grid_entry"
    )
    size = models.CharField(
        _("规模"), max_length=10, choices=EmployerSize.choices, default=EmployerSize.SMALL
    )
    matched_by = models.CharField(
        _("登记方式"), max_length=60, blank=True, help_text=_("地址匹配的关键词；人工登记为空")
    )
    in_draw_pool = models.BooleanField(_("纳入随机抽查名录"), default=True)
    registered_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["grid", "employer__name", "id"]
        verbose_name = _("网格单位")
        verbose_name_plural = _("网格单位")

    def __str__(self):
        return f"{self.grid} · {self.employer}"
