"""Construction project pages: list, registration, detail (wage account, contractors, roster, cases), edit."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from arrears.forms import ProjectForm, SubcontractFormSet
from arrears.models import ArrearsWorker, ConstructionProject, ProjectSubcontractor
from arrears.selectors.cases import arrears_visible_to
from arrears.selectors.projects import project_changes
from arrears.selectors.risk import project_risk, projects_visible_to
from arrears.services.common import may_register
from casework.forms.errors import add_service_errors
from casework.selectors.visibility import jurisdictions_for
from casework.services.parties import employer_get_or_create_by_credit_code
from casework.services.transitions import TransitionError

PAGE_SIZE = 25


@login_required
def project_list(request):
    if not request.user.has_perm("arrears.view_constructionproject"):
        raise Http404
    q = request.GET.get("q", "")
    page = Paginator(project_risk(request.user, q=q), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "arrears/projects/list.html",
        {"page": page, "q": q, "query": f"q={q}" if q else "", "can_create": may_register(request.user)},
    )


def _contractors(data, user) -> dict:
    out = {}
    for role in ProjectForm.ROLES:
        code = data.get(f"{role}_credit_code")
        if code:
            try:
                out[role], _created = employer_get_or_create_by_credit_code(
                    credit_code=code,
                    name=data[f"{role}_name"],
                    jurisdiction=data["jurisdiction"],
                    industry="construction",
                    actor=user,
                )
            except ValidationError as exc:
                raise ValidationError({f"{role}_credit_code": exc.messages}) from None
        else:
            out[role] = None
    return out


def _project_values(data, user) -> dict:
    values = {
        **_contractors(data, user),
        **{key: data[key] for key in ProjectForm.PLAIN},
        "wage_deposit_amount": data["wage_deposit_amount"] or "0",
        "deposit_relief": data["deposit_relief"] or "none",
        "inspectors": list(data["inspectors"]),
    }
    if data.get("notice_board_photo"):  # a new photo replaces the one kept; none sent keeps it
        values["notice_board_photo"] = data["notice_board_photo"]
    return values


def _row_errors(exc: ValidationError, forms) -> ValidationError | None:
    """The service's ``subcontracts.<row>.<field>`` errors onto the formset's rows; the rest returned."""
    if not hasattr(exc, "error_dict"):
        return exc
    rest = {}
    for key, errors in exc.message_dict.items():
        head, _dot, tail = key.partition(".")
        if head != "subcontracts":
            rest[key] = errors
            continue
        index, _dot, field = tail.partition(".")
        field = {"name": "employer_name"}.get(field, field)
        row = forms[int(index)]
        row.add_error(field if field in row.fields else None, errors)
    return ValidationError(rest) if rest else None


def _saved(form, formset, user, save) -> ConstructionProject | None:
    """``save(name=, location=, ...)`` with valid forms' values, the project and its subcontractors in one
    transaction; a refusal goes onto the form or the row it names (None)."""
    data = form.cleaned_data
    rows = [f for f in formset.forms if f.row() is not None] if formset.is_bound else []
    subcontracts = {"subcontracts": [f.row() for f in rows]} if formset.is_bound else {}  # unbound: kept
    try:
        with transaction.atomic():
            return save(
                name=data["name"], location=data["location"], **subcontracts, **_project_values(data, user)
            )
    except ValidationError as exc:
        rest = _row_errors(exc, rows)
        if rest is not None:
            add_service_errors(form, rest, {"main_contractor": "main_contractor_name"})
    except TransitionError as exc:
        form.add_error(None, exc.message)
    return None


def _subcontract_formset(request, initial=None):
    """The subcontractor rows; a POST without them (no management form) leaves the project's list as it is."""
    data = request.POST if "subcontracts-TOTAL_FORMS" in request.POST else None
    return SubcontractFormSet(data, initial=initial, prefix="subcontracts")


