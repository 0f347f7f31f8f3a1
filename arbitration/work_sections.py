"""The "my work" sections: open arbitration and mediation cases by urgency (collective, green, deadline)."""

from django.utils import timezone

from casework.work import register_work_section


@register_work_section
def my_arbitrations(request):
    from arbitration.models.arbitration import OPEN_ARBITRATION_STATES
    from arbitration.selectors import arbitration_list

    user = request.user
    if not user.has_perm("arbitration.view_arbitration_pages"):
        return None
    # Visibility does the narrowing: an arbitrator gets exactly the cases on their tribunals.
    cases = arbitration_list(user).filter(state__in=OPEN_ARBITRATION_STATES)[:15]
    return {
        "title": "仲裁案件（按紧迫程度）",
        "template": "arbitration/includes/work_arbitrations.html",
        "kind": "arbitrations",
        "cases": list(cases),
        "detail_url": "arbitration-detail",
        "list_url": "arbitration-list",
        "all_label": "全部仲裁案件",
        "today": timezone.localdate(),
    }


@register_work_section
def my_mediations(request):
    from arbitration.models.mediation import OPEN_MEDIATION_STATES
    from arbitration.selectors import mediation_list

    user = request.user
    if not user.has_perm("arbitration.view_mediationcase"):
        return None
    cases = mediation_list(user).filter(state__in=OPEN_MEDIATION_STATES)[:15]
    return {
        "title": "调解案件（按紧迫程度）",
        "template": "arbitration/includes/work_arbitrations.html",
        "kind": "mediations",
        "cases": list(cases),
        "detail_url": "mediation-detail",
        "list_url": "mediation-list",
        "all_label": "全部调解案件",
        "today": timezone.localdate(),
    }
