from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from casework.documents.complaints import BY_SLUG, DOCUMENTS
from casework.models import Complaint
from casework.pdf import issuing_body_for, render_pdf
from casework.selectors.complaints import complaint_detail
from casework.selectors.timeline import timeline_for
from casework.services.evidence import evidence_for


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@login_required
def complaint_document(request, pk, doc):
    spec = BY_SLUG.get(doc)
    if spec is None:
        raise Http404
    try:
        case = complaint_detail(request.user, pk)
    except Complaint.DoesNotExist:
        raise Http404 from None
    if not spec.available(case):
        raise Http404
    timeline = list(timeline_for(case))
    context = {
        "case": case,
        "title": spec.title,
        "doc_number": case.number,
        "issuing_body": issuing_body_for(case.jurisdiction),
        "timeline": timeline,
        "documents": [d for d in DOCUMENTS if d.available(case) and d.slug != "case-file"],
        "entry": {e.transition: e for e in timeline},
        "evidence": list(evidence_for(case)),
    }
    pdf = render_pdf(f"pdf/complaint/{doc}.html", context)
    return pdf_response(pdf, f"{case.number}{spec.title}.pdf")
