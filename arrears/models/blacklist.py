"""The credit blacklist of employers that do not pay migrant workers (人社部令第45号, 2022).

A proceeding of its own, numbered like a case and logged in the same hash-chained log:

    noticed (告知, defence window) → listed (3 years) | not listed
    listed → removal applied (after full payment, 6 months, credit commitment) → removed | listed again
    listed → expired (the 3 years are over)

Dates (民法典 Arts 201–203 applied to the periods): ``listed_until`` is the corresponding day three
years after the listing (29 February → 28 February); the entry leaves the list the day after. Early
removal: the application may be made once six months have run from the later of the listing and the
day the arrears were fully paid (改正之日, unconfirmed reading), i.e. from the day after the
corresponding day six months later (31 August → end of February).
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from casework.calendar.workdays import add_years
from casework.models import Case
from casework.models.case import state_field
from casework.permissions import condition, has_role
from casework.roles import Role

from .cases import AGENCY_HEADS, INSPECTORS

LISTING_YEARS = 3  # 人社部令第45号: listed for three years
EARLY_REMOVAL_MONTHS = 6  # 人社部令第45号: may apply after six months, once the arrears are paid


def add_months(start: datetime.date, months: int) -> datetime.date:
    """The corresponding day ``months`` later, or the month's last day if there is none (民法典 Art 202)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(start)


def listing_end(listed_on: datetime.date) -> datetime.date:
    """The last day on the list: the corresponding day three years on (29 Feb → 28 Feb)."""
    return add_years(listed_on, LISTING_YEARS)


def early_removal_from(listed_on: datetime.date, corrected_on: datetime.date | None) -> datetime.date | None:
    """The first day an application for early removal may be made (None while wages are still owed)."""
    if corrected_on is None:
        return None
    start = max(listed_on, corrected_on)
    return add_months(start, EARLY_REMOVAL_MONTHS) + datetime.timedelta(days=1)


class BlacklistState(models.TextChoices):
    NOTICED = "noticed", _("已告知，陈述申辩期")
    LISTED = "listed", _("已列入名单")
    NOT_LISTED = "not_listed", _("决定不予列入")
    REMOVAL_APPLIED = "removal_applied", _("已申请提前移出")
    REMOVED = "removed", _("已提前移出")
    EXPIRED = "expired", _("期满移出")


B = BlacklistState


class Grounds(models.TextChoices):
    """人社部令第45号 Art 5: after an order to pay went unpaid, either of these."""

    THRESHOLD = "threshold", _("克扣、无故拖欠农民工工资达到认定拒不支付劳动报酬罪数额标准")
    INCIDENT = "incident", _("因拖欠农民工工资违法行为引发群体性事件、极端事件造成严重不良社会影响")


@condition(_("陈述申辩期尚未届满，且当事人尚未提出陈述申辩"))
def defence_heard_or_window_over(entry) -> bool:
    return entry.defence_received_on is not None or timezone.localdate() > entry.defence_due


@condition(_("拖欠的工资尚未全部支付，不能申请提前移出"))
def arrears_paid(entry) -> bool:
    return entry.arrears_case.total_outstanding == 0 and entry.arrears_case.fully_recovered_on is not None


@condition(_("自改正之日起列入名单未满6个月，不能申请提前移出"))
def six_months_passed(entry) -> bool:
    start = early_removal_from(entry.listed_on, entry.arrears_case.fully_recovered_on)
    return start is not None and timezone.localdate() >= start


@condition(_("三年列入期限尚未届满"))
def listing_period_over(entry) -> bool:
    return entry.listed_until is not None and timezone.localdate() > entry.listed_until


def system_or_role(*roles):
    """The expiry sweep runs without a user (actor None); staff with ``roles`` may also do it by hand."""

    def check(case, user) -> bool:
        if user is None:
            return True
        return bool(user.is_authenticated and user.has_role(*roles))

    check.roles = roles
    return check


