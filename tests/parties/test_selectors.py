from casework.models import Employer, Person, UnmaskedView
from casework.roles import Role
from casework.selectors import parties as selectors
from casework.services.personal_data import reveal_personal_data


def test_staff_see_persons_registered_in_their_jurisdictions(make_user, make_person, jishou, luxi):
    own, other = make_person(jishou), make_person(luxi)
    unregistered = make_person(jurisdiction=None)
    unregistered.jurisdiction = None
    unregistered.save()
    visible = set(selectors.persons_visible_to(make_user(Role.CLERK, jishou)))
    assert own in visible and other not in visible and unregistered not in visible


def test_case_apps_can_make_parties_to_their_cases_visible(monkeypatch, make_user, make_person, jishou, luxi):
    worker = make_person(luxi, name="麻金凤")
    clerk = make_user(Role.CLERK, jishou)
    assert worker not in selectors.persons_visible_to(clerk)

    # What a case app registers: "the parties to cases this user can see" (here: a stand-in).
    def parties_to_visible_cases(user):
        return (
            Person.objects.filter(name="麻金凤")
            if user.jurisdiction_ids == {jishou.pk}
            else Person.objects.none()
        )

    monkeypatch.setitem(selectors._WIDENERS, Person, [])
    selectors.register_party_visibility(Person, parties_to_visible_cases)
    selectors.register_party_visibility(Person, parties_to_visible_cases)  # idempotent
    assert selectors._WIDENERS[Person] == [parties_to_visible_cases]
    assert list(selectors.persons_visible_to(clerk)) == [worker]
    assert list(selectors.persons_visible_to(make_user(Role.CLERK, luxi))) == [worker]  # by the base rule
    assert list(selectors.persons_visible_to(None)) == []


def test_superuser_sees_everything_and_reveals_are_still_logged(make_user, make_person, make_employer, luxi):
    admin = make_user(None, is_superuser=True)
    person = make_person(luxi)
    make_employer(luxi)
    assert selectors.persons_visible_to(admin).count() == 1
    assert selectors.employers_visible_to(admin).count() == Employer.objects.count() == 1
    reveal_personal_data(user=admin, record=person, path="/admin")
    assert UnmaskedView.objects.filter(user=admin).count() == 3


def test_search_ignores_blank_queries_and_matches_legal_representative(make_employer, jishou):
    employer = make_employer(legal_representative="彭国华")
    qs = Employer.objects.all()
    assert list(selectors.search_employers(qs, "  ")) == [employer]
    assert list(selectors.search_employers(qs, "国华")) == [employer]
    assert list(selectors.search_employers(qs, "0743")) == []
