"""Staff pages for complaints: list, intake, detail, documents. Thin: services and selectors do the work.

State moves and logged actions (assign, attach, identify the employer, record a statement) are posted from
the detail page to the kernel's ``case-change`` (``casework.kernel.pages``), like every case type's.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render

from casework.documents.masking import masked_document
from casework.forms.errors import add_service_errors
from casework.forms.parties import employer_named
from casework.inputs import parse_id
from casework.inspection import documents as docs
from casework.inspection import duplicates, selectors
from casework.inspection import services as svc
from casework.inspection.forms import ComplaintFilterForm, ComplaintIntakeForm, TransitionForm
from casework.inspection.models import Complaint, ComplaintState
from casework.inspection.page_procedure import procedure_context
from casework.inspection.services.intake import BEFORE_ACCEPTANCE, INTAKE_ROLES, REPORTED_FIELDS
from casework.kernel.case_page import assign_card, case_page_context
from casework.kernel.lists import list_page
from casework.kernel.registry import case_type_for
from casework.kernel.writes import is_read_only, may_write
from casework.models.evidence import EvidenceCategory
from casework.roles import Role
from casework.selectors.visibility import jurisdictions_for
from casework.services.evidence import evidence_for
from casework.services.parties import person_get_or_create_by_id_number
from casework.services.transitions import TransitionError, available_transitions
from casework.services.view_audit import record_view
from casework.views.documents import pdf_response

ASSIGNABLE_ROLES = (Role.INSPECTOR, Role.INSPECTION_HEAD)  # as complaint_assign checks them


def _may_register(user) -> bool:
    return user.has_role(*INTAKE_ROLES) and not is_read_only(user)


@login_required
def complaint_list(request):
    form = ComplaintFilterForm(request.GET or None, jurisdictions=jurisdictions_for(request.user))
    cases = selectors.complaint_list(request.user, form.filters())
    return list_page(
        request, "casework/complaints/list.html", cases, form, can_register=_may_register(request.user)
    )


# --- intake ---------------------------------------------------------------------------------------------
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
    return complainant, employer_named(data, "employer", actor=user)


FIELD_ALIASES = {
    "id_number": "complainant_id_number",
    "phone": "complainant_phone",
    "credit_code": "employer_credit_code",
    "name": "complainant_name",
    "complainant": "complainant_name",
    "employer": "employer_name",
}


def _register(user, data, complainant, employer) -> Complaint:
    return svc.complaint_register(
        actor=user,
        complainant=complainant,
        employer=employer,
        employer_name_given=data["employer_name"],
        **{key: data[key] for key in ("jurisdiction", "kind", "channel", "received_on", "green_channel")},
        **{key: data[key] for key in REPORTED_FIELDS},
    )


def _intake(request, form):
    """Register the complaint, attach it to an open case about the same employer (并入), or — when there is
    such a case and the clerk has not chosen yet — offer it. Returns ``(message, case)`` or the open cases."""
    user, data = request.user, form.cleaned_data
    with transaction.atomic():
        complainant, employer = _parties_from_form(data, user)
        attach_to = request.POST.get("attach_to")
        if attach_to:
            case = svc.complaint_attach(
                actor=user,
                complaint_id=_case_id(attach_to),
                complainant=complainant,
                employer=employer,
                facts=data["facts"],
                arrears_amount=data.get("arrears_amount"),
                workers_affected=data["workers_affected"],
            )
            return f"已并入案件 {case.number}", case
        duplicates = list(
            selectors.open_cases_against(employer=employer, jurisdiction=data["jurisdiction"], user=user)[:10]
        )
        if duplicates and not request.POST.get("confirm_new"):
            transaction.set_rollback(True)  # the parties are registered again on the confirming submit
            return None, duplicates
        case = _register(user, data, complainant, employer)
        return f"已登记，案件编号 {case.number}", case


def _case_id(value) -> int:
    try:
        return parse_id(value)
    except ValidationError:
        raise Http404 from None


@login_required
def complaint_create(request):
    user = request.user
    if not _may_register(user):
        raise Http404
    form = ComplaintIntakeForm(request.POST or None, jurisdictions=jurisdictions_for(user))
    duplicates = []
    if request.method == "POST" and form.is_valid():
        try:
            message, result = _intake(request, form)
        except ValidationError as exc:
            add_service_errors(form, exc, FIELD_ALIASES)
        except TransitionError as exc:
            if exc.status_code == 404:
                raise Http404 from None
            form.add_error(None, exc.message)
        else:
            if message is None:
                duplicates = result
            else:
                messages.success(request, message)
                return redirect("complaint-detail", pk=result.pk)
    return render(request, "casework/complaints/form.html", {"form": form, "duplicates": duplicates})


# --- the case page ---------------------------------------------------------------------------------------
@login_required
def complaint_detail(request, pk):
    try:
        case = selectors.complaint_detail(request.user, pk)
    except Complaint.DoesNotExist:
        raise Http404 from None
    user = request.user
    registered = case_type_for(case)
    record_view(request, case)

    def may(name: str) -> bool:
        return may_write(user, registered, name)

    transitions = available_transitions(case, user)

    return render(
        request,
        "casework/complaints/detail.html",
        {
            **case_page_context(
                case,
                transitions,
                transition_fields="casework/complaints/transition_fields.html",
                form_class=TransitionForm,
            ),
            **assign_card(case, user, ASSIGNABLE_ROLES),
            "documents": docs.documents_for(case),
            **procedure_context(case, user),
            "can_record_statement": case.state == ComplaintState.PENALTY_NOTICED and may("record_statement"),
            "can_identify_employer": case.employer_id is None
            and case.state in BEFORE_ACCEPTANCE
            and may("identify_employer"),
            "evidence": evidence_for(case),
            "evidence_categories": EvidenceCategory.choices,
            "can_add_evidence": may("add_evidence"),
            # Complaints already registered that may be about the same arrears (who masked, when, what).
            "duplicates": duplicates.candidates(case, selectors.complaints_visible_to(user))
            if case.is_open
            else [],
            "can_merge": any(t["name"] == "merge" for t in transitions),
            # Duplicates merged into this complaint: their complainants and workers are this case's too.
            "merged": list(
                case.merged_complaints.select_related("complainant").prefetch_related("co_complainants")
            ),
        },
    )


@login_required
@masked_document("complaint")
def complaint_document(request, pk, doc):
    try:
        case = selectors.complaint_detail(request.user, pk)
    except Complaint.DoesNotExist:
        raise Http404 from None
    found = docs.document_for(case, doc)
    if found is None:
        raise Http404
    spec, _record = found
    pdf = docs.render_document(case, doc)
    record_view(request, case, "pdf", label=spec.title)
    return pdf_response(pdf, f"{case.number}{spec.title}.pdf")
