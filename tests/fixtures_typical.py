"""Typical cases for tests anywhere (tests/typical, the browser): a closed complaint, a published typical case,
and the personal data no public response may show."""

import pytest

from casework.inspection import services as svc
from casework.inspection.models import Complaint
from casework.models import Employer, Person
from casework.typical import services as typical

STORY = "某建筑公司拖欠12名农民工工资18万元，监察机构责令限期支付，单位在期限内全部支付。"


@pytest.fixture
def closed(investigating, staff):
    """A complaint investigated and then closed (撤销立案: corrected already)."""

    def make(**overrides):
        case = investigating(**overrides)
        return svc.complaint_withdraw_case(actor=staff["head"], complaint_id=case.pk, reason="已改正")

    return make


@pytest.fixture
def published(closed, staff):
    def make(text=STORY, title="总承包单位代付工资案"):
        case = closed()
        proposed = typical.propose(Complaint, case.pk, actor=staff["inspector1"], title=title, text=text)
        return typical.approve(Complaint, case.pk, actor=staff["head"], typical=proposed.pk)

    return make


def personal_values() -> list[str]:
    """Every party's name, ID number and phone in the database, and every employer's phone: what no public
    response may contain."""
    values = []
    for name, id_number, phone in Person.objects.values_list("name", "id_number", "phone"):
        values += [name, id_number or "", phone or ""]
    values += [phone for phone in Employer.objects.values_list("phone", flat=True) if phone]
    return [v for v in values if v and len(v) >= 2]


def assert_no_personal_data(body: str) -> None:
    leaked = [v for v in personal_values() if v in body]
    assert not leaked, f"public response shows party data: {leaked}"
