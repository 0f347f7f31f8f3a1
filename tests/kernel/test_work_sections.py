"""The kernel's "my work" helpers (casework.work): the complaint section through ``case_section``, an
inspector's narrowing to their own cases through ``assigned_ids``, and a section kept from users without the
view permission."""

from django.urls import reverse

from casework.inspection.models import Complaint
from casework.roles import Role
from casework.work import WORK_LIMIT, assigned_ids, case_section, sections_for


def test_an_inspector_sees_their_own_complaints_and_those_waiting_but_not_a_colleagues(
    client, investigating, register, staff, make_user, jishou
):
    theirs = investigating()  # assigned to inspector1 and inspector2
    waiting = register(facts="新投诉，尚未受理")
    other = make_user(Role.INSPECTOR, jishou)
    client.force_login(other)
    page = client.get(reverse("my-work")).content.decode()
    assert waiting.number in page and theirs.number not in page
    client.force_login(staff["inspector1"])
    page = client.get(reverse("my-work")).content.decode()
    assert waiting.number in page and theirs.number in page
    client.force_login(staff["head"])  # the unit head sees every open case of the unit
    page = client.get(reverse("my-work")).content.decode()
    assert waiting.number in page and theirs.number in page


def test_assigned_ids_of_one_user_and_of_anyone(investigating, register, staff):
    theirs = investigating()
    nobodys = register(facts="另一投诉")
    mine = Complaint.objects.filter(pk__in=assigned_ids(Complaint, staff["inspector1"]))
    assert list(mine) == [theirs]
    assert not Complaint.objects.filter(pk__in=assigned_ids(Complaint, staff["head"])).exists()
    anyones = set(Complaint.objects.filter(pk__in=assigned_ids(Complaint)))
    assert theirs in anyones and nobodys not in anyones


def test_a_case_section_shows_its_first_cases_only_to_holders_of_its_permission(
    rf, register, staff, monkeypatch
):
    from casework import work

    monkeypatch.setattr(work, "WORK_SECTIONS", [])
    for i in range(WORK_LIMIT + 2):
        register(facts=f"第{i}件投诉")

    @case_section(
        permission="casework.view_complaint", title="测试", template="t.html", more=lambda u: {"who": u.pk}
    )
    def section(user):
        return Complaint.objects.order_by("pk")

    request = rf.get("/")
    request.user = staff["clerk"]
    [data] = sections_for(request)
    assert data["title"] == "测试" and data["template"] == "t.html" and data["who"] == staff["clerk"].pk
    assert len(data["cases"]) == WORK_LIMIT and data["today"]
    request.user = staff["arbitrator"]  # no view permission on complaints: no section at all
    assert sections_for(request) == []
