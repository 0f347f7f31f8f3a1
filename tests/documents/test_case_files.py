"""The complaint's case file binds its documents: cover (file number, 保管期限), index (date, 文号, title,
page range), the documents in order with one continuous page numbering that matches the index, the 备考表."""

import pytest
from django.urls import reverse

from casework.documents.services import issue_document
from casework.inspection.case_file import build_case_file, retention
from casework.inspection.models import Complaint
from tests.documents.pagination import assert_numbering_matches_index, pages

pytestmark = pytest.mark.django_db

LONG_FACTS = "2026年7月至9月在乾州新区安置房工地务工，工资未发。" * 60  # long enough to run over pages


def test_complaint_case_file_page_numbers_match_the_index(client, investigating, staff):
    from datetime import timedelta

    from django.utils import timezone

    from casework.inspection import services as svc

    case = investigating(facts=LONG_FACTS)
    svc.complaint_order_rectification(
        actor=staff["inspector1"],
        complaint_id=case.pk,
        due_on=timezone.localdate() + timedelta(days=10),
        items="支付拖欠的工资15600元",
    )
    order = issue_document(Complaint, case.pk, actor=staff["inspector1"], slug="rectification-order")
    case = Complaint.objects.get(pk=case.pk)

    entries, pdf = build_case_file(case)
    assert [e.title for e in entries][:3] == ["投诉登记表", "受理通知书", "立案审批表"]
    assert any(e.pages > 1 for e in entries)  # a document over several pages keeps the count right
    assert_numbering_matches_index(pdf, entries)
    ordered = next(e for e in entries if e.title == "限期改正指令书")
    assert ordered.doc_number == order.number and ordered.on == order.issued_on

    read = pages(pdf)
    cover = read[0][1]
    assert f"档号{case.number}" in cover and "保管期限10年" in cover and retention(case) == "10年"
    assert order.number in "".join(text for _n, text in read[:3])  # the index lists the 文号
    assert "卷内备考表" in read[-1][1] and read[-1][0] is None

    client.force_login(staff["inspector1"])
    response = client.get(reverse("complaint-document", args=[case.pk, "case-file"]))
    assert response.status_code == 200 and len(pages(response.content)) == len(read)


def test_retention_follows_the_outcome(investigating, staff):
    case = investigating()
    assert retention(case) == "10年"
    case.outcome = "penalty_imposed"
    assert retention(case) == "30年"
