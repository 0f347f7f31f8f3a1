"""PDF documents of arrears cases and blacklist entries (permission-checked, rendered on request)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404

from arrears.documents import BLACKLIST_BY_SLUG, CASE_BY_SLUG
from arrears.models import ArrearsCase, BlacklistEntry
from arrears.selectors.blacklist import blacklist_detail
from arrears.selectors.cases import arrears_detail, ledger_lines
from arrears.selectors.thresholds import evaluate_crime_thresholds
from casework.pdf import issuing_body_for, render_pdf
from casework.views.documents import pdf_response


@login_required
def case_document(request, pk, doc):
    spec = CASE_BY_SLUG.get(doc)
    if spec is None:
        raise Http404
    try:
        case = arrears_detail(request.user, pk)
    except ArrearsCase.DoesNotExist:
        raise Http404 from None
    if not spec.available(case):
        raise Http404
    lines = ledger_lines(case)
    context = {
        "case": case,
        "title": spec.title,
        "doc_number": case.number,
        "issuing_body": issuing_body_for(case.jurisdiction),
        "lines": lines,
        "assessment": evaluate_crime_thresholds(case, lines=lines),
    }
    pdf = render_pdf(f"pdf/arrears/{doc}.html", context)
    return pdf_response(pdf, f"{case.number}{spec.title}.pdf")


@login_required
def blacklist_document(request, pk, doc):
    spec = BLACKLIST_BY_SLUG.get(doc)
    if spec is None:
        raise Http404
    try:
        entry = blacklist_detail(request.user, pk)
    except BlacklistEntry.DoesNotExist:
        raise Http404 from None
    if not spec.available(entry):
        raise Http404
    context = {
        "entry": entry,
        "case": entry.arrears_case,
        "title": spec.title,
        "doc_number": entry.number,
        "issuing_body": issuing_body_for(entry.jurisdiction),
    }
    pdf = render_pdf(f"pdf/arrears/blacklist-{doc}.html", context)
    return pdf_response(pdf, f"{entry.number}{spec.title}.pdf")
