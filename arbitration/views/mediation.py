"""Staff pages for mediation cases."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from arbitration import selectors
from arbitration.documents import document_links
from arbitration.forms import MediationApplicationForm, mediation_filter_form
from arbitration.models import MediationCase
from arbitration.services import mediation as svc
from arbitration.views.shared import (
    PAGE_SIZE,
    application_forms,
    case_file_page,
    case_page_context,
    document_response,
    register_application,
    require_register_role,
)
from casework.models import User
from casework.pagination import CaseListPaginator
from casework.roles import Role
from casework.selectors.visibility import can_see, jurisdictions_for
from casework.services.transitions import available_transitions


@login_required
def mediation_list(request):
    form = mediation_filter_form(request.GET or None, jurisdictions_for(request.user))
    filters = selectors.CaseFilters()
    if form.is_valid():
        d = form.cleaned_data
        filters = selectors.CaseFilters(
            q=d["q"],
            state=d["state"],
            jurisdiction=d["jurisdiction"].pk if d["jurisdiction"] else None,
            received_from=d["received_from"],
            received_to=d["received_to"],
            overdue=d["overdue"],
            green_channel=d["green_channel"],
            mine=d["mine"],
        )
    page = CaseListPaginator(selectors.mediation_list(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "arbitration/mediation_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "can_register": request.user.has_role(Role.MEDIATOR, Role.ARBITRATION_CHAIR),
        },
    )


@login_required
def mediation_create(request):
    user = request.user
    require_register_role(user, (Role.MEDIATOR, Role.ARBITRATION_CHAIR))
    form, applicants, claims = application_forms(request, MediationApplicationForm, jurisdictions_for(user))
    errors = []
    if request.method == "POST":

        def create(people, respondent, claim_rows, data):
            return svc.mediation_apply(
                actor=user,
                jurisdiction=data["jurisdiction"],
                applicants=people,
                respondent=respondent,
                respondent_name_given=data["respondent_name"],
                claims=claim_rows,
                facts=data["facts"],
                evidence_list=data["evidence_list"],
                body_kind=data["body_kind"],
                body_name=data["body_name"],
                channel=data["channel"],
                received_on=data["received_on"],
                green_channel=data["green_channel"],
            )

        case, errors = register_application(request, form, applicants, claims, create)
        if case is not None:
            messages.success(request, f"已登记调解申请，案件编号 {case.number}")
            return redirect("mediation-detail", pk=case.pk)
    return render(
        request,
        "arbitration/application_form.html",
        {"form": form, "applicants": applicants, "claims": claims, "errors": errors, "title": "登记调解申请"},
    )


def _case_or_404(request, pk):
    try:
        return selectors.mediation_detail(request.user, pk)
    except MediationCase.DoesNotExist:
        raise Http404 from None


@login_required
def mediation_detail(request, pk):
    case = _case_or_404(request, pk)
    user = request.user
    linked = getattr(case, "arbitration_case", None) if case.state == "converted" else None
    return render(
        request,
        "arbitration/mediation_detail.html",
        {
            **case_page_context(case, available_transitions(case, user)),
            "documents": document_links(case),
            "arbitrators": User.objects.filter(
                is_active=True, jurisdictions=case.jurisdiction, groups__name=Role.ARBITRATOR.label
            ).distinct(),
            "linked": linked,
            "linked_visible": bool(linked and can_see(user, linked)),
        },
    )


@login_required
def mediation_document(request, pk, doc):
    return document_response(_case_or_404(request, pk), doc)


@login_required
def mediation_case_file(request, pk):
    return case_file_page(request, _case_or_404(request, pk), "mediation")
