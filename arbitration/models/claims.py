"""Claims (仲裁请求 / 调解请求) as items, the awards that decide them, and collective representatives."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.models.fields import actor_field


class ClaimType(models.TextChoices):
    WAGES = "wages", _("劳动报酬（工资）")
    OVERTIME = "overtime", _("加班费")
    ECONOMIC_COMPENSATION = "economic_compensation", _("经济补偿")
    DAMAGES = "damages", _("赔偿金")
    INJURY_MEDICAL = "injury_medical", _("工伤医疗费")
    SOCIAL_INSURANCE = "social_insurance", _("社会保险")
    WORKING_HOURS = "working_hours", _("工作时间")
    REST_LEAVE = "rest_leave", _("休息休假")
    EMPLOYMENT_RELATION = "employment_relation", _("确认劳动关系")
    PERFORMANCE = "performance", _("履行义务（出具证明、办理手续等）")
    OTHER = "other", _("其他")


class ClaimKind:
    """How an award words a claim (each kind its own sentence): pay a sum, confirm a relationship, perform an
    act (issue a termination certificate, return documents), or handle social insurance."""

    PAYMENT = "payment"
    CONFIRMATION = "confirmation"
    PERFORMANCE = "performance"
    SOCIAL_INSURANCE = "social_insurance"


def claim_kind(claim_type: str, amount) -> str:
    if claim_type == ClaimType.EMPLOYMENT_RELATION:
        return ClaimKind.CONFIRMATION
    if claim_type == ClaimType.SOCIAL_INSURANCE:
        return ClaimKind.SOCIAL_INSURANCE
    if claim_type == ClaimType.PERFORMANCE or amount is None:
        return ClaimKind.PERFORMANCE
    return ClaimKind.PAYMENT


class ClaimDecision(models.TextChoices):
    UPHELD = "upheld", _("支持")
    PARTLY_UPHELD = "partly_upheld", _("部分支持")
    DISMISSED = "dismissed", _("驳回")


class ClaimItem(models.Model):
    """One claim of an application: its type, the amount claimed and, once decided, what was awarded.

    ``final`` is computed (arbitration.finality): whether the award on this item is final (一裁终局,
    LDMAL Art 47), tested per item (法释〔2020〕26号 Art 19) against 12 × the local monthly minimum wage on
    the filing date, on the amount awarded once there is one and on the amount claimed until then.
    A claim belongs to either a mediation case or an arbitration case.
    """

    mediation = models.ForeignKey(
        "arbitration.MediationCase",
        verbose_name=_("调解案件"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="claims",
    )
    arbitration = models.ForeignKey(
        "arbitration.ArbitrationCase",
        verbose_name=_("仲裁案件"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="claims",
    )
    position = models.PositiveSmallIntegerField(_("序号"), default=1)
    claim_type = models.CharField(_("请求类型"), max_length=30, choices=ClaimType.choices)
    description = models.CharField(_("请求事项"), max_length=300)
    amount = models.DecimalField(
        _("请求金额（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("非金钱请求（如确认劳动关系）留空"),
    )
    final = models.BooleanField(_("终局裁决事项"), null=True, blank=True, editable=False)
    added_on = models.DateField(_("提出日期"), null=True, blank=True)
    decision = models.CharField(_("裁决结果"), max_length=20, choices=ClaimDecision.choices, blank=True)
    awarded_amount = models.DecimalField(
        _("裁决金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    award = models.ForeignKey(
        "arbitration.Award",
        verbose_name=_("裁决书"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(mediation__isnull=True) & Q(arbitration__isnull=False))
                | (Q(mediation__isnull=False) & Q(arbitration__isnull=True)),
                name="claim_belongs_to_one_case",
            )
        ]
        verbose_name = _("请求事项")
        verbose_name_plural = _("请求事项")

    def __str__(self):
        amount = f" ¥{self.amount}" if self.amount is not None else ""
        return f"{self.position}. {self.get_claim_type_display()}{amount}"

    @property
    def decided(self) -> bool:
        return bool(self.decision)

    @property
    def kind(self) -> str:
        """The wording of this item in an award (``ClaimKind``), from its type and the amount awarded."""
        amount = self.awarded_amount if self.decision else self.amount
        return claim_kind(self.claim_type, amount)


class Award(models.Model):
    """One award document (裁决书). A partial award (先行裁决, ARB-RULES Art 49) decides some items while the
    hearing goes on; an award mixing final and non-final items is issued as two documents (ARB-RULES
    Art 50), one ``finality`` each.
    """

    class Kind(models.TextChoices):
        PARTIAL = "partial", _("先行裁决")
        FINAL = "final", _("裁决")

    class Finality(models.TextChoices):
        FINAL = "final", _("终局裁决")
        NON_FINAL = "non_final", _("非终局裁决")

    case = models.ForeignKey(
        "arbitration.ArbitrationCase",
        verbose_name=_("仲裁案件"),
        on_delete=models.CASCADE,
        related_name="awards",
    )
    sequence = models.PositiveSmallIntegerField(_("序号"))
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    finality = models.CharField(_("效力"), max_length=10, choices=Finality.choices)
    issued_on = models.DateField(_("裁决日期"))
    text = models.TextField(_("裁决理由"), blank=True)
    created_by = actor_field()

    class Meta:
        ordering = ["sequence"]
        constraints = [models.UniqueConstraint(fields=["case", "sequence"], name="unique_award_sequence")]
        verbose_name = _("裁决书")
        verbose_name_plural = _("裁决书")

    def __str__(self):
        return f"{self.case.number} {self.title}"

    @property
    def title(self) -> str:
        kind = "先行裁决书" if self.kind == self.Kind.PARTIAL else "裁决书"
        return f"{kind}（{self.get_finality_display()}）"

    @property
    def slug(self) -> str:
        return f"award-{self.sequence}"


class Representative(models.Model):
    """An elected representative of the workers in a collective case (3–5, ARB-RULES Art 5; LDMAL Art 7)."""

    case = models.ForeignKey(
        "arbitration.ArbitrationCase",
        verbose_name=_("仲裁案件"),
        on_delete=models.CASCADE,
        related_name="representatives",
    )
    person = models.ForeignKey(
        "casework.Person", verbose_name=_("代表人"), on_delete=models.PROTECT, related_name="+"
    )
    elected_on = models.DateField(_("推选日期"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="unique_representative_per_case")
        ]
        verbose_name = _("集体争议代表人")
        verbose_name_plural = _("集体争议代表人")

    def __str__(self):
        return str(self.person)