def _valid(form, formset) -> bool:
    """Both validated (every error shown at once); an unbound formset asks nothing."""
    return all([form.is_valid(), not formset.is_bound or formset.is_valid()])


def _subcontract_initial(project) -> list[dict]:
    return [
        {
            "employer_name": s.employer.name,
            "credit_code": s.employer.credit_code,
            "kind": s.kind,
            "started_on": s.started_on,
        }
        for s in project.subcontracts.select_related("employer")
    ]


@login_required
def project_create(request):
    from arrears.services.projects import project_create as create

    user = request.user
    if not may_register(user):
        raise PermissionDenied("只有登记员或监察员可以登记工程项目")
    form = ProjectForm(request.POST or None, request.FILES or None, jurisdictions=jurisdictions_for(user))
    formset = _subcontract_formset(request)
    if request.method == "POST" and _valid(form, formset):
        jurisdiction = form.cleaned_data["jurisdiction"]
        project = _saved(form, formset, user, partial(create, actor=user, jurisdiction=jurisdiction))
        if project is not None:
            messages.success(request, f"已登记工程项目 {project.name}")
            return redirect("arrears:project-detail", pk=project.pk)
    context = {"form": form, "formset": formset, "project": None}
    return render(request, "arrears/projects/form.html", context)


def _project_or_404(user, pk) -> ConstructionProject:
    project = (
        projects_visible_to(user)
        .select_related("jurisdiction", "developer", "main_contractor", "subcontractor")
        .filter(pk=pk)
        .first()
    )
    if project is None:
        raise Http404
    return project


@login_required
def project_update(request, pk):
    from arrears.services.projects import project_update as update

    user = request.user
    project = _project_or_404(user, pk)
    if not may_register(user, project.jurisdiction):
        raise PermissionDenied("只有登记员或监察员可以登记工程项目")
    initial = {
        key: getattr(project, key)
        for key in ("jurisdiction", "name", "location", "wage_deposit_amount", *ProjectForm.PLAIN)
    }
    initial["inspectors"] = list(project.inspectors.all())
    for role in ProjectForm.ROLES:
        employer = getattr(project, role)
        if employer:
            initial[f"{role}_name"], initial[f"{role}_credit_code"] = employer.name, employer.credit_code
    form = ProjectForm(
        request.POST or None, request.FILES or None, initial=initial, jurisdictions=jurisdictions_for(user)
    )
    formset = _subcontract_formset(request, _subcontract_initial(project))
    if request.method == "POST" and _valid(form, formset):
        if _saved(form, formset, user, partial(update, actor=user, project=project)) is not None:
            messages.success(request, "已保存")
            return redirect("arrears:project-detail", pk=project.pk)
    context = {"form": form, "formset": formset, "project": project}
    return render(request, "arrears/projects/form.html", context)


@login_required
def project_detail(request, pk):
    user = request.user
    project = _project_or_404(user, pk)
    cases = arrears_visible_to(user).filter(project=project).select_related("employer").order_by("-id")
    roster = (
        ArrearsWorker.objects.filter(case__in=cases.values("pk"))
        .select_related("person", "case")
        .order_by("person__name", "id")
    )
    roster_page = Paginator(roster, 50).get_page(request.GET.get("page"))
    subcontracts = ProjectSubcontractor.objects.filter(project=project).select_related("employer")
    return render(
        request,
        "arrears/projects/detail.html",
        {
            "project": project,
            "cases": cases,
            "roster": roster_page,
            "subcontracts": subcontracts,
            "changes": project_changes(project),
            "can_edit": may_register(user, project.jurisdiction),
        },
    )


@login_required
def project_photo(request, pk):
    """The notice board photo, to those who may see the project (404 otherwise); never a public URL."""
    project = _project_or_404(request.user, pk)
    if not project.notice_board_photo:
        raise Http404
    name = project.notice_board_photo.name
    content_type = "image/png" if name.lower().endswith(".png") else "image/jpeg"
    response = FileResponse(project.notice_board_photo.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
