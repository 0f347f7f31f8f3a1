from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone

from casework.inputs import parse_int
from casework.proactive.statistics import proactive_figures


@login_required
@permission_required("casework.view_statistics", raise_exception=True)
def proactive_stats(request):
    try:
        year = (
            parse_int(request.GET.get("year"), "year", minimum=2000, maximum=2100)
            or timezone.localdate().year
        )
    except ValidationError:  # a bad year shows the current one
        year = timezone.localdate().year
    user = request.user
    scope = None if (user.is_superuser or user.sees_all_jurisdictions) else user.jurisdiction_ids
    return render(
        request, "proactive/stats.html", {"f": proactive_figures(jurisdiction_ids=scope, year=year)}
    )
