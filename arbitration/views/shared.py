"""What the mediation and arbitration pages share: the case page's frame, reading applications, showing
errors, PDFs. Changes are posted to the kernel's ``case-change`` endpoint (``casework.kernel.pages``)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from arbitration.case_file import CASE_FILE_SLUGS, case_file_entries, render_case_file
from arbitration.documents import INTERNAL, MAIN, document_context, documents_for
from arbitration.forms import ApplicantFormSet, ClaimFormSet, TransitionForm
from casework.kernel.registry import case_type_for
from casework.kernel.writes import is_read_only, may_write
from casework.pdf import render_pdf
from casework.selectors.deadlines import deadline_rows
from casework.selectors.timeline import timeline_for
from casework.services.parties import employer_get_or_create_by_credit_code, person_get_or_create_by_id_number
from casework.services.transitions import TransitionError
from casework.views.documents import pdf_response

PAGE_SIZE = 25
TRANSITION_FIELDS = "arbitration/includes/transition_fields.html"
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


def add_errors(form, exc: ValidationError, extra_errors: list):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            name = FIELD_ALIASES.get(field, field)
            if name in form.fields:
                form.add_error(name, errors)
            else:
                extra_errors.extend(errors)
    else:
        extra_errors.extend(exc.messages)


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
    respondent = None
    if data.get("respondent_credit_code"):
        respondent, _created = employer_get_or_create_by_credit_code(
            credit_code=data["respondent_credit_code"],
            name=data["respondent_name"],
            legal_representative=data.get("respondent_legal_representative") or "",
            address=data.get("respondent_address") or "",
            jurisdiction=data["jurisdiction"],
            actor=user,
        )
    return people, respondent


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
    None with the errors attached (nothing saved)."""
    errors: list[str] = []
    if not (form.is_valid() and applicants.is_valid() and claims.is_valid()):
        return None, errors
    try:
        with transaction.atomic():
            people, respondent = parties_from_forms(form, applicants, request.user)
            return create(people, respondent, claims_from_formset(claims), form.cleaned_data), errors
    except ValidationError as exc:
        add_errors(form, exc, errors)
    except TransitionError as exc:
        errors.append(exc.message)
    return None, errors


def require_register_role(user, roles) -> None:
    """Registering an application is staff work: anyone else (a read-only role included) gets 403."""
    if is_read_only(user) or not user.has_role(*roles):
        raise PermissionDenied("您无权登记申请")


def allowed_actions(case, user) -> set[str]:
    """The names of the case type's logged actions this user's role may take (the kernel decides)."""
    registered = case_type_for(case)
    return {a.name for a in registered.actions if may_write(user, registered, a.name)}


def case_page_context(case, transitions) -> dict:
    """The frame of a case page: the kernel's action panel (with this app's transition fields), deadlines
    and timeline."""
    return {
        "case": case,
        "transitions": transitions,
        "transition_fields": TRANSITION_FIELDS,
        "form": TransitionForm(initial={"expected_state": case.state}),
        "deadlines": deadline_rows(case),
        "timeline": timeline_for(case),
        "today": timezone.localdate(),
    }


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
