"""Case numbers in the style of official document numbers, e.g. ``吉首劳监投〔2026〕0001号``.

Unique per case type, jurisdiction and year; issued without duplicates or gaps even under concurrent
creation: the sequence row is incremented with an UPDATE (a row lock held until the surrounding
transaction commits) — a rolled-back case creation rolls its number back too, so no gap is left.
"""

import functools
import re
import string

from django.db import IntegrityError, transaction
from django.db.models import F

from casework.models import CaseNumberSequence


def next_sequence(*, case_type: str, jurisdiction, year: int) -> int:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("case numbers must be issued inside the transaction that creates the case")
    keys = {"case_type": case_type, "jurisdiction": jurisdiction, "year": year}
    updated = CaseNumberSequence.objects.filter(**keys).update(last_value=F("last_value") + 1)
    if not updated:
        try:
            with transaction.atomic():
                CaseNumberSequence.objects.create(**keys, last_value=1)
            return 1
        except IntegrityError:  # another transaction created the row first: take the next value
            CaseNumberSequence.objects.filter(**keys).update(last_value=F("last_value") + 1)
    return CaseNumberSequence.objects.filter(**keys).values_list("last_value", flat=True).get()


def assign_number(case, *, year: int) -> None:
    """Give an unsaved case its year, sequence and formatted number."""
    seq = next_sequence(case_type=case.CASE_TYPE, jurisdiction=case.jurisdiction, year=year)
    case.year, case.sequence = year, seq
    case.number = case.NUMBER_FORMAT.format(short=case.jurisdiction.short_name, year=year, seq=seq)


_FIELD_PATTERNS = {"year": r"\d{4}", "seq": r"\d+"}


@functools.lru_cache
def number_pattern(number_format: str) -> re.Pattern:
    """``"{short}劳监投〔{year}〕{seq:04d}号"`` → a pattern every number ``assign_number`` issues in that format
    matches (the jurisdiction's short name: any text)."""
    parts = []
    for literal, name, _spec, _conversion in string.Formatter().parse(number_format):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(_FIELD_PATTERNS.get(name, ".+?"))
    return re.compile("".join(parts))
