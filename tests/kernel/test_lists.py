"""casework.kernel.lists: every staff list is read in the order its urgency indexes serve, and its filters
narrow it the same way on every case type (shown here on the complaint list page)."""

import datetime

import pytest
from django.db.models.expressions import OrderBy
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from arbitration.selectors import ARBITRATION_LIST, MEDIATION_LIST
from arrears.selectors.cases import ARREARS_LIST
from casework.inspection.models import Complaint, ComplaintState
from casework.inspection.selectors import COMPLAINT_LIST
from casework.kernel.lists import CaseFilters
from tests.factories import EmployerFactory

pytestmark = pytest.mark.django_db

LISTS = [COMPLAINT_LIST, ARREARS_LIST, MEDIATION_LIST, ARBITRATION_LIST]


def _as_indexed(key):
    """An order key as the index holds it: ``next_due`` ASC is NULLS LAST in a PostgreSQL index already."""
    if isinstance(key, OrderBy) and key.nulls_last:
        return OrderBy(key.expression, descending=key.descending)
    return key


@pytest.mark.parametrize("case_list", LISTS, ids=lambda case_list: case_list.model.__name__)
def test_a_list_is_read_in_the_order_of_its_urgency_indexes(case_list, staff):
    order = [_as_indexed(key) for key in case_list.cases(staff["director"]).query.order_by]
    indexes = {i.name: i for i in case_list.model._meta.indexes if i.name.endswith("urgency_idx")}
    assert len(indexes) == 2  # within a jurisdiction and across all of them
    for index in indexes.values():
        keys = list(index.expressions)
        assert keys[-len(order) :] == order
    searched = case_list.cases(staff["director"], CaseFilters(q="峒河")).query.order_by
    assert searched[0] != order[0] and [_as_indexed(k) for k in searched[1:]] == order[1:]  # sorted instead


@pytest.fixture
def listed(client):
    def numbers(user, **query) -> set[str]:
        client.force_login(user)
        page = client.get(reverse("complaint-list"), query).content.decode()
        return {c.number for c in Complaint.objects.all() if c.number in page}

    return numbers


def test_each_filter_narrows_the_list(listed, register, investigating, staff, luxi):
    received_early = register(received_on=datetime.date(2026, 11, 2))
    green = register(green_channel=True)
    mine = investigating()  # assigned to inspector1 and inspector2
    other_county = register(actor=staff["luxi_inspector"], jurisdiction=luxi)
    Complaint.objects.update(next_due=timezone.localdate() + datetime.timedelta(days=30))
    Complaint.objects.filter(pk=mine.pk).update(next_due=timezone.localdate() - datetime.timedelta(days=1))
    everyone = {received_early.number, green.number, mine.number, other_county.number}
    director, inspector = staff["director"], staff["inspector1"]

    assert listed(director) == everyone
    assert listed(director, green_channel="on") == {green.number}
    assert listed(director, overdue="on") == {mine.number}
    assert listed(inspector, mine="on") == {mine.number}
    assert listed(staff["inspector2"], mine="on") == {mine.number}
    assert listed(staff["head"], mine="on") == set()
    assert listed(director, state=ComplaintState.INVESTIGATING) == {mine.number}
    assert listed(director, jurisdiction=luxi.pk) == {other_county.number}
    assert listed(director, received_to="2026-11-10") == {received_early.number}
    assert listed(director, received_from="2026-11-10") == everyone - {received_early.number}
    assert listed(inspector) == everyone - {other_county.number}  # what the user sees, filtered or not


def test_a_filter_the_form_refuses_filters_nothing(listed, register, staff):
    early, late = register(received_on=datetime.date(2026, 11, 2)), register()
    assert listed(staff["director"], received_from="2026-13-01") == {early.number, late.number}
    assert listed(staff["director"], received_from="2026-13-01", green_channel="on") == {
        early.number,
        late.number,
    }


def test_the_api_list_filters_a_case_type_by_the_kernels_query_parameters(register, staff, luxi):
    other = EmployerFactory(jurisdiction=luxi)
    early = register(received_on=datetime.date(2026, 11, 2))
    late = register(green_channel=True)
    elsewhere = register(actor=staff["luxi_inspector"], jurisdiction=luxi, employer=other)
    Complaint.objects.update(next_due=timezone.localdate() + datetime.timedelta(days=30))
    Complaint.objects.filter(pk=late.pk).update(next_due=timezone.localdate() - datetime.timedelta(days=1))
    client = APIClient()
    client.force_authenticate(staff["director"])

    def numbers(**query) -> set[str]:
        response = client.get("/api/v1/complaints/", query)
        assert response.status_code == 200
        return {row["number"] for row in response.json()["results"]}

    assert numbers() == {early.number, late.number, elsewhere.number}
    assert numbers(overdue="true") == {late.number}
    assert numbers(green_channel="true") == {late.number}
    assert numbers(jurisdiction=luxi.code) == {elsewhere.number}
    assert numbers(employer=other.pk) == numbers(credit_code=other.credit_code) == {elsewhere.number}
    assert numbers(received_to="2026-11-10") == {early.number}
    assert client.get("/api/v1/complaints/", {"received_to": "2026-13-01"}).status_code == 400
