"""Wage-arrears cases on the public green channel: each worker sees the case and their own recovered amount."""

from django.utils.translation import gettext_lazy as _

from arrears.models import ArrearsCase
from arrears.models.cases import ArrearsState as S
from arrears.selectors.public import public_progress
from casework.models import Person
from casework.public.registry import register_public_case_type

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
    )
