"""Staff pages for arbitration cases. Thin: services and selectors do the work."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from arbitration import selectors
from arbitration.case_file import case_file_entries
from arbitration.documents import INTERNAL, MAIN, document_links
from arbitration.finality import case_threshold, minimum_wage_on
from arbitration.forms import (
    ARBITRATION_KWARGS,
    ArbitrationApplicationForm,
    ClaimForm,
    TransitionForm,
    arbitration_filter_form,
)
from arbitration.models import ArbitrationCase, ClaimDecision, Procedure, TerminationReason
from arbitration.models.arbitration import IN_PROCEEDINGS, MATERIALS
from arbitration.services import arbitration as svc
from arbitration.views.shared import (
    PAGE_SIZE,
    application_forms,
    document_response,
    register_application,
    run_transition,
)
from casework.deadlines.rules import get_rule
from casework.models import Person, User
from casework.pagination import CaseListPaginator
from casework.roles import Role
from casework.selectors.deadlines import deadline_rows
from casework.selectors.timeline import timeline_for
from casework.selectors.visibility import jurisdictions_for
from casework.services.transitions import TransitionError, available_transitions


def _filters(request):
    form = arbitration_filter_form(request.GET or None, jurisdictions_for(request.user))
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
            collective=d.get("collective", False),
            mine=d["mine"],
        )
    return form, filters


@login_required
def arbitration_list(request):
    form, filters = _filters(request)
    page = CaseListPaginator(selectors.arbitration_list(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "arbitration/arbitration_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "can_register": request.user.has_role(Role.ARBITRATION_CHAIR),
        },
    )


@login_required
def arbitration_export(request):
    """The filtered list as an Excel file — the same visible cases as the page, nothing more."""
    from io import BytesIO

    from openpyxl import Workbook

    _form, filters = _filters(request)
    wb = Workbook()
    ws = wb.active
    ws.title = "仲裁案件"
    ws.append(
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
        ]
    )
    for c in selectors.arbitration_list(request.user, filters)[:5000]:
        names = [p.name for p in c.applicants.all()]
        ws.append(
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
            ]
        )
    out = BytesIO()
    wb.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = "attachment; filename*=UTF-8''arbitration-cases.xlsx"
    return response


@login_required
def arbitration_create(request):
    user = request.user
    if not user.has_role(Role.ARBITRATION_CHAIR):
        raise Http404
    form, applicants, claims = application_forms(request, ArbitrationApplicationForm, jurisdictions_for(user))
    errors = []
    if request.method == "POST":

        def create(people, respondent, claim_rows, data):
            return svc.arbitration_apply(
                actor=user,
                jurisdiction=data["jurisdiction"],
                applicants=people,
                respondent=respondent,
                respondent_name_given=data["respondent_name"],
                claims=claim_rows,
                facts=data["facts"],
                evidence_list=data["evidence_list"],
                channel=data["channel"],
                received_on=data["received_on"],
                procedure=data["procedure"],
                complex=data["complex"],
                green_channel=data["green_channel"],
            )

        case, errors = register_application(request, form, applicants, claims, create)
        if case is not None:
            messages.success(request, f"已登记仲裁申请，案件编号 {case.number}")
            return redirect("arbitration-detail", pk=case.pk)
    return render(
        request,
        "arbitration/application_form.html",
        {"form": form, "applicants": applicants, "claims": claims, "errors": errors, "title": "登记仲裁申请"},
    )


def _arbitrators(case):
    return (
        User.objects.filter(
            is_active=True, jurisdictions=case.jurisdiction, groups__name=Role.ARBITRATOR.label
        )
        .distinct()
        .order_by("full_name", "username")
    )


def _case_or_404(request, pk):
    try:
        return selectors.arbitration_detail(request.user, pk)
    except ArbitrationCase.DoesNotExist:
        raise Http404 from None


def _visible_or_404(request, pk) -> None:
    """Before reading any payload: a case the user cannot see does not exist for them."""
    if not selectors.arbitrations_visible_to(request.user).filter(pk=pk).exists():
        raise Http404


@login_required
def arbitration_detail(request, pk):
    case = _case_or_404(request, pk)
    user = request.user
    transitions = available_transitions(case, user)
    names = {t["name"] for t in transitions}
    is_chair = user.has_role(Role.ARBITRATION_CHAIR)
    on_tribunal = is_chair or any(u.pk == user.pk for u in case.assignees.all())
    claims = list(case.claims.all())
    return render(
        request,
        "arbitration/arbitration_detail.html",
        {
            "case": case,
            "transitions": transitions,
            "deadlines": deadline_rows(case),
            "timeline": timeline_for(case),
            "documents": document_links(case),
            "form": TransitionForm(initial={"expected_state": case.state}),
            "tribunal": selectors.tribunal_of(case),
            "arbitrators": _arbitrators(case) if names & {"form_tribunal"} or is_chair else [],
            "claims": claims,
            "undecided": [c for c in claims if not c.decided],
            "decisions": ClaimDecision.choices,
            "threshold": case_threshold(case),
            "minimum_wage": minimum_wage_on(case.jurisdiction, case.received_on),
            "materials": MATERIALS,
            "system_missing": case.missing_by_system(),
            "procedures": Procedure.choices,
            "termination_reasons": TerminationReason.choices,
            "hearing": case.current_hearing(),
            "can_change_tribunal": is_chair
            and case.tribunal_formed_on
            and case.is_open
            and case.state not in ("awarded", "mediated"),
            "can_add_claim": on_tribunal
            and case.state in ("applied", "materials_requested", *IN_PROCEEDINGS),
            "can_restart": on_tribunal and case.state in IN_PROCEEDINGS,
            "can_set_representatives": case.collective and case.is_open and (is_chair or on_tribunal),
            "restart_events": get_rule(svc.AWARD).restart_events,
            "claim_form": ClaimForm(prefix="new"),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def arbitration_transition(request, pk, name):
    _visible_or_404(request, pk)
    run_transition(request, svc.TRANSITION_SERVICES, ARBITRATION_KWARGS, name, pk, "case_id")
    return redirect("arbitration-detail", pk=pk)


def _post_action(request, pk, func, success: str):
    try:
        func()
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    except TransitionError as exc:
        if exc.status_code == 404:
            raise Http404 from None
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("arbitration-detail", pk=pk)


def _users(ids):
    users = {u.pk: u for u in User.objects.filter(pk__in=[int(i) for i in ids if str(i).isdigit()])}
    return [users.get(int(i)) for i in ids if str(i).isdigit()]


@login_required
@require_POST
def arbitration_change_tribunal(request, pk):
    _visible_or_404(request, pk)
    presiding = next(iter(_users([request.POST.get("presiding", "")])), None)
    members = _users(request.POST.getlist("members"))
    return _post_action(
        request,
        pk,
        lambda: svc.arbitration_change_tribunal(
            actor=request.user,
            case_id=pk,
            presiding=presiding,
            members=members,
            reason=request.POST.get("reason", ""),
        ),
        "已变更仲裁庭组成",
    )


@login_required
@require_POST
def arbitration_representatives(request, pk):
    case = _case_or_404(request, pk)
    ids = [int(i) for i in request.POST.getlist("persons") if i.isdigit()]
    persons = list(Person.objects.filter(pk__in=ids, arbitration_cases=case))
    return _post_action(
        request,
        pk,
        lambda: svc.arbitration_set_representatives(
            actor=request.user, case_id=pk, persons=persons, elected_on=request.POST.get("elected_on") or None
        ),
        "已登记代表人",
    )


@login_required
@require_POST
def arbitration_add_claim(request, pk):
    _visible_or_404(request, pk)
    form = ClaimForm(request.POST, prefix="new")
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("arbitration-detail", pk=pk)
    d = form.cleaned_data
    return _post_action(
        request,
        pk,
        lambda: svc.arbitration_add_claim(
            actor=request.user,
            case_id=pk,
            claim_type=d["claim_type"],
            amount=d["amount"],
            description=d["description"],
            on=request.POST.get("on") or None,
        ),
        "已增加仲裁请求",
    )


@login_required
@require_POST
def arbitration_restart(request, pk):
    _visible_or_404(request, pk)
    return _post_action(
        request,
        pk,
        lambda: svc.restart_award_clock(
            actor=request.user,
            case_id=pk,
            reason_code=request.POST.get("reason_code", ""),
            note=request.POST.get("reason", ""),
            on=request.POST.get("on") or None,
        ),
        "已重新计算审理期限",
    )


@login_required
@require_POST
def arbitration_court_proceedings(request, pk):
    _visible_or_404(request, pk)
    from casework.inspection.forms import parse_date

    return _post_action(
        request,
        pk,
        lambda: svc.arbitration_record_court_proceedings(
            actor=request.user,
            case_id=pk,
            filed_on=parse_date(request.POST.get("filed_on")),
            note=request.POST.get("note", ""),
        ),
        "已登记当事人起诉情况",
    )


@login_required
def arbitration_document(request, pk, doc):
    return document_response(_case_or_404(request, pk), doc)


@login_required
def arbitration_case_file(request, pk):
    case = _case_or_404(request, pk)
    return render(
        request,
        "arbitration/case_file.html",
        {
            "case": case,
            "kind": "arbitration",
            "volumes": [
                ("正卷", "case-file", case_file_entries(case, MAIN)),
                ("副卷", "internal-file", case_file_entries(case, INTERNAL)),
            ],
        },
    )
