"""The lookup log on PostgreSQL: one INSERT committed asynchronously, and only that INSERT."""

import pytest
from django.db import connection
from django.urls import reverse

from casework.models import PublicLookupLog
from casework.models.public import LookupOutcome

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


def test_a_lookup_is_logged_and_the_connection_keeps_synchronous_commits(client, register, worker):
    case = register()
    assert _synchronous_commit() == "on"
    found = client.post(
        reverse("green:lookup"), {"case_number": case.number, "id_suffix": worker.id_number[-6:]}
    )
    wrong = client.post(reverse("green:lookup"), {"case_number": case.number, "id_suffix": "000000"})
    assert (found.status_code, wrong.status_code) == (302, 200)
    rows = list(
        PublicLookupLog.objects.order_by("id").values_list("outcome", "case_number_tried", "ip_prefix")
    )
    assert rows == [
        (LookupOutcome.FOUND, case.number, "127.0.0.0"),
        (LookupOutcome.MISMATCH, case.number, "127.0.0.0"),
    ]
    assert _synchronous_commit() == "on"  # the setting lived only in the INSERT's own transaction
