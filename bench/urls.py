"""The project's URLs plus the load tests' baselines (only mounted by bench/settings.py).

``bench/floor/lookup/`` → ``bench/floor/progress/`` (bench/lookup_action.py): the floor of the whole lookup, a bare
pair of views. The POST runs the lookup's own verification query (``selectors.verification_rows``: the same
indexed ``number = %s`` SQL), compares the suffix and redirects with a plain cookie naming the case; the GET reads,
by indexed queries, the rows the progress page shows (the case with its unit, the person, the public timeline, the
open deadlines) and writes them out as text — no template, no signing, no cache, no log.

Both go through the same middleware as the real pages, CSRF check included (the client sends both the same token):
a public form that writes must be CSRF-protected, so that check is part of what any lookup costs.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path

from casework.public.registry import case_type_by_label
from casework.public.selectors import normalise_case_number, normalise_id_suffix, verification_rows


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
    model = case_type_by_label(label).model
    content_type = ContentType.objects.get_for_model(model).pk
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.number, c.created_at, j.name, j.phone FROM {model._meta.db_table} c "
            "JOIN casework_jurisdiction j ON j.id = c.jurisdiction_id WHERE c.id = %s",
            [int(case_pk)],
        )
        case = cursor.fetchone()
        cursor.execute("SELECT milestone_sms_opt_out FROM casework_person WHERE id = %s", [int(person_pk)])
        person = cursor.fetchone()
        cursor.execute(
            "SELECT at, transition, transition_label FROM casework_transitionlog "
            "WHERE content_type_id = %s AND object_id = %s AND public ORDER BY id",
            [content_type, int(case_pk)],
        )
        timeline = cursor.fetchall()
        cursor.execute(
            "SELECT due_on, rule FROM casework_deadline WHERE content_type_id = %s AND object_id = %s "
            "AND status = 'open' ORDER BY due_on, id",
            [content_type, int(case_pk)],
        )
        deadlines = cursor.fetchall()
    body = f"{case}\n{person}\n" + "\n".join(map(str, timeline)) + "\n" + "\n".join(map(str, deadlines))
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("bench/floor/lookup/", floor_lookup),
    path("bench/floor/progress/", floor_progress),
    path("", include("config.urls")),
]
