"""The record of an inspection case's procedure: investigation records, the findings drawn from them with
their legal bases, the penalty procedure (prior notice, statement and defence, hearing) and the
administrative handling decision (order to pay, 加付赔偿金).

Legal sources (statutes.md §§2, 8): LIR Arts 16, 19, 26; APL 2021 Arts 44–45, 60–65, 85.
These tables belong to the ``inspection`` app (its own migrations); the complaint itself keeps the
``casework`` label.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models.fields import actor_field

MONEY = {"max_digits": 14, "decimal_places": 2}


class LegalBasis(models.Model):
    """A provision a finding or a decision rests on: the law, the article and its text (admin-editable)."""

    class Kind(models.TextChoices):
        VIOLATED = "violated", _("违反的规定")
        SANCTION = "sanction", _("处理处罚依据")

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    law = models.CharField(_("法律法规名称"), max_length=100, help_text=_("如《劳动保障监察条例》"))
    article = models.CharField(_("条款"), max_length=50, help_text=_("如第二十六条"))
    text = models.TextField(_("条文"))
    active = models.BooleanField(_("可选用"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("法律依据")
        verbose_name_plural = _("法律依据")

    def __str__(self):
        return self.citation

    @property
    def citation(self) -> str:
        return f"{self.law}{self.article}"


class PartyKind(models.TextChoices):
    ORGANISATION = "organisation", _("法人或者其他组织")
    INDIVIDUAL = "individual", _("公民")


class HearingThreshold(models.Model):
    """ "较大数额罚款" (APL 2021 Art 63): a proposed fine of at least ``amount`` gives the party the right to
    a hearing. Each province fixes the amount; effective-dated, the latest row on or before a date applies."""

    party_kind = models.CharField(_("当事人类别"), max_length=20, choices=PartyKind.choices)
    amount = models.DecimalField(
        _("较大数额罚款起点（元）"), **MONEY, validators=[MinValueValidator(Decimal("1"))]
    )
    effective_from = models.DateField(_("起始执行日期"))
    source = models.CharField(_("依据文件"), max_length=300)
    confirmed = models.BooleanField(_("已核实"), default=False)

    class Meta:
        ordering = ["party_kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["party_kind", "effective_from"], name="unique_hearing_threshold_from"
            )
        ]
        verbose_name = _("听证标准（较大数额罚款）")
        verbose_name_plural = _("听证标准（较大数额罚款）")

    def __str__(self):
        return f"{self.get_party_kind_display()} ≥ ¥{self.amount}（{self.effective_from:%Y-%m-%d}起）"


class RecordKind(models.TextChoices):
    NOTICE = "notice", _("调查询问通知书")
    INQUIRY = "inquiry", _("询问笔录")
    SITE = "site", _("现场检查笔录")


class InvestigationRecord(models.Model):
    """A record of the investigation: a notice to come and answer questions (调查询问通知书), an
    interview (询问笔录) or a site inspection (现场检查笔录). Interviews and inspections are made by at
    least two inspectors (LIR Art 16)."""

    complaint = models.ForeignKey(
        "casework.Complaint", on_delete=models.CASCADE, related_name="investigation_records"
    )
    kind = models.CharField(_("类别"), max_length=10, choices=RecordKind.choices)
    started_at = models.DateTimeField(_("时间"))
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=200)
    subject = models.CharField(_("被询问人/被检查单位/通知对象"), max_length=200)
    subject_role = models.CharField(_("身份或职务"), max_length=100, blank=True)
    present = models.CharField(_("在场人员"), max_length=300, blank=True)
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("询问人/检查人"), related_name="+"
    )
    recorder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    content = models.TextField(_("问答、检查情况或通知事项"))
    materials = models.TextField(_("须提供的材料"), blank=True)
    signed_by = models.CharField(_("签名确认"), max_length=200, blank=True)
    created_by = actor_field()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["started_at", "id"]
        verbose_name = _("调查记录")
        verbose_name_plural = _("调查记录")

    def __str__(self):
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d}"

    @property
    def slug(self) -> str:
        return f"record-{self.pk}"


class Findings(models.Model):
    """The facts the investigation established (认定的违法事实), the records they rest on and the
    provisions they apply — what the 指令书, 告知书 and 决定书 state, never the complainant's request."""

    complaint = models.OneToOneField("casework.Complaint", on_delete=models.CASCADE, related_name="findings")
    text = models.TextField(_("认定的违法事实"))
    records = models.ManyToManyField(InvestigationRecord, verbose_name=_("依据的调查记录"), related_name="+")
    bases = models.ManyToManyField(LegalBasis, verbose_name=_("法律依据"), related_name="+")
    recorded_by = actor_field()
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("调查认定事实")
        verbose_name_plural = _("调查认定事实")

    def __str__(self):
        return self.text[:40]


