"""The wage-arrears case (欠薪案件): the money side of migrant workers' wage complaints.

One case concerns one employer (for construction, also the project with its main contractor and
subcontractor) and many workers; the complaints it came from link to it. It does not repeat the
complaint's lifecycle — it follows the money:

    open → payment ordered (责令支付, LIR Art 26) → partially recovered → fully recovered | unrecoverable → closed

Payments move a case to partially/fully recovered by themselves (arrears.services.ledger). Three
escalations run alongside the states, as transitions that keep the state (``target=None``):
compensation order (加付赔偿金 50%–100%, LIR Art 26), transfer to the police (刑法 Art 276-1,
法释〔2013〕3号, 国务院令第310号) and the credit blacklist (a separate ``BlacklistEntry``).
"""

from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from arrears.money import money_field_kwargs
from casework.models import Case
from casework.models.case import state_field, urgency_indexes
from casework.permissions import assigned_with_role, condition, has_role
from casework.roles import Role
from casework.statistics.indexes import settlement_indexes

STAFF = (Role.CLERK, Role.INSPECTOR, Role.INSPECTION_HEAD)
INSPECTORS = (Role.INSPECTOR, Role.INSPECTION_HEAD)
HEAD = (Role.INSPECTION_HEAD,)
# 国务院令第310号 Art 5: the transfer is decided by the agency's head (正职负责人或主持工作的负责人).
AGENCY_HEADS = (Role.INSPECTION_HEAD, Role.DIRECTOR)
MAX_ORDER_DAYS = 90  # the longest period a payment order may set (LIR Art 26 leaves it to the order)


class ArrearsState(models.TextChoices):
    OPEN = "open", _("已立案")
    PAYMENT_ORDERED = "payment_ordered", _("已责令支付")
    PARTIALLY_RECOVERED = "partially_recovered", _("部分追回")
    FULLY_RECOVERED = "fully_recovered", _("全部追回")
    UNRECOVERABLE = "unrecoverable", _("无法追回")
    CLOSED = "closed", _("已结案")


S = ArrearsState
OPEN_ARREARS_STATES = frozenset(
    {S.OPEN, S.PAYMENT_ORDERED, S.PARTIALLY_RECOVERED, S.FULLY_RECOVERED, S.UNRECOVERABLE}
)
# States in which money can still come in and the worker list can still change.
LEDGER_OPEN_STATES = frozenset({S.OPEN, S.PAYMENT_ORDERED, S.PARTIALLY_RECOVERED})
# Transitions fired by the payment service, never by a button.
AUTO_TRANSITIONS = frozenset({"record_partial_recovery", "record_full_recovery"})


class PoliceStatus(models.TextChoices):
    NONE = "", _("未移送")
    REPORTED = "reported", _("已报请移送，待负责人决定")
    APPROVED = "approved", _("已批准移送，待移送")
    DECLINED = "declined", _("决定不移送")
    TRANSFERRED = "transferred", _("已移送公安机关")


# --- preconditions (each with the reason shown when it is not met) ----------------------------------
@condition(_("尚无欠薪工人名单或欠薪金额，请先导入或登记工人"))
def has_outstanding(case) -> bool:
    return case.total_outstanding > 0


@condition(_("本案已作出责令支付"))
def not_yet_ordered(case) -> bool:
    return case.payment_due is None


@condition(_("尚有追回金额且仍有欠薪时才是“部分追回”"))
def partly_paid(case) -> bool:
    return case.total_recovered > 0 and case.total_outstanding > 0


@condition(_("欠薪尚未全部追回"))
def fully_paid(case) -> bool:
    return case.total_owed > 0 and case.total_outstanding == 0


@condition(
    _("责令支付期限尚未届满，或尚未责令支付（劳动保障监察条例第二十六条：逾期不支付的，才责令加付赔偿金）")
)
def payment_deadline_passed(case) -> bool:
    return case.payment_due is not None and timezone.localdate() > case.payment_due


