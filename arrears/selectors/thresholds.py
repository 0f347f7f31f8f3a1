"""Does an arrears case reach the crime of refusing to pay wages? (刑法 Art 276-1; 法释〔2013〕3号)

法释〔2013〕3号 Art 3 — "数额较大" is either
  (1) one worker unpaid for 3 months or more, the amount reaching the province's per-worker figure
      (¥5,000–20,000; Hunan ¥6,000), or
  (2) 10 workers or more unpaid, the amounts together reaching the province's total figure
      (¥30,000–100,000; Hunan ¥40,000).
Art 4 — and the employer must have ignored a government order to pay (限期整改指令书 or 行政处理决定书):
here, a 责令支付 whose deadline has passed with wages still unpaid, or a linked complaint recorded as
not rectified after its rectification order.

The amounts compared are those still unpaid (owed − recovered): a worker paid in full is no longer a
victim of the refusal. The figures come from ``CrimeThreshold`` (effective-dated, admin-edited).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from arrears import conf
from arrears.models import ArrearsCase, ArrearsWorker, CrimeThreshold
from arrears.money import ZERO, yuan, yuan_short


def threshold_for(on: datetime.date | None = None, province: str | None = None) -> CrimeThreshold | None:
    """The figures in force on ``on`` (today) in ``province`` (the configured one)."""
    on = on or timezone.localdate()
    province = province or conf.get("ARREARS_PROVINCE")
    return (
        CrimeThreshold.objects.filter(province=province, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )


@dataclass(frozen=True)
class WorkerAssessment:
    line: ArrearsWorker
    unpaid: Decimal
    met: bool
    reason: str


@dataclass
class CaseAssessment:
    threshold: CrimeThreshold | None
    workers: list[WorkerAssessment] = field(default_factory=list)
    individual_met: bool = False
    group_met: bool = False
    group_reason: str = ""
    order_ignored: bool = False
    order_reason: str = ""
    unpaid_workers: int = 0
    unpaid_total: Decimal = ZERO

    @property
    def amount_met(self) -> bool:
        return self.individual_met or self.group_met

    @property
    def met(self) -> bool:
        """Both the amount (Art 3) and the ignored order (Art 4): the case may be reported to the police."""
        return self.amount_met and self.order_ignored

    @property
    def individual_reason(self) -> str:
        hits = [w for w in self.workers if w.met]
        if hits:
            return f"{len(hits)}名工人达到单人“数额较大”标准"
        if self.threshold is None:
            return "未配置本省数额标准"
        return "没有工人达到单人“数额较大”标准"

    @property
    def reasons(self) -> list[str]:
        return [self.individual_reason, self.group_reason, self.order_reason]

    @property
    def summary(self) -> str:
        if self.threshold is None:
            return "未配置本省拒不支付劳动报酬罪数额标准，无法评估"
        if self.met:
            return "达到涉嫌拒不支付劳动报酬罪的移送条件"
        if self.amount_met:
            return "欠薪数额达到标准，但尚不满足“经政府有关部门责令支付仍不支付”的条件"
        return "欠薪数额未达到本省“数额较大”标准"


def _assess_worker(line: ArrearsWorker, t: CrimeThreshold) -> WorkerAssessment:
    unpaid = line.amount_owed - line.recovered
    figure = yuan_short(t.per_worker_amount)
    if unpaid <= 0:
        return WorkerAssessment(line, unpaid, False, "已足额支付")
    if line.months_unpaid < t.min_months:
        reason = f"拖欠{line.months_unpaid}个月，不足{t.min_months}个月，不适用单人标准"
        return WorkerAssessment(line, unpaid, False, reason)
    if unpaid >= t.per_worker_amount:
        reason = f"拖欠{t.min_months}个月以上且金额{yuan(unpaid)}元，达到本省‘数额较大’标准{figure}元"
        return WorkerAssessment(line, unpaid, True, reason)
    reason = f"拖欠{t.min_months}个月以上，但金额{yuan(unpaid)}元，未达到本省‘数额较大’标准{figure}元"
    return WorkerAssessment(line, unpaid, False, reason)


def _order_ignored(case: ArrearsCase, today: datetime.date) -> tuple[bool, str]:
    if case.payment_due is not None:
        d = case.payment_due
        due = f"{d.year}年{d.month}月{d.day}日"
        if today <= case.payment_due:
            return False, f"责令支付期限（至{due}）尚未届满"
        if case.total_outstanding <= 0:
            return False, "已在责令支付后足额支付"
        return True, f"经责令支付（期限至{due}）逾期仍未支付（法释〔2013〕3号第四条）"
    if case.pk and case.complaints.filter(state="not_rectified").exists():
        return True, "经限期改正指令逾期仍未改正（法释〔2013〕3号第四条）"
    return False, "尚未责令支付（须经政府有关部门责令支付仍不支付，法释〔2013〕3号第四条）"


_LOOK_UP = object()


def evaluate_crime_thresholds(
    case: ArrearsCase, *, on: datetime.date | None = None, lines=None, threshold=_LOOK_UP
) -> CaseAssessment:
    """Per worker and for the case: met or not, and why, in Chinese.

    ``lines``: the case's worker lines if already loaded, and ``threshold`` the figures in force (lists
    evaluating many cases pass both, to avoid queries per case).
    """
    today = on or timezone.localdate()
    t = threshold_for(today) if threshold is _LOOK_UP else threshold
    if lines is None:
        lines = list(case.workers.select_related("person")) if case.pk else []
    order_ignored, order_reason = _order_ignored(case, today)
    result = CaseAssessment(threshold=t, order_ignored=order_ignored, order_reason=order_reason)
    unpaid = [line.amount_owed - line.recovered for line in lines]
    result.unpaid_workers = sum(1 for u in unpaid if u > 0)
    result.unpaid_total = sum((u for u in unpaid if u > 0), ZERO)
    if t is None:
        result.group_reason = "未配置本省数额标准"
        return result
    result.workers = [_assess_worker(line, t) for line in lines]
    result.individual_met = any(w.met for w in result.workers)
    figure, n, total = yuan_short(t.total_amount), result.unpaid_workers, yuan(result.unpaid_total)
    if n < t.min_workers:
        result.group_reason = f"被拖欠工资的劳动者{n}名，不足{t.min_workers}名，不适用多人累计标准"
    elif result.unpaid_total >= t.total_amount:
        result.group_met = True
        result.group_reason = (
            f"拖欠{t.min_workers}名以上劳动者（{n}名）劳动报酬累计{total}元，达到本省‘数额较大’标准{figure}元"
        )
    else:
        result.group_reason = f"拖欠{t.min_workers}名以上劳动者（{n}名）劳动报酬累计{total}元，未达到本省‘数额较大’标准{figure}元"
    return result
