import threading

import pytest
from django.db import connection

from casework.models import Person
from casework.services.parties import person_get_or_create_by_id_number
from tests.parties.conftest import make_id_number


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clerks_registering_the_same_id_number_at_once_get_one_person():
    number = make_id_number("433127", "19790803", 113)
    barrier = threading.Barrier(4)
    results, errors = [], []

    def register(phone):
        try:
            barrier.wait(timeout=10)
            person, _created = person_get_or_create_by_id_number(id_number=number, name="田光明", phone=phone)
            results.append(person.pk)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(f"1520743120{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(set(results)) == 1 and len(results) == 4
    assert Person.objects.filter(id_number=number).count() == 1
