"""The staff project form edits the whole project register (MWWR Arts 24–34) and the project's audit log
records who changed what; the notice board photo is an image, served only to those who may see the project."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from arrears.services.projects import project_update

from .conftest import MONTH

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _post(project, staff, **extra):
    data = {
        "jurisdiction": project.jurisdiction_id,
        "name": project.name,
        "location": project.location,
        "main_contractor_name": project.main_contractor.name,
        "main_contractor_credit_code": project.main_contractor.credit_code,
        "started_on": project.started_on.isoformat(),
        "wage_account_agreement_on": (MONTH - timedelta(days=30)).isoformat(),
        "contract_price": "12800000.50",
        "labour_cost_share": "22.5",
        "planned_end_on": (MONTH + timedelta(days=400)).isoformat(),
        "wage_deposit_amount": "100000",
        "deposit_form": "guarantee",
        "deposit_required": "80000",
        "deposit_relief": "reduced",
        "deposit_relief_basis": "上年度无拖欠，信用评价A级",
        "wage_officer": "张劳资",
        "rights_notice_board": "on",
        "notice_board_on": (MONTH - timedelta(days=20)).isoformat(),
        "inspectors": [staff["inspector1"].pk],
        **extra,
    }
    return data


def test_staff_edit_every_register_field_and_the_change_is_logged(client, staff, project):
    from casework.selectors.timeline import timeline_for

    client.force_login(staff["clerk"])
    data = _post(project, staff, notice_board_photo=SimpleUploadedFile("board.png", PNG, "image/png"))
    response = client.post(reverse("arrears:project-update", args=[project.pk]), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    project.refresh_from_db()
    assert project.contract_price == Decimal("12800000.50") and project.labour_cost_share == Decimal("22.50")
    assert (project.deposit_form, project.deposit_required, project.deposit_relief) == (
        "guarantee",
        Decimal("80000.00"),
        "reduced",
    )
    assert project.wage_account_agreement_on and project.notice_board_on and project.planned_end_on
    assert list(project.inspectors.all()) == [staff["inspector1"]]
    assert project.notice_board_photo.name.endswith(".png")
    entry = timeline_for(project).last()
    assert (entry.transition, entry.actor) == ("edit_project", staff["clerk"])
    assert {"contract_price", "inspectors"} <= set(entry.details["fields"])
    assert "12800000" not in str(entry.details)  # field names, never values

    photo = client.get(reverse("arrears:project-photo", args=[project.pk]))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
    assert b"".join(photo.streaming_content) == PNG
    detail = client.get(reverse("arrears:project-detail", args=[project.pk])).content.decode()
    assert reverse("arrears:project-photo", args=[project.pk]) in detail


def test_the_photo_is_not_served_outside_the_project_jurisdiction(client, staff, project):
    project_update(
        actor=staff["clerk"],
        project=project,
        notice_board_photo=SimpleUploadedFile("b.png", PNG, "image/png"),
    )
    client.force_login(staff["luxi_inspector"])
    assert client.get(reverse("arrears:project-photo", args=[project.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("arrears:project-photo", args=[project.pk])).status_code == 302  # to login


def test_a_photo_that_is_not_an_image_is_refused_on_the_form(client, staff, project):
    client.force_login(staff["clerk"])
    fake = SimpleUploadedFile("board.png", b"%PDF-1.4 not an image", "image/png")
    response = client.post(
        reverse("arrears:project-update", args=[project.pk]), _post(project, staff, notice_board_photo=fake)
    )
    assert response.status_code == 200 and "告示牌照片" in response.content.decode()
    project.refresh_from_db()
    assert not project.notice_board_photo and project.contract_price is None


def test_inspectors_of_another_county_are_refused(staff, project):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        project_update(actor=staff["clerk"], project=project, inspectors=[staff["luxi_inspector"]])
    assert "inspectors" in exc.value.message_dict
    assert not project.inspectors.exists()
