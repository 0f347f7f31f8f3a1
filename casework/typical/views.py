"""Typical cases: the public pages (no login — list, detail, JSON feed; published ones only) and the staff list."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from casework.public.security import public_page
from casework.selectors.case_records import with_case_links

from .models import TypicalCase
from .selectors import public_row, published, typical_cases_visible_to

PAGE_SIZE = 10
FEED_SIZE = 50


@public_page
def public_list(request):
    page = Paginator(published(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "typical/public_list.html", {"page": page, "rows": [public_row(t) for t in page.object_list]}
    )


@public_page
def public_detail(request, pk: int):
    typical = published().filter(pk=pk).first()
    if typical is None:
        raise Http404
    return render(request, "typical/public_detail.html", {"row": public_row(typical)})


@public_page
def public_feed(request):
    items = []
    for typical in published()[:FEED_SIZE]:
        row = public_row(typical)
        row["published_at"] = row["published_at"].isoformat()
        row["url"] = request.build_absolute_uri(reverse("typical:public-detail", args=[typical.pk]))
        items.append(row)
    return JsonResponse(
        {"title": "湘西州人力资源和社会保障局 典型案例", "items": items},
        json_dumps_params={"ensure_ascii": False},
    )


STATUSES = {s.value for s in TypicalCase.Status}


@login_required
def staff_list(request):
    if not request.user.has_perm("typical.view_typicalcase"):
        raise PermissionDenied("您无权查看典型案例")
    status = request.GET.get("status", "")
    rows = typical_cases_visible_to(request.user).order_by("status", "-id")
    if status in STATUSES:
        rows = rows.filter(status=status)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    page.object_list = with_case_links(page.object_list)
    return render(
        request,
        "typical/staff_list.html",
        {
            "page": page,
            "status": status,
            "statuses": TypicalCase.Status.choices,
            "query": urlencode({"status": status}) if status in STATUSES else "",
        },
    )
