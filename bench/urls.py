"""The project's URLs plus the load tests' baselines (only mounted by bench/settings.py).

``bench/floor/lookup/`` → ``bench/floor/progress/`` (bench/lookup_action.py): the floor of the whole lookup, a bare
pair of views. The POST runs the lookup's own verification query (``selectors.verification_rows``: the same
indexed ``number = %s`` SQL), compares the suffix and redirects with a plain cookie naming the case; the GET runs the
progress page's own query (``selectors.grant_rows_with_progress``: who is on the case now, with the case's stored
progress and its unit) and writes the rows out as text — no template, no signing, no cache, no log.

Both go through the same middleware as the real pages, CSRF check included (the client sends both the same token):
a public form that writes must be CSRF-protected, so that check is part of what any lookup costs.
"""

from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path

from casework.public.selectors import (
    CaseRef,
    grant_rows_with_progress,
    normalise_case_number,
    normalise_id_suffix,
    verification_rows,
)


def floor_lookup(request):
    number = normalise_case_number(request.POST.get("case_number", ""))
    suffix = normalise_id_suffix(request.POST.get("id_suffix", ""))
    for label, case_pk, person_pk, id_number in verification_rows(number):
        if person_pk is not None and (id_number or "")[-6:].upper() == suffix:
            response = HttpResponseRedirect("/bench/floor/progress/")
            response.set_cookie(
                "bench_floor", f"{label}|{case_pk}|{person_pk}", path="/bench/", httponly=True
            )
            return response
    return HttpResponse("not found", content_type="text/plain")


def floor_progress(request):
    label, case_pk, person_pk = request.COOKIES.get("bench_floor", "||").split("|")
    rows, stored = grant_rows_with_progress([CaseRef(label, int(case_pk), int(person_pk))])
    body = "\n".join(map(str, rows)) + "\n" + "\n".join(f"{p.facts}\n{p.unit}" for p in stored.values())
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("bench/floor/lookup/", floor_lookup),
    path("bench/floor/progress/", floor_progress),
    path("", include("config.urls")),
]
