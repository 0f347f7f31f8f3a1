"""Construction projects (MWWR Arts 26–34): the special wage rules of the construction sector."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from arrears.money import money_field_kwargs
from casework.models.case import AuditedRecord
from casework.models.fields import actor_field


def mask_account_number(value: str | None) -> str:
    """``6217002920001234567`` → ``6217 **** 4567``: enough to tell accounts apart, not to use one."""
    digits = "".join((value or "").split())
    if not digits:
        return ""
    if len(digits) <= 8:
        return "*" * len(digits)
    return f"{digits[:4]} **** {digits[-4:]}"


class DepositForm(models.TextChoices):
    CASH = "cash", _("现金存储")
    GUARANTEE = "guarantee", _("银行保函")
    INSURANCE = "insurance", _("工程保证保险")


class DepositRelief(models.TextChoices):
    NONE = "none", _("未减免")
    REDUCED = "reduced", _("减额存储")
    EXEMPT = "exempt", _("免于存储")


class ProjectChange(models.TextChoices):
    """The changes of a project chained in the transition log (``casework.services.audit.append_record_entry``);
    the labels are stored in the log as they read in Chinese."""

    REGISTER = "register_project", "登记工程项目"
    EDIT = "edit_project", "修改工程项目"
    TRANSFER = "record_transfer", "登记人工费用拨付"
    DEPOSIT = "record_deposit", "登记工资保证金变动"
    DRAWDOWN = "draw_deposit", "动用工资保证金"
    IMPORT = "import_sheet", "导入监控数据"


class ConstructionProject(AuditedRecord):
    """A construction project and the parties the wage rules make answerable for its workers' pay.

    * developer (建设单位): advances wages it caused to go unpaid (MWWR Art 29);
    * main contractor (施工总承包单位): pays first for a subcontractor's arrears (Art 30) and may pay
      wages on its behalf (总包代发, Art 31);
    * subcontractor (分包单位): the workers' usual employer;
    * dedicated wage account (农民工工资专用账户, Art 26), wage deposit (工资保证金, Art 32), rights
      notice board (维权信息告示牌, Art 34). The real-name roster (Art 28), attendance, pay runs, labour-cost
      transfers and deposit movements are the monitoring rows of ``arrears.models.monitoring``; the deposit
      amount here is the balance now held (drawdowns and top-ups move it, each recorded).

    Every change of the project — registration, correction, transfers, deposit movements — is chained in the
    kernel's transition log (``AuditedRecord``), named ``工程项目#<id>``.
    """

    AUDIT_LABEL = "工程项目"

    name = models.CharField(_("项目名称"), max_length=200)
    location = models.CharField(_("项目地点"), max_length=200)
    jurisdiction = models.ForeignKey(
        "casework.Jurisdiction",
        verbose_name=_("管辖区域"),
        on_delete=models.PROTECT,
        related_name="construction_projects",
    )
    developer = models.ForeignKey(
        "casework.Employer",
        verbose_name=_("建设单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="developed_projects",
    )
    main_contractor = models.ForeignKey(
        "casework.Employer",
        verbose_name=_("施工总承包单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="main_contracted_projects",
    )
    subcontractor = models.ForeignKey(
        "casework.Employer",
        verbose_name=_("分包单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subcontracted_projects",
    )
    wage_account_bank = models.CharField(_("工资专用账户开户银行"), max_length=100, blank=True)
    wage_account_number = models.CharField(
        _("工资专用账户账号"), max_length=40, blank=True, help_text=_("页面上只显示前4位和后4位")
    )
    wage_deposit_amount = models.DecimalField(
        _("工资保证金（元）"),
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
        **money_field_kwargs(),
    )
    # Art 32: the deposit in cash, a bank guarantee or insurance; reduced or waived for good payers.
    deposit_form = models.CharField(
        _("工资保证金形式"), max_length=12, choices=DepositForm.choices, blank=True
    )
    deposit_required = models.DecimalField(
        _("应存工资保证金（元）"),
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("按信用等级减免后的应存数额"),
        **money_field_kwargs(),
    )
    deposit_relief = models.CharField(
        _("保证金减免"), max_length=10, choices=DepositRelief.choices, default=DepositRelief.NONE
    )
    deposit_relief_basis = models.CharField(_("减免依据"), max_length=200, blank=True)
    wage_officer = models.CharField(_("劳资专管员"), max_length=50, blank=True)
    wage_account_agreement_on = models.DateField(_("专户三方协议签订日期"), null=True, blank=True)  # Art 26
    rights_notice_board = models.BooleanField(_("已设置维权信息告示牌"), default=False)
    notice_board_on = models.DateField(_("告示牌设置日期"), null=True, blank=True)  # Art 34
    notice_board_photo = models.FileField(
        _("告示牌照片"), upload_to="notice_boards/%Y/", blank=True, max_length=200
    )
    contract_price = models.DecimalField(_("合同价款（元）"), null=True, blank=True, **money_field_kwargs())
    labour_cost_share = models.DecimalField(
        _("人工费用占比（%）"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    started_on = models.DateField(_("开工日期"), null=True, blank=True)
    planned_end_on = models.DateField(_("计划竣工日期"), null=True, blank=True)
    completed_on = models.DateField(_("竣工日期"), null=True, blank=True)
    inspectors = models.ManyToManyField(
        "casework.User",
        verbose_name=_("责任监察员"),
        blank=True,
        related_name="monitored_projects",
        help_text=_("接收本项目工资支付预警；未指定时由项目所在地的监察员接收"),
    )
    created_by = actor_field(_("登记人"))
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("工程建设项目")
        verbose_name_plural = _("工程建设项目")
        indexes = [models.Index(fields=["jurisdiction", "name"], name="arrears_project_juris_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(wage_deposit_amount__gte=0), name="arrears_project_deposit_not_negative"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def wage_account_number_masked(self) -> str:
        return mask_account_number(self.wage_account_number)

    @property
    def contractor_ids(self) -> set[int]:
        return {i for i in (self.developer_id, self.main_contractor_id, self.subcontractor_id) if i}
