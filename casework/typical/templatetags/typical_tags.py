"""``{% typical_card %}``: the 典型案例 card of the kernel's case page frame (``casework/case/transitions.html``)."""

from django import template

from casework.typical.selectors import typical_card as card_context

register = template.Library()


@register.inclusion_tag("typical/card.html", takes_context=True)
def typical_card(context):
    request, case = context.get("request"), context.get("case")
    if case is None or request is None:
        return {"hidden": True}
    return {**card_context(case, request.user), "csrf_token": context.get("csrf_token")}
