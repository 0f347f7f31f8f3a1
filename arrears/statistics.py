"""The wage-arrears series of the settlement statistics: amounts recovered and workers helped."""

from django.utils.translation import gettext_lazy as _

from casework.statistics.registry import CaseSeries, case_series, closure_rate


def arrears_series() -> list[CaseSeries]:
    from arrears.models import ArrearsCase

    return [
        case_series(
            ArrearsCase,
            _("农民工欠薪案件"),
            accepted_field="opened_on",
            recovered_field="total_recovered",
            workers_field="worker_count",
            rates=(closure_rate(_("欠薪案件结案率")),),
            sort_order=40,
        )
    ]
