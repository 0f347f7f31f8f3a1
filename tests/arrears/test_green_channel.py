"""A worker on a wage-arrears case looks it up on the green channel and sees only their own money."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_each_worker_sees_the_stage_and_only_their_own_recovered_amount(client, open_case, add_workers, pay):
    case = open_case()
    first, second = add_workers(case, [(3, "9000.00"), (4, "12345.60")])
    pay(case, first, "3000.50")
    pay(case, second, "7777.70")
    page = client.post(
        reverse("green:lookup"),
        {"case_number": case.number, "id_suffix": first.person.id_number[-6:]},
        follow=True,
    ).content.decode()
    assert "已追回部分工资" in page and ("3,000.50" in page or "3000.50" in page)
    assert "7777.70" not in page and "7,777.70" not in page  # the other worker's money
    assert second.person.name not in page and second.person.id_number not in page
    assert first.person.id_number not in page
