"""Document numbers under concurrency on PostgreSQL: issuers of the same kind in the same jurisdiction and year
at the same moment get consecutive numbers, none twice, none skipped (the counter row is locked)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.documents.services import issue_document
from casework.inspection import services as svc
from casework.inspection.models import Complaint
from casework.models import DocumentSequence, IssuedDocument
from tests.concurrency import run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _ordered_complaints(investigating, staff, n):
    cases = []
    for _ in range(n):
        case = investigating()
        svc.complaint_order_rectification(
            actor=staff["inspector1"],
            complaint_id=case.pk,
            due_on=timezone.localdate() + timedelta(days=10),
            items="支付工资",
        )
        cases.append(case)
    return cases


def _issue(case, actor):
    return lambda: issue_document(Complaint, case.pk, actor=actor, slug="rectification-order").number


@pytest.mark.parametrize("count", [2, 5])
def test_concurrent_issues_take_consecutive_numbers(investigating, staff, count):
    cases = _ordered_complaints(investigating, staff, count)
    actors = [staff["inspector1"], staff["inspector2"]]

    # the first issue of the year creates the counter row: two creators race for it as well
    results = run_at_once([_issue(case, actors[i % 2]) for i, case in enumerate(cases)])

    year = timezone.localdate().year
    assert sorted(results) == sorted(f"吉人社监令〔{year}〕{n}号" for n in range(1, count + 1)), results
    assert DocumentSequence.objects.get(kind="complaint.rectification-order").last_value == count
    assert sorted(IssuedDocument.objects.values_list("sequence", flat=True)) == list(range(1, count + 1))


def test_the_same_document_issued_twice_at_once_gets_one_number(investigating, staff):
    (case,) = _ordered_complaints(investigating, staff, 1)
    results = run_at_once([_issue(case, staff["inspector1"]), _issue(case, staff["inspector2"])])
    numbers = [r for r in results if isinstance(r, str)]
    assert len(numbers) == 1 and IssuedDocument.objects.count() == 1
    # the refused issue rolled its number back: the series has no gap
    assert DocumentSequence.objects.get().last_value == 1
