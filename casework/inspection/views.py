"""Staff pages for complaints: list, intake, detail, transitions. Thin: services and selectors do the work."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from casework.inspection import selectors
from casework.inspection import services as svc
from casework.inspection.documents import BY_SLUG, DOCUMENTS
from casework.inspection.forms import (
    ComplaintFilterForm,
    ComplaintIntakeForm,
    TransitionForm,
    transition_kwargs,
)
from casework.inspection.models import Complaint, ComplaintState
from casework.models import User
from casework.models.evidence import EvidenceCategory
from casework.pagination import CaseListPaginator
from casework.pdf import issuing_body_for, render_pdf
from casework.roles import Role
from casework.selectors.deadlines import deadline_rows
from casework.selectors.timeline import timeline_for
from casework.selectors.visibility import jurisdictions_for
from casework.services.evidence import evidence_for
from casework.services.parties import (
    employer_get_or_create_by_credit_code,
    person_get_or_create_by_id_number,
)
from casework.services.transitions import TransitionError, available_transitions
from casework.views.actions import run_action
from casework.views.documents import pdf_response

PAGE_SIZE = 25


@login_required
def complaint_list(request):
    jurisdictions = jurisdictions_for(request.user)
    form = ComplaintFilterForm(request.GET or None, jurisdictions=jurisdictions)
    filters = selectors.ComplaintFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.ComplaintFilters(
            q=data["q"],
            state=data["state"],
            jurisdiction=data["jurisdiction"].pk if data["jurisdiction"] else None,
            received_from=data["received_from"],
            received_to=data["received_to"],
            overdue=data["overdue"],
            green_channel=data["green_channel"],
            mine=data["mine"],
        )
    page = CaseListPaginator(selectors.complaint_list(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "casework/complaints/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "can_register": request.user.has_role(Role.CLERK, Role.INSPECTOR, Role.INSPECTION_HEAD),
        },
    )


def _parties_from_form(data, user):
    complainant = None
    if data.get("complainant_id_number"):
        complainant, _created = person_get_or_create_by_id_number(
            id_number=data["complainant_id_number"],
            name=data["complainant_name"],
            phone=data.get("complainant_phone") or "",
            hometown=data.get("complainant_hometown") or "",
            is_migrant_worker=data.get("complainant_is_migrant", False),
            jurisdiction=data["jurisdiction"],
            actor=user,
        )
    employer = None
    if data.get("employer_credit_code"):
        employer, _created = employer_get_or_create_by_credit_code(
            credit_code=data["employer_credit_code"],
            name=data["employer_name"],
            legal_representative=data.get("employer_legal_representative") or "",
            jurisdiction=data["jurisdiction"],
            actor=user,
        )
    return complainant, employer


FIELD_ALIASES = {
    "id_number": "complainant_id_number",
    "phone": "complainant_phone",
    "credit_code": "employer_credit_code",
    "name": "complainant_name",
    "complainant": "complainant_name",
    "employer": "employer_name",
}


def _add_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            name = FIELD_ALIASES.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def complaint_create(request):
    user = request.user
    if not user.has_role(Role.CLERK, Role.INSPECTOR, Role.INSPECTION_HEAD):
        raise Http404
    jurisdictions = jurisdictions_for(user)
    form = ComplaintIntakeForm(request.POST or None, jurisdictions=jurisdictions)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                complainant, employer = _parties_from_form(data, user)
                duplicates = list(
                    selectors.open_cases_against(
                        employer=employer, jurisdiction=data["jurisdiction"], user=user
                    )[:10]
                )
                attach_to = request.POST.get("attach_to")
                if attach_to:
                    case = svc.complaint_attach(
                        actor=user,
                        complaint_id=int(attach_to),
                        complainant=complainant,
                        facts=data["facts"],
                        arrears_amount=data.get("arrears_amount"),
                        workers_affected=data["workers_affected"],
                    )
                    messages.success(request, f"已并入案件 {case.number}")
                    return redirect("complaint-detail", pk=case.pk)
                if duplicates and not request.POST.get("confirm_new"):
                    transaction.set_rollback(True)  # parties are registered again on the confirming submit
                else:
                    case = svc.complaint_register(
                        actor=user,
                        jurisdiction=data["jurisdiction"],
                        kind=data["kind"],
                        channel=data["channel"],
                        received_on=data["received_on"],
                        complainant=complainant,
                        employer=employer,
                        employer_name_given=data["employer_name"],
                        workplace=data["workplace"],
                        project_name=data["project_name"],
                        facts=data["facts"],
                        violation_types=data["violation_types"],
                        violation_started_on=data["violation_started_on"],
                        violation_ended_on=data["violation_ended_on"],
                        arrears_amount=data["arrears_amount"],
                        arrears_months=data["arrears_months"],
                        workers_affected=data["workers_affected"],
                        green_channel=data["green_channel"],
                    )
                    messages.success(request, f"已登记，案件编号 {case.number}")
                    return redirect("complaint-detail", pk=case.pk)
        except ValidationError as exc:
            _add_errors(form, exc)
        except TransitionError as exc:
            form.add_error(None, exc.message)
    return render(request, "casework/complaints/form.html", {"form": form, "duplicates": duplicates})


@login_required
def complaint_detail(request, pk):
    try:
        case = selectors.complaint_detail(request.user, pk)
    except Complaint.DoesNotExist:
        raise Http404 from None
    user = request.user
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
    return render(
        request,
        "casework/complaints/detail.html",
        {
            "case": case,
            "transitions": available_transitions(case, user),
            "deadlines": deadline_rows(case),
            "timeline": timeline_for(case),
            "documents": complaint_documents(case),
            "form": TransitionForm(initial={"expected_state": case.state}),
            "assignable": assignable,
            "assigned_ids": {u.pk for u in case.assignees.all()},
            "can_record_statement": case.state == ComplaintState.PENALTY_NOTICED,
            "can_identify_employer": case.employer_id is None
            and case.state in (ComplaintState.REGISTERED, ComplaintState.SUPPLEMENT_REQUESTED)
            and user.has_role(Role.CLERK, Role.INSPECTOR, Role.INSPECTION_HEAD),
            "evidence": evidence_for(case),
            "evidence_categories": EvidenceCategory.choices,
        },
    )


def complaint_documents(case):
    from casework.inspection.documents import documents_for

    return documents_for(case)


@login_required
@require_POST
def complaint_transition(request, pk, name):
    service = svc.TRANSITION_SERVICES.get(name)
    if service is None:
        raise Http404
    form = TransitionForm(request.POST)
    labels = {name: field.label for name, field in form.fields.items()}
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{labels.get(field, '')}：{'；'.join(errors)}")
        return redirect("complaint-detail", pk=pk)
    kwargs = transition_kwargs(name, form.cleaned_data)
    run_action(
        request,
        lambda: service(actor=request.user, complaint_id=pk, **kwargs),
        success="操作成功",
        labels=labels,
    )
    return redirect("complaint-detail", pk=pk)


@login_required
@require_POST
def complaint_assign(request, pk):
    ids = [int(x) for x in request.POST.getlist("inspectors") if x.isdigit()]
    inspectors = list(User.objects.filter(pk__in=ids))
    run_action(
        request,
        lambda: svc.complaint_assign(actor=request.user, complaint_id=pk, inspectors=inspectors),
        success="已指派承办监察员",
    )
    return redirect("complaint-detail", pk=pk)


@login_required
@require_POST
def complaint_statement(request, pk):
    run_action(
        request,
        lambda: svc.complaint_record_statement(
            actor=request.user,
            complaint_id=pk,
            statement=request.POST.get("statement", ""),
            hearing_requested=bool(request.POST.get("hearing_requested")),
        ),
        success="已记录陈述申辩",
    )
    return redirect("complaint-detail", pk=pk)


@login_required
@require_POST
def complaint_identify_employer(request, pk):
    """Record the employer a complaint is about (found by its credit code, registered if new)."""

    def identify():
        with transaction.atomic():
            case = selectors.complaint_detail(request.user, pk)
            employer, _created = employer_get_or_create_by_credit_code(
                credit_code=request.POST.get("credit_code", ""),
                name=request.POST.get("name", "").strip() or case.employer_name_given,
                legal_representative=request.POST.get("legal_representative", "").strip(),
                jurisdiction=case.jurisdiction,
                actor=request.user,
            )
            svc.complaint_identify_employer(actor=request.user, complaint_id=pk, employer=employer)

    run_action(
        request,
        identify,
        success="已确定被投诉单位",
        labels={"credit_code": "统一社会信用代码", "name": "单位名称"},
    )
    return redirect("complaint-detail", pk=pk)


@login_required
def complaint_document(request, pk, doc):
    spec = BY_SLUG.get(doc)
    if spec is None:
        raise Http404
    try:
        case = selectors.complaint_detail(request.user, pk)
    except Complaint.DoesNotExist:
        raise Http404 from None
    if not spec.available(case):
        raise Http404
    timeline = list(timeline_for(case))
    context = {
        "case": case,
        "title": spec.title,
        "doc_number": case.number,
        "issuing_body": issuing_body_for(case.jurisdiction),
        "timeline": timeline,
        "documents": [d for d in DOCUMENTS if d.available(case) and d.slug != "case-file"],
        "entry": {e.transition: e for e in timeline},
        "evidence": list(evidence_for(case)),
    }
    pdf = render_pdf(f"pdf/complaint/{doc}.html", context)
    return pdf_response(pdf, f"{case.number}{spec.title}.pdf")
