"""casework.pagination.CaseListPaginator: a large total is counted once per CACHE_SECONDS, a small one always."""

import pytest

from casework.inspection.selectors import complaint_list
from casework.kernel.lists import CaseFilters
from casework.pagination import CaseListPaginator
from tests.factories import EmployerFactory


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr(CaseListPaginator, "CACHE_FROM", 3)


def total(user, django_assert_num_queries, queries):
    user.sees_all_jurisdictions, user.jurisdiction_ids, user.has_perm("casework.view_complaint")  # the role
    with django_assert_num_queries(queries):
        return CaseListPaginator(complaint_list(user), 25).count


def test_a_large_total_is_counted_once_then_read_from_the_cache(
    small_threshold, register, staff, django_assert_num_queries
):
    for _ in range(3):
        register()
    inspector = staff["inspector1"]
    assert total(inspector, django_assert_num_queries, 1) == 3
    register()
    assert total(inspector, django_assert_num_queries, 0) == 3  # up to a minute behind


def test_a_small_total_is_counted_every_time(small_threshold, register, staff, django_assert_num_queries):
    register(), register()
    inspector = staff["inspector1"]
    assert total(inspector, django_assert_num_queries, 1) == 2
    register()
    assert total(inspector, django_assert_num_queries, 1) == 3


def test_each_user_and_filter_has_its_own_total(small_threshold, register, staff, luxi):
    for _ in range(3):
        register()
    luxi_inspector = staff["luxi_inspector"]
    register(actor=luxi_inspector, jurisdiction=luxi)
    assert CaseListPaginator(complaint_list(staff["inspector1"]), 25).count == 3
    assert CaseListPaginator(complaint_list(staff["director"]), 25).count == 4
    assert CaseListPaginator(complaint_list(luxi_inspector), 25).count == 1


def test_a_search_result_is_sorted_in_urgency_order(register, staff, jishou):
    # Searches are sorted, not walked in index order (urgency_order(searched=True)): the same order all the same.
    employer = EmployerFactory(jurisdiction=jishou, name="湘西峒河建设有限公司")
    older = register(employer=employer)
    green = register(employer=employer, green_channel=True)
    newer = register(employer=employer)
    register()  # another employer's: not found
    page = CaseListPaginator(complaint_list(staff["inspector1"], CaseFilters(q="峒河")), 25).page(1)
    assert list(page.object_list) == [green, newer, older]  # green channel first, then the newest
