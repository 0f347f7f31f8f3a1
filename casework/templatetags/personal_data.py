"""``{% id_number person %}``, ``{% phone person %}``, ``{% address person %}`` for generated documents: masked
unless the document is rendered as a logged full-number copy (``casework.documents.masking``)."""

from django import template

from casework import masking

register = template.Library()


def _value(context, record, field: str, mask) -> str:
    value = getattr(record, field, "") or ""
    return value if context.get("full_numbers") else mask(value)


@register.simple_tag(takes_context=True)
def id_number(context, record) -> str:
    return _value(context, record, "id_number", masking.mask_id_number)


@register.simple_tag(takes_context=True)
def phone(context, record) -> str:
    return _value(context, record, "phone", masking.mask_phone)


@register.simple_tag(takes_context=True)
def address(context, record) -> str:
    return _value(context, record, "address", masking.mask_address)
