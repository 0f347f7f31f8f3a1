"""Staff pages for mediation cases."""

from django.contrib.auth.decorators import login_required

from arbitration import selectors
from arbitration.forms import MediationApplicationForm, MediationFilterForm
from arbitration.models.mediation import MEDIATION_STAFF
from arbitration.services import mediation as svc
from arbitration.views.shared import application_page, detail_page, file_views, list_page
from casework.roles import Role
from casework.selectors.staff import staff_of
from casework.selectors.visibility import can_see, jurisdictions_for


@login_required
def mediation_list(request):
    form = MediationFilterForm(request.GET or None, jurisdictions=jurisdictions_for(request.user))
    cases = selectors.mediation_list(request.user, form.filters())
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


def _page(case, transitions, user) -> dict:
    linked = getattr(case, "arbitration_case", None) if case.state == "converted" else None
    return {
        "arbitrators": staff_of(case.jurisdiction, (Role.ARBITRATOR,)),
        "linked": linked,
        "linked_visible": bool(linked and can_see(user, linked)),
    }


@login_required
def mediation_detail(request, pk):
    return detail_page(request, pk, selectors.mediation_detail, "arbitration/mediation_detail.html", _page)


mediation_document, mediation_case_file = file_views(selectors.mediation_detail, "mediation")
