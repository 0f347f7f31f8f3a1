"""Credit blacklist pages: list and detail. The procedure starts from the case page (the case's
``blacklist_notice`` action); the entry's steps and the defence post to the kernel's ``case-change``."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from arrears.action_forms import DefenceForm, TransitionForm
from arrears.documents import blacklist_documents
from arrears.forms import BlacklistFilterForm
from arrears.models import BlacklistEntry, BlacklistState
from arrears.selectors.blacklist import blacklist_detail, blacklist_list
from casework.kernel.registry import case_type_for
from casework.kernel.writes import may_write
from casework.selectors.deadlines import deadline_rows
from casework.selectors.timeline import timeline_for
from casework.services.transitions import available_transitions
from casework.services.view_audit import record_view


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
def entry_detail(request, pk):
    try:
        entry = blacklist_detail(request.user, pk)
    except BlacklistEntry.DoesNotExist:
        raise Http404 from None
    record_view(request, entry)
    may_defend = may_write(request.user, case_type_for(BlacklistEntry), "record_defence")
    return render(
        request,
        "arrears/blacklist/detail.html",
        {
            "entry": entry,
            "case": entry,  # the kernel's includes speak of "case"
            "transitions": available_transitions(entry, request.user),
            "transition_fields": "arrears/transition_fields.html",
            "deadlines": deadline_rows(entry),
            "timeline": timeline_for(entry),
            "documents": blacklist_documents(entry),
            "form": TransitionForm(initial={"expected_state": entry.state}),
            "defence_form": DefenceForm() if entry.state == BlacklistState.NOTICED and may_defend else None,
        },
    )
