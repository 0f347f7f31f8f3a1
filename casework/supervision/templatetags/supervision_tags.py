"""``{% supervision_card %}``: the 督办 card of the kernel's case page frame (``casework/case/transitions.html``)."""

from django import template

from casework.supervision.selectors import supervision_card as card_context

register = template.Library()


@register.inclusion_tag("supervision/card.html", takes_context=True)
def supervision_card(context):
    request = context.get("request")
    case = context.get("case")
    if case is None or request is None:
        return {"hidden": True}
    return {**card_context(case, request.user), "csrf_token": context.get("csrf_token")}
