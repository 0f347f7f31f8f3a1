"""Every registered case type is linked wherever a case is named: the alert (bell), its e-mail, the daily
digest line and the statistics drill-down row — walked over ``casework.kernel.registry.case_types()``, so a
new type is checked without touching this file."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.utils import timezone

from casework.channels import absolute_url
from casework.kernel.registry import case_types
from casework.models import Deadline, DeadlineAlert, Notification
from casework.roles import Role
from casework.services import alerts, notifications
from casework.statistics.registry import all_series

TYPES = [t.code for t in case_types()]


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    from config.celery import app

    settings.ALERT_SUMMARY_OVER = 1000  # one notification per alert
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def overdue_everywhere(world, db):
    """Each case of the user's county, open, with its closing deadline 20 days overdue (escalated: the
    assignees, the head and the director are told)."""
    today = timezone.localdate()
    for user in [*world.here.staff.values(), *world.prefecture.values()]:
        user.email = f"{user.username}@rsj.xxz.example"
        user.save(update_fields=["email"])
    for code, case in world.here.cases.items():
        model = type(case)
        series = next((s for s in all_series() if s.code == code), None)
        Deadline.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(model),
            object_id=case.pk,
            rule=(series.deadline_rule if series and series.deadline_rule else "test.closing"),
            defaults={
                "case_number": case.number,
                "jurisdiction": case.jurisdiction,
                "title": "办结期限",
                "started_on": today - timedelta(days=60),
                "due_on": today - timedelta(days=20),
                "status": Deadline.Status.OPEN,
            },
        )
        if series is not None:
            model._base_manager.filter(pk=case.pk).update(
                **{series.accepted_field: today - timedelta(days=40), series.closed_field: None}
            )
    return world


def test_the_registry_walk_covers_every_type(world):
    assert set(world.here.cases) == set(TYPES) and len(TYPES) >= 4


def test_every_alert_email_and_digest_line_links_its_case(
    overdue_everywhere, client, django_capture_on_commit_callbacks
):
    world = overdue_everywhere
    with django_capture_on_commit_callbacks(execute=True):
        alerts.sweep()
    director = world.prefecture[Role.DIRECTOR]
    for code, case in world.here.cases.items():
        url = case.get_absolute_url()
        assert url, code
        raised = DeadlineAlert.objects.filter(
            content_type=ContentType.objects.get_for_model(case), object_id=case.pk
        )
        told = Notification.objects.filter(alert__in=raised)
        assert told.exists(), f"{code}: nobody told"
        assert {n.url for n in told} == {url}, code  # the bell links the case page
        # the e-mail of each notification carries the case's full address
        for n in told:
            sent = [m for m in mail.outbox if m.to == [n.recipient.email] and n.title in m.subject]
            assert sent and all(absolute_url(url) in m.body for m in sent), (code, n.recipient.username)
        # the page behind the link opens for someone who was told
        client.force_login(director)
        assert client.get(url).status_code == 200, code
    # the bell's list shows each link
    client.force_login(director)
    bell = client.get("/notifications/").content.decode()
    for code, case in world.here.cases.items():
        assert f'href="{case.get_absolute_url()}"' in bell, code

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.send_daily_digests()
    digest = next(m.body for m in mail.outbox if m.to == [director.email])
    for code, case in world.here.cases.items():
        line = next(line for line in digest.splitlines() if case.number in line)
        assert absolute_url(case.get_absolute_url()) in line, code


@pytest.mark.parametrize("code", [s.code for s in all_series()])
def test_every_drill_down_row_links_its_case(overdue_everywhere, client, code):
    world = overdue_everywhere
    case = world.here.cases[code]
    today = timezone.localdate()
    client.force_login(world.prefecture[Role.DIRECTOR])
    page = client.get(
        "/stats/cases/",
        {"series": code, "figure": "pending_end", "from": (today - timedelta(days=60)).isoformat(),
         "to": today.isoformat()},
    )  # fmt: skip
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="{case.get_absolute_url()}"' in html, code