@condition(_("本案已责令加付赔偿金"))
def no_compensation_yet(case) -> bool:
    return case.compensation_ordered_on is None


@condition(_("未达到移送公安机关的条件（见“涉嫌拒不支付劳动报酬罪”评估）"))
def crime_thresholds_met(case) -> bool:
    from arrears.selectors.thresholds import evaluate_crime_thresholds

    return evaluate_crime_thresholds(case).met


@condition(_("本案已报请或已决定移送公安机关"))
def police_not_started(case) -> bool:
    return case.police_status in (PoliceStatus.NONE, PoliceStatus.DECLINED)


@condition(_("尚未报请移送，或负责人已作出决定"))
def police_reported(case) -> bool:
    return case.police_status == PoliceStatus.REPORTED


@condition(_("负责人尚未批准移送"))
def police_approved(case) -> bool:
    return case.police_status == PoliceStatus.APPROVED


@condition(_("移送公安机关的决定或移送尚未完成，不能结案（国务院令第310号）"))
def police_not_pending(case) -> bool:
    return case.police_status not in (PoliceStatus.REPORTED, PoliceStatus.APPROVED)


class ArrearsCase(Case):
    CASE_TYPE = "arrears"
    TYPE_LABEL = _("农民工欠薪案件")
    LIST_URL_NAME = "arrears:case-list"
    NUMBER_FORMAT = "{short}欠薪〔{year}〕{seq:04d}号"
    OPEN_STATES = OPEN_ARREARS_STATES

    employer = models.ForeignKey(
        "casework.Employer",
        verbose_name=_("欠薪用人单位"),
        on_delete=models.PROTECT,
        related_name="arrears_cases",
    )
    project = models.ForeignKey(
        "arrears.ConstructionProject",
        verbose_name=_("工程建设项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="arrears_cases",
    )
    complaints = models.ManyToManyField(
        "casework.Complaint", verbose_name=_("来源投诉"), blank=True, related_name="arrears_cases"
    )
    opened_on = models.DateField(_("立案日期"))
    facts = models.TextField(_("欠薪事实"))

    state = state_field(ArrearsState, ArrearsState.OPEN)

    # Totals: stored for lists and statistics, always equal to the sum of the worker lines. Only
    # arrears.services.ledger writes them, inside the transaction that changes a line, with the case
    # row locked; arrears.services.ledger.ledger_discrepancies() checks them.
    total_owed = models.DecimalField(_("欠薪总额（元）"), default=Decimal("0.00"), **money_field_kwargs())
    total_recovered = models.DecimalField(_("已追回（元）"), default=Decimal("0.00"), **money_field_kwargs())
    total_outstanding = models.DecimalField(_("尚欠（元）"), default=Decimal("0.00"), **money_field_kwargs())
    worker_count = models.PositiveIntegerField(_("涉及工人数"), default=0)
    fully_recovered_on = models.DateField(
        _("全部追回日期"), null=True, blank=True, help_text=_("最后一笔使欠薪结清的款项的支付日期")
    )

    # 责令支付 (LIR Art 26; 限期整改指令书 or 行政处理决定书)
    payment_ordered_on = models.DateField(_("责令支付文书送达日期"), null=True, blank=True)
    payment_order_period = models.PositiveSmallIntegerField(_("支付期限（日）"), null=True, blank=True)
    payment_due = models.DateField(_("支付期限届满日"), null=True, blank=True)
    payment_order_amount = models.DecimalField(
        _("责令支付金额（元）"), null=True, blank=True, **money_field_kwargs()
    )
    payment_order_items = models.TextField(_("责令支付事项"), blank=True)

    # 加付赔偿金 (LIR Art 26: 50%–100% of the amount still unpaid after the deadline)
    compensation_ordered_on = models.DateField(_("责令加付赔偿金日期"), null=True, blank=True)
    compensation_percent = models.DecimalField(
        _("赔偿金比例（%）"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    compensation_base = models.DecimalField(
        _("计算赔偿金的欠薪金额（元）"), null=True, blank=True, **money_field_kwargs()
    )
    compensation_amount = models.DecimalField(
        _("赔偿金（元）"), null=True, blank=True, **money_field_kwargs()
    )

    # Transfer to the police (国务院令第310号: decision within 3 days of the report, transfer within 24 hours)
    police_status = models.CharField(
        _("移送公安"), max_length=12, choices=PoliceStatus.choices, default=PoliceStatus.NONE, blank=True
    )
    police_reported_on = models.DateField(_("报请移送日期"), null=True, blank=True)
    police_report = models.TextField(_("移送报告"), blank=True)
    police_decided_at = models.DateTimeField(_("负责人决定时间"), null=True, blank=True)
    police_decision_reason = models.TextField(_("决定意见"), blank=True)
    police_transfer_due_at = models.DateTimeField(
        _("移送期限"), null=True, blank=True, help_text=_("批准移送后24小时内")
    )
    police_transferred_at = models.DateTimeField(_("移送时间"), null=True, blank=True)
    police_authority = models.CharField(_("接收移送的公安机关"), max_length=100, blank=True)

    unrecoverable_on = models.DateField(_("认定无法追回日期"), null=True, blank=True)
    unrecoverable_reason = models.TextField(_("无法追回原因"), blank=True)
    closing_summary = models.TextField(_("结案意见"), blank=True)

    class Meta(Case.Meta):
        verbose_name = _("欠薪案件")
        verbose_name_plural = _("欠薪案件")
        indexes = [
            models.Index(fields=["jurisdiction", "state"], name="arrears_juris_state_idx"),
            models.Index(fields=["state", "next_due"], name="arrears_state_due_idx"),
            models.Index(fields=["employer", "state"], name="arrears_employer_state_idx"),
            models.Index(fields=["project", "state"], name="arrears_project_state_idx"),
            # Settlement statistics: the caseload's three ranges, index-only (casework.statistics.indexes).
            *settlement_indexes(
                "arrears", accepted_field="opened_on", include=("total_recovered", "worker_count")
            ),
            # The staff list's urgency order (arrears.selectors.cases.arrears_list).
            *urgency_indexes("arrears", OPEN_ARREARS_STATES),
        ]
        permissions = [("approve_arrearscase", _("审批欠薪案件的移送、无法追回和结案"))]
        constraints = Case.Meta.constraints + [
            models.CheckConstraint(
                condition=models.Q(total_recovered__gte=0) & models.Q(total_owed__gte=0),
                name="arrears_totals_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(total_recovered__lte=models.F("total_owed")),
                name="arrears_recovered_not_above_owed",
            ),
            # outstanding = owed − recovered. Amounts are whole fen, so "within half a fen" is equality;
            # the tolerance only absorbs SQLite's binary arithmetic (PostgreSQL's numeric is exact).
            models.CheckConstraint(
                condition=models.Q(
                    total_outstanding__gt=models.F("total_owed")
                    - models.F("total_recovered")
                    - models.Value(Decimal("0.005"))
                )
                & models.Q(
                    total_outstanding__lt=models.F("total_owed")
                    - models.F("total_recovered")
                    + models.Value(Decimal("0.005"))
                ),
                name="arrears_outstanding_is_owed_minus_recovered",
            ),
            models.CheckConstraint(
                condition=models.Q(compensation_percent__isnull=True)
                | models.Q(compensation_percent__gte=50, compensation_percent__lte=100),
                name="arrears_compensation_50_to_100_percent",
            ),
        ]

    @property
    def construction(self) -> bool:
        return self.project_id is not None

    # --- transitions (state only; see arrears.services.cases) --------------------------------------
    @transition(
        field=state,
        source=S.OPEN,
        target=S.PAYMENT_ORDERED,
        conditions=[has_outstanding, not_yet_ordered],
        permission=assigned_with_role(Role.INSPECTOR, heads=HEAD),
        custom={"label": _("责令支付"), "form": "payment_order", "style": "primary"},
    )
    @transition(
        field=state,
        source=S.PARTIALLY_RECOVERED,
        target=S.PARTIALLY_RECOVERED,
        conditions=[has_outstanding, not_yet_ordered],
        permission=assigned_with_role(Role.INSPECTOR, heads=HEAD),
        custom={"label": _("责令支付"), "form": "payment_order", "style": "primary"},
    )
    def order_payment(self):
        pass

    @transition(
        field=state,
        source=[S.OPEN, S.PAYMENT_ORDERED],
        target=S.PARTIALLY_RECOVERED,
        conditions=[partly_paid],
        permission=has_role(*INSPECTORS),
        custom={"label": _("部分追回"), "auto": True},
    )
    def record_partial_recovery(self):
        pass

    @transition(
        field=state,
        source=[S.OPEN, S.PAYMENT_ORDERED, S.PARTIALLY_RECOVERED],
        target=S.FULLY_RECOVERED,
        conditions=[fully_paid],
        permission=has_role(*INSPECTORS),
        custom={"label": _("全部追回"), "auto": True},
    )
    def record_full_recovery(self):
        pass

    @transition(
        field=state,
        source=[S.PAYMENT_ORDERED, S.PARTIALLY_RECOVERED],
        target=None,
        conditions=[payment_deadline_passed, has_outstanding, no_compensation_yet],
        permission=assigned_with_role(Role.INSPECTOR, heads=HEAD),
        custom={"label": _("责令加付赔偿金"), "form": "compensation"},
    )
    def order_compensation(self):
        pass

    @transition(
        field=state,
        source=[S.PAYMENT_ORDERED, S.PARTIALLY_RECOVERED, S.UNRECOVERABLE],
        target=None,
        conditions=[police_not_started, crime_thresholds_met],
        permission=assigned_with_role(Role.INSPECTOR, heads=HEAD),
        custom={"label": _("报请移送公安机关"), "form": "reason", "style": "danger"},
    )
    def report_to_police(self):
        pass

    @transition(
        field=state,
        source=[S.PAYMENT_ORDERED, S.PARTIALLY_RECOVERED, S.FULLY_RECOVERED, S.UNRECOVERABLE],
        target=None,
        conditions=[police_reported],
        permission=has_role(*AGENCY_HEADS),
        custom={"label": _("决定是否移送公安机关"), "form": "police_decision", "style": "danger"},
    )
    def decide_police_transfer(self):
        pass

    @transition(
        field=state,
        source=[S.PAYMENT_ORDERED, S.PARTIALLY_RECOVERED, S.FULLY_RECOVERED, S.UNRECOVERABLE],
        target=None,
        conditions=[police_approved],
        permission=assigned_with_role(Role.INSPECTOR, heads=HEAD),
        custom={"label": _("移送公安机关"), "form": "police_transfer", "style": "danger"},
    )
    def transfer_to_police(self):
        pass

    @transition(
        field=state,
        source=[S.OPEN, S.PAYMENT_ORDERED, S.PARTIALLY_RECOVERED],
        target=S.UNRECOVERABLE,
        conditions=[has_outstanding],
        permission=has_role(*HEAD),
        custom={"label": _("认定无法追回"), "form": "reason", "style": "danger"},
    )
    def declare_unrecoverable(self):
        pass

    @transition(
        field=state,
        source=[S.FULLY_RECOVERED, S.UNRECOVERABLE],
        target=S.CLOSED,
        conditions=[police_not_pending],
        permission=has_role(*HEAD),
        custom={"label": _("批准结案"), "form": "reason", "style": "primary"},
    )
    def close(self):
        pass


class ArrearsCaseUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(ArrearsCase, on_delete=models.CASCADE)


class ArrearsCaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(ArrearsCase, on_delete=models.CASCADE)
