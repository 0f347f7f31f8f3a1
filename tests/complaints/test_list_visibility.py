"""The staff complaint list takes a faster query shape for users without object-level grants
(casework.selectors.visibility.visible_to(large_list=True)); both shapes must show the same cases."""

from guardian.shortcuts import assign_perm

from casework.models import User
from casework.selectors.complaints import complaint_list


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
