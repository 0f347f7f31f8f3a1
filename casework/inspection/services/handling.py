"""行政处理决定 (LIR Art 26): an order to pay the wages owed by a date, its payment, and — unpaid by then —
the order to add compensation of 50%–100% of the amount still owed (加付赔偿金). The employer's statement
and defence are heard first and answered in the decision (LIR Art 19)."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.inputs import AHEAD, PAST, parse_date, parse_int, parse_yuan, require_text
from casework.inspection.models import Complaint, ComplaintState
from casework.inspection.procedure_models import HandlingDecision
from casework.inspection.services.common import (
    COMPENSATION_PAYMENT,
    HANDLING_PAYMENT,
    about_wages,
    complaint_step,
)
from casework.services import deadlines
from casework.services.notify_public import notify_complainant
from casework.services.transitions import PreconditionFailed, case_action

COMPENSATION_PERCENT = (50, 100)  # LIR Art 26: 百分之五十以上一倍以下
CENT = Decimal("0.01")


def _pay_by(value, field: str):
    day = parse_date(value, field, window=AHEAD, required=True)
    if day <= timezone.localdate():
        raise ValidationError({field: ["支付期限必须晚于今天"]})
    return day


def complaint_decide_handling(
    *,
    actor,
    complaint_id,
    reason: str,
    amount=None,
    pay_by=None,
    statement_summary: str = "",
    defence_answer: str = "",
    expected_state=None,
) -> Complaint:
    """行政处理决定: the findings (``findings_recorded``), what is ordered and — for wages owed — the amount
    and the date to pay by, which runs as a deadline (LIR Art 26)."""
    reason = require_text(reason, "reason", "请填写处理决定的内容")
    amount = parse_yuan(amount, "amount")
    with complaint_step("decide_handling", complaint_id, actor, reason, expected_state, public=True) as step:
        case, today = step.case, timezone.localdate()
        if about_wages(case) and amount is None:
            raise ValidationError(
                {"amount": ["拖欠工资的，请填写责令支付的金额（劳动保障监察条例第二十六条）"]}
            )
        day = _pay_by(pay_by, "pay_by") if amount is not None else None
        if statement_summary and not (defence_answer or "").strip():
            raise ValidationError({"defence_answer": ["请填写对当事人陈述申辩的采纳情况及理由"]})
        step.fire()
        HandlingDecision.objects.filter(complaint=case).delete()
        HandlingDecision.objects.create(
            complaint=case,
            issued_on=today,
            amount=amount or Decimal("0"),
            items=reason,
            pay_by=day,
            statement_summary=(statement_summary or "").strip(),
            defence_answer=(defence_answer or "").strip(),
        )
        case.decision_kind = "handling"
        if day is not None:
            deadlines.start(case, HANDLING_PAYMENT, on=today, due=day)
            step.details.update({"amount": str(amount), "pay_by": day})
        if about_wages(case):  # an order to pay the wages owed (LIR Art 26)
            notify_complainant(step.case, "payment_ordered")
    return step.case


def _decision(case) -> HandlingDecision:
    decision = HandlingDecision.objects.filter(complaint=case).first()
    if case.state != ComplaintState.DECIDED or decision is None or decision.amount <= 0:
        raise PreconditionFailed("本案没有责令支付的行政处理决定")
    return decision


def complaint_record_payment(*, actor, complaint_id, paid_amount, paid_on=None) -> Complaint:
    """A payment made under the handling decision (or its 加付赔偿金): paid in full, its deadline is met."""
    paid = parse_yuan(paid_amount, "paid_amount", required=True)
    with case_action(Complaint, complaint_id, "record_payment", actor=actor) as step:
        case = step.case
        decision = _decision(case)
        total = decision.amount + (decision.compensation_amount or Decimal("0"))
        owed = total - decision.paid_amount
        day = (
            parse_date(paid_on, "paid_on", window=PAST, not_before=decision.issued_on) or timezone.localdate()
        )
        if paid > owed:
            raise ValidationError({"paid_amount": [f"支付金额超过尚欠的{owed}元"]})
        decision.paid_amount += paid
        decision.paid_on = day
        decision.save(update_fields=["paid_amount", "paid_on"])
        if decision.unpaid == 0:
            deadlines.meet(case, HANDLING_PAYMENT, on=day)
        if decision.compensation_amount and decision.paid_amount >= total:
            deadlines.meet(case, COMPENSATION_PAYMENT, on=day)
        step.reason = f"已支付{paid}元"
        step.details.update({"paid_amount": str(paid), "paid_on": day})
    return step.case


def complaint_order_compensation(*, actor, complaint_id, percent, pay_by) -> Complaint:
    """加付赔偿金 (LIR Art 26): the order went unpaid by its date; the employer is ordered to add 50%–100%
    of the amount still owed, by a new date."""
    low, high = COMPENSATION_PERCENT
    percent = parse_int(percent, "percent", minimum=low, maximum=high, required=True)
    day = _pay_by(pay_by, "pay_by")
    with case_action(Complaint, complaint_id, "order_compensation", actor=actor) as step:
        case, today = step.case, timezone.localdate()
        decision = _decision(case)
        if decision.compensation_amount is not None:
            raise PreconditionFailed("已责令加付赔偿金")
        if today <= decision.pay_by:
            raise PreconditionFailed(f"支付期限{decision.pay_by:%Y-%m-%d}尚未届满，不能责令加付赔偿金")
        if decision.unpaid <= 0:
            raise PreconditionFailed("应付金额已全部支付，不适用加付赔偿金")
        rate = Decimal(percent) / 100
        decision.compensation_rate, decision.compensation_base = rate, decision.unpaid
        decision.compensation_amount = (decision.unpaid * rate).quantize(CENT, rounding=ROUND_HALF_UP)
        decision.compensation_on, decision.compensation_pay_by = today, day
        decision.save()
        deadlines.cancel(case, [HANDLING_PAYMENT])  # overdue: the compensation order takes its place
        deadlines.start(case, COMPENSATION_PAYMENT, on=today, due=day)
        step.reason = (
            f"逾期未支付{decision.unpaid}元，责令按{percent}%加付赔偿金{decision.compensation_amount}元"
        )
        step.details.update(
            {"percent": percent, "compensation": str(decision.compensation_amount), "pay_by": day}
        )
    return step.case
