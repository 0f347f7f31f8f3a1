"""The bell on every staff page, the notifications page, mark-as-read, alert preferences."""

from datetime import date

import pytest
from django.db import connection
from django.http import HttpRequest
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.context_processors import notifications as bell
from casework.demo import DEMO_PASSWORD
from casework.models import AlertLevel, Deadline, Notification, NotificationPreference
from casework.services import alerts, deadlines
from tests.alerts.conftest import ACCEPT, TODAY


@pytest.fixture
def alerted(case_due, staff):
    """Inspector 1 has three alerts: due soon, overdue, escalated (unread)."""
    cases = {
        "soon": case_due(date(2026, 12, 14)),
        "late": case_due(date(2026, 12, 8)),
        "escalated": case_due(date(2026, 12, 1)),
    }
    alerts.sweep(today=TODAY)
    return cases


def login(client, user):
    # django-axes counts sign-in attempts per request: the test client's login() must hand it one.
    assert client.login(request=HttpRequest(), username=user.username, password=DEMO_PASSWORD)
    return client


def test_the_bell_shows_the_unread_count_on_every_staff_page(client, alerted, staff):
    login(client, staff["inspector1"])
    for url in (reverse("my-work"), reverse("complaint-list"), reverse("notification-list")):
        html = client.get(url).content.decode()
        assert 'data-testid="unread-count">3<' in html, url  # soon, late, escalated
        assert f'href="{reverse("notification-list")}"' in html


def test_no_bell_without_a_login(client):
    assert "unread-count" not in client.get(reverse("login")).content.decode()


def test_the_bell_costs_one_count_query(rf, alerted, staff):
    request = rf.get("/")
    request.user = staff["inspector1"]
    with CaptureQueriesContext(connection) as ctx:
        context = bell(request)
        assert len(ctx.captured_queries) == 0  # lazy: nothing until a template shows the bell
        assert context["unread_count"] == 3
    assert len(ctx.captured_queries) == 1 and "COUNT(" in ctx.captured_queries[0]["sql"].upper()


def test_notifications_page_lists_my_own_unread_first_with_links_to_the_case(client, alerted, staff):
    me = staff["inspector1"]
    oldest = Notification.objects.filter(recipient=me).order_by("created_at", "id").first()
    oldest.read_at = oldest.created_at
    oldest.save()
    login(client, me)
    response = client.get(reverse("notification-list"))
    rows = list(response.context["page"])
    assert {n.recipient_id for n in rows} == {me.pk}
    assert [n.is_read for n in rows] == [False, False, True]
    html = response.content.decode()
    case = alerted["escalated"]
    assert f'<a href="/complaints/{case.pk}/">超期督办：{case.number}' in html
    assert html.count("标为已读") == 2 + 1  # one per unread row and the "全部标为已读" button


def test_notifications_page_says_when_a_deadline_was_met_or_moved(client, alerted, staff):
    deadlines.meet(alerted["late"], ACCEPT)
    Deadline.objects.filter(object_id=alerted["soon"].pk, status="open").update(due_on=date(2026, 12, 18))
    login(client, staff["inspector1"])
    html = client.get(reverse("notification-list")).content.decode()
    assert "该期限已完成" in html
    assert "到期日已变更为 2026-12-18" in html


def test_notifications_page_paginates_without_n_plus_one(
    client, case_due, staff, django_assert_max_num_queries
):
    for i in range(16):
        case_due(date(2026, 12, 1 + i % 8))
    alerts.sweep(today=TODAY)
    alerts.sweep(today=date(2026, 12, 21))
    login(client, staff["inspector1"])
    assert Notification.objects.filter(recipient=staff["inspector1"]).count() > 25
    with django_assert_max_num_queries(12):
        response = client.get(reverse("notification-list"))
    assert len(response.context["page"]) == 25
    assert client.get(reverse("notification-list") + "?page=2").context["page"].number == 2


def test_mark_one_read(client, alerted, staff):
    me = staff["inspector1"]
    n = Notification.objects.filter(recipient=me).first()
    login(client, me)
    assert client.get(reverse("notification-read", args=[n.pk])).status_code == 405
    response = client.post(reverse("notification-read", args=[n.pk]), {"next": reverse("my-work")})
    assert response.status_code == 302 and response["Location"] == reverse("my-work")
    n.refresh_from_db()
    assert n.read_at is not None
    assert 'data-testid="unread-count">2<' in client.get(reverse("my-work")).content.decode()


def test_cannot_mark_someone_elses_notification(client, alerted, staff):
    theirs = Notification.objects.filter(recipient=staff["head"]).first()
    login(client, staff["inspector1"])
    assert client.post(reverse("notification-read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_an_offsite_next_is_ignored(client, alerted, staff):
    n = Notification.objects.filter(recipient=staff["inspector1"]).first()
    login(client, staff["inspector1"])
    response = client.post(reverse("notification-read", args=[n.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("notification-list")


def test_mark_all_read(client, alerted, staff):
    login(client, staff["inspector1"])
    response = client.post(reverse("notification-read-all"), follow=True)
    assert "已将3条通知标为已读" in response.content.decode()
    assert not Notification.objects.filter(recipient=staff["inspector1"], read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=staff["head"], read_at__isnull=True).exists()


def test_my_work_lists_unread_alerts(client, alerted, staff):
    login(client, staff["head"])
    html = client.get(reverse("my-work")).content.decode()
    assert "未读期限提醒" in html and alerted["late"].number in html


def test_preferences_refuse_sms_without_a_mobile_and_save_nothing(client, staff):
    login(client, staff["inspector1"])
    url = reverse("notification-preferences")
    response = client.post(url, {"email_enabled": "on", "sms_enabled": "on", "mobile": ""})
    assert response.status_code == 200 and "开启短信提醒须填写手机号码" in response.content.decode()
    response = client.post(url, {"sms_enabled": "on", "mobile": "0743-8211001"})
    assert "这是固定电话号码" in response.content.decode()
    assert not NotificationPreference.objects.exists()
    response = client.post(url, {"sms_enabled": "on", "digest_enabled": "on", "mobile": "139 0743 1234"})
    assert response.status_code == 302
    pref = NotificationPreference.objects.get(user=staff["inspector1"])
    assert (pref.email_enabled, pref.digest_enabled, pref.sms_enabled, pref.mobile) == (
        False,
        True,
        True,
        "13907431234",
    )


def test_levels_are_labelled_in_chinese(alerted, staff):
    labels = set(Notification.objects.values_list("level", flat=True))
    assert {str(AlertLevel(level).label) for level in labels} == {"即将到期", "已超期", "超期督办"}


# --- API ------------------------------------------------------------------------------------------------
def test_api_lists_my_notifications_and_marks_them_read(client, alerted, staff):
    me, other = staff["inspector1"], staff["head"]
    login(client, me)
    assert client.get("/api/v1/notifications/unread-count/").json() == {"unread": 3}
    data = client.get("/api/v1/notifications/").json()
    assert data["count"] == 3
    first = data["results"][0]
    assert first["level_label"] in {"即将到期", "已超期", "超期督办"} and first["read_at"] is None
    theirs = Notification.objects.filter(recipient=other).first()
    assert client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    response = client.post(f"/api/v1/notifications/{first['id']}/read/")
    assert response.status_code == 200 and response.json()["read_at"] is not None
    assert client.post("/api/v1/notifications/read-all/").json() == {"marked": 2}
    assert client.get("/api/v1/notifications/unread-count/").json() == {"unread": 0}
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_api_needs_a_login(client):
    assert client.get("/api/v1/notifications/").status_code in (401, 403)
