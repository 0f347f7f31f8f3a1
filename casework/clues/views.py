"""Staff pages of clues: the list, registering one, importing a channel's file, the clue page, the reply file
of a channel. State moves (triage, reply, merge) are posted to the kernel's ``case-change``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from casework.clues import selectors
from casework.clues.forms import ClueFilterForm, ClueForm, ImportForm, TransitionForm
from casework.clues.importing import ClueSheetRejected, clues_import
from casework.clues.merging import candidates
from casework.clues.models import Channel, Clue, ReplyOutcome
from casework.clues.replies import filled_template, reply_workbook
from casework.clues.services import REGISTER_ROLES, clue_register
from casework.forms.errors import add_service_errors
from casework.inputs import ANY, parse_date
from casework.kernel.case_page import case_page_context
from casework.kernel.lists import list_page
from casework.kernel.writes import is_read_only
from casework.selectors.visibility import jurisdictions_for
from casework.services.transitions import TransitionError, available_transitions
from casework.spreadsheets import xlsx_download


def _may_register(user) -> bool:
    return user.has_role(*REGISTER_ROLES) and not is_read_only(user)


@login_required
def clue_list(request):
    form = ClueFilterForm(request.GET or None, jurisdictions=jurisdictions_for(request.user))
    channel = form.cleaned_data.get("channel", "") if form.is_valid() else ""
    cases = selectors.clue_list(request.user, form.filters(), channel=channel)
    return list_page(
        request,
        "clues/list.html",
        cases,
        form,
        can_register=_may_register(request.user),
        channels=Channel.choices,
    )


@login_required
def clue_create(request):
    user = request.user
    if not _may_register(user):
        raise Http404
    form = ClueForm(request.POST or None, jurisdictions=jurisdictions_for(user))
    if request.method == "POST" and form.is_valid():
        try:
            clue = clue_register(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except TransitionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已登记线索 {clue.number}")
            return redirect("clue-detail", pk=clue.pk)
    return render(request, "clues/form.html", {"form": form})


@login_required
def clue_import(request):
    user = request.user
    if not _may_register(user):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None, jurisdictions=jurisdictions_for(user))
    rejected = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = clues_import(
                actor=user,
                jurisdiction=form.cleaned_data["jurisdiction"],
                channel=form.cleaned_data["channel"],
                data=upload.read(),
                filename=upload.name,
            )
        except ClueSheetRejected as exc:
            rejected = exc
        except ValidationError as exc:
            add_service_errors(form, exc)
        except TransitionError as exc:
            form.add_error(None, exc.message)
        else:
            (messages.success if result.created else messages.info)(request, result.message)
            return redirect("clue-list")
    return render(request, "clues/import.html", {"form": form, "rejected": rejected})


@login_required
def clue_detail(request, pk):
    try:
        clue = selectors.clue_detail(request.user, pk)
    except Clue.DoesNotExist:
        raise Http404 from None
    outcomes = list(ReplyOutcome.objects.filter(active=True))
    return render(
        request,
        "clues/detail.html",
        {
            **case_page_context(
                clue,
                available_transitions(clue, request.user),
                transition_fields="clues/transition_fields.html",
                form_class=TransitionForm,
            ),
            "candidates": candidates(clue, selectors.clues_visible_to(request.user)) if clue.is_open else [],
            "outcomes": [(o, filled_template(clue, o)) for o in outcomes],
            "merged": list(clue.merged_clues.all()),
        },
    )


@login_required
def clue_export(request):
    """The reply file of one channel (``?channel=``, optionally ``from``/``to`` on the reply date)."""
    channel = request.GET.get("channel", "")
    if channel not in Channel.values:
        raise Http404
    try:
        date_from = parse_date(request.GET.get("from"), "from", window=ANY)
        date_to = parse_date(request.GET.get("to"), "to", window=ANY)
    except ValidationError:
        raise Http404 from None
    clues = selectors.replies_to_export(request.user, channel, date_from, date_to)
    from casework.clues.channels import reply_filename

    return xlsx_download(reply_workbook(channel, clues), reply_filename(channel))
