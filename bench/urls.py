"""The project's URLs plus two load-test entry points (only mounted by bench/settings.py).

The real lookup is load-tested at /green/lookup/ with a CSRF token; ``bench/bare/`` is the baseline: a bare Django view doing the same indexed case-number query.
"""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from casework.models import Complaint


@csrf_exempt
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
