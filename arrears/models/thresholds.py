"""Provincial figures for the crime of refusing to pay wages (刑法 Art 276-1; 法释〔2013〕3号 Art 3)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from arrears.money import money_field_kwargs

# 法释〔2013〕3号 Art 3: each province fixes its figures within these ranges.
PER_WORKER_RANGE = (Decimal("5000"), Decimal("20000"))
TOTAL_RANGE = (Decimal("30000"), Decimal("100000"))


class CrimeThreshold(models.Model):
    """“数额较大”: one worker owed ≥ ``min_months`` months' pay of at least ``per_worker_amount``, or
    ≥ ``min_workers`` workers owed at least ``total_amount`` in all. Effective-dated: the row with the
    latest ``effective_from`` on or before a date applies on that date. Edited in the admin.
    """

    province = models.CharField(_("省份"), max_length=20, default="湖南省")
    per_worker_amount = models.DecimalField(
        _("单人数额标准（元）"),
        help_text=_("拒不支付一名劳动者三个月以上劳动报酬的数额标准，5,000–20,000元。湖南省现行数额待核实。"),
        **money_field_kwargs(),
    )
    min_months = models.PositiveSmallIntegerField(_("单人欠薪月数"), default=3)
    total_amount = models.DecimalField(
        _("多人累计数额标准（元）"),
        help_text=_("拒不支付十名以上劳动者劳动报酬的累计数额标准，30,000–100,000元。湖南省现行数额待核实。"),
        **money_field_kwargs(),
    )
    min_workers = models.PositiveSmallIntegerField(_("多人标准人数"), default=10)
    effective_from = models.DateField(_("施行日期"))
    source = models.CharField(_("依据"), max_length=200, blank=True)
    confirmed = models.BooleanField(
        _("已核实"), default=False, help_text=_("数额已与本省现行文件核对无误时勾选")
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["province", "-effective_from"]
        verbose_name = _("拒不支付劳动报酬罪数额标准")
        verbose_name_plural = _("拒不支付劳动报酬罪数额标准")
        constraints = [
            models.UniqueConstraint(fields=["province", "effective_from"], name="arrears_threshold_per_day")
        ]

    def __str__(self):
        return f"{self.province} {self.effective_from}: {self.per_worker_amount} / {self.total_amount}"

    def clean(self):
        errors = {}
        low, high = PER_WORKER_RANGE
        if self.per_worker_amount is not None and not low <= self.per_worker_amount <= high:
            errors["per_worker_amount"] = _("应在5,000元至20,000元之间（法释〔2013〕3号第三条）")
        low, high = TOTAL_RANGE
        if self.total_amount is not None and not low <= self.total_amount <= high:
            errors["total_amount"] = _("应在30,000元至100,000元之间（法释〔2013〕3号第三条）")
        if errors:
            raise ValidationError(errors)
