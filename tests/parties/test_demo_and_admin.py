from django.core.exceptions import ValidationError
from django.urls import reverse

from casework import demo_parties, validators
from casework.demo import seed_all
from casework.models import Employer, Person


def test_demo_parties_are_valid_xiangxi_records_and_seeding_is_idempotent(db):
    seed_all()
    counts = (Employer.objects.count(), Person.objects.count())
    seed_all()
    assert (Employer.objects.count(), Person.objects.count()) == counts  # idempotent, case apps' parties too
    # The parties' own demo records (case apps seed further parties for their demo cases).
    assert Employer.objects.filter(name__in=[e[0] for e in demo_parties.EMPLOYERS]).count() == 6
    assert Person.objects.filter(name__in=[p[0] for p in demo_parties.PERSONS]).count() == 9
    for person in Person.objects.all():
        assert validators.validate_id_number(person.id_number) == person.id_number
        assert person.id_number.startswith("4331")
        validators.validate_mobile(person.phone)
    for employer in Employer.objects.all():
        assert validators.validate_credit_code(employer.credit_code) == employer.credit_code
    assert Employer.objects.filter(jurisdiction__code="433100JK", industry="manufacturing").exists()
    assert Employer.objects.filter(jurisdiction__code="433123", industry="accommodation_catering").exists()
    assert Employer.objects.filter(jurisdiction__code="433122").exists()
    assert Person.objects.filter(is_migrant_worker=True).count() >= 6


def test_admin_shows_personal_data_masked(admin_client, make_person):
    person = make_person(phone="13974301201")
    for url in (
        reverse("admin:casework_person_changelist"),
        reverse("admin:casework_person_change", args=[person.pk]),
    ):
        page = admin_client.get(url).content.decode()
        assert person.id_number_masked in page
        assert person.id_number not in page and "13974301201" not in page and person.address not in page
    found = admin_client.get(
        reverse("admin:casework_person_changelist"), {"q": person.id_number}
    ).content.decode()
    assert person.id_number_masked in found


def test_model_validation_runs_the_checks_outside_services(make_person):
    person = make_person()
    person.id_number = person.id_number[:-1] + ("0" if person.id_number[-1] != "0" else "1")
    try:
        person.full_clean()
    except ValidationError as exc:
        assert exc.message_dict == {"id_number": ["校验位错误，请逐位核对号码"]}
    else:  # pragma: no cover
        raise AssertionError("full_clean accepted a wrong check digit")
