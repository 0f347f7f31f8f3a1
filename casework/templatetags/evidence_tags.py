from django import template

from casework.models.evidence import EvidenceCategory
from casework.services.evidence import evidence_for

register = template.Library()


@register.inclusion_tag("casework/includes/evidence.html")
def case_evidence(case, upload_url=""):
    """The evidence card of any case type: the list with downloads, and the upload form."""
    return {
        "evidence": evidence_for(case),
        "evidence_categories": EvidenceCategory.choices,
        "upload_url": upload_url,
    }
