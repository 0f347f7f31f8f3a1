"""Filters of the PDF documents (templates/pdf/base.html): the date in Chinese numerals, the 承办人 line."""

from django import template

from casework.documents.numerals import chinese_date

register = template.Library()


@register.filter
def cn_date(value) -> str:
    return chinese_date(value)


@register.filter
def with_certificate(user) -> str:
    """``张三（执法证号 43010020260001）``, or just the name when no number is on record (never a dash)."""
    number = (getattr(user, "certificate_no", "") or "").strip()
    return f"{user}（执法证号 {number}）" if number else str(user)


@register.inclusion_tag("casework/case/documents.html", takes_context=True)
def case_documents(context, case):
    """The kernel's 文书 card of any case type that declares documents."""
    from casework.documents.selectors import documents_card

    request = context.get("request")
    return {"case": case, "csrf_token": context.get("csrf_token"), **documents_card(case, request.user)}
