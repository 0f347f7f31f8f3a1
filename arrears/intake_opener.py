"""A clue (线索) or an inspection's finding opened as a wage-arrears case: the kernel calls ``open_arrears_case``
(``CaseType.open_from_intake``, ``casework.kernel.intake``) when an inspector triages a clue or opens a case on
a finding; the case is opened by ``arrears_case_open`` with its own checks. An arrears case is against an
identified employer."""

from django.core.exceptions import ValidationError

from arrears.services.cases import arrears_case_open


def open_arrears_case(*, actor, intake):
    if intake.employer is None:
        raise ValidationError({"employer": ["立欠薪案件须先确定被反映的用人单位（统一社会信用代码）"]})
    return arrears_case_open(
        actor=actor,
        jurisdiction=intake.jurisdiction,
        employer=intake.employer,
        facts=intake.sourced_facts,
        green_channel=intake.green_channel,
    )
