"""A NUL character anywhere in a query or a form/JSON body is a 400 (PostgreSQL refuses it in text)."""

from django.urls import reverse

from casework.roles import Role


def test_api_query_with_nul_is_a_400_in_the_error_shape(client, make_user, prefecture):
    client.force_login(make_user(Role.DIRECTOR, prefecture))
    response = client.get("/api/v1/stats/settlement/?jurisdiction=%00")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and "NUL" in body["message"]


def test_json_body_with_nul_is_a_400(client, make_user, jishou):
    client.force_login(make_user(Role.CLERK, jishou))
    response = client.post("/api/v1/persons/", '{"name": "a\\u0000b"}', content_type="application/json")
    body = response.json()
    assert response.status_code == 400 and "NUL" in body["message"] and list(body["fields"]) == ["name"]


def test_page_query_with_nul_is_a_400_and_a_normal_search_still_works(client, make_user, jishou):
    client.force_login(make_user(Role.CLERK, jishou))
    assert client.get(reverse("complaint-list") + "?q=%00").status_code == 400
    assert client.get(reverse("complaint-list") + "?q=%E5%BC%A0").status_code == 200
