"""Money is ``Decimal`` yuan with two decimal places (fen), never ``float``.

Amounts from outside (a form, the API, a spreadsheet) are read by the kernel's one rule,
``casework.inputs.parse_yuan`` / ``YuanField`` / ``YuanSerializerField``; this module only shows amounts and
computes with them.
"""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money_field_kwargs() -> dict:
    return {"max_digits": 14, "decimal_places": 2}


def yuan(value) -> str:
    """``Decimal("6000")`` → ``"6,000.00"``."""
    if value is None:
        return ""
    return f"{Decimal(value).quantize(CENT):,}"


def yuan_short(value) -> str:
    """A threshold figure without needless fen: ``6,000`` but ``6,000.50``."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):,}"
    return yuan(value)


def percent_of(base: Decimal, percent: Decimal) -> Decimal:
    """``percent`` % of ``base``, to the fen, half up (a compensation of 50%–100%)."""
    return (base * percent / Decimal(100)).quantize(CENT, rounding=ROUND_HALF_UP)
