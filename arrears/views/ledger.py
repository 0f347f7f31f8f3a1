"""Ledger pages: the worker sheet import (its own page: a rejected sheet shows every bad row) and the blank
template. Adding a worker and recording or confirming payments post to the kernel's ``case-change``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from arrears.action_forms import ImportForm
from arrears.importing import SheetRejected, worker_template_xlsx
from arrears.services import ledger as svc
from casework.services.transitions import TransitionError
from casework.spreadsheets import download

from .common import error_text, writable_case


@login_required
def worker_template(request):
    if not request.user.has_perm("arrears.view_arrearscase"):
        raise Http404
    return download(worker_template_xlsx(), "工人名单模板.xlsx")


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
