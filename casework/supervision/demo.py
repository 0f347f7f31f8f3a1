"""Demo data: one supervised case (州级挂牌督办) with one progress report. Idempotent."""

import datetime

from django.utils import timezone

from casework.kernel.registry import case_types

from .models import Supervision
from .services import submit_report, supervise


def _open_case():
    """An open case of the first registered type that has one, handled in 吉首 (the demo's county)."""
    for registered in case_types():
        model = registered.model
        open_states = sorted(model.OPEN_STATES)
        case = (
            model._default_manager.filter(state__in=open_states, jurisdiction__code="433101")
            .order_by("pk")
            .first()
        )
        if case is not None:
            return case
    return None


def seed_supervision(users):
    if Supervision.objects.exists():
        return
    case = _open_case()
    if case is None:
        return
    model = type(case)
    director = users["director"]
    supervise(
        model,
        case.pk,
        actor=director,
        level="prefecture_listed",
        report_every=5,
        deadline=timezone.localdate() + datetime.timedelta(days=60),
        reason="涉及农民工人数多、金额大，州局挂牌督办，请每5个工作日报告一次办理进展。",
    )
    submit_report(
        model,
        case.pk,
        actor=users["inspection_head"],
        text="已约谈用人单位负责人，责令其10日内足额支付工资；正在核对工资表。",
    )
