"""Staff pages of proactive enforcement: inspections (list, plan, detail), grids, campaigns, draws. Thin:
services and selectors do the work; state moves and actions post to the kernel's ``case-change``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from casework.forms.errors import add_service_errors
from casework.kernel.case_page import assign_card, case_page_context
from casework.kernel.intake import opener_choices
from casework.kernel.lists import PAGE_SIZE, list_page
from casework.kernel.registry import case_type_for
from casework.kernel.writes import may_write
from casework.models import Employer
from casework.pagination import CaseListPaginator
from casework.proactive import selectors
from casework.proactive.forms import (
    DrawAnnounceForm,
    GridEmployerForm,
    InspectionFilterForm,
    ItemResult,
    PlanForm,
    SeedForm,
    TransitionForm,
)
from casework.proactive.models import Campaign, Inspection
from casework.proactive.services import draws as draw_svc
from casework.proactive.services.grids import grid_register_employer_by_number
from casework.proactive.services.inspections import PLANNERS, inspection_plan
from casework.roles import Role
from casework.selectors.visibility import jurisdictions_for
from casework.services.transitions import TransitionError, available_transitions
from casework.views.documents import pdf_response  # noqa: F401  (documents: not yet)


@login_required
def inspection_list(request):
    form = InspectionFilterForm(request.GET or None, jurisdictions=jurisdictions_for(request.user))
    cases = selectors.inspection_list(request.user, form.filters())
    can_plan = request.user.has_role(*PLANNERS) and may_write(
        request.user, case_type_for(Inspection), "record_result"
    )
    return list_page(request, "proactive/inspection_list.html", cases, form, can_register=can_plan)


@login_required
def inspection_create(request):
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        employer = Employer.objects.filter(
            pk=data["employer"], jurisdiction__in=jurisdictions_for(request.user)
        ).first()
        campaign = Campaign.objects.filter(pk=data.get("campaign")).first() if data.get("campaign") else None
        try:
            if employer is None:
                raise ValidationError({"employer": ["单位不存在或不在您的管辖区域"]})
            case = inspection_plan(
                actor=request.user, employer=employer, kind=data["kind"], planned_on=data["planned_on"],
                campaign=campaign,
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc, {})
        except TransitionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已安排检查，编号 {case.number}")
            return redirect("proactive:inspection-detail", pk=case.pk)
    return render(request, "proactive/inspection_form.html", {"form": form})


@login_required
def inspection_detail(request, pk):
    case = (
        selectors.inspections_visible_to(request.user)
        .select_related("jurisdiction", "employer", "campaign", "draw", "grid")
        .prefetch_related("assignees", "results__item")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    registered = case_type_for(case)
    done = {r.item_id: r for r in case.results.all()}
    checklist = [{"item": item, "result": done.get(item.pk)} for item in case.checklist()]
    frame = case_page_context(
        case,
        available_transitions(case, request.user),
        transition_fields="proactive/transition_fields.html",
        form_class=TransitionForm,
    )
    return render(
        request,
        "proactive/inspection_detail.html",
        {
            **frame,
            **assign_card(case, request.user, PLANNERS),
            "checklist": checklist,
            "results": ItemResult.choices,
            "can_record": case.state in ("notified", "inspected")
            and may_write(request.user, registered, "record_result"),
            "open_kinds": opener_choices(),
            "finding_cases": selectors.finding_cases(frame["links"]),
            "can_open_case": case.state in ("findings", "rectification")
            and case.violations_found
            and may_write(request.user, registered, "open_case"),
        },
    )


# --- grids -------------------------------------------------------------------------------------------------
@login_required
@permission_required("proactive.view_grid", raise_exception=True)
def grid_list(request):
    return render(request, "proactive/grid_list.html", {"grids": selectors.grids_visible_to(request.user)})


@login_required
@permission_required("proactive.view_grid", raise_exception=True)
def grid_detail(request, pk):
    grid = get_object_or_404(selectors.grids_visible_to(request.user).prefetch_related("inspectors"), pk=pk)
    form = GridEmployerForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("proactive.change_gridemployer"):
            raise PermissionDenied
        if form.is_valid():
            try:
                entry = grid_register_employer_by_number(grid=grid, employer_id=form.cleaned_data["employer"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"已将{entry.employer.name}登记到本网格")
                return redirect("proactive:grid-detail", pk=grid.pk)
    return render(
        request,
        "proactive/grid_detail.html",
        {"grid": grid, "form": form, **selectors.grid_page(request.user, grid)},
    )


# --- draws -------------------------------------------------------------------------------------------------
@login_required
@permission_required("proactive.view_draw", raise_exception=True)
def draw_list(request):
    form = DrawAnnounceForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                draw = draw_svc.draw_announce(
                    actor=request.user, jurisdiction=request.user.jurisdictions.first(), **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc, {})
            else:
                return redirect("proactive:draw-detail", pk=draw.pk)
    page = CaseListPaginator(selectors.draws_visible_to(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "proactive/draw_list.html", {"page": page, "draws": page.object_list, "form": form,
                  "can_organise": request.user.has_role(Role.INSPECTION_HEAD, Role.DIRECTOR)})  # fmt: skip


@login_required
@permission_required("proactive.view_draw", raise_exception=True)
def draw_detail(request, pk):
    draw = get_object_or_404(selectors.draws_visible_to(request.user), pk=pk)
    if request.method == "POST":
        step = request.POST.get("step")
        try:
            if step == "seed":
                seed = SeedForm(request.POST)
                draw_svc.draw_publish_seed(
                    actor=request.user, draw_id=draw.pk, value=seed.data.get("value", "")
                )
            elif step == "run":
                draw_svc.draw_run(actor=request.user, draw_id=draw.pk)
            elif step == "publish":
                draw_svc.draw_publish_results(actor=request.user, draw_id=draw.pk)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        except TransitionError as exc:
            messages.error(request, exc.message)
        return redirect("proactive:draw-detail", pk=draw.pk)
    inspections = (
        selectors.inspections_visible_to(request.user)
        .filter(draw=draw)
        .select_related("employer", "jurisdiction")
        .prefetch_related("assignees")
    )
    return render(
        request,
        "proactive/draw_detail.html",
        {
            "draw": draw,
            "inspections": inspections,
            "seed_form": SeedForm(),
            "can_publish": may_write(request.user, case_type_for(Inspection), "publish_outcome"),
        },
    )
