"""The project's URLs plus the load test's baseline (only mounted by bench/settings.py).

The real lookup is load-tested at /green/lookup/ with a CSRF token; ``bench/bare/`` is the baseline: a bare Django
view doing the same indexed case-number query. It goes through the same middleware as the lookup, CSRF check
included (the client sends both the same token): a public form that writes must be CSRF-protected, so that check
is part of what any lookup costs, not of what this one adds.
"""

from django.http import HttpResponse
from django.urls import include, path

from casework.inspection.models import Complaint


def bare_lookup(request):
    row = (
        Complaint.objects.filter(number=request.POST.get("case_number", ""))
        .values_list("id", "state")
        .first()
    )
    return HttpResponse(str(row), content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare_lookup),
    path("", include("config.urls")),
]
