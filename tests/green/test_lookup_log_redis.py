"""The lookup log buffered in Redis: a lookup by case number costs one database query (its verification); its
log row travels with the rate-limit call and reaches the table when the log is flushed (Celery beat, every
minute). Needs Redis (``CACHE_URL=redis://…``, as in ``make test-postgres``)."""

import os
import uuid
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from casework.models import PublicLookupLog
from casework.models.public import LookupOutcome as Outcome
from casework.public import lookup_log, ratelimit

REDIS_URL = os.environ.get("CACHE_URL", "") if os.environ.get("CACHE_URL", "").startswith("redis") else ""
pytestmark = pytest.mark.django_db
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="needs Redis (set CACHE_URL=redis://…)")


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    yield
    cache = caches["default"]  # only this test's keys: the database may be shared
    client = ratelimit.redis_client(cache)
    for key in client.keys(f"{cache.key_prefix}:*"):
        client.delete(key)


def look_up(client, number, suffix):
    return client.post(reverse("green:lookup"), {"case_number": number, "id_suffix": suffix})


def logged():
    return list(
        PublicLookupLog.objects.order_by("id").values_list("outcome", "case_number_tried", "cases_found")
    )


@needs_redis
@pytest.mark.usefixtures("redis_cache")
def test_a_lookup_costs_one_query_and_its_row_arrives_with_the_flush(
    client, register, worker, django_assert_num_queries
):
    case = register()
    client.get(reverse("green:lookup"))
    before = timezone.now()
    with django_assert_num_queries(1):  # the verification; no INSERT
        assert look_up(client, case.number, worker.id_number[-6:]).status_code == 302
    with django_assert_num_queries(1):
        assert look_up(client, case.number, "000000").status_code == 200
    assert look_up(client, "吉首劳监投〔2026〕9999号", "000000").status_code == 200
    assert look_up(client, case.number, "").status_code == 200  # the form's error
    assert logged() == []
    assert lookup_log.flush() == 4
    assert logged() == [
        (Outcome.FOUND, case.number, 1),
        (Outcome.MISMATCH, case.number, 0),
        (Outcome.NOT_FOUND, "吉首劳监投〔2026〕9999号", 0),
        (Outcome.INVALID, case.number, 0),
    ]
    times = list(PublicLookupLog.objects.order_by("id").values_list("at", flat=True))
    assert before <= times[0] <= times[-1] <= timezone.now()  # when each lookup was made
    assert lookup_log.flush() == 0


@needs_redis
@pytest.mark.usefixtures("redis_cache")
def test_a_refused_lookup_is_logged_as_refused_and_shows_the_limit_page(client, register, worker, settings):
    settings.GREEN_RATE_LIMITS = {"lookup_ip": (2, 600), "lookup_case": (5, 3600)}
    case = register()
    for _ in range(2):
        assert look_up(client, case.number, worker.id_number[-6:]).status_code == 302
    refused = look_up(client, case.number, worker.id_number[-6:])
    assert refused.status_code == 429 and "green_access" not in refused.cookies
    lookup_log.flush()
    assert [o for o, *_ in logged()] == [Outcome.FOUND, Outcome.FOUND, Outcome.RATE_LIMITED]


@needs_redis
@pytest.mark.usefixtures("redis_cache")
def test_a_failed_flush_puts_the_rows_back(client, register, worker, monkeypatch):
    case = register()
    look_up(client, case.number, worker.id_number[-6:])

    def fails(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(PublicLookupLog.objects, "bulk_create", fails)
    with pytest.raises(RuntimeError):
        lookup_log.flush()
    monkeypatch.undo()
    assert lookup_log.flush() == 1 and logged() == [(Outcome.FOUND, case.number, 1)]


@needs_redis
@pytest.mark.usefixtures("redis_cache")
def test_the_buffer_keeps_its_newest_rows_when_nobody_flushes(client, register, settings):
    settings.GREEN_LOOKUP_LOG_BUFFER_MAX = 2
    case = register()
    for suffix in ("000001", "000002", "000003"):
        look_up(client, case.number, suffix)
    assert lookup_log.flush() == 2


@needs_redis
@pytest.mark.usefixtures("redis_cache")
def test_the_buffer_can_be_turned_off(client, register, worker, settings):
    settings.GREEN_LOOKUP_LOG_BUFFER = False
    case = register()
    look_up(client, case.number, worker.id_number[-6:])
    assert logged() == [(Outcome.FOUND, case.number, 1)]


def test_the_flush_is_on_the_beat_schedule_and_has_nothing_to_do_without_redis(db):
    from django.core.management import call_command
    from django_celery_beat.models import PeriodicTask

    call_command("setup_schedules")
    task = PeriodicTask.objects.get(task="casework.tasks.flush_lookup_log")
    assert task.enabled and task.interval.every == 1 and task.expire_seconds <= timedelta(minutes=1).seconds
    assert lookup_log.flush() == 0  # the tests' local-memory cache: rows were written at once
