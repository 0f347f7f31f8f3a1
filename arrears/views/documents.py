"""PDF documents of arrears cases and blacklist entries (permission-checked, rendered on request)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from arrears.documents import (
    BLACKLIST_BY_SLUG,
    CASE_BY_SLUG,
    render_blacklist_document,
    render_case_document,
)
from arrears.selectors.blacklist import blacklist_detail
from arrears.selectors.cases import arrears_detail
from casework.documents.masking import masked_document
from casework.services.view_audit import record_view
from casework.views.documents import pdf_response


def _available(specs: dict, doc: str, find, user, pk):
    """The document's spec and its case, if the user sees the case and the document exists for it (404)."""
    spec = specs.get(doc)
    try:
        case = find(user, pk) if spec is not None else None
    except ObjectDoesNotExist:
        case = None
    if case is None or not spec.available(case):
        raise Http404
    return spec, case


@login_required
@masked_document("arrears")
def case_document(request, pk, doc):
    spec, case = _available(CASE_BY_SLUG, doc, arrears_detail, request.user, pk)
    record_view(request, case, "pdf", label=spec.title)
    return pdf_response(render_case_document(case, doc), f"{case.number}{spec.title}.pdf")


@login_required
@masked_document("blacklist")
def blacklist_document(request, pk, doc):
    spec, entry = _available(BLACKLIST_BY_SLUG, doc, blacklist_detail, request.user, pk)
    record_view(request, entry, "pdf", label=spec.title)
    return pdf_response(render_blacklist_document(entry, doc), f"{entry.number}{spec.title}.pdf")
