"""What the mediation and arbitration pages share: the case page's frame, reading applications, showing
errors, PDFs. Changes are posted to the kernel's ``case-change`` endpoint (``casework.kernel.pages``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from arbitration.case_file import CASE_FILE_SLUGS, case_file_entries, render_case_file
from arbitration.documents import INTERNAL, MAIN, document_context, document_links, documents_for
from arbitration.forms import ApplicantFormSet, ClaimFormSet, TransitionForm
from casework.documents.masking import masked_document
from casework.forms.errors import add_service_errors
from casework.forms.parties import employer_named
from casework.kernel.case_page import case_page_context
from casework.kernel.lists import list_page as kernel_list_page
from casework.kernel.registry import case_type_for
from casework.kernel.writes import is_read_only, may_write
from casework.pdf import render_pdf
from casework.selectors.visibility import jurisdictions_for
from casework.services.parties import person_get_or_create_by_id_number
from casework.services.transitions import TransitionError, available_transitions
from casework.services.view_audit import record_view
from casework.views.documents import pdf_response

TRANSITION_FIELDS = "arbitration/includes/transition_fields.html"
# The fields of ``ApplicationForm`` both applications pass to their service as they are.
APPLICATION_FIELDS = ("jurisdiction", "facts", "evidence_list", "channel", "received_on", "green_channel")
FIELD_ALIASES = {
    "respondent": "respondent_name",
    "credit_code": "respondent_credit_code",
    "claim_type": "claims",
}


def application_forms(request, form_class, jurisdictions):
    data = request.POST if request.method == "POST" else None
    form = form_class(data, jurisdictions=jurisdictions)
    applicants = ApplicantFormSet(data, prefix="applicants")
    claims = ClaimFormSet(data, prefix="claims")
    return form, applicants, claims


def parties_from_forms(form, applicants_formset, user):
    """Register (or find, by ID number / credit code) the applicants and the respondent."""
    data = form.cleaned_data
    rows = [f.cleaned_data for f in applicants_formset if f.cleaned_data.get("name")]
    rows += [{**row, "is_migrant_worker": False} for row in data["bulk_applicants"]]
    people = []
    for index, row in enumerate(rows, start=1):
        try:
            person, _created = person_get_or_create_by_id_number(
                id_number=row["id_number"],
                name=row["name"],
                phone=row.get("phone") or "",
                is_migrant_worker=row.get("is_migrant_worker", False),
                jurisdiction=data["jurisdiction"],
                actor=user,
            )
        except ValidationError as exc:
            messages_ = "；".join(exc.messages)
            raise ValidationError(
                {"applicants": [f"第{index}名申请人（{row['name']}）：{messages_}"]}
            ) from None
        people.append(person)
    return people, employer_named(data, "respondent", actor=user)


def claims_from_formset(claims_formset) -> list[dict]:
    return [
        {
            "claim_type": f.cleaned_data["claim_type"],
            "description": f.cleaned_data.get("description") or "",
            "amount": f.cleaned_data.get("amount"),
        }
        for f in claims_formset
        if f.cleaned_data.get("claim_type")
    ]


def register_application(request, form, applicants, claims, create):
    """Validate the three forms and call ``create(people, respondent, claims, data)``; returns the case or
    None with the errors on ``form`` (nothing saved)."""
    if not (form.is_valid() and applicants.is_valid() and claims.is_valid()):
        return None
    try:
        with transaction.atomic():
            people, respondent = parties_from_forms(form, applicants, request.user)
            return create(people, respondent, claims_from_formset(claims), form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc, FIELD_ALIASES)
    except TransitionError as exc:
        form.add_error(None, exc.message)
    return None


# What the two case lists show differently: (title, create label, export URL name).
LISTS = {
    "arbitration": (_("劳动争议仲裁案件"), _("登记仲裁申请"), "arbitration-export"),
    "mediation": (_("劳动争议调解案件"), _("登记调解申请"), ""),
}


def list_page(request, form, cases, kind: str, register_roles) -> HttpResponse:
    """A case list by urgency, filtered and paginated; ``cases`` is the visible list for ``form``'s filters."""
    title, create_label, export_url = LISTS[kind]
    return kernel_list_page(
        request,
        "arbitration/case_list.html",
        cases,
        form,
        kind=kind,
        title=title,
        create_label=create_label,
        create_url=f"{kind}-create",
        export_url=export_url,
        can_register=request.user.has_role(*register_roles) and not is_read_only(request.user),
    )


