"""The database settings a deployment sets by environment: behind PgBouncer (transaction mode) no server-side
cursor is used (docs/scaling.md)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def database_settings(**env) -> dict:
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps({k: v for k, v in settings.DATABASES['default'].items() if k in "
        "('ENGINE', 'DISABLE_SERVER_SIDE_CURSORS')}))"
    )
    environment = {k: v for k, v in os.environ.items() if k != "DB_DISABLE_SERVER_SIDE_CURSORS"}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL="postgres://app@db.example:5432/cases"
    )
    environment.update(env)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_server_side_cursors_are_used_unless_a_pooler_is_declared():
    assert database_settings()["DISABLE_SERVER_SIDE_CURSORS"] is False
    assert database_settings(DB_DISABLE_SERVER_SIDE_CURSORS="1")["DISABLE_SERVER_SIDE_CURSORS"] is True
