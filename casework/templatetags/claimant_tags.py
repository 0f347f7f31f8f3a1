"""The staff side of the green channel's claimant page on any case page: the workers' messages (with the reply
form) and requests to withdraw (with the decision form), for a case type registered with the green channel."""

from django import template
from django.contrib.contenttypes.models import ContentType

from casework.kernel.registry import case_type_for
from casework.kernel.writes import may_write
from casework.models import ClaimantMessage, WithdrawalRequest

register = template.Library()


@register.inclusion_tag("casework/case/claimant_inbox.html", takes_context=True)
def claimant_inbox(context, case):
    registered = case_type_for(case)
    request = context.get("request")
    if registered is None or registered.public is None:
        return {"shown": False}
    user = request.user if request is not None else None
    ct = ContentType.objects.get_for_model(case)
    of_case = {"content_type": ct, "object_id": case.pk}
    return {
        "shown": True,
        "case": case,
        "csrf_token": context.get("csrf_token"),
        "messages_in": ClaimantMessage.objects.filter(**of_case).select_related("person", "replied_by"),
        "withdrawals": WithdrawalRequest.objects.filter(**of_case).select_related("person", "decided_by"),
        "can_reply": user is not None and may_write(user, registered, "reply_claimant_message", case),
        "can_decide": user is not None and may_write(user, registered, "decide_withdrawal", case),
    }
