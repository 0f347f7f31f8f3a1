"""A double tap on PostgreSQL: two POSTs with one form token at the same moment make one case."""

import threading

import pytest
from django.db import connections

from casework.inspection.green_channel import submit_online_complaint
from casework.inspection.models import Complaint
from casework.models import Person, PublicSubmission
from casework.public import services

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_submits_with_one_token_make_one_case(complaint_data, jishou):
    data = complaint_data()
    form = {
        **data,
        "arrears_amount": 18000,
        "arrears_months": 3,
        "coworkers_count": 2,
        "start_month": None,
        "submission_key": services.new_submission_key(),
    }
    barrier = threading.Barrier(3)
    results = []

    def post():
        try:
            barrier.wait(timeout=10)
            case, created = submit_online_complaint(
                data=form, photos=[], submission_key=form["submission_key"]
            )
            results.append((case.pk, created))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(results) == 3
    assert len({pk for pk, _created in results}) == 1
    assert sorted(created for _pk, created in results) == [False, False, True]
    assert Complaint.objects.count() == 1 and PublicSubmission.objects.count() == 1
    assert Person.objects.count() == 1
