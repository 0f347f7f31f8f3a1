"""Complaints already registered that may be about the same arrears: scored with the kernel's duplicate
scoring (shared with clues) and shown on the complaint page with who (masked), when and what."""

import pytest
from django.urls import reverse

from casework.inspection.duplicates import candidates
from casework.inspection.selectors import complaints_visible_to
from tests.factories import EmployerFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_candidates_are_the_same_employers_open_complaints_scored(register, staff, jishou):
    first = register(project_name="乾州安置房二期")
    twin = register(complainant=PersonFactory(name="龙小妹"), project_name="乾州安置房二期")
    register(employer=EmployerFactory(jurisdiction=jishou))  # another employer: not a candidate
    found = candidates(first, complaints_visible_to(staff["inspector1"]))
    assert [c.complaint for c in found] == [twin]
    assert found[0].score >= 50 and "信用代码相同" in found[0].reasons and "同一项目" in found[0].reasons


def test_the_complaint_page_shows_who_masked_when_and_what(client, register, staff):
    first = register()
    twin = register(
        complainant=PersonFactory(name="龙小妹", phone="13907431234"), facts="钢筋班组三个月工资未发"
    )
    client.force_login(staff["inspector1"])
    page = client.get(reverse("complaint-detail", args=[first.pk])).content.decode()
    assert twin.number in page and "龙**" in page and "龙小妹" not in page
    assert "139****1234" in page and "2026-11-23" in page and "钢筋班组三个月工资未发" in page


def test_another_countys_complaints_are_not_offered(register, staff, luxi):
    first = register()
    register(jurisdiction=luxi, actor=staff["luxi_inspector"])
    assert candidates(first, complaints_visible_to(staff["inspector1"])) == []
