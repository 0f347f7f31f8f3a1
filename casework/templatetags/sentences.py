"""Filters that put recorded text into a document's sentences without doubled punctuation."""

from django import template

register = template.Library()

TRAILING = "。；;，,.、：: \n\t"


@register.filter
def clause(value) -> str:
    """Text to be followed by the template's own punctuation: its trailing punctuation removed."""
    return str(value or "").rstrip(TRAILING)


@register.filter
def sentence(value) -> str:
    """Text as a sentence ending in exactly one "。" (nothing at all when empty)."""
    text = clause(value)
    return f"{text}。" if text else ""
