"""The public open-data pages (no login): the data set's page, its data dictionary and the downloads, all
served from the stored snapshot (``casework.public.open_data``) with the public pages' headers."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from casework.public import open_data
from casework.public.security import public_page

PREVIEW_ROWS = 50


@public_page
@require_GET
def page(request):
    document = open_data.stored_document()
    rows = (document or {}).get("rows", [])
    return render(
        request,
        "green/open_data.html",
        {
            "document": document,
            "fields": open_data.FIELDS,
            "rows": rows[:PREVIEW_ROWS],
            "total_rows": len(rows),
            "preview_rows": PREVIEW_ROWS,
            "generated_label": (document or {}).get("generated_at", "")[:16].replace("T", " "),
        },
    )


@public_page
@require_GET
def fields(request):
    return render(
        request,
        "green/open_data_fields.html",
        {
            "fields": open_data.FIELDS,
            "rule": open_data.DISCLOSURE_RULE,
            "below": open_data.SUPPRESS_BELOW,
            "not_disclosed": open_data.NOT_DISCLOSED,
        },
    )


def _download(name: str, content_type: str):
    data = open_data.stored_file(name)
    if data is None:
        raise Http404("数据尚未生成")
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@public_page
@require_GET
def download_csv(request):
    return _download(open_data.CSV_NAME, "text/csv; charset=utf-8")


@public_page
@require_GET
def download_json(request):
    return _download(open_data.JSON_NAME, "application/json; charset=utf-8")
