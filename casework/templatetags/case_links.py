"""``{% may_change case "link_case" as allowed %}``: whether the page's user may make a change on the case
(``casework.kernel.writes.may_write``), for the kernel's cards that offer a form."""

from django import template

from casework.kernel.registry import case_type_for
from casework.kernel.writes import may_write

register = template.Library()


@register.simple_tag(takes_context=True)
def may_change(context, case, name: str) -> bool:
    request = context.get("request")
    registered = case_type_for(case)
    return bool(request and registered and may_write(request.user, registered, name))
