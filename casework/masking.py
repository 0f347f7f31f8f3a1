"""How personal identifiers are shown to people who do not need them in full."""


def mask_id_number(value: str | None) -> str:
    """``433101199001011234`` → ``4331**********1234`` (first 4 and last 4 kept)."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str | None) -> str:
    """``13812345678`` → ``138****5678``."""
    if not value:
        return ""
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_address(value: str | None, keep: int = 6) -> str:
    if not value:
        return ""
    return value[:keep] + ("***" if len(value) > keep else "")


def mask_name(value: str | None) -> str:
    """``张三丰`` → ``张**``: for lists seen by people outside the case."""
    if not value:
        return ""
    return value[0] + "*" * (len(value) - 1)
