"""Settings for the public-lookup load test: the project's settings plus bench/urls.py (bare baseline view)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The load test's rate-limit counters (lifted, but still counted) must not land in the cache the project and its
# tests use: the tests' lookups from 127.0.0.1 would find them and be refused.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "bench-cache"),  # noqa: F405
    }
}
