"""Registers the labour-inspection complaint series and the statistics menu entry (from CaseworkConfig.ready).

Suggested ``sort_order`` for the other series (the dashboard's order): arbitration 10, mediation 20,
complaint 30, arrears 40.
"""

from django.utils.translation import gettext_lazy as _

from .registry import CaseSeries, closure_rate, on_time_rate, register_series

NAV_ENTRY = (_("统计分析"), "stats-dashboard", "casework.view_statistics")


def complaint_series() -> CaseSeries:
    from casework.models import Complaint

    return CaseSeries(
        code="complaint",
        label=_("劳动保障监察投诉举报案件"),
        model=Complaint,
        # Accepted (受理) within 5 working days of receipt (LIR-IMPL Art 18); complaints refused or
        # transferred before acceptance never enter the rate.
        accepted_field="accepted_on",
        # Set on closing approval (结案), withdrawal of the case (撤销立案, LIR Art 18) and withdrawal of an
        # accepted complaint — every way an accepted complaint is concluded.
        closed_field="closed_at",
        recovered_field="recovered_amount",
        workers_field="recovered_workers",
        # 60 working days from filing, +30 on extension (LIR Art 17).
        deadline_rule="inspection.investigate",
        rates=(
            closure_rate(_("投诉案件结案率"), target_key="complaint_closure"),
            on_time_rate(_("按期结案率")),
        ),
        sort_order=30,
    )


def register():
    from django.db.models.signals import post_migrate

    from casework.context_processors import NAV_ITEMS

    from .versions import install_triggers

    register_series(complaint_series())
    # the data-version triggers behind the figures' cache, on each counted table once it exists
    post_migrate.connect(install_triggers, dispatch_uid="casework.statistics.install_triggers")
    if NAV_ENTRY not in NAV_ITEMS:
        NAV_ITEMS.append(NAV_ENTRY)
