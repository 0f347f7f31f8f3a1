"""One party-visibility rule: a person page opens exactly for the users whose "显示完整号码" is not refused for
visibility (it may still be refused for their role, with its own message)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from casework.demo import DEMO_USERS, seed_all
from casework.models import Person, UnmaskedView
from casework.roles import Role
from casework.selectors.parties import persons_visible_to
from casework.services.personal_data import reveal_personal_data

pytestmark = pytest.mark.django_db

NOT_VISIBLE = "您无权查看该记录"
ROLE_REFUSED = "您的岗位无权查看完整号码"


@pytest.fixture
def demo():
    users = seed_all()
    persons = list(Person.objects.order_by("pk"))
    assert len(persons) >= 9 and {u[0] for u in DEMO_USERS} <= set(users)  # and the helper accounts
    return users, persons


def _api_refusal(response) -> str:
    """ "visibility", "role" or "" (revealed) from the API's reveal answer."""
    if response.status_code == 404:
        return "visibility"
    if response.status_code == 403:
        message = response.json()["message"]
        assert message in (NOT_VISIBLE, ROLE_REFUSED), message
        return "visibility" if message == NOT_VISIBLE else "role"
    assert response.status_code == 200, response.content[:300]
    return ""


def _page_refusal(response) -> str:
    """The page's reveal: the record is found with the page's own selector (404), the role refused with 403."""
    assert response.status_code in (200, 403, 404), response.status_code
    return {200: "", 403: "role", 404: "visibility"}[response.status_code]


def _service_refusal(user, person) -> str:
    try:
        reveal_personal_data(user=user, record=person, purpose="核对", path="/test")
    except PermissionDenied as exc:
        assert str(exc) in (NOT_VISIBLE, ROLE_REFUSED), str(exc)
        return "visibility" if str(exc) == NOT_VISIBLE else "role"
    return ""


def _http_answers(client, person) -> tuple[bool, tuple[str, str], bool]:
    """(page opens, (page reveal, API reveal) refusals, API detail answers 200) over HTTP."""
    page = client.get(reverse("parties:person-detail", args=[person.pk])).status_code
    assert page in (200, 403, 404), page
    reveals = (
        _page_refusal(client.post(reverse("parties:person-reveal", args=[person.pk]))),
        _api_refusal(client.post(f"/api/v1/persons/{person.pk}/reveal/")),
    )
    return page == 200, reveals, client.get(f"/api/v1/persons/{person.pk}/").status_code == 200


def _sample(user, persons, opens: set[int]) -> list:
    """A few persons of each kind for the HTTP walk: seen in the user's counties, seen through a case in
    another county, not seen."""
    own = [p for p in persons if p.pk in opens and p.jurisdiction_id in user.jurisdiction_ids]
    widened = [p for p in persons if p.pk in opens and p.jurisdiction_id not in user.jurisdiction_ids]
    hidden = [p for p in persons if p.pk not in opens]
    return own[:1] + widened[:2] + hidden[:1]


def test_page_opens_exactly_where_the_reveal_is_not_refused_for_visibility(client, demo):
    """Every demo user × every demo person through the selector the page uses and the reveal service; a
    sample of each user's pairs (each kind of visibility) through the pages and the API as well."""
    users, persons = demo
    disagreements, outcomes = [], set()
    for username, user in users.items():
        opens = set(
            persons_visible_to(user).filter(pk__in=[p.pk for p in persons]).values_list("pk", flat=True)
        )
        for person in persons:
            refusal = _service_refusal(user, person)
            if (person.pk in opens) == (refusal == "visibility"):
                disagreements.append((username, person.name, person.pk in opens, refusal))
            outcomes.add((person.pk in opens, refusal))
        client.force_login(user)
        for person in _sample(user, persons, opens):
            page_opens, reveals, detail = _http_answers(client, person)
            if not user.has_perm("casework.view_person"):
                assert not page_opens and not detail
                continue
            expected = _service_refusal(user, person) if page_opens else "visibility"
            if page_opens != (person.pk in opens) or reveals != (expected, expected) or detail != page_opens:
                disagreements.append((username, person.name, page_opens, reveals, detail))
    assert disagreements == []
    # The walk met pages that open and reveal, that open but refuse the role, and that do not open.
    assert {(True, ""), (True, "role"), (False, "visibility")} <= outcomes


def test_a_party_of_a_visible_case_in_another_county_opens_and_reveals(client, demo):
    users, _persons = demo
    clerk = users["clerk"]
    outside = [p for p in persons_visible_to(clerk) if p.jurisdiction_id not in clerk.jurisdiction_ids]
    assert outside, "the demo data should hold a party from another county on a 吉首 case"
    person = outside[0]
    client.force_login(clerk)
    assert client.get(reverse("parties:person-detail", args=[person.pk])).status_code == 200
    response = client.post(reverse("parties:person-reveal", args=[person.pk]), {"purpose": "电话联系"})
    assert response.status_code == 200 and person.id_number in response.content.decode()
    assert UnmaskedView.objects.filter(user=clerk, object_id=person.pk).exists()


@pytest.mark.parametrize("extra_role", [None, Role.CLERK])
def test_read_only_roles_never_reveal_and_nothing_is_logged(
    client, make_user, prefecture, jishou, extra_role
):
    from tests.factories import PersonFactory

    person = PersonFactory()
    auditor = make_user(Role.AUDITOR, prefecture, jishou)
    if extra_role:  # even with a role that could reveal, the read-only role wins
        from django.contrib.auth.models import Group

        auditor.groups.add(Group.objects.get(name=extra_role.label))
    client.force_login(auditor)
    assert client.get(reverse("parties:person-detail", args=[person.pk])).status_code == 200
    assert client.post(reverse("parties:person-reveal", args=[person.pk])).status_code == 403
    api = client.post(f"/api/v1/persons/{person.pk}/reveal/")
    assert api.status_code == 403 and api.json()["message"] == ROLE_REFUSED
    assert not UnmaskedView.objects.exists()
