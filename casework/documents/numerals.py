"""Dates in Chinese numerals, as GB/T 9704-2012 §7.3.5.3 writes the date of a document: 二〇二六年十二月四日."""

from datetime import date

DIGITS = "〇一二三四五六七八九"


def small_number(n: int) -> str:
    """1–31 → 一 … 三十一."""
    tens, units = divmod(n, 10)
    if tens == 0:
        return DIGITS[units]
    head = "" if tens == 1 else DIGITS[tens]
    return f"{head}十{DIGITS[units] if units else ''}"


def chinese_date(value: date | None) -> str:
    if value is None:
        return ""
    year = "".join(DIGITS[int(c)] for c in str(value.year))
    return f"{year}年{small_number(value.month)}月{small_number(value.day)}日"
