"""`manage.py setup_schedules`: the beat rows for the sweep and the digest, idempotent, admin edits kept."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

SWEEP, DIGEST = "casework.tasks.sweep_deadlines", "casework.tasks.daily_digest"


def run(*args):
    out = StringIO()
    call_command("setup_schedules", *args, stdout=out)
    return out.getvalue()


def test_creates_the_sweep_every_five_minutes_and_the_digest_at_0830_shanghai(db):
    run()
    sweep = PeriodicTask.objects.get(task=SWEEP)
    assert (sweep.interval.every, sweep.interval.period) == (5, IntervalSchedule.MINUTES)
    assert sweep.enabled and sweep.start_time is not None  # beat runs it at once on start
    assert sweep.expire_seconds == 300  # a sweep stuck in the queue is dropped; the next one covers it
    digest = PeriodicTask.objects.get(task=DIGEST)
    assert (digest.crontab.hour, digest.crontab.minute, str(digest.crontab.timezone)) == (
        "8",
        "30",
        "Asia/Shanghai",
    )
    assert digest.interval is None


def test_running_again_changes_nothing(db):
    run()
    run()
    assert PeriodicTask.objects.filter(task__in=[SWEEP, DIGEST]).count() == 2
    assert CrontabSchedule.objects.filter(hour="8", minute="30").count() == 1


def test_admin_edits_are_kept_unless_reset(db, settings):
    run()
    sweep = PeriodicTask.objects.get(task=SWEEP)
    sweep.interval = IntervalSchedule.objects.create(every=15, period=IntervalSchedule.MINUTES)
    sweep.name = "巡检（每15分钟）"
    sweep.enabled = False
    sweep.save()
    assert "kept" in run()
    sweep.refresh_from_db()
    assert (sweep.interval.every, sweep.enabled, sweep.name) == (15, False, "巡检（每15分钟）")
    settings.ALERT_SWEEP_MINUTES = 10
    run("--reset")
    sweep.refresh_from_db()
    assert (sweep.interval.every, sweep.enabled, sweep.expire_seconds) == (10, True, 600)


def test_configured_times(db, settings):
    settings.ALERT_SWEEP_MINUTES = 2
    settings.ALERT_DIGEST_TIME = "07:45"
    run()
    assert PeriodicTask.objects.get(task=SWEEP).interval.every == 2
    crontab = PeriodicTask.objects.get(task=DIGEST).crontab
    assert (crontab.hour, crontab.minute) == ("7", "45")


@pytest.mark.parametrize("value", ["8.30", "25:00", "soon"])
def test_a_bad_digest_time_is_refused(db, settings, value):
    settings.ALERT_DIGEST_TIME = value
    with pytest.raises(CommandError, match="ALERT_DIGEST_TIME"):
        run()
    assert not PeriodicTask.objects.filter(task=SWEEP).exists()
