"""The arbitration and mediation series of the settlement statistics (statutes.md §6), registered through
each case type's ``series`` (arbitration.case_type)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.statistics.registry import (
    CaseSeries,
    case_series,
    closure_rate,
    finality_rate,
    on_time_rate,
    success_rate,
)


def arbitration_series() -> CaseSeries:
    from arbitration.models import ArbitrationCase

    return case_series(
        ArbitrationCase,
        _("劳动人事争议仲裁案件"),
        # Finality (仲裁终结率): closures that no party took to court (LDMAL Arts 48–50).
        final_filter=Q(court_proceedings_on__isnull=True),
        # 45 days from acceptance, +15 on extension (LDMAL Art 43).
        deadline_rule="arbitration.award",
        rates=(
            closure_rate(_("仲裁结案率"), target_key="arbitration_closure"),
            finality_rate(),
            on_time_rate(),
        ),
        sort_order=10,
    )


def mediation_series() -> CaseSeries:
    from arbitration.models import MediationCase
    from arbitration.models.mediation import MediationOutcome

    return case_series(
        MediationCase,
        _("劳动争议调解案件"),
        success_filter=Q(outcome__in=[MediationOutcome.AGREEMENT, MediationOutcome.REVIEWED]),
        deadline_rule="mediation.settle",  # 15 days (LDMAL Art 14)
        rates=(success_rate(), closure_rate(_("调解结案率"), code="closure")),
        sort_order=20,
    )
