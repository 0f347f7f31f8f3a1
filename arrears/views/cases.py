"""Staff pages for arrears cases: list, opening, detail with ledger and totals, transitions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from arrears.documents import case_documents
from arrears.forms import (
    ArrearsCaseForm,
    ArrearsFilterForm,
    BlacklistNoticeForm,
    FromComplaintsForm,
    PaymentForm,
    TransitionForm,
    WorkerForm,
    transition_kwargs,
)
from arrears.models import ArrearsCase
from arrears.models.cases import AUTO_TRANSITIONS, INSPECTORS, LEDGER_OPEN_STATES, STAFF
from arrears.selectors import cases as selectors
from arrears.selectors.risk import projects_visible_to
from arrears.selectors.thresholds import evaluate_crime_thresholds
from arrears.services import cases as svc
from casework.inspection.selectors import complaints_visible_to
from casework.models import User
from casework.pagination import CaseListPaginator
from casework.roles import Role
from casework.selectors.deadlines import deadline_rows
from casework.selectors.timeline import timeline_for
from casework.selectors.visibility import jurisdictions_for
from casework.services.parties import employer_get_or_create_by_credit_code
from casework.services.transitions import TransitionError, available_transitions

from .common import add_form_errors, report_errors

PAGE_SIZE = 25


@login_required
def case_list(request):
    user = request.user
    if not user.has_perm("arrears.view_arrearscase"):
        raise Http404
    jurisdictions = jurisdictions_for(user)
    form = ArrearsFilterForm(request.GET or None, jurisdictions=jurisdictions)
    filters = selectors.ArrearsFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.ArrearsFilters(
            q=data["q"],
            state=data["state"],
            jurisdiction=data["jurisdiction"].pk if data["jurisdiction"] else None,
            green_channel=data["green_channel"],
            police=data["police"],
            overdue=data["overdue"],
            mine=data["mine"],
        )
    page = CaseListPaginator(selectors.arrears_list(user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    projects = projects_visible_to(user).order_by("-id")
    return render(
        request,
        "arrears/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "can_open": user.has_role(*STAFF),
            "from_complaints_form": FromComplaintsForm(projects=projects),
        },
    )


@login_required
def case_create(request):
    user = request.user
    if not user.has_role(*STAFF):
        raise Http404
    jurisdictions = jurisdictions_for(user)
    projects = projects_visible_to(user).order_by("-id")
    form = ArrearsCaseForm(request.POST or None, jurisdictions=jurisdictions, projects=projects)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                employer, _created = employer_get_or_create_by_credit_code(
                    credit_code=data["employer_credit_code"],
                    name=data["employer_name"],
                    legal_representative=data["employer_legal_representative"],
                    jurisdiction=data["jurisdiction"],
                    actor=user,
                )
                case = svc.arrears_case_open(
                    actor=user,
                    jurisdiction=data["jurisdiction"],
                    employer=employer,
                    project=data["project"],
                    facts=data["facts"],
                    opened_on=data["opened_on"],
                    green_channel=data["green_channel"],
                )
        except ValidationError as exc:
            add_form_errors(form, exc, {"credit_code": "employer_credit_code", "employer": "employer_name"})
        except TransitionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已立案，案件编号 {case.number}")
            return redirect("arrears:case-detail", pk=case.pk)
    return render(request, "arrears/form.html", {"form": form})


@login_required
@require_POST
def case_from_complaints(request):
    user = request.user
    form = FromComplaintsForm(request.POST, projects=projects_visible_to(user))
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("arrears:case-list")
    numbers = form.numbers()
    found = dict(complaints_visible_to(user).filter(number__in=numbers).values_list("number", "pk"))
    missing = [n for n in numbers if n not in found]
    if missing:
        messages.error(request, f"找不到投诉：{'、'.join(missing)}")
        return redirect("arrears:case-list")
    try:
        case, created = svc.arrears_case_from_complaints(
            actor=user, complaint_ids=list(found.values()), project=form.cleaned_data["project"]
        )
    except (ValidationError, TransitionError) as exc:
        report_errors(request, exc)
        return redirect("arrears:case-list")
    messages.success(
        request, f"已立案，案件编号 {case.number}" if created else f"已并入欠薪案件 {case.number}"
    )
    return redirect("arrears:case-detail", pk=case.pk)


@login_required
def case_detail(request, pk):
    user = request.user
    try:
        case = selectors.arrears_detail(user, pk)
    except ArrearsCase.DoesNotExist:
        raise Http404 from None
    lines = selectors.ledger_lines(case)
    assessment = evaluate_crime_thresholds(case, lines=lines)
    by_line = {w.line.pk: w for w in assessment.workers}
    assignable = []
    if user.has_role(Role.INSPECTION_HEAD) and case.is_open:
        assignable = (
            User.objects.filter(
                is_active=True,
                jurisdictions=case.jurisdiction,
                groups__name__in=[Role.INSPECTOR.label, Role.INSPECTION_HEAD.label],
            )
            .distinct()
            .order_by("full_name")
        )
    ledger_open = case.state in LEDGER_OPEN_STATES
    entries = list(case.blacklist_entries.order_by("-id"))
    blacklist_active = any(e.is_open for e in entries)
    return render(
        request,
        "arrears/detail.html",
        {
            "case": case,
            "lines": [(line, by_line.get(line.pk)) for line in lines],
            "assessment": assessment,
            "transitions": [
                t for t in available_transitions(case, user) if t["name"] not in AUTO_TRANSITIONS
            ],
            "deadlines": deadline_rows(case),
            "targets": selectors.internal_targets(case),
            "timeline": timeline_for(case),
            "documents": case_documents(case),
            "payments": list(selectors.payments_of(case)),
            "blacklist_entries": entries,
            "form": TransitionForm(initial={"expected_state": case.state}),
            "payment_form": PaymentForm(lines=lines) if ledger_open and user.has_role(*INSPECTORS) else None,
            "worker_form": WorkerForm() if ledger_open and user.has_role(*STAFF) else None,
            "can_import": ledger_open and user.has_role(*STAFF),
            "can_confirm": user.has_role(*INSPECTORS),
            "blacklist_form": BlacklistNoticeForm()
            if user.has_role(*INSPECTORS) and assessment.order_ignored and not blacklist_active
            else None,
            "assignable": assignable,
            "assigned_ids": {u.pk for u in case.assignees.all()},
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def case_transition(request, pk, name):
    service = svc.TRANSITION_SERVICES.get(name)
    if service is None:
        raise Http404
    form = TransitionForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(
                request, f"{form.fields[field].label if field in form.fields else ''}：{'；'.join(errors)}"
            )
        return redirect("arrears:case-detail", pk=pk)
    try:
        service(actor=request.user, case_id=pk, **transition_kwargs(name, form.cleaned_data))
    except (ValidationError, TransitionError) as exc:
        report_errors(request, exc, {k: f.label for k, f in form.fields.items()})
    else:
        messages.success(request, "操作成功")
    return redirect("arrears:case-detail", pk=pk)


@login_required
@require_POST
def case_assign(request, pk):
    ids = [int(x) for x in request.POST.getlist("inspectors") if x.isdigit()]
    try:
        svc.arrears_assign(actor=request.user, case_id=pk, inspectors=list(User.objects.filter(pk__in=ids)))
    except (ValidationError, TransitionError) as exc:
        report_errors(request, exc)
    else:
        messages.success(request, "已指派承办监察员")
    return redirect("arrears:case-detail", pk=pk)


@login_required
@require_POST
def case_attach_complaint(request, pk):
    number = (request.POST.get("complaint_number") or "").strip()
    complaint = complaints_visible_to(request.user).filter(number=number).first()
    if complaint is None:
        messages.error(request, f"找不到投诉：{number or '（未填写）'}")
        return redirect("arrears:case-detail", pk=pk)
    try:
        svc.arrears_attach_complaint(actor=request.user, case_id=pk, complaint_id=complaint.pk)
    except (ValidationError, TransitionError) as exc:
        report_errors(request, exc)
    else:
        messages.success(request, f"已并入投诉 {complaint.number}")
    return redirect("arrears:case-detail", pk=pk)
