from django import template

from arrears.money import yuan as _yuan

register = template.Library()


@register.filter
def yuan(value) -> str:
    """``Decimal("6000")`` → ``6,000.00`` (money is shown to the fen, with thousands separators)."""
    return _yuan(value) if value not in (None, "") else "—"
