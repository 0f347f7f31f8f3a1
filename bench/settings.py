"""Settings for the public-lookup load test: the project's settings plus bench/urls.py (bare baseline view)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