def application_page(request, form_class, *, roles, apply, extra_fields, title: str, detail_url_name: str):
    """Register an application from the page: the form, the applicants and claims formsets, then
    ``apply(actor=..., ...)``; the case page on success, the form with its errors otherwise."""
    user = request.user
    require_register_role(user, roles)
    form, applicants, claims = application_forms(request, form_class, jurisdictions_for(user))
    if request.method == "POST":

        def create(people, respondent, claim_rows, data):
            return apply(
                actor=user,
                applicants=people,
                respondent=respondent,
                respondent_name_given=data["respondent_name"],
                claims=claim_rows,
                **{name: data[name] for name in (*APPLICATION_FIELDS, *extra_fields)},
            )

        case = register_application(request, form, applicants, claims, create)
        if case is not None:
            messages.success(request, f"已{title}，案件编号 {case.number}")
            return redirect(detail_url_name, pk=case.pk)
    context = {"form": form, "applicants": applicants, "claims": claims, "title": title}
    return render(request, "arbitration/application_form.html", context)


def require_register_role(user, roles) -> None:
    """Registering an application is staff work: anyone else (a read-only role included) gets 403."""
    if is_read_only(user) or not user.has_role(*roles):
        raise PermissionDenied("您无权登记申请")


def allowed_actions(case, user) -> set[str]:
    """The names of the case type's logged actions this user's role may take (the kernel decides)."""
    registered = case_type_for(case)
    return {a.name for a in registered.actions if may_write(user, registered, a.name)}


def detail_page(request, pk, detail_selector, template: str, context) -> HttpResponse:
    """A case page: the case if the user sees it (404 otherwise), the kernel's frame with this app's
    transition fields, the documents, and ``context(case, transitions, user)``."""
    case = visible_case_or_404(request, pk, detail_selector)
    record_view(request, case)
    transitions = available_transitions(case, request.user)
    frame = case_page_context(
        case, transitions, transition_fields=TRANSITION_FIELDS, form_class=TransitionForm
    )
    return render(
        request,
        template,
        {**frame, "documents": document_links(case), **context(case, transitions, request.user)},
    )


def visible_case_or_404(request, pk, detail_selector):
    """The case as its page shows it, if the user can see it (a case they cannot see does not exist)."""
    try:
        return detail_selector(request.user, pk)
    except ObjectDoesNotExist:
        raise Http404 from None


def file_views(detail_selector, kind: str):
    """The case's ``…/<pk>/documents/<doc>.pdf`` (one document, or a bound volume of the case file) and
    ``…/<pk>/case-file/`` (the case file's volumes with their page counts)."""

    @login_required
    @masked_document(kind)
    def document(request, pk, doc):
        case = visible_case_or_404(request, pk, detail_selector)
        response = document_response(case, doc)
        record_view(request, case, "pdf", label=doc)
        return response

    @login_required
    def case_file(request, pk):
        return case_file_page(request, visible_case_or_404(request, pk, detail_selector), kind)

    return document, case_file


def case_file_page(request, case, kind: str):
    return render(
        request,
        "arbitration/case_file.html",
        {
            "case": case,
            "kind": kind,
            "volumes": [
                ("正卷", "case-file", case_file_entries(case, MAIN)),
                ("副卷", "internal-file", case_file_entries(case, INTERNAL)),
            ],
        },
    )


def document_response(case, slug: str):
    """One document (or a bound volume of the case file) as a PDF download."""
    volumes = {v: k for k, v in CASE_FILE_SLUGS.items()}
    if slug in volumes:
        volume = volumes[slug]
        if volume == INTERNAL and not any(d.volume == INTERNAL for d in documents_for(case)):
            raise Http404
        title = "卷宗（正卷）" if volume == MAIN else "卷宗（副卷）"
        return pdf_response(render_case_file(case, volume), f"{case.number}{title}.pdf")
    doc = next((d for d in documents_for(case) if d.slug == slug), None)
    if doc is None:
        raise Http404
    return pdf_response(
        render_pdf(doc.template, document_context(case, doc)), f"{case.number}{doc.title}.pdf"
    )
