"""The labour-inspection complaint series of the settlement statistics."""

from django.utils.translation import gettext_lazy as _

from casework.statistics.registry import CaseSeries, case_series, closure_rate, on_time_rate


def complaint_series() -> CaseSeries:
    from casework.inspection.models import Complaint

    # Accepted (受理) within 5 working days of receipt (LIR-IMPL Art 18); complaints refused or transferred
    # before acceptance never enter the rate. ``closed_at`` is set on closing approval (结案), withdrawal of
    # the case (撤销立案, LIR Art 18) and withdrawal of an accepted complaint — every way an accepted
    # complaint is concluded.
    return case_series(
        Complaint,
        _("劳动保障监察投诉举报案件"),
        recovered_field="recovered_amount",
        workers_field="recovered_workers",
        deadline_rule="inspection.investigate",  # 60 working days from filing, +30 on extension (LIR Art 17)
        rates=(
            closure_rate(_("投诉案件结案率"), target_key="complaint_closure"),
            on_time_rate(_("按期结案率")),
        ),
        sort_order=30,
    )
