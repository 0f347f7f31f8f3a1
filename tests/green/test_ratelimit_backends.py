"""The rate limits count the same on Redis (one script call per request) as on any other cache."""

import os
import uuid

import pytest
from django.core.cache import caches

from casework.public import ratelimit

REDIS_URL = os.environ.get("CACHE_URL", "") if os.environ.get("CACHE_URL", "").startswith("redis") else ""


@pytest.fixture(params=["locmem", "redis"])
def backend(request, settings):
    if request.param == "redis":
        if not REDIS_URL:
            pytest.skip("needs Redis (set CACHE_URL=redis://…)")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            }
        }
    yield request.param
    if request.param == "redis":  # only this test's keys: the database may be shared
        cache = caches["default"]
        client = ratelimit.redis_client(cache)
        for key in client.keys(f"{cache.key_prefix}:*"):
            client.delete(key)


def test_the_first_limit_passed_refuses_and_the_later_ones_are_not_counted(backend, settings, monkeypatch):
    settings.GREEN_RATE_LIMITS = {"lookup_ip": (2, 600), "lookup_case": (3, 3600)}
    monkeypatch.setattr(ratelimit, "now", lambda: 1_800_000_100.0)
    number = "吉首劳监投〔2026〕0001号"
    from_a = [ratelimit.hit_all([("lookup_ip", "10.0.0.1"), ("lookup_case", number)]) for _ in range(3)]
    assert [v.allowed for v in from_a] == [True, True, False]
    assert from_a[2].retry_after == 500  # the IP window (600 s) ends 500 s later
    from_b = [ratelimit.hit_all([("lookup_ip", "10.0.0.2"), ("lookup_case", number)]) for _ in range(2)]
    # The case number was counted twice from A (not on A's refused third try), so B gets one more, then no.
    assert [v.allowed for v in from_b] == [True, False]
    assert from_b[1].retry_after == 3600 - 100


def test_counters_on_redis_expire_with_their_window(backend, settings, monkeypatch):
    if backend != "redis":
        pytest.skip("Redis only")
    settings.GREEN_RATE_LIMITS = {"lookup_ip": (5, 600)}
    ratelimit.hit("lookup_ip", "10.0.0.3")
    cache = caches["default"]
    client = ratelimit.redis_client(cache)
    (key,) = client.keys(f"{cache.key_prefix}*")
    assert 0 < client.ttl(key) <= 605
    assert cache.get(key.decode().split(":", 2)[2]) == 1  # the same key the generic path would use
