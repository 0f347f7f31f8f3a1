"""Staff pages for mediation cases."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from arbitration import selectors
from arbitration.documents import document_links
from arbitration.forms import MediationApplicationForm, mediation_filter_form
from arbitration.models.mediation import MEDIATION_STAFF
from arbitration.services import mediation as svc
from arbitration.views.shared import (
    application_page,
    case_file_view,
    case_filters,
    case_page_context,
    document_view,
    list_page,
    visible_case_or_404,
)
from casework.models import User
from casework.roles import Role
from casework.selectors.visibility import can_see, jurisdictions_for
from casework.services.transitions import available_transitions


@login_required
def mediation_list(request):
    form = mediation_filter_form(request.GET or None, jurisdictions_for(request.user))
    cases = selectors.mediation_list(request.user, case_filters(form))
    return list_page(request, form, cases, "mediation", MEDIATION_STAFF)


@login_required
def mediation_create(request):
    return application_page(
        request,
        MediationApplicationForm,
        roles=MEDIATION_STAFF,
        apply=svc.mediation_apply,
        extra_fields=("body_kind", "body_name"),
        title="登记调解申请",
        detail_url_name="mediation-detail",
    )


@login_required
def mediation_detail(request, pk):
    case = visible_case_or_404(request, pk, selectors.mediation_detail)
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


mediation_document = document_view(selectors.mediation_detail)
mediation_case_file = case_file_view(selectors.mediation_detail, "mediation")
