"""Administrators keep the calendar: the year's State Council schedule, single dates, local holidays."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casework.deadlines.compute import compute_due
from casework.models import CalendarYear, Holiday, LocalHoliday
from casework.roles import Role

from .conftest import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user, prefecture):
    client.force_login(make_user(Role.SYSADMIN, prefecture, is_staff=True))
    return client


def change_2027():
    return reverse("admin:casework_calendaryear_change", args=[CalendarYear.objects.get(year=2027).pk])


def test_2027_waits_in_the_admin_as_not_yet_published():
    year = CalendarYear.objects.get(year=2027)
    assert not year.is_official and "公布后" in year.note


def test_sysadmin_enters_the_2027_schedule_in_the_admin(admin_client):
    response = admin_client.post(
        change_2027(),
        {
            "is_official": "on",
            "note": "国办发明电〔2026〕X号",
            "rest_days": "2027-01-01 至 2027-01-03 元旦\n2027-02-06~2027-02-14 春节",
            "workdays": "2027-02-20 春节调休上班",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    year = CalendarYear.objects.get(year=2027)
    assert year.is_official and year.source == "admin"
    rows = Holiday.objects.filter(jurisdiction__isnull=True, date__year=2027)
    assert rows.filter(kind="rest").count() == 12 and rows.filter(kind="workday").count() == 1
    assert not compute_due("arbitration.accept", D("2026-12-28")).provisional
    listing = admin_client.get(reverse("admin:casework_calendaryear_changelist")).content.decode()
    assert "2027" in listing


def test_schedule_lines_are_checked_and_nothing_is_saved_on_error(admin_client):
    response = admin_client.post(
        reverse("admin:casework_calendaryear_add"),
        {
            "year": "2027",
            "is_official": "on",
            "rest_days": "2028-01-01 元旦\n2027-13-01 错误",
            "workdays": "",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "第1行：日期不在2027年内。" in page and "第2行：“2027-13-01”不是有效日期。" in page
    assert not CalendarYear.objects.get(year=2027).is_official
    assert not Holiday.objects.filter(date__year__gte=2027).exists()


def test_a_year_cannot_be_marked_official_without_its_holidays(admin_client):
    response = admin_client.post(change_2027(), {"is_official": "on", "rest_days": ""})
    assert response.status_code == 200 and "请先录入该年的放假日期" in response.content.decode()
    assert not CalendarYear.objects.get(year=2027).is_official


def test_makeup_workday_on_a_weekday_is_refused(admin_client):
    response = admin_client.post(
        change_2027(), {"rest_days": "2027-01-01 元旦", "workdays": "2027-01-04 调休"}
    )
    assert response.status_code == 200 and "调休上班日应为周六或周日" in response.content.decode()
    assert not Holiday.objects.filter(date__year=2027).exists()


def test_a_new_year_can_be_added(admin_client):
    response = admin_client.post(
        reverse("admin:casework_calendaryear_add"), {"year": "2028", "rest_days": "2028-01-01 元旦"}
    )
    assert response.status_code == 302
    assert not CalendarYear.objects.get(year=2028).is_official
    assert Holiday.objects.get(date=D("2028-01-01"), jurisdiction__isnull=True).name == "元旦"


def test_holiday_saved_in_the_admin_is_marked_as_an_administrators_row(admin_client, jishou):
    response = admin_client.post(
        reverse("admin:casework_holiday_add"),
        {"date": "2026-11-16", "kind": "rest", "name": "吉首临时休假", "jurisdiction": jishou.pk, "note": ""},
    )
    assert response.status_code == 302
    row = Holiday.objects.get(date=D("2026-11-16"), jurisdiction=jishou)
    assert row.source == "admin"
    # Mon 11/16 off in 吉首 only: 5 wd from Fri 11/13.
    assert compute_due("inspection.accept", D("2026-11-13"), jurisdiction=jishou).due == D("2026-11-23")
    assert compute_due("inspection.accept", D("2026-11-13")).due == D("2026-11-20")
    changelist = admin_client.get(
        reverse("admin:casework_holiday_changelist") + "?scope=local"
    ).content.decode()
    assert "吉首临时休假" in changelist


def test_one_national_row_per_date():
    duplicate = Holiday(date=D("2026-10-01"), kind="rest", name="重复")
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_local_holiday_rule_is_validated():
    rule = LocalHoliday(
        name="错误", jurisdiction_id=1, month=2, day=30, days=0, first_year=2026, last_year=2020
    )
    with pytest.raises(ValidationError) as err:
        rule.full_clean()
    assert {"day", "days", "last_year"} <= set(err.value.message_dict)


def test_local_holiday_is_editable_in_the_admin(admin_client):
    rule = LocalHoliday.objects.get()
    page = admin_client.get(reverse("admin:casework_localholiday_change", args=[rule.pk])).content.decode()
    assert "湘西州成立纪念日" in page


def test_only_administrators_reach_the_calendar_admin(client, make_user, jishou):
    client.force_login(make_user(Role.INSPECTOR, jishou, is_staff=True))
    assert client.get(reverse("admin:casework_holiday_changelist")).status_code == 403
