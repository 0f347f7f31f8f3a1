"""The per-worker ledger of an arrears case: what each worker is owed and every payment recovered."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from arrears.money import money_field_kwargs
from casework.models.fields import actor_field

MAX_MONTHS = 120


class LineSource(models.TextChoices):
    MANUAL = "manual", _("逐个登记")
    IMPORT = "import", _("名单导入")
    COMPLAINT = "complaint", _("来源投诉")
    WARNING = "warning", _("来源工资支付预警")


class ArrearsWorker(models.Model):
    """One worker on a case: months unpaid, the amount owed, and the total recovered so far.

    ``recovered`` is the sum of the line's payments, kept by arrears.services.ledger in the same
    transaction as the payment (case row locked); it never exceeds the amount owed.
    """

    case = models.ForeignKey(
        "arrears.ArrearsCase", verbose_name=_("欠薪案件"), on_delete=models.CASCADE, related_name="workers"
    )
    person = models.ForeignKey(
        "casework.Person", verbose_name=_("工人"), on_delete=models.PROTECT, related_name="arrears_lines"
    )
    months_unpaid = models.PositiveSmallIntegerField(
        _("欠薪月数"), validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHS)]
    )
    amount_owed = models.DecimalField(
        _("欠薪金额（元）"), validators=[MinValueValidator(Decimal("0.01"))], **money_field_kwargs()
    )
    recovered = models.DecimalField(
        _("已追回（元）"), default=Decimal("0.00"), editable=False, **money_field_kwargs()
    )
    source = models.CharField(_("来源"), max_length=10, choices=LineSource.choices, default=LineSource.MANUAL)
    added_by = actor_field(_("登记人"))
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("欠薪工人")
        verbose_name_plural = _("欠薪工人")
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="arrears_one_line_per_worker"),
            models.CheckConstraint(condition=models.Q(amount_owed__gt=0), name="arrears_line_owed_positive"),
            models.CheckConstraint(
                condition=models.Q(recovered__gte=0) & models.Q(recovered__lte=models.F("amount_owed")),
                name="arrears_line_recovered_within_owed",
            ),
            models.CheckConstraint(
                condition=models.Q(months_unpaid__gte=1, months_unpaid__lte=MAX_MONTHS),
                name="arrears_line_months_range",
            ),
        ]

    def __str__(self):
        return f"{self.person} ¥{self.amount_owed}"

    @property
    def outstanding(self) -> Decimal:
        return self.amount_owed - self.recovered


class PayerKind(models.TextChoices):
    """Who paid (MWWR: the employer; for construction also the others the regulation makes answerable)."""

    EMPLOYER = "employer", _("用人单位支付")
    MAIN_CONTRACTOR = "main_contractor", _("施工总承包单位代发或先行清偿（保障条例第三十条、第三十一条）")
    DEVELOPER = "developer", _("建设单位垫付（保障条例第二十九条）")
    WAGE_DEPOSIT = "wage_deposit", _("工资保证金支付（保障条例第三十二条）")
    EMERGENCY_FUND = "emergency_fund", _("应急周转金垫付")


class ConfirmedThrough(models.TextChoices):
    STAFF = "staff", _("工作人员登记（工人签字确认）")
    GREEN_CHANNEL = "green_channel", _("工人在绿色通道点“已收到”")


class Payment(models.Model):
    """One payment of wages to one worker, with the worker's confirmation of receipt."""

    case = models.ForeignKey(
        "arrears.ArrearsCase", verbose_name=_("欠薪案件"), on_delete=models.CASCADE, related_name="payments"
    )
    line = models.ForeignKey(
        ArrearsWorker, verbose_name=_("工人"), on_delete=models.PROTECT, related_name="payments"
    )
    amount = models.DecimalField(
        _("金额（元）"), validators=[MinValueValidator(Decimal("0.01"))], **money_field_kwargs()
    )
    paid_on = models.DateField(_("支付日期"))
    payer_kind = models.CharField(_("支付方"), max_length=20, choices=PayerKind.choices)
    reference = models.CharField(_("凭证号"), max_length=60, blank=True, help_text=_("银行流水号或收据号"))
    confirmed_by_worker = models.BooleanField(_("工人已确认收到"), default=False)
    confirmed_on = models.DateField(_("确认日期"), null=True, blank=True)
    # Who confirmed and when: the worker themself on the green channel's claimant page, or staff recording the
    # signed confirmation sheet (the staff member is in the case's log entry).
    confirmed_through = models.CharField(
        _("确认方式"), max_length=16, choices=ConfirmedThrough.choices, blank=True, default=""
    )
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    recorded_by = actor_field(_("登记人"), on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("追回工资")
        verbose_name_plural = _("追回工资")
        indexes = [models.Index(fields=["case", "paid_on"], name="arrears_payment_case_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="arrears_payment_positive"),
            models.CheckConstraint(
                condition=models.Q(confirmed_by_worker=False) | models.Q(confirmed_on__isnull=False),
                name="arrears_payment_confirmation_dated",
            ),
        ]

    def __str__(self):
        return f"{self.line.person} ¥{self.amount} {self.paid_on}"
