"""The construction wage-payment monitoring rows (MWWR Arts 24–34): subcontractors, the real-name roster, monthly
attendance, the pay sheets paid from the wage account or by the main contractor on the subcontractor's behalf,
the developer's labour-cost transfers into the account, and the movements of the wage deposit.

A month is stored as its first day (``month``). ``project`` is repeated on attendance and pay rows so that the
monthly evaluation (``arrears.monitoring.rules``) groups by it without a join.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from arrears.money import money_field_kwargs
from casework.models.fields import actor_field


class SubcontractKind(models.TextChoices):
    PROFESSIONAL = "professional", _("专业分包")
    LABOUR = "labour", _("劳务分包")


class ProjectSubcontractor(models.Model):
    """A subcontractor of the project beside the one named on it (professional or labour subcontract)."""

    project = models.ForeignKey(
        "arrears.ConstructionProject", on_delete=models.CASCADE, related_name="subcontracts"
    )
    employer = models.ForeignKey(
        "casework.Employer", verbose_name=_("分包单位"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("分包类型"), max_length=12, choices=SubcontractKind.choices)
    started_on = models.DateField(_("进场日期"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("分包单位")
        verbose_name_plural = _("分包单位")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "employer"], name="arrears_one_subcontract_per_employer"
            )
        ]

    def __str__(self):
        return f"{self.employer}（{self.get_kind_display()}）"


class RosterWorker(models.Model):
    """One worker on the project's real-name roster (实名制, MWWR Art 28): registered before working on site."""

    project = models.ForeignKey(
        "arrears.ConstructionProject", on_delete=models.CASCADE, related_name="roster"
    )
    person = models.ForeignKey(
        "casework.Person",
        verbose_name=_("工人"),
        on_delete=models.PROTECT,
        related_name="construction_rosters",
    )
    employer = models.ForeignKey(
        "casework.Employer",
        verbose_name=_("所属分包单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    team = models.CharField(_("班组"), max_length=50, blank=True)
    contract_signed = models.BooleanField(_("已签劳动合同"), default=False)
    daily_wage = models.DecimalField(
        _("约定日工资（元）"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        **money_field_kwargs(),
    )
    entered_on = models.DateField(_("进场日期"))
    left_on = models.DateField(_("退场日期"), null=True, blank=True)
    settled_on = models.DateField(
        _("退场结算日期"), null=True, blank=True, help_text=_("退场时工资已结清的日期")
    )
    added_by = actor_field(_("登记人"))
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("实名制工人")
        verbose_name_plural = _("实名制花名册")
        constraints = [
            models.UniqueConstraint(fields=["project", "person"], name="arrears_roster_one_per_person"),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("entered_on")),
                name="arrears_roster_left_after_entry",
            ),
        ]
        indexes = [models.Index(fields=["project", "left_on"], name="arrears_roster_project_idx")]

    def __str__(self):
        return str(self.person)


class Attendance(models.Model):
    """Days a worker attended in one month (the main contractor's attendance ledger, Art 28)."""

    project = models.ForeignKey("arrears.ConstructionProject", on_delete=models.CASCADE, related_name="+")
    worker = models.ForeignKey(RosterWorker, on_delete=models.CASCADE, related_name="attendance")
    month = models.DateField(_("月份"))
    days = models.DecimalField(
        _("出勤天数"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("31"))],
    )

    class Meta:
        ordering = ["month", "id"]
        verbose_name = _("考勤")
        verbose_name_plural = _("考勤")
        constraints = [models.UniqueConstraint(fields=["worker", "month"], name="arrears_attendance_once")]
        indexes = [models.Index(fields=["month", "project"], name="arrears_attendance_month_idx")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.days}"


class PayChannel(models.TextChoices):
    ACCOUNT = "account", _("工资专用账户代发")  # Art 26
    PROXY = "proxy", _("施工总承包单位代发（工人签字确认）")  # Art 31


class WagePayment(models.Model):
    """A worker's pay for one month, from a pay sheet (工资支付表)."""

    project = models.ForeignKey("arrears.ConstructionProject", on_delete=models.CASCADE, related_name="+")
    worker = models.ForeignKey(RosterWorker, on_delete=models.CASCADE, related_name="pay")
    month = models.DateField(_("工资所属月份"))
    amount = models.DecimalField(
        _("实发工资（元）"), validators=[MinValueValidator(Decimal("0.01"))], **money_field_kwargs()
    )
    paid_on = models.DateField(_("发放日期"))
    channel = models.CharField(_("发放方式"), max_length=10, choices=PayChannel.choices)
    signed_by_worker = models.BooleanField(_("工人签字确认"), default=False)
    reference = models.CharField(_("银行流水号"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["month", "id"]
        verbose_name = _("工资发放")
        verbose_name_plural = _("工资发放")
        constraints = [
            models.UniqueConstraint(fields=["worker", "month"], name="arrears_wage_payment_once"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="arrears_wage_payment_positive"),
        ]
        indexes = [models.Index(fields=["month", "project"], name="arrears_wage_month_idx")]

    def __str__(self):
        return f"{self.month:%Y-%m} ¥{self.amount}"


class LabourCostTransfer(models.Model):
    """The developer's transfer of labour costs into the wage account for one month (Art 24: at least monthly)."""

    project = models.ForeignKey(
        "arrears.ConstructionProject", on_delete=models.CASCADE, related_name="labour_transfers"
    )
    month = models.DateField(_("所属月份"))
    amount = models.DecimalField(
        _("拨付金额（元）"), validators=[MinValueValidator(Decimal("0.01"))], **money_field_kwargs()
    )
    transferred_on = models.DateField(_("拨付日期"))
    reference = models.CharField(_("银行流水号"), max_length=60, blank=True)
    recorded_by = actor_field(_("登记人"))
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["month", "id"]
        verbose_name = _("人工费用拨付")
        verbose_name_plural = _("人工费用拨付")
        indexes = [models.Index(fields=["month", "project"], name="arrears_transfer_month_idx")]

    def __str__(self):
        return f"{self.month:%Y-%m} ¥{self.amount}"


class DepositMovementKind(models.TextChoices):
    LODGE = "lodge", _("存储")
    TOP_UP = "top_up", _("补足")
    DRAWDOWN = "drawdown", _("动用支付工资")
    RETURN = "return", _("返还")


class DepositMovement(models.Model):
    """A change of the project's wage deposit (Art 32). A drawdown names the arrears case it paid."""

    project = models.ForeignKey(
        "arrears.ConstructionProject", on_delete=models.CASCADE, related_name="deposit_movements"
    )
    kind = models.CharField(_("类型"), max_length=10, choices=DepositMovementKind.choices)
    amount = models.DecimalField(
        _("金额（元）"), validators=[MinValueValidator(Decimal("0.01"))], **money_field_kwargs()
    )
    on = models.DateField(_("日期"))
    case = models.ForeignKey(
        "arrears.ArrearsCase",
        verbose_name=_("欠薪案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deposit_drawdowns",
    )
    balance_after = models.DecimalField(_("变动后余额（元）"), **money_field_kwargs())
    reference = models.CharField(_("凭证号"), max_length=60, blank=True)
    recorded_by = actor_field(_("登记人"))
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("工资保证金变动")
        verbose_name_plural = _("工资保证金变动")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="arrears_deposit_move_positive"),
            models.CheckConstraint(
                condition=models.Q(balance_after__gte=0), name="arrears_deposit_not_overdrawn"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ¥{self.amount}"
