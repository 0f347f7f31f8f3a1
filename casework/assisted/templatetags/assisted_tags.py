"""``{% assisted_note %}``: "代为提交：<name>（<unit>）" on the kernel's case page frame
(``casework/case/transitions.html``) of a case a helper filed."""

from django import template

from casework.assisted.selectors import filing_for_case

register = template.Library()


@register.inclusion_tag("assisted/case_note.html", takes_context=True)
def assisted_note(context):
    case = context.get("case")
    return {"filing": filing_for_case(case) if case is not None and case.pk else None}
