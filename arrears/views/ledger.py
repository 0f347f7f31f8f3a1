"""Ledger pages: the worker sheet import (its own page: a rejected sheet shows every bad row) and the blank
template. Adding a worker and recording or confirming payments post to the kernel's ``case-change``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from arrears.action_forms import ImportForm
from arrears.importing import SheetRejected, worker_template_xlsx
from arrears.services import ledger as svc
from casework.services.transitions import TransitionError

from .common import error_text, writable_case

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def worker_template(request):
    if not request.user.has_perm("arrears.view_arrearscase"):
        raise Http404
    response = HttpResponse(worker_template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = (
        "attachment; filename*=UTF-8''%E5%B7%A5%E4%BA%BA%E5%90%8D%E5%8D%95%E6%A8%A1%E6%9D%BF.xlsx"
    )
    return response


@login_required
def worker_import(request, pk):
    case = writable_case(request.user, pk, "import_workers")  # 404 unseen, 403 role: before the file
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = svc.workers_import(
                actor=request.user, case_id=case.pk, uploaded=upload, filename=upload.name
            )
        except SheetRejected as exc:
            errors = exc.errors
        except (ValidationError, TransitionError) as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, f"已导入{result.created}名工人，欠薪金额合计{result.amount}元")
            return redirect("arrears:case-detail", pk=case.pk)
    return render(request, "arrears/import.html", {"case": case, "form": form, "errors": errors})
