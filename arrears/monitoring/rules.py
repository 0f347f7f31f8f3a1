"""What each warning rule checks for one month: one aggregate query per rule, whatever the number of workers.

Each check returns its hits as ``Hit(project_id, jurisdiction_id, worker_id, amount, details)`` rows read straight
from one query (no query per project or worker). ``Scope`` restricts a check to some projects (an import
evaluates only its own project) and carries the month's bounds and the county minimum wages.

MWWR = 保障农民工工资支付条例 (statutes.md §3, §12):
  * no_pay_run (Arts 26, 28): workers attended in the month, and no wage was paid through the wage account;
  * unpaid_workers (Art 28): workers who attended and were not paid, when their share of the month's attending
    workers is over ``share_over_percent`` — one warning per unpaid worker;
  * below_minimum (county minimum wage, statutes.md §5): pay below the monthly minimum wage × days attended ÷
    ``standard_days`` (a full month at least the whole minimum);
  * transfer_late (Arts 24, 27): no labour-cost transfer for a month with attendance, or one made more than
    ``grace_days`` after the month's end;
  * deposit_short (Art 32): an active project not exempt whose deposit is nil or below what it must hold;
  * notice_board_missing (Art 34): an active project without the rights notice board;
  * left_unsettled (Art 28): a worker left in the month with no settlement date;
  * proxy_pay (Arts 26, 31): one worker paid over ``times_average`` × the project's average that month and over
    ``floor`` yuan — pay collected by a team leader for others;
  * empty_roster (Art 28): a started, unfinished project with nobody on its roster that month.
"""

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Least

from arrears.models import (
    Attendance,
    ConstructionProject,
    DepositRelief,
    LabourCostTransfer,
    PayChannel,
    RosterWorker,
    WagePayment,
)
from arrears.money import CENT

MONEY = DecimalField(max_digits=14, decimal_places=2)


@dataclass(frozen=True)
class Hit:
    project_id: int
    jurisdiction_id: int
    worker_id: int | None = None
    amount: Decimal | None = None
    details: str = ""


@dataclass
class Scope:
    month: datetime.date  # the month's first day
    project_ids: list[int] | None = None  # None: every project
    minimum_wages: dict[int, Decimal] = field(default_factory=dict)  # jurisdiction → monthly minimum

    @property
    def end(self) -> datetime.date:
        return self.month.replace(day=calendar.monthrange(self.month.year, self.month.month)[1])

    def of(self, qs: QuerySet, key: str = "project_id") -> QuerySet:
        return qs if self.project_ids is None else qs.filter(**{f"{key}__in": self.project_ids})

    def projects(self) -> QuerySet:
        return self.of(ConstructionProject.objects.all(), "pk")

    def active_projects(self) -> QuerySet:
        """Started on or before the month's end and not finished before it began."""
        return (
            self.projects()
            .filter(started_on__lte=self.end)
            .filter(Q(completed_on__isnull=True) | Q(completed_on__gte=self.month))
        )

    def attendance(self) -> QuerySet:
        return self.of(Attendance.objects.filter(month=self.month, days__gt=0))

    def attended_projects(self) -> QuerySet:
        return self.projects().filter(pk__in=self.attendance().values("project_id"))


