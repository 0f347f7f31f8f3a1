from django import template
from django.urls import reverse

from casework.kernel.registry import case_type_for
from casework.kernel.writes import may_write
from casework.models.evidence import EvidenceCategory
from casework.services.evidence import evidence_for

register = template.Library()


@register.inclusion_tag("casework/includes/evidence.html", takes_context=True)
def case_evidence(context, case, upload_url=""):
    """The evidence card of any case type: the list with downloads, and — for a user whose role may add
    evidence to this case type — the upload form, posting to the kernel's ``case-evidence-upload`` unless
    the page names another URL."""
    request = context.get("request")
    registered = case_type_for(case)
    writable = (
        registered is not None
        and request is not None
        and may_write(request.user, registered, "add_evidence", case)
        # a closed or archived case: its type's head roles only, with a reason (casework.services.evidence)
        and (case.is_open or bool(registered.head_roles and request.user.has_role(*registered.head_roles)))
    )
    if writable and not upload_url:
        upload_url = reverse("case-evidence-upload", args=[registered.code, case.pk])
    can_review = (
        registered is not None
        and request is not None
        and registered.public is not None
        and may_write(request.user, registered, "review_party_evidence", case)
    )
    return {
        "can_review": can_review,
        "case": case,
        "evidence": evidence_for(case),
        "evidence_categories": EvidenceCategory.choices,
        "upload_url": upload_url if writable else "",
    }