class PenaltyProcedure(models.Model):
    """The prior notice and what follows it (APL 2021 Arts 44–45, 62–65; LIR Art 19)."""

    complaint = models.OneToOneField(
        "casework.Complaint", on_delete=models.CASCADE, related_name="penalty_procedure"
    )
    noticed_on = models.DateField(_("告知日期"))
    proposed_fine = models.DecimalField(_("拟罚款金额（元）"), **MONEY)
    statement_days = models.PositiveSmallIntegerField(_("陈述申辩期限（工作日）"))
    statement_due = models.DateField(_("陈述申辩截止日"))
    hearing_right = models.BooleanField(_("告知听证权利"), default=False)
    hearing_request_due = models.DateField(_("申请听证截止日"), null=True, blank=True)
    # the statement and defence
    statement = models.TextField(_("陈述申辩内容"), blank=True)
    statement_on = models.DateField(_("陈述申辩日期"), null=True, blank=True)
    # the hearing
    hearing_requested_on = models.DateField(_("申请听证日期"), null=True, blank=True)
    hearing_notice_on = models.DateField(_("听证通知书送达日期"), null=True, blank=True)
    hearing_at = models.DateTimeField(_("听证时间"), null=True, blank=True)
    hearing_place = models.CharField(_("听证地点"), max_length=200, blank=True)
    hearing_public = models.BooleanField(_("公开举行"), default=True)
    presiding_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("听证主持人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    hearing_held_on = models.DateField(_("听证举行日期"), null=True, blank=True)
    hearing_participants = models.TextField(_("听证参加人"), blank=True)
    hearing_statements = models.TextField(_("听证笔录（各方陈述）"), blank=True)
    presiding_report = models.TextField(_("听证主持人报告"), blank=True)
    # the decision's answer to the defence (APL Art 45)
    defence_answer = models.TextField(_("对陈述申辩的采纳意见"), blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("行政处罚程序")
        verbose_name_plural = _("行政处罚程序")

    def __str__(self):
        return f"{self.complaint_id} {self.noticed_on}"

    @property
    def hearing_requested(self) -> bool:
        return self.hearing_requested_on is not None

    @property
    def hearing_concluded(self) -> bool:
        return self.hearing_held_on is not None and bool(self.presiding_report)


class HandlingDecision(models.Model):
    """行政处理决定 (LIR Art 26): an order to pay the wages owed by a date; unpaid by then, the employer is
    ordered to add compensation of 50%–100% of the amount still owed (加付赔偿金)."""

    complaint = models.OneToOneField(
        "casework.Complaint", on_delete=models.CASCADE, related_name="handling_decision"
    )
    issued_on = models.DateField(_("决定日期"))
    amount = models.DecimalField(_("责令支付金额（元）"), **MONEY, default=Decimal("0"))
    items = models.TextField(_("处理决定事项"))
    pay_by = models.DateField(_("支付期限"), null=True, blank=True)
    statement_summary = models.TextField(_("当事人陈述申辩摘要"), blank=True)
    defence_answer = models.TextField(_("对陈述申辩的采纳意见"), blank=True)
    paid_amount = models.DecimalField(_("已支付金额（元）"), **MONEY, default=Decimal("0"))
    paid_on = models.DateField(_("支付日期"), null=True, blank=True)
    compensation_rate = models.DecimalField(
        _("加付赔偿金比例"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("1"))],
    )
    compensation_base = models.DecimalField(_("逾期未付金额（元）"), **MONEY, null=True, blank=True)
    compensation_amount = models.DecimalField(_("加付赔偿金（元）"), **MONEY, null=True, blank=True)
    compensation_on = models.DateField(_("加付赔偿金决定日期"), null=True, blank=True)
    compensation_pay_by = models.DateField(_("加付赔偿金支付期限"), null=True, blank=True)

    class Meta:
        verbose_name = _("行政处理决定")
        verbose_name_plural = _("行政处理决定")

    def __str__(self):
        return f"{self.complaint_id} ¥{self.amount}"

    @property
    def compensation_percent(self) -> int | None:
        return None if self.compensation_rate is None else int(self.compensation_rate * 100)

    @property
    def unpaid(self) -> Decimal:
        return max(self.amount - self.paid_amount, Decimal("0"))
