"""Typical cases of every publishable type: the privacy check finds the parties of a case of any type from its
model alone, and the actions exist exactly on the types whose registration allows publication."""

import pytest

from casework.kernel.registry import case_types
from casework.typical.privacy import parties_of, personal_data_in

PUBLISHABLE = [t.code for t in case_types() if t.disclosure]


def test_complaints_arrears_mediation_and_arbitration_are_publishable_and_nothing_else_is():
    assert set(PUBLISHABLE) == {"complaint", "arrears", "mediation", "arbitration"}
    for t in case_types():
        assert (t.action("propose_typical") is not None) == bool(t.disclosure), t.code


@pytest.mark.parametrize("code", PUBLISHABLE)
def test_the_worker_and_the_employer_of_a_case_of_any_type_are_its_parties(world, code):
    case = world.here.cases[code]
    employer = world.here.employer
    parties = parties_of(case)
    assert parties.persons and employer.pk in parties.employers
    if code != "arrears":  # an arrears case's workers are its ledger's, not the county's complainant
        assert world.here.person.pk in parties.persons
    for person in parties.persons.values():
        assert personal_data_in(f"劳动者{person.name}", case, employer_named=True)
        assert personal_data_in(f"身份证 {person.id_number}", case, employer_named=True)
    assert personal_data_in(f"{employer.name}欠薪", case, employer_named=False)
    assert personal_data_in(f"{employer.name}欠薪", case, employer_named=True) == []
    assert personal_data_in("某公司拖欠某某工资", case, employer_named=False) == []
