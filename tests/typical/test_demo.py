from casework.demo import seed_all
from casework.typical.models import TypicalCase
from tests.fixtures_typical import assert_no_personal_data


def test_the_demo_has_one_published_typical_case_and_seeding_twice_changes_nothing(db, client):
    seed_all()
    seed_all()
    shown = TypicalCase.objects.get()
    assert shown.is_published
    page = client.get(f"/green/typical-cases/{shown.pk}/")
    assert page.status_code == 200
    assert_no_personal_data(page.content.decode())
