"""The employer a case is against, for any registered case type, and whether two records name the same one.

A case type names its employer's attribute in its registration (``CaseType.employer_attr``: ``employer`` for
complaints, arrears cases and clues, ``respondent`` for disputes). Two records are about the same employer when
their credit codes (GB 32100) are equal; where either has none, when their names are equal once folded
(full-width forms, spaces, brackets and the company-form suffix dropped).
"""

import re

from casework import validators
from casework.kernel.registry import case_type_for

_SUFFIXES = ("有限责任公司", "股份有限公司", "有限公司", "公司")


def normalised_employer_name(name: str | None) -> str:
    text = validators._fold(name or "").replace("（", "(").replace("）", ")")
    text = re.sub(r"[()\s·.,，、]", "", text)
    for suffix in _SUFFIXES:
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def employer_of(case):
    """The ``Employer`` ``case`` is against (None when its type has none or it is not yet identified)."""
    registered = case_type_for(case)
    attr = registered.employer_attr if registered is not None else None
    return getattr(case, attr, None) if attr else None


def employer_key(case) -> tuple[str, str]:
    """(credit code, folded name) of the employer ``case`` is against, as far as it is known."""
    employer = employer_of(case)
    if employer is not None:
        return employer.credit_code or "", normalised_employer_name(employer.name)
    code = getattr(case, "employer_credit_code", "") or ""
    name = getattr(case, "employer_name", "") or getattr(case, "employer_name_given", "") or ""
    return code, normalised_employer_name(name)


def same_employer(a, b) -> bool | None:
    """Whether cases ``a`` and ``b`` are against the same employer; None when either names none."""
    (code_a, name_a), (code_b, name_b) = employer_key(a), employer_key(b)
    if code_a and code_b:
        return code_a == code_b
    if name_a and name_b:
        return name_a == name_b
    return None


def case_by_number(user, number: str):
    """The case numbered ``number`` among every registered type's cases ``user`` may see (None if none)."""
    from casework.kernel.registry import case_types

    number = (number or "").strip()
    if not number:
        return None
    for registered in case_types():
        found = registered.visible(user).filter(number=number).first()
        if found is not None:
            return found
    return None
