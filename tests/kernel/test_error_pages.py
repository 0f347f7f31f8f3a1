"""A refusal on a staff page says why, in Chinese; under /api/ it keeps the API's one error shape."""

import pytest
from django.urls import reverse

from casework.roles import Role
from tests.factories import PersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.kernel.site_urls_with_403")]


def test_a_refused_reveal_page_names_the_reason(client, make_user, prefecture):
    person = PersonFactory()
    client.force_login(make_user(Role.DIRECTOR, prefecture))
    response = client.post(reverse("parties:person-reveal", args=[person.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "无权访问" in page and "您的岗位无权查看完整号码" in page


def test_an_english_or_empty_reason_is_replaced_and_the_api_keeps_its_shape(client, make_user, jishou):
    client.force_login(make_user(Role.MEDIATOR, jishou))
    page = client.get(reverse("stats-dashboard"))
    assert page.status_code == 403 and "您无权执行此操作" in page.content.decode()
    api = client.get("/api/v1/stats/settlement/")
    assert api.status_code == 403 and api.json()["code"] == "forbidden"
