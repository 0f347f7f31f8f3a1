"""Public pages of the draws (no login): inputs' hashes, the seed, the algorithm, the results and the
inspections' outcomes, and the draw's inputs as a JSON file anyone can replay. Employers are named (legal
persons); of inspectors only the name and the certificate number; nothing about workers."""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from casework.models import Employer
from casework.proactive import draw_algorithm
from casework.proactive.models import Draw, DrawState, Inspection
from casework.proactive.services.draws import draw_document

PAGE = 50


def _draw(pk) -> Draw:
    draw = Draw.objects.select_related("jurisdiction", "campaign").filter(pk=pk).first()
    if draw is None:
        raise Http404
    return draw


@require_GET
def draw_index(request):
    draws = Draw.objects.select_related("jurisdiction")[:PAGE]
    return render(request, "proactive/public/draw_index.html", {"draws": draws})


def _result_rows(draw: Draw) -> list[dict]:
    if draw.state != DrawState.PUBLISHED or not draw.result:
        return []
    snapshot_inspectors = {i["id"]: i for i in draw_document(draw)["snapshot"]["inspectors"]}
    employers = Employer.objects.in_bulk([r["employer"] for r in draw.result])
    outcomes = {
        i.employer_id: i
        for i in Inspection.objects.filter(draw=draw).only(
            "employer_id", "state", "violations_found", "closed_at", "outcome_published_at"
        )
    }
    rows = []
    for r in draw.result:
        inspection = outcomes.get(r["employer"])
        rows.append(
            {
                "employer": employers.get(r["employer"]),
                "county": r["county"],
                "inspectors": [snapshot_inspectors[i] for i in r["inspectors"] if i in snapshot_inspectors],
                "inspection": inspection,
            }
        )
    return rows


@require_GET
def draw_page(request, pk):
    draw = _draw(pk)
    return render(
        request,
        "proactive/public/draw.html",
        {"draw": draw, "rows": _result_rows(draw), "algorithm_doc": draw_algorithm.__doc__},
    )


@require_GET
def draw_inputs(request, pk):
    document = draw_document(_draw(pk))
    if document["result"] is not None and _draw(pk).state != DrawState.PUBLISHED:
        document["result"], document["result_sha256"] = None, ""  # the results go public when published
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
