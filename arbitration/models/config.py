"""Configuration the commission maintains itself: minimum wages per county and internal targets.

Both are edited by administrators in the Django admin; nothing here is a statutory period (those live in
``casework.deadlines.rules``).
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class MinimumWage(models.Model):
    """The monthly minimum wage of one jurisdiction from a date (effective-dated; the latest row on or
    before a date applies).

    LDMAL Art 47 (一裁终局) tests each claim against 12 × the *local* monthly minimum wage, so each
    county keeps its own row. Hunan publishes three tiers; which tier each Xiangxi county belongs to is
    not confirmed (statutes.md §5) — the seeded rows say so and an administrator corrects them here.
    """

    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction",
        verbose_name=_("管辖区域"),
        on_delete=models.PROTECT,
        related_name="minimum_wages",
    )
    effective_from = models.DateField(_("起始执行日期"))
    monthly_amount = models.DecimalField(
        _("月最低工资标准（元）"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1"))],
    )
    tier = models.PositiveSmallIntegerField(_("档次"), null=True, blank=True, help_text=_("湖南省第几档"))
    confirmed = models.BooleanField(
        _("已核实"),
        default=False,
        help_text=_("种子数据的档次归属未经核实（湘西各县市适用档次待确认），核实文件后勾选"),
    )
    source = models.CharField(_("依据文件"), max_length=200, blank=True)

    class Meta:
        ordering = ["jurisdiction__sort_order", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "effective_from"], name="unique_minimum_wage_from"
            )
        ]
        verbose_name = _("月最低工资标准")
        verbose_name_plural = _("月最低工资标准")

    def __str__(self):
        return f"{self.jurisdiction} {self.effective_from:%Y-%m-%d} ¥{self.monthly_amount}"


class ArbitrationSettings(models.Model):
    """Internal targets of the commission (one row). Policy, not statute: the green channel for migrant
    workers' wage disputes promises priority acceptance and fast handling (statutes.md §4; the 2019
    campaign closed simplified-procedure cases within 30 days). These targets are shown beside the
    statutory deadlines, never instead of them.
    """

    green_accept_working_days = models.PositiveSmallIntegerField(
        _("绿色通道受理目标（工作日）"), default=1, help_text=_("自收到申请之日起；法定期限为5个工作日")
    )
    green_close_days = models.PositiveSmallIntegerField(
        _("绿色通道仲裁结案目标（日）"), default=30, help_text=_("自受理之日起；法定审理期限为45日")
    )
    green_mediation_days = models.PositiveSmallIntegerField(
        _("绿色通道调解目标（日）"), default=7, help_text=_("自收到调解申请之日起；法定调解期限为15日")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("调解仲裁内部目标设置")
        verbose_name_plural = _("调解仲裁内部目标设置")

    def __str__(self):
        return str(_("调解仲裁内部目标设置"))

    @classmethod
    def current(cls) -> "ArbitrationSettings":
        obj = cls.objects.order_by("pk").first()
        return obj if obj is not None else cls.objects.create()
