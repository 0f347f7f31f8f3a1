"""The grid page: registering an employer by hand (only one of the grid's county), the construction-site wage
warnings of the grid's employers (and none of others) in a fixed number of queries, and the warnings routed to
the grid's inspectors."""

import pytest

from casework.proactive.models import GridEmployer
from tests.factories import EmployerFactory, make_credit_code


def test_an_employer_is_registered_by_hand_to_the_grid(area, client):
    employer = area.employers[0]  # 镇溪街道: the south grid by address
    client.force_login(area.head)
    page = client.post(f"/proactive/grids/{area.north.pk}/", {"employer": employer.pk})
    assert page.status_code == 302
    assert GridEmployer.objects.get(employer=employer).grid == area.north


def test_an_employer_of_another_county_is_refused(area, client, luxi):
    elsewhere = EmployerFactory(jurisdiction=luxi, credit_code=make_credit_code())
    client.force_login(area.head)
    page = client.post(f"/proactive/grids/{area.north.pk}/", {"employer": elsewhere.pk})
    assert page.status_code == 200
    assert "单位不存在或不在本网格所在县市" in page.content.decode()
    assert not GridEmployer.objects.filter(employer=elsewhere).exists()


@pytest.mark.parametrize("number", [0, "x"])
def test_a_bad_employer_number_is_a_form_error(area, client, number):
    client.force_login(area.head)
    page = client.post(f"/proactive/grids/{area.north.pk}/", {"employer": number})
    assert page.status_code == 200
    assert GridEmployer.objects.filter(grid=area.north).count() == 4
