"""casework.keyset: a list's next and previous pages read from a position give exactly the pages by number, and
paging on while cases are added neither skips nor repeats a case."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from casework import keyset
from casework.inspection.models import Complaint, ComplaintState
from casework.inspection.selectors import COMPLAINT_LIST
from casework.kernel import lists
from tests.factories import EmployerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied(register):
    """Complaints that differ in every key of the urgency order: open or closed, green channel, deadline (some
    none, several equal)."""
    employer = EmployerFactory()
    today = timezone.localdate()
    for i in range(14):
        case = register(employer=employer, green_channel=i % 4 == 0)
        due = None if i % 5 == 0 else today + datetime.timedelta(days=i % 3)
        Complaint.objects.filter(pk=case.pk).update(next_due=due)
        if i % 6 == 1:
            Complaint.objects.filter(pk=case.pk).update(state=ComplaintState.CLOSED)


def test_the_rows_after_any_position_are_the_next_rows_of_the_list(varied, staff):
    cases = keyset.keyed(COMPLAINT_LIST.cases(staff["director"]))
    everything = list(cases)
    keys = keyset.keys_of(cases)
    assert len(everything) == 14
    for size in (1, 3, 5):
        for i, row in enumerate(everything):
            at = keyset.position(row, keys)
            assert keyset.rows_after(cases, at, size) == everything[i + 1 : i + 1 + size]
            assert keyset.rows_after(cases, at, size, backward=True) == everything[max(0, i - size) : i]


def test_a_position_survives_its_link(varied, staff):
    cases = keyset.keyed(COMPLAINT_LIST.cases(staff["director"]))
    keys = keyset.keys_of(cases)
    for row in cases:
        at = keyset.position(row, keys)
        assert keyset.decode(keyset.encode(at), len(keys)) == at
    for junk in ("", "x", "i1.i2", "i1.t.n.dxx.i3", "i1.t.d2026-01-01.i3.q"):
        assert keyset.decode(junk, len(keys)) is None


def _links(page: str) -> dict[str, str]:
    return {
        label: unescape(href)
        for href, label in re.findall(r'<a class="button" href="\?([^"]*)">(上一页|下一页)</a>', page)
    }


def _numbers(page: str) -> list[str]:
    return re.findall(r'<a href="/complaints/\d+/">([^<]+)</a>', page)


def test_paging_on_while_cases_are_added_skips_and_repeats_nothing(
    varied, register, staff, client, monkeypatch
):
    monkeypatch.setattr(lists, "PAGE_SIZE", 4)
    client.force_login(staff["director"])
    url = reverse("complaint-list")
    first = client.get(url).content.decode()
    before = set(Complaint.objects.values_list("number", flat=True))
    seen = _numbers(first)
    links = _links(first)
    pages = 1
    while "下一页" in links:
        register(employer=EmployerFactory())  # a new open case, early in the order: not on later pages
        page = client.get(f"{url}?{links['下一页']}").content.decode()
        pages += 1
        seen += _numbers(page)
        assert f"第 {pages} / " in page
        links = _links(page)
    assert len(seen) == len(set(seen)), " ".join(s[-6:-1] for s in seen)  # no case twice
    assert before <= set(seen)  # every case that was there from the start
    last = _numbers(page)
    back = _numbers(client.get(f"{url}?{links['上一页']}").content.decode())
    everything = list(COMPLAINT_LIST.cases(staff["director"]).values_list("number", flat=True))
    start = everything.index(last[0])
    assert back == everything[start - 4 : start]  # the four cases before the last page, in the list's order


def test_a_deep_page_by_position_costs_what_the_first_does(varied, staff, client, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(lists, "PAGE_SIZE", 2)
    client.force_login(staff["director"])
    url = reverse("complaint-list")
    counts = []
    query = ""
    for _ in range(5):
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(f"{url}?{query}").content.decode()
        counts.append(len(ctx))
        query = _links(page)["下一页"]
    assert len(set(counts[1:])) == 1 and counts[1] <= counts[0] + 1


def test_a_page_by_number_still_works_and_a_bad_position_falls_back_to_it(varied, staff, client, monkeypatch):
    monkeypatch.setattr(lists, "PAGE_SIZE", 4)
    client.force_login(staff["director"])
    url = reverse("complaint-list")
    by_number = _numbers(client.get(url, {"page": 3}).content.decode())
    assert (
        by_number and _numbers(client.get(url, {"page": 3, "after": "i9.zz"}).content.decode()) == by_number
    )
