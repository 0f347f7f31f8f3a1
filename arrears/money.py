"""Money is ``Decimal`` yuan with two decimal places (fen), never ``float``.

Everything that takes an amount from outside (a form, the API, a spreadsheet) goes through
``parse_yuan``, which refuses floats outright and refuses more than two decimal places instead of
silently rounding them.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_YUAN = Decimal("999999999999.99")  # max_digits=14, decimal_places=2


def money_field_kwargs() -> dict:
    return {"max_digits": 14, "decimal_places": 2}


def parse_yuan(value, *, field: str, allow_zero: bool = False) -> Decimal:
    """An amount in yuan from text or a Decimal; ``ValidationError({field: [...]})`` when it is not one."""
    if isinstance(value, float):
        # A float has already lost the exact amount; the caller must pass the text the user typed.
        raise TypeError("money must never be a float: pass a str or Decimal")
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError({field: ["请填写金额（元）"]})
    text = str(value).strip().replace(",", "").replace("，", "").replace("¥", "").replace("￥", "")
    text = text.removesuffix("元").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError({field: [f"“{value}”不是有效的金额"]}) from None
    if not amount.is_finite():
        raise ValidationError({field: [f"“{value}”不是有效的金额"]})
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValidationError({field: ["金额最多保留两位小数（分）"]})
    amount = amount.quantize(CENT)
    if amount < 0:
        raise ValidationError({field: ["金额不能为负数"]})
    if amount == 0 and not allow_zero:
        raise ValidationError({field: ["金额必须大于零"]})
    if amount > MAX_YUAN:
        raise ValidationError({field: ["金额过大"]})
    return amount


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
