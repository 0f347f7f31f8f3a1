"""The staff complaint list: who sees which cases (casework.selectors.visibility.visible_to picks the query
shape; tests/kernel/test_visibility_shapes.py checks both shapes), searching, and a query count that does not
grow with the cases shown."""

import pytest
from django.urls import reverse
from guardian.shortcuts import assign_perm

from casework.inspection.selectors import complaint_list
from casework.kernel.lists import CaseFilters
from casework.models import User
from tests.factories import EmployerFactory
from tests.list_pages import query_counts_as_cases_grow


def test_a_county_inspector_lists_only_their_county(register, staff):
    own = register()
    luxi_inspector = staff["luxi_inspector"]
    luxi_case = register(actor=luxi_inspector, jurisdiction=luxi_inspector.jurisdictions.get())
    listed = set(complaint_list(staff["inspector1"]))
    assert own in listed and luxi_case not in listed


def test_an_object_grant_adds_that_case_to_the_list(register, staff):
    jishou_case, other = register(), register()
    assign_perm("casework.view_complaint", staff["luxi_inspector"], jishou_case)
    user = User.objects.get(pk=staff["luxi_inspector"].pk)  # fresh: no cached permissions
    listed = list(complaint_list(user))
    assert jishou_case in listed and other not in listed


def test_search_by_whole_number_part_of_a_number_and_employer_name(register, staff, jishou):
    wanjiang = EmployerFactory(jurisdiction=jishou, name="吉首市万溶江建设劳务有限公司")
    first, second = register(employer=wanjiang), register()
    unnamed = register(employer=None, employer_name_given="乾州某砂石场")
    inspector = staff["inspector1"]

    def found(q):
        return {c.pk for c in complaint_list(inspector, CaseFilters(q=q))}

    assert found(first.number) == {first.pk}  # the whole number: exactly that case
    assert found(f" {second.number} ") == {second.pk}
    sequence = second.number.split("〕")[1]  # e.g. "0002号"
    assert found(sequence) == {second.pk}
    assert found("万溶江") == {first.pk}
    assert found("砂石") == {unnamed.pk}
    assert found(wanjiang.credit_code.lower()) == {first.pk}


@pytest.mark.parametrize("query", ["", "?q=峒河", "?state=registered"])
def test_list_page_queries_do_not_grow_with_the_cases_shown(client, register, staff, jishou, query):
    employer = EmployerFactory(jurisdiction=jishou, name="湘西峒河建设有限公司")
    client.force_login(staff["inspector1"])
    url = reverse("complaint-list") + query

    def add_cases(n):
        for _ in range(n):
            register(employer=employer)

    counts, page = query_counts_as_cases_grow(client, url, add_cases)
    assert "第 1 / 2 页" in page
    assert counts[0] == counts[1]