def _decimal(value, default: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (ArithmeticError, ValueError, TypeError):
        return Decimal(default)


def _money(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _paid(scope: Scope, ref: str = "worker_id"):
    return WagePayment.objects.filter(worker_id=OuterRef(ref), month=scope.month)


def _minimum(scope: Scope, key: str = "project__jurisdiction_id"):
    """The county's monthly minimum wage as an SQL CASE over the (ten or so) jurisdictions."""
    whens = [When(**{key: jid}, then=Value(amount)) for jid, amount in scope.minimum_wages.items()]
    return Case(*whens, default=Value(None), output_field=MONEY)


def _due(days: Decimal, daily_wage, minimum, standard: Decimal) -> Decimal | None:
    """What a worker should have had for ``days``: the agreed daily wage, else the minimum wage pro rata."""
    if daily_wage:
        return _money(days * daily_wage)
    if minimum:
        return _money(minimum * min(days, standard) / standard)
    return None


# --- the checks ----------------------------------------------------------------------------------------
def no_pay_run(scope: Scope, params: dict) -> list[Hit]:
    through_account = WagePayment.objects.filter(
        project_id=OuterRef("pk"), month=scope.month, channel=PayChannel.ACCOUNT
    )
    attending = scope.attendance().filter(project_id=OuterRef("pk")).order_by().values("project_id")
    rows = (
        scope.attended_projects()
        .filter(~Exists(through_account))
        .annotate(n=Subquery(attending.annotate(c=Count("id")).values("c"), output_field=IntegerField()))
        .values_list("pk", "jurisdiction_id", "n")
    )
    return [Hit(pk, jid, details=f"当月{n}人出勤，无工资专用账户代发记录") for pk, jid, n in rows]


def unpaid_workers(scope: Scope, params: dict) -> list[Hit]:
    share = _decimal(params.get("share_over_percent", "0"), "0")
    standard = _decimal(params.get("standard_days", "21.75"), "21.75")
    over = (
        scope.attendance()
        .order_by()
        .values("project_id")
        .annotate(n=Count("id"), unpaid=Count("id", filter=~Exists(_paid(scope))))
        .filter(unpaid__gt=0)
        .alias(unpaid_share=F("unpaid") * 100)
        .filter(unpaid_share__gt=F("n") * Value(share))
        .values("project_id")
    )
    rows = (
        scope.attendance()
        .filter(~Exists(_paid(scope)), project_id__in=over)
        .values_list("project_id", "project__jurisdiction_id", "worker_id", "days", "worker__daily_wage")
    )
    hits = []
    for project_id, jid, worker_id, days, daily in rows:
        due = _due(days, daily, scope.minimum_wages.get(jid), standard)
        hits.append(Hit(project_id, jid, worker_id, due, f"出勤{days}天，当月未发工资"))
    return hits


def below_minimum(scope: Scope, params: dict) -> list[Hit]:
    if not scope.minimum_wages:
        return []
    standard = _decimal(params.get("standard_days", "21.75"), "21.75")
    pay = _paid(scope).values("amount")[:1]
    rows = (
        scope.attendance()
        .filter(project__jurisdiction_id__in=list(scope.minimum_wages))
        .annotate(paid=Subquery(pay, output_field=MONEY), minimum=_minimum(scope))
        .filter(paid__isnull=False)
        .alias(
            paid_scaled=F("paid") * Value(standard),
            due_scaled=F("minimum") * Least(F("days"), Value(standard), output_field=MONEY),
        )
        .filter(paid_scaled__lt=F("due_scaled"))
        .values_list("project_id", "project__jurisdiction_id", "worker_id", "days", "paid", "minimum")
    )
    hits = []
    for project_id, jid, worker_id, days, paid, minimum in rows:
        due = _money(Decimal(minimum) * min(Decimal(days), standard) / standard)
        paid = _money(paid)
        if paid < due:
            details = f"出勤{days}天，实发{paid}元，低于按最低工资{_money(minimum)}元折算的{due}元"
            hits.append(Hit(project_id, jid, worker_id, due - paid, details))
    return hits


def transfer_late(scope: Scope, params: dict) -> list[Hit]:
    grace = int(_decimal(params.get("grace_days", 0), "0"))
    latest = scope.end + datetime.timedelta(days=max(grace, 0))
    transfers = LabourCostTransfer.objects.filter(project_id=OuterRef("pk"), month=scope.month)
    rows = (
        scope.attended_projects()
        .filter(~Exists(transfers.filter(transferred_on__lte=latest)))
        .annotate(any_transfer=Exists(transfers))
        .values_list("pk", "jurisdiction_id", "any_transfer")
    )
    return [
        Hit(pk, jid, details=f"人工费用拨付迟延（晚于{latest:%Y-%m-%d}）" if late else "当月人工费用未拨付")
        for pk, jid, late in rows
    ]


def deposit_short(scope: Scope, params: dict) -> list[Hit]:
    rows = (
        scope.active_projects()
        .exclude(deposit_relief=DepositRelief.EXEMPT)
        .filter(Q(wage_deposit_amount__lte=0) | Q(wage_deposit_amount__lt=F("deposit_required")))
        .values_list("pk", "jurisdiction_id", "wage_deposit_amount", "deposit_required")
    )
    hits = []
    for pk, jid, held, required in rows:
        short = required - held if required > held else None
        details = f"保证金余额{held}元，应存{required}元" if required else "未存储工资保证金"
        hits.append(Hit(pk, jid, amount=short, details=details))
    return hits


def notice_board_missing(scope: Scope, params: dict) -> list[Hit]:
    rows = scope.active_projects().filter(rights_notice_board=False).values_list("pk", "jurisdiction_id")
    return [Hit(pk, jid, details="施工现场未设置维权信息告示牌") for pk, jid in rows]


def left_unsettled(scope: Scope, params: dict) -> list[Hit]:
    rows = scope.of(
        RosterWorker.objects.filter(left_on__gte=scope.month, left_on__lte=scope.end, settled_on__isnull=True)
    ).values_list("project_id", "project__jurisdiction_id", "pk", "left_on")
    return [Hit(p, jid, w, details=f"{left:%Y-%m-%d}退场，未登记工资结算") for p, jid, w, left in rows]


def proxy_pay(scope: Scope, params: dict) -> list[Hit]:
    times = _decimal(params.get("times_average", "3"), "3")
    floor = _decimal(params.get("floor", "20000"), "20000")
    average = (
        WagePayment.objects.filter(project_id=OuterRef("project_id"), month=scope.month)
        .order_by()
        .values("project_id")
        .annotate(a=Avg("amount"))
        .values("a")
    )
    rows = (
        scope.of(WagePayment.objects.filter(month=scope.month, amount__gt=floor))
        .annotate(average=Subquery(average, output_field=MONEY))
        .alias(limit=F("average") * Value(times))
        .filter(amount__gt=F("limit"))
        .values_list("project_id", "project__jurisdiction_id", "worker_id", "amount", "average")
    )
    return [
        Hit(p, jid, w, details=f"实发{_money(amount)}元，为项目人均{_money(avg)}元的{_money(amount / avg)}倍")
        for p, jid, w, amount, avg in rows
    ]


def empty_roster(scope: Scope, params: dict) -> list[Hit]:
    on_site = RosterWorker.objects.filter(project_id=OuterRef("pk"), entered_on__lte=scope.end).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=scope.month)
    )
    rows = scope.active_projects().filter(~Exists(on_site)).values_list("pk", "jurisdiction_id")
    return [Hit(pk, jid, details="在建项目当月无实名制登记工人") for pk, jid in rows]


CHECKS = {
    "no_pay_run": no_pay_run,
    "unpaid_workers": unpaid_workers,
    "below_minimum": below_minimum,
    "transfer_late": transfer_late,
    "deposit_short": deposit_short,
    "notice_board_missing": notice_board_missing,
    "left_unsettled": left_unsettled,
    "proxy_pay": proxy_pay,
    "empty_roster": empty_roster,
}
