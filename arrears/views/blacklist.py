"""Credit blacklist pages: list, opening the procedure from a case, detail with its steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from arrears.documents import blacklist_documents
from arrears.forms import (
    BlacklistFilterForm,
    BlacklistNoticeForm,
    DefenceForm,
    TransitionForm,
    transition_kwargs,
)
from arrears.models import BlacklistEntry, BlacklistState
from arrears.models.cases import INSPECTORS
from arrears.selectors.blacklist import blacklist_detail, blacklist_list
from arrears.services import blacklist as svc
from casework.selectors.deadlines import deadline_rows
from casework.selectors.timeline import timeline_for
from casework.services.transitions import TransitionError, available_transitions

from .common import report_errors


@login_required
def entry_list(request):
    if not request.user.has_perm("arrears.view_blacklistentry"):
        raise Http404
    form = BlacklistFilterForm(request.GET or None)
    state, q = "", ""
    if form.is_valid():
        state, q = form.cleaned_data["state"], form.cleaned_data["q"]
    page = Paginator(blacklist_list(request.user, state=state, q=q), 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "arrears/blacklist/list.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@login_required
@require_POST
def entry_create(request, case_pk):
    form = BlacklistNoticeForm(request.POST)
    if not form.is_valid():
        for field, errs in form.errors.items():
            messages.error(request, f"{form.fields[field].label}：{'；'.join(errs)}")
        return redirect("arrears:case-detail", pk=case_pk)
    try:
        entry = svc.blacklist_give_notice(actor=request.user, case_id=case_pk, **form.cleaned_data)
    except (ValidationError, TransitionError) as exc:
        report_errors(request, exc, {k: f.label for k, f in form.fields.items()})
        return redirect("arrears:case-detail", pk=case_pk)
    messages.success(request, f"已启动失信名单程序 {entry.number}")
    return redirect("arrears:blacklist-detail", pk=entry.pk)


@login_required
def entry_detail(request, pk):
    try:
        entry = blacklist_detail(request.user, pk)
    except BlacklistEntry.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "arrears/blacklist/detail.html",
        {
            "entry": entry,
            "transitions": available_transitions(entry, request.user),
            "deadlines": deadline_rows(entry),
            "timeline": timeline_for(entry),
            "documents": blacklist_documents(entry),
            "form": TransitionForm(initial={"expected_state": entry.state}),
            "defence_form": DefenceForm()
            if entry.state == BlacklistState.NOTICED and request.user.has_role(*INSPECTORS)
            else None,
        },
    )


@login_required
@require_POST
def entry_transition(request, pk, name):
    service = svc.TRANSITION_SERVICES.get(name)
    if service is None:
        raise Http404
    form = TransitionForm(request.POST)
    if not form.is_valid():
        for field, errs in form.errors.items():
            messages.error(request, f"{form.fields[field].label}：{'；'.join(errs)}")
        return redirect("arrears:blacklist-detail", pk=pk)
    try:
        service(actor=request.user, entry_id=pk, **transition_kwargs(name, form.cleaned_data))
    except (ValidationError, TransitionError) as exc:
        report_errors(request, exc, {k: f.label for k, f in form.fields.items()})
    else:
        messages.success(request, "操作成功")
    return redirect("arrears:blacklist-detail", pk=pk)


@login_required
@require_POST
def entry_defence(request, pk):
    form = DefenceForm(request.POST)
    if not form.is_valid():
        for field, errs in form.errors.items():
            messages.error(request, f"{form.fields[field].label}：{'；'.join(errs)}")
        return redirect("arrears:blacklist-detail", pk=pk)
    try:
        svc.blacklist_record_defence(actor=request.user, entry_id=pk, **form.cleaned_data)
    except (ValidationError, TransitionError) as exc:
        report_errors(request, exc, {k: f.label for k, f in form.fields.items()})
    else:
        messages.success(request, "已登记陈述申辩")
    return redirect("arrears:blacklist-detail", pk=pk)
