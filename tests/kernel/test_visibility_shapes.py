"""casework.selectors.visibility.visible_to picks its query shape from the user's grants: the plain
jurisdiction filter when the user holds no grant on a case outside their jurisdictions, the filter ORed with
the grants otherwise. Whatever the shape, the cases listed are the rule's: the role's jurisdictions, plus every
case granted to the user or to one of their groups."""

import pytest
from django.contrib.auth.models import Group
from guardian.shortcuts import assign_perm

from casework.inspection.models import Complaint
from casework.models import User
from casework.selectors.visibility import visible_to

VIEW = "casework.view_complaint"


def fresh(user) -> User:
    return User.objects.get(pk=user.pk)  # a new request: nothing cached on the user object


def expected(user) -> set[int]:
    """The rule, computed case by case in Python."""
    by_role = user.has_perm(VIEW)
    shown = set()
    for case in Complaint.objects.all():
        if by_role and (user.sees_all_jurisdictions or case.jurisdiction_id in user.jurisdiction_ids):
            shown.add(case.pk)
        elif user.has_perm(VIEW, case):  # guardian's own check: the user's and their groups' grants
            shown.add(case.pk)
    return shown


def listed(user) -> tuple[set[int], bool]:
    qs = visible_to(user, Complaint.objects.all())
    reads_grants = "objectpermission" in str(qs.query)
    return set(qs.values_list("pk", flat=True)), reads_grants


@pytest.fixture
def cases(register, staff, luxi):
    luxi_inspector = staff["luxi_inspector"]
    return {
        "jishou": [register(), register()],
        "luxi": [register(actor=luxi_inspector, jurisdiction=luxi) for _ in range(2)],
    }


def test_a_county_inspector_without_grants_gets_the_plain_filter(cases, staff):
    user = fresh(staff["inspector1"])
    shown, reads_grants = listed(user)
    assert shown == expected(user) == {c.pk for c in cases["jishou"]}
    assert not reads_grants


def test_a_grant_inside_the_users_county_keeps_the_plain_filter(cases, staff):
    assign_perm(VIEW, staff["inspector1"], cases["jishou"][0])
    user = fresh(staff["inspector1"])
    shown, reads_grants = listed(user)
    assert shown == expected(user) == {c.pk for c in cases["jishou"]}
    assert not reads_grants


def test_a_grant_in_another_county_adds_that_case_and_only_it(cases, staff):
    shared = cases["luxi"][0]
    assign_perm(VIEW, staff["inspector1"], shared)
    user = fresh(staff["inspector1"])
    shown, reads_grants = listed(user)
    assert shown == expected(user) == {c.pk for c in cases["jishou"]} | {shared.pk}
    assert reads_grants


def test_a_grant_to_one_of_the_users_groups_counts_too(cases, staff):
    group = Group.objects.create(name="跨县协查组")
    staff["inspector1"].groups.add(group)
    shared = cases["luxi"][1]
    assign_perm(VIEW, group, shared)
    user = fresh(staff["inspector1"])
    shown, reads_grants = listed(user)
    assert shown == expected(user) == {c.pk for c in cases["jishou"]} | {shared.pk}
    assert reads_grants


def test_without_the_roles_permission_only_granted_cases_are_shown(cases, staff):
    arbitrator = staff["arbitrator"]  # no model-wide view permission on complaints
    assert listed(fresh(arbitrator))[0] == set()
    assign_perm(VIEW, arbitrator, cases["jishou"][1])
    user = fresh(arbitrator)
    shown, _ = listed(user)
    assert shown == expected(user) == {cases["jishou"][1].pk}


def test_a_prefecture_director_sees_every_county(cases, staff):
    user = fresh(staff["director"])
    shown, reads_grants = listed(user)
    assert shown == expected(user) == {c.pk for group in cases.values() for c in group}
    assert not reads_grants


def test_choosing_the_shape_costs_no_query_of_its_own(cases, staff, django_assert_num_queries):
    user = fresh(staff["inspector1"])
    # What the old shape needed as well: the role (groups, permissions) and the jurisdictions — which
    # now bring the grants along (User.access).
    user.has_perm(VIEW), user.sees_all_jurisdictions, user.jurisdiction_ids
    with django_assert_num_queries(0):
        visible_to(user, Complaint.objects.all())


def test_a_grant_made_to_the_user_object_at_hand_is_seen_at_once(cases, staff):
    user = fresh(staff["inspector1"])
    assert listed(user)[0] == {c.pk for c in cases["jishou"]}  # access loaded: no grants yet
    shared = cases["luxi"][0]
    assign_perm(VIEW, user, shared)
    assert listed(user)[0] == {c.pk for c in cases["jishou"]} | {shared.pk}
