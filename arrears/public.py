"""Wage-arrears cases on the public green channel: each worker sees the case and their own recovered amount."""

from django.utils.translation import gettext_lazy as _

from arrears.models import ArrearsCase
from arrears.models.cases import ArrearsState as S
from arrears.selectors.public import public_progress
from casework.models import Person
from casework.public.registry import PaymentRow, register_public_case_type

STAGES = {
    S.OPEN: _("已立案，正在向用人单位追讨工资"),
    S.PAYMENT_ORDERED: _("已责令用人单位限期支付工资"),
    S.PARTIALLY_RECOVERED: _("已追回部分工资，正在继续追讨"),
    S.FULLY_RECOVERED: _("工资已全部追回"),
    S.UNRECOVERABLE: _("暂时无法追回，正在依法处理"),
    S.CLOSED: _("已办结"),
}
TIMELINE = {"register": _("立案追讨"), "order_payment": _("责令用人单位限期支付"), "close": _("办结")}


def _amount_recovered(case, person):
    progress = public_progress(case, person)
    return progress.amount_recovered if progress else None


STEPS = (
    (_("立案"), (S.OPEN,)),
    (_("责令支付"), (S.PAYMENT_ORDERED,)),
    (_("追回工资"), (S.PARTIALLY_RECOVERED, S.FULLY_RECOVERED, S.UNRECOVERABLE)),
    (_("办结"), (S.CLOSED,)),
)


def _payments(pairs) -> dict:
    """The payments recovered for each (case, worker): one query for all the pairs."""
    from arrears.models import Payment

    wanted = {(case.pk, person.pk) for case, person in pairs}
    rows = (
        Payment.objects.filter(case__in=[c.pk for c, _p in pairs], line__person__in=[p.pk for _c, p in pairs])
        .select_related("line")
        .order_by("paid_on", "id")
    )
    out: dict = {}
    for payment in rows:
        key = (payment.case_id, payment.line.person_id)
        if key in wanted:
            out.setdefault(key, []).append(
                PaymentRow(
                    pk=payment.pk,
                    amount=payment.amount,
                    paid_on=payment.paid_on,
                    payer=str(payment.get_payer_kind_display()).split("（")[0],
                    confirmed=payment.confirmed_by_worker,
                    confirmed_on=payment.confirmed_on,
                )
            )
    return out


def _confirm(case, person, payment_id):
    from arrears.services.ledger import payment_confirm_by_worker

    return payment_confirm_by_worker(case, person, payment_id)


def register():
    register_public_case_type(
        ArrearsCase,
        label=_("农民工欠薪案件"),
        applicant_attr="workers",
        stage_text=lambda case: str(STAGES.get(case.state, _("正在办理"))),
        amount_recovered=_amount_recovered,
        timeline_labels=TIMELINE,
        lookup_persons=lambda case: Person.objects.filter(arrears_lines__case=case),
        cases_for_persons=lambda persons: ArrearsCase.objects.filter(workers__person__in=persons).distinct(),
        noun=_("欠薪案件"),
        person_paths=("workers__person",),
        prefetch_related=("workers__payments",),
        steps=STEPS,
        payments=_payments,
        confirm_payment=_confirm,
    )
