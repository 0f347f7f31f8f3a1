"""Staff pages for employers and persons: list and search, detail, register, correct, reveal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from casework.forms.parties import EmployerForm, PersonForm, attach_errors
from casework.selectors import employer_record as record
from casework.selectors.parties import (
    employers_visible_to,
    persons_visible_to,
    search_employers,
    search_persons,
)
from casework.services import parties as services
from casework.services.personal_data import (
    masked_personal_data,
    may_reveal_personal_data,
    reveal_history,
    reveal_personal_data,
)

PAGE_SIZE = 25


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _saved(request, form, save) -> object | None:
    """``save(form)`` when the posted form is valid; the service's refusals go back onto the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(form)
    except ValidationError as error:
        attach_errors(form, error)
        return None


# --- employers -------------------------------------------------------------------------------------


@login_required
@permission_required("casework.view_employer", raise_exception=True)
def employer_list(request):
    q = request.GET.get("q", "").strip()
    employers = search_employers(employers_visible_to(request.user), q)
    return render(
        request,
        "casework/parties/employer_list.html",
        {
            "page": _page(request, employers),
            "q": q,
            "can_add": request.user.has_perm("casework.add_employer"),
        },
    )


@login_required
@permission_required("casework.view_employer", raise_exception=True)
def employer_detail(request, pk):
    employer = get_object_or_404(employers_visible_to(request.user), pk=pk)
    return render(
        request,
        "casework/parties/employer_detail.html",
        {"employer": employer, "can_change": request.user.has_perm("casework.change_employer")},
    )


@login_required
@permission_required("casework.view_employer", raise_exception=True)
@require_GET
def employer_record(request, pk):
    """用人单位档案: every visible case of every type against the employer, the sections the case-type apps
    add (projects, arrears outstanding, penalties, blacklist, warnings) and the cases' timeline, paginated."""
    employer = get_object_or_404(employers_visible_to(request.user), pk=pk)
    return render(
        request,
        "casework/parties/employer_record.html",
        {
            "employer": employer,
            "case_groups": record.cases_against(request.user, employer),
            "sections": record.sections(request.user, employer),
            "timeline": record.timeline(request.user, employer, request.GET.get("page")),
        },
    )


@login_required
@permission_required("casework.add_employer", raise_exception=True)
def employer_create(request):
    form = EmployerForm(request.POST or None, user=request.user)
    employer = _saved(request, form, lambda f: services.employer_create(actor=request.user, **f.cleaned_data))
    if employer is not None:
        messages.success(request, _("已登记用人单位：%(name)s") % {"name": employer.name})
        return redirect("parties:employer-detail", pk=employer.pk)
    return render(request, "casework/parties/employer_form.html", {"form": form, "employer": None})


@login_required
@permission_required("casework.change_employer", raise_exception=True)
def employer_update(request, pk):
    employer = get_object_or_404(employers_visible_to(request.user), pk=pk)
    form = EmployerForm(request.POST or None, user=request.user, initial=EmployerForm.initial_for(employer))
    saved = _saved(
        request,
        form,
        lambda f: services.employer_update(employer=employer, actor=request.user, **f.cleaned_data),
    )
    if saved is not None:
        messages.success(request, _("已保存修改"))
        return redirect("parties:employer-detail", pk=employer.pk)
    return render(request, "casework/parties/employer_form.html", {"form": form, "employer": employer})


# --- persons ---------------------------------------------------------------------------------------


@login_required
@permission_required("casework.view_person", raise_exception=True)
def person_list(request):
    q = request.GET.get("q", "").strip()
    persons = search_persons(persons_visible_to(request.user), q)
    return render(
        request,
        "casework/parties/person_list.html",
        {"page": _page(request, persons), "q": q, "can_add": request.user.has_perm("casework.add_person")},
    )


def _person_detail(request, person, revealed=None):
    return render(
        request,
        "casework/parties/person_detail.html",
        {
            "person": person,
            "masked": masked_personal_data(person),
            "revealed": revealed,
            "can_reveal": may_reveal_personal_data(request.user)
            and any(getattr(person, f) for f in person.PERSONAL_DATA_FIELDS),
            "can_change": request.user.has_perm("casework.change_person"),
            "history": reveal_history(person),
        },
    )


@login_required
@permission_required("casework.view_person", raise_exception=True)
def person_detail(request, pk):
    person = get_object_or_404(persons_visible_to(request.user), pk=pk)
    return _person_detail(request, person)


@never_cache
@require_POST
@login_required
@permission_required("casework.view_person", raise_exception=True)
def person_reveal(request, pk):
    """The "显示完整号码" action: the same page with the full values, logged; never cached.

    The record is found with the page's own selector (404 exactly where the page is 404); whether the user's
    role may reveal is ``reveal_personal_data``'s to say (403 "您的岗位无权查看完整号码")."""
    person = get_object_or_404(persons_visible_to(request.user), pk=pk)
    revealed = reveal_personal_data(
        user=request.user, record=person, purpose=request.POST.get("purpose", ""), path=request.path
    )
    return _person_detail(request, person, revealed=revealed)


@login_required
@permission_required("casework.add_person", raise_exception=True)
def person_create(request):
    form = PersonForm(request.POST or None, user=request.user)
    person = _saved(request, form, lambda f: services.person_create(actor=request.user, **f.changed_values()))
    if person is not None:
        messages.success(request, _("已登记当事人：%(name)s") % {"name": person.name})
        return redirect("parties:person-detail", pk=person.pk)
    return render(request, "casework/parties/person_form.html", {"form": form, "person": None})


@login_required
@permission_required("casework.change_person", raise_exception=True)
def person_update(request, pk):
    person = get_object_or_404(persons_visible_to(request.user), pk=pk)
    form = PersonForm(request.POST or None, user=request.user, person=person)
    saved = _saved(
        request,
        form,
        lambda f: services.person_update(person=person, actor=request.user, **f.changed_values()),
    )
    if saved is not None:
        messages.success(request, _("已保存修改"))
        return redirect("parties:person-detail", pk=person.pk)
    return render(request, "casework/parties/person_form.html", {"form": form, "person": person})
