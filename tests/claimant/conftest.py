"""Fixtures of the claimant page: cases of every type on the green channel, and a browser granted one of them."""

import pytest
from django.http import HttpResponse

from casework.public import access
from casework.public.registry import case_type_for
from casework.public.selectors import CaseRef
from tests.arbitration.conftest import (  # noqa: F401
    accepted,
    applicant,
    apply,
    arb_staff,
    formed,
    mediation,
    respondent,
)
from tests.arrears.conftest import add_workers, open_case, pay  # noqa: F401
from tests.green.conftest import _eager_celery, _own_cache_and_sms  # noqa: F401

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n" + b"0" * 64


def grant(client, pairs) -> None:
    """As after a lookup: the browser's signed cookie names these (case, person) pairs."""
    response = HttpResponse()
    access.grant(response, [CaseRef(case_type_for(c).model_label, c.pk, p.pk) for c, p in pairs])
    client.cookies["green_access"] = response.cookies["green_access"].value


def page_url(case, suffix: str = "") -> str:
    return f"/green/case/{case_type_for(case).model_label}/{case.pk}/{suffix}"


@pytest.fixture
def arrears_two_workers(open_case, add_workers, pay):  # noqa: F811
    case = open_case()
    first, second = add_workers(case, [(3, "9000.00"), (4, "12000.00")])
    pay(case, first, "3000.00")
    pay(case, second, "5000.00")
    return case, first, second
