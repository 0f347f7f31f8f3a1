from django import template
from django.urls import reverse
from django.utils.http import urlencode

from casework.services.view_audit import may_read

register = template.Library()


@register.simple_tag(takes_context=True)
def view_audit_url(context, case) -> str:
    """The view audit of ``case`` for a user who may read it (auditors, heads), else ""."""
    request = context.get("request")
    if request is None or case is None or not may_read(request.user):
        return ""
    return reverse("view-audit") + "?" + urlencode({"case_type": case.CASE_TYPE, "case": case.pk})
