"""送达回证 (proof of service) of an issued document: one row per service recorded (how, when, where, who
received it, the e-service record), blank lines to sign when none is recorded yet."""

from django.utils import timezone

from casework.pdf import issuing_body_for, render_pdf


def render_service_receipt(case, document) -> bytes:
    services = list(document.services.select_related("electronic").order_by("served_on", "id"))
    return render_pdf(
        "pdf/service-receipt.html",
        {
            "case": case,
            "title": "送达回证",
            "document": document,
            "services": services,
            "issuing_body": issuing_body_for(case.jurisdiction),
            "undertakers": list(case.assignees.all()),
            "today": services[-1].served_on if services else timezone.localdate(),
        },
    )
