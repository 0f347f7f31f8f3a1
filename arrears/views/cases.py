"""Staff pages for arrears cases: list, opening, detail with ledger and totals. Transitions and actions
(assign, link a complaint, add a worker, record or confirm a payment, start the blacklist procedure) post
to the kernel's ``case-change``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from arrears.action_forms import BlacklistNoticeForm, PaymentForm, TransitionForm, WorkerForm
from arrears.documents import case_documents
from arrears.forms import ArrearsCaseForm, ArrearsFilterForm, FromComplaintsForm
from arrears.models import ArrearsCase
from arrears.models.cases import AUTO_TRANSITIONS, INSPECTORS, LEDGER_OPEN_STATES
from arrears.selectors import cases as selectors
from arrears.selectors.risk import projects_visible_to
from arrears.selectors.thresholds import evaluate_crime_thresholds
from arrears.services import cases as svc
from arrears.services.common import may_register
from casework.forms.errors import add_service_errors
from casework.forms.parties import employer_named
from casework.inspection.selectors import complaints_visible_to
from casework.kernel.case_page import assign_card, case_page_context
from casework.kernel.lists import list_page
from casework.kernel.registry import case_type_for
from casework.kernel.writes import may_write
from casework.selectors.visibility import jurisdictions_for
from casework.services.transitions import TransitionError, available_transitions
from casework.services.view_audit import record_view

from .common import error_text


@login_required
def case_list(request):
    user = request.user
    if not user.has_perm("arrears.view_arrearscase"):
        raise Http404
    form = ArrearsFilterForm(request.GET or None, jurisdictions=jurisdictions_for(user))
    projects = projects_visible_to(user).order_by("-id")
    return list_page(
        request,
        "arrears/list.html",
        selectors.arrears_list(user, form.filters()),
        form,
        can_open=may_register(user),
        from_complaints_form=FromComplaintsForm(projects=projects),
    )


@login_required
def case_create(request):
    user = request.user
    if not may_register(user):
        raise PermissionDenied("只有登记员或监察员可以立欠薪案件")
    jurisdictions = jurisdictions_for(user)
    projects = projects_visible_to(user).order_by("-id")
    form = ArrearsCaseForm(request.POST or None, jurisdictions=jurisdictions, projects=projects)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                case = svc.arrears_case_open(
                    actor=user,
                    employer=employer_named(data, "employer", actor=user),
                    **{
                        name: data[name]
                        for name in ("jurisdiction", "project", "facts", "opened_on", "green_channel")
                    },
                )
        except ValidationError as exc:
            add_service_errors(
                form, exc, {"credit_code": "employer_credit_code", "employer": "employer_name"}
            )
        except TransitionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已立案，案件编号 {case.number}")
            return redirect("arrears:case-detail", pk=case.pk)
    return render(request, "arrears/form.html", {"form": form})


@login_required
@require_POST
def case_from_complaints(request):
    user = request.user
    if not may_register(user):
        raise PermissionDenied("只有登记员或监察员可以立欠薪案件")
    form = FromComplaintsForm(request.POST, projects=projects_visible_to(user))
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("arrears:case-list")
    numbers = form.numbers()
    found = dict(complaints_visible_to(user).filter(number__in=numbers).values_list("number", "pk"))
    missing = [n for n in numbers if n not in found]
    if missing:
        messages.error(request, f"找不到投诉：{'、'.join(missing)}")
        return redirect("arrears:case-list")
    try:
        case, created = svc.arrears_case_from_complaints(
            actor=user, complaint_ids=list(found.values()), project=form.cleaned_data["project"]
        )
    except (ValidationError, TransitionError) as exc:
        messages.error(request, error_text(exc))
        return redirect("arrears:case-list")
    messages.success(
        request, f"已立案，案件编号 {case.number}" if created else f"已并入欠薪案件 {case.number}"
    )
    return redirect("arrears:case-detail", pk=case.pk)


def _action_forms(user, case, lines, assessment, blacklist_active: bool) -> dict:
    """The forms of the actions this user may take on this case now (each posts to ``case-change``)."""
    case_type = case_type_for(ArrearsCase)

    def may(name: str) -> bool:
        return may_write(user, case_type, name)

    ledger_open = case.state in LEDGER_OPEN_STATES
    return {
        **assign_card(case, user, INSPECTORS),
        "payment_form": PaymentForm(lines=lines) if ledger_open and may("record_payment") else None,
        "worker_form": WorkerForm() if ledger_open and may("add_worker") else None,
        "can_import": ledger_open and may("import_workers"),
        "can_attach": ledger_open and may("attach_complaint"),
        "can_confirm": may("confirm_payment"),
        "blacklist_form": BlacklistNoticeForm()
        if may("blacklist_notice") and assessment.order_ignored and not blacklist_active
        else None,
    }


@login_required
def case_detail(request, pk):
    user = request.user
    try:
        case = selectors.arrears_detail(user, pk)
    except ArrearsCase.DoesNotExist:
        raise Http404 from None
    record_view(request, case)
    lines = selectors.ledger_lines(case)
    assessment = evaluate_crime_thresholds(case, lines=lines)
    by_line = {w.line.pk: w for w in assessment.workers}
    entries = list(case.blacklist_entries.order_by("-id"))
    return render(
        request,
        "arrears/detail.html",
        {
            **case_page_context(
                case,
                [t for t in available_transitions(case, user) if t["name"] not in AUTO_TRANSITIONS],
                transition_fields="arrears/transition_fields.html",
                form_class=TransitionForm,
            ),
            "lines": [(line, by_line.get(line.pk)) for line in lines],
            "assessment": assessment,
            "targets": selectors.internal_targets(case),
            "documents": case_documents(case),
            "payments": list(selectors.payments_of(case)),
            "blacklist_entries": entries,
            "now": timezone.now(),
            **_action_forms(user, case, lines, assessment, any(e.is_open for e in entries)),
        },
    )
