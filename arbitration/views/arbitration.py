"""Staff pages for arbitration cases. Thin: services and selectors do the work."""

from django.contrib.auth.decorators import login_required
from django.utils import timezone

from arbitration import selectors
from arbitration.finality import case_threshold, minimum_wage_on, missing_minimum_wage
from arbitration.forms import AddClaimForm, ArbitrationApplicationForm, ArbitrationFilterForm
from arbitration.models import ClaimDecision, Procedure, TerminationReason
from arbitration.models.arbitration_rules import IN_PROCEEDINGS, MATERIALS
from arbitration.services import arbitration as svc
from arbitration.views.shared import allowed_actions, application_page, detail_page, file_views, list_page
from casework.deadlines.rules import get_rule
from casework.roles import Role
from casework.selectors.staff import staff_of
from casework.selectors.visibility import jurisdictions_for
from casework.services.view_audit import record_view
from casework.spreadsheets import append, new_workbook, xlsx_download


def _filter_form(request) -> ArbitrationFilterForm:
    return ArbitrationFilterForm(request.GET or None, jurisdictions=jurisdictions_for(request.user))


@login_required
def arbitration_list(request):
    form = _filter_form(request)
    cases = selectors.arbitration_list(request.user, form.filters())
    return list_page(request, form, cases, "arbitration", (Role.ARBITRATION_CHAIR,))


@login_required
def arbitration_export(request):
    """The filtered list as an Excel file — the same visible cases as the page, nothing more."""
    filters = _filter_form(request).filters()
    record_view(request, None, "export", label="仲裁案件列表", case_type="arbitration")
    wb, ws = new_workbook("仲裁案件")
    append(
        ws,
        [
            "案件编号",
            "申请人",
            "被申请人",
            "管辖区域",
            "状态",
            "集体争议",
            "绿色通道",
            "收到日期",
            "受理日期",
            "最近到期日",
            "结案方式",
        ],
    )
    for c in selectors.arbitration_list(request.user, filters)[:5000]:
        names = [p.name for p in c.applicants.all()]
        append(
            ws,
            [
                c.number,
                "、".join(names[:3]) + (f"等{len(names)}人" if len(names) > 3 else ""),
                c.respondent_name,
                c.jurisdiction.name,
                c.get_state_display(),
                "是" if c.collective else "",
                "是" if c.green_channel else "",
                c.received_on,
                c.accepted_on,
                c.next_due,
                c.get_outcome_display(),
            ],
        )
    return xlsx_download(wb, "arbitration-cases.xlsx")


@login_required
def arbitration_create(request):
    return application_page(
        request,
        ArbitrationApplicationForm,
        roles=(Role.ARBITRATION_CHAIR,),
        apply=svc.arbitration_apply,
        extra_fields=("procedure", "complex"),
        title="登记仲裁申请",
        detail_url_name="arbitration-detail",
    )


def _action_forms(case, user) -> dict:
    """The logged actions this user may take on this case now (their forms post to ``case-change``)."""
    allowed = allowed_actions(case, user)
    in_proceedings = case.state in IN_PROCEEDINGS
    return {
        "can_change_tribunal": "change_tribunal" in allowed
        and case.tribunal_formed_on
        and case.is_open
        and case.state not in ("awarded", "mediated"),
        "can_add_claim": "add_claim" in allowed
        and (in_proceedings or case.state in ("applied", "materials_requested")),
        "can_restart": "restart_award_clock" in allowed and in_proceedings,
        "can_set_representatives": "set_representatives" in allowed and case.collective and case.is_open,
        "can_record_court_proceedings": "record_court_proceedings" in allowed,
        "restart_events": get_rule(svc.AWARD).restart_events,
        "claim_form": AddClaimForm(initial={"on": timezone.localdate()}),
    }


def _page(case, transitions, user) -> dict:
    claims = list(case.claims.all())
    actions = _action_forms(case, user)
    choose_arbitrators = "form_tribunal" in {t["name"] for t in transitions} or actions["can_change_tribunal"]
    return {
        **actions,
        "tribunal": selectors.tribunal_of(case),
        "arbitrators": staff_of(case.jurisdiction, (Role.ARBITRATOR,)) if choose_arbitrators else [],
        "claims": claims,
        "undecided": [c for c in claims if not c.decided],
        "decisions": ClaimDecision.choices,
        "threshold": case_threshold(case),
        "minimum_wage": minimum_wage_on(case.jurisdiction, case.received_on),
        "minimum_wage_missing": missing_minimum_wage(case.jurisdiction, case.received_on),
        "materials": MATERIALS,
        "system_missing": case.missing_by_system(),
        "procedures": Procedure.choices,
        "termination_reasons": TerminationReason.choices,
        "hearing": case.current_hearing(),
    }


@login_required
def arbitration_detail(request, pk):
    return detail_page(
        request, pk, selectors.arbitration_detail, "arbitration/arbitration_detail.html", _page
    )


arbitration_document, arbitration_case_file = file_views(selectors.arbitration_detail, "arbitration")
