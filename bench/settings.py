"""Settings for the public-lookup load test: the project's settings plus bench/urls.py (bare baseline view).

bench/lookup_action.py starts gunicorn with these settings the way production runs (DEBUG=0, so cached templates,
the manifest static storage and the secure-proxy settings apply) and with ``CACHE_URL=redis://…`` for the
rate-limit counters, as production does.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The load test's rate-limit counters (lifted, but still counted) must not meet the counters the project and its
# tests use: the tests' lookups from 127.0.0.1 would find them and be refused. On Redis: a key prefix of their own;
# without CACHE_URL, a file cache of their own (not production-like: the run's notes say so).
if CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = "bench"  # noqa: F405
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "bench-cache"),  # noqa: F405
        }
    }
