"""Monitoring pages: a project's roster, months and warnings with its imports; the warning list and what is done
with a warning; the risk view (counties by level, the schematic map, the monthly trend). Thin: the work is in
``arrears.monitoring``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from arrears.models import WageWarning, WarningLevel
from arrears.monitoring import charts, handling, selectors
from arrears.monitoring.evaluate import previous_month
from arrears.monitoring.forms import CloseForm, DepositForm, SheetForm, TransferForm, WarningFilterForm
from arrears.monitoring.imports import IMPORTERS
from arrears.monitoring.sheets import SPECS
from arrears.services.common import may_register
from casework.services.transitions import TransitionError
from casework.sheet_import import SheetRejected, template_xlsx
from casework.spreadsheets import download

from .common import error_text
from .projects import _project_or_404

KIND_LABELS = {
    "roster": "实名制花名册",
    "attendance": "考勤表",
    "pay": "工资支付表",
    "transfer": "人工费用拨付表",
}


def _months(n: int = 6) -> list:
    month, out = previous_month(), []
    for _i in range(n):
        out.append(month)
        month = previous_month(month)
    return out


@login_required
def project_monitoring(request, pk):
    user = request.user
    project = _project_or_404(user, pk)
    roster = Paginator(selectors.roster_of(project), 50).get_page(request.GET.get("page"))
    open_warnings = selectors.warning_list(user, project=project, state="open")[:100]
    try:
        handling.check_may_handle(user, project)
        can_handle = True
    except TransitionError:
        can_handle = False
    return render(
        request,
        "arrears/monitoring/project.html",
        {
            "project": project,
            "roster": roster,
            "months": selectors.month_figures(project, _months()),
            "warnings": list(open_warnings),
            "movements": list(project.deposit_movements.select_related("case")[:20]),
            "can_import": may_register(user, project.jurisdiction),
            "can_handle": can_handle,
            "transfer_form": TransferForm(),
            "deposit_form": DepositForm(),
            "kinds": KIND_LABELS,
        },
    )


@login_required
def sheet_template(request, kind):
    if kind not in SPECS or not request.user.has_perm("arrears.view_constructionproject"):
        raise Http404
    return download(template_xlsx(SPECS[kind]), f"{KIND_LABELS[kind]}模板.xlsx")


@login_required
def sheet_import(request, pk, kind):
    if kind not in IMPORTERS:
        raise Http404
    user = request.user
    project = _project_or_404(user, pk)
    if not may_register(user, project.jurisdiction):
        raise Http404
    form = SheetForm(request.POST or None, request.FILES or None)
    errors, status = [], 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = IMPORTERS[kind](actor=user, project_id=project.pk, uploaded=upload, filename=upload.name)
        except SheetRejected as exc:
            errors, status = exc.errors, 400
        except (ValidationError, TransitionError) as exc:
            form.add_error(None, error_text(exc))
            status = 400
        else:
            messages.success(
                request, f"已导入{KIND_LABELS[kind]}{result.rows}行；新增工资支付预警{result.warnings}项"
            )
            return redirect("arrears:project-monitoring", pk=project.pk)
    context = {"project": project, "form": form, "errors": errors, "kind": kind, "label": KIND_LABELS[kind]}
    return render(request, "arrears/monitoring/import.html", context, status=status)


def _post_money(request, pk, form_class, service, done: str):
    project = _project_or_404(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    else:
        try:
            service(actor=request.user, project_id=project.pk, **form.cleaned_data)
        except (ValidationError, TransitionError) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, done)
    return redirect("arrears:project-monitoring", pk=project.pk)


@login_required
@require_POST
def project_transfer(request, pk):
    return _post_money(request, pk, TransferForm, handling.transfer_record, "已登记人工费用拨付")


@login_required
@require_POST
def project_deposit(request, pk):
    return _post_money(request, pk, DepositForm, handling.deposit_record, "已登记工资保证金变动")


# --- warnings --------------------------------------------------------------------------------------------
@login_required
def warning_list(request):
    if not request.user.has_perm("arrears.view_wagewarning"):
        raise Http404
    form = WarningFilterForm(request.GET or {"state": "open"})
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.warning_list(
        request.user, level=filters.get("level", ""), state=filters.get("state", ""), q=filters.get("q", "")
    )
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "arrears/monitoring/warnings.html", {"form": form, "page": page, "query": query.urlencode()}
    )


def _visible_warning(user, pk) -> WageWarning:
    warning = selectors.warnings_visible_to(user).filter(pk=pk).first()
    if warning is None:
        raise Http404
    return warning


@login_required
@require_POST
def warning_close(request, pk):
    warning = _visible_warning(request.user, pk)
    form = CloseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"reason": ["请填写关闭理由"]})
        handling.warning_close(actor=request.user, warning_id=warning.pk, reason=form.cleaned_data["reason"])
    except (ValidationError, TransitionError) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "已关闭预警")
    return redirect(request.POST.get("next") or "arrears:warning-list")


@login_required
@require_POST
def warning_open_case(request, pk):
    warning = _visible_warning(request.user, pk)
    try:
        case = handling.warning_open_case(actor=request.user, warning_id=warning.pk)
    except (ValidationError, TransitionError) as exc:
        messages.error(request, error_text(exc))
        return redirect("arrears:project-monitoring", pk=warning.project_id)
    messages.success(request, f"已立欠薪案件 {case.number}，欠薪工人{case.worker_count}名")
    return redirect("arrears:case-detail", pk=case.pk)


# --- the risk view ---------------------------------------------------------------------------------------
@login_required
def monitoring_risk(request):
    user = request.user
    if not user.has_perm("arrears.view_wagewarning"):
        raise Http404
    heat = selectors.county_heat(user)
    trend = selectors.monthly_trend(user)
    page = Paginator(selectors.projects_by_level(user), 25).get_page(request.GET.get("page"))
    top = max((row.total for row in heat), default=0) or 1
    return render(
        request,
        "arrears/monitoring/risk.html",
        {
            "heat": [(row, round(100 * row.total / top)) for row in heat],
            "regions": charts.map_regions(heat),
            "trend": trend,
            "bars": charts.trend_bars(trend),
            "page": page,
            "levels": WarningLevel.choices,
        },
    )