class BlacklistEntry(Case):
    CASE_TYPE = "blacklist"
    TYPE_LABEL = _("拖欠农民工工资失信联合惩戒名单")
    LIST_URL_NAME = "arrears:blacklist-list"
    NUMBER_FORMAT = "{short}人社失信〔{year}〕{seq:04d}号"
    OPEN_STATES = frozenset({B.NOTICED, B.LISTED, B.REMOVAL_APPLIED})
    object_permissions_enabled = False

    arrears_case = models.ForeignKey(
        "arrears.ArrearsCase",
        verbose_name=_("欠薪案件"),
        on_delete=models.PROTECT,
        related_name="blacklist_entries",
    )
    employer = models.ForeignKey(
        "casework.Employer",
        verbose_name=_("用人单位"),
        on_delete=models.PROTECT,
        related_name="blacklist_entries",
    )
    responsible_persons = models.CharField(
        _("有关责任人员"),
        max_length=200,
        blank=True,
        help_text=_("法定代表人或者主要负责人、直接负责的主管人员和其他直接责任人员"),
    )
    grounds = models.CharField(_("列入事由"), max_length=12, choices=Grounds.choices)
    facts = models.TextField(_("失信事实"))
    noticed_on = models.DateField(_("告知日期"))
    defence_due = models.DateField(_("陈述申辩期限"))
    defence_received_on = models.DateField(_("收到陈述申辩日期"), null=True, blank=True)
    defence_text = models.TextField(_("陈述申辩意见"), blank=True)
    state = state_field(BlacklistState, B.NOTICED, max_length=20)
    listed_on = models.DateField(_("列入日期"), null=True, blank=True)
    listed_until = models.DateField(_("列入期限至"), null=True, blank=True)
    decision_reason = models.TextField(_("决定理由"), blank=True)
    removal_applied_on = models.DateField(_("申请提前移出日期"), null=True, blank=True)
    credit_commitment = models.TextField(_("信用承诺"), blank=True)
    removed_on = models.DateField(_("移出日期"), null=True, blank=True)
    removal_reason = models.TextField(_("移出理由"), blank=True)

    class Meta(Case.Meta):
        verbose_name = _("失信联合惩戒名单")
        verbose_name_plural = _("失信联合惩戒名单")
        indexes = [
            models.Index(fields=["employer", "state"], name="blacklist_employer_state_idx"),
            models.Index(fields=["state", "listed_until"], name="blacklist_state_until_idx"),
        ]

    @property
    def early_removal_from(self) -> datetime.date | None:
        if self.listed_on is None:
            return None
        return early_removal_from(self.listed_on, self.arrears_case.fully_recovered_on)

    @property
    def leaves_list_on(self) -> datetime.date | None:
        return self.listed_until + datetime.timedelta(days=1) if self.listed_until else None

    @transition(
        field=state,
        source=B.NOTICED,
        target=B.LISTED,
        conditions=[defence_heard_or_window_over],
        permission=has_role(*AGENCY_HEADS),
        custom={"label": _("作出列入决定"), "form": "reason", "style": "danger"},
    )
    def decide_listing(self):
        pass

    @transition(
        field=state,
        source=B.NOTICED,
        target=B.NOT_LISTED,
        permission=has_role(*AGENCY_HEADS),
        custom={"label": _("决定不予列入"), "form": "reason"},
    )
    def decide_not_to_list(self):
        pass

    @transition(
        field=state,
        source=B.LISTED,
        target=B.REMOVAL_APPLIED,
        conditions=[arrears_paid, six_months_passed],
        permission=has_role(*INSPECTORS),
        custom={"label": _("登记提前移出申请"), "form": "commitment"},
    )
    def apply_for_removal(self):
        pass

    @transition(
        field=state,
        source=B.REMOVAL_APPLIED,
        target=B.REMOVED,
        permission=has_role(*AGENCY_HEADS),
        custom={"label": _("批准提前移出"), "form": "reason", "style": "primary"},
    )
    def approve_removal(self):
        pass

    @transition(
        field=state,
        source=B.REMOVAL_APPLIED,
        target=B.LISTED,
        permission=has_role(*AGENCY_HEADS),
        custom={"label": _("不予提前移出"), "form": "reason", "style": "danger"},
    )
    def refuse_removal(self):
        pass

    @transition(
        field=state,
        source=[B.LISTED, B.REMOVAL_APPLIED],
        target=B.EXPIRED,
        conditions=[listing_period_over],
        permission=system_or_role(Role.INSPECTOR, Role.INSPECTION_HEAD),
        custom={"label": _("期满移出")},
    )
    def expire(self):
        pass
