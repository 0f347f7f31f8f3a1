"""Ledger pages: worker sheet import and template, adding a worker, recording and confirming payments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from arrears.forms import ImportForm, PaymentForm, WorkerForm
from arrears.importing import SheetRejected, worker_template_xlsx
from arrears.models import ArrearsCase
from arrears.selectors import cases as selectors
from arrears.services import ledger as svc
from casework.services.transitions import TransitionError

from .common import report_errors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _case_or_404(user, pk) -> ArrearsCase:
    try:
        return selectors.arrears_detail(user, pk)
    except ArrearsCase.DoesNotExist:
        raise Http404 from None


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
    case = _case_or_404(request.user, pk)
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
            report_errors(request, exc)
        else:
            messages.success(request, f"已导入{result.created}名工人，欠薪金额合计{result.amount}元")
            return redirect("arrears:case-detail", pk=case.pk)
    return render(request, "arrears/import.html", {"case": case, "form": form, "errors": errors})


@login_required
@require_POST
def worker_add(request, pk):
    form = WorkerForm(request.POST)
    if not form.is_valid():
        for field, errs in form.errors.items():
            messages.error(request, f"{form.fields[field].label}：{'；'.join(errs)}")
        return redirect("arrears:case-detail", pk=pk)
    try:
        line = svc.worker_add(actor=request.user, case_id=pk, **form.cleaned_data)
    except (ValidationError, TransitionError) as exc:
        report_errors(request, exc, {k: f.label for k, f in form.fields.items()})
    else:
        messages.success(request, f"已登记工人 {line.person.name}")
    return redirect("arrears:case-detail", pk=pk)


@login_required
@require_POST
def payment_record(request, pk):
    case = _case_or_404(request.user, pk)
    form = PaymentForm(request.POST, lines=selectors.ledger_lines(case))
    if not form.is_valid():
        for field, errs in form.errors.items():
            messages.error(request, f"{form.fields[field].label}：{'；'.join(errs)}")
        return redirect("arrears:case-detail", pk=pk)
    data = form.cleaned_data
    try:
        payment = svc.payment_record(
            actor=request.user,
            case_id=pk,
            line_id=data["line"],
            amount=data["amount"],
            paid_on=data["paid_on"],
            payer_kind=data["payer_kind"],
            reference=data["reference"],
            note=data["note"],
            confirmed_by_worker=data["confirmed_by_worker"],
            confirmed_on=data["confirmed_on"],
        )
    except (ValidationError, TransitionError) as exc:
        report_errors(request, exc, {k: f.label for k, f in form.fields.items()})
    else:
        messages.success(request, f"已登记追回工资 {payment.amount} 元")
    return redirect("arrears:case-detail", pk=pk)


@login_required
@require_POST
def payment_confirm(request, pk, payment_pk):
    try:
        svc.payment_confirm(
            actor=request.user,
            case_id=pk,
            payment_id=payment_pk,
            confirmed_on=request.POST.get("confirmed_on") or None,
        )
    except (ValidationError, TransitionError) as exc:
        report_errors(request, exc)
    else:
        messages.success(request, "已登记工人确认收到")
    return redirect("arrears:case-detail", pk=pk)
