"""The 督办 list: supervised cases of every type the user can see, with level, next report due and overdue flag."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode

from .models import Supervision
from .selectors import decorate, supervision_list

PAGE_SIZE = 25
STATUSES = {"active": Supervision.Status.ACTIVE, "lifted": Supervision.Status.LIFTED, "all": ""}


@login_required
def supervision_index(request):
    if not request.user.has_perm("supervision.view_supervision"):
        raise PermissionDenied("您无权查看督办案件")
    status_key = request.GET.get("status", "active")
    status = STATUSES.get(status_key, Supervision.Status.ACTIVE)
    overdue = request.GET.get("overdue") == "1"
    rows = supervision_list(request.user, status=status, overdue=overdue)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = decorate(page.object_list)
    query = urlencode({k: v for k, v in (("status", status_key), ("overdue", "1" if overdue else "")) if v})
    return render(
        request,
        "supervision/list.html",
        {"page": page, "query": query, "status": status_key, "overdue": overdue},
    )
