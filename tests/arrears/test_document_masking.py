"""Arrears documents (served on the employer, or internal) never carry the workers' full ID numbers."""

import io

import pytest
from pypdf import PdfReader

from arrears.documents import case_documents
from casework.models import Person

from .conftest import id_number

pytestmark = pytest.mark.django_db


def test_arrears_documents_mask_the_workers_and_have_no_full_copy(
    client, staff, open_case, add_workers, ordered
):
    case = open_case()
    add_workers(case, [(3, "6000.00"), (2, "4000.00")])
    ordered(case, served_days_ago=20)
    numbers = [id_number(0), id_number(1)]
    phones = [p for p in Person.objects.filter(id_number__in=numbers).values_list("phone", flat=True) if p]
    client.force_login(staff["inspector1"])
    case.refresh_from_db()
    docs = case_documents(case)
    assert {"payment-order", "payment-confirmation"} <= {d["slug"] for d in docs}
    for doc in docs:
        response = client.get(doc["url"])
        text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(response.content)).pages)
        assert not [n for n in numbers + phones if n in text], doc["slug"]
        assert numbers[0][:4] + "**********" + numbers[0][-4:] in text or doc["slug"] != "payment-order"
        assert client.post(doc["url"] + "?full=1", {"purpose": "送达"}).status_code == 404
