"""``manage.py check --deploy`` (docs/security.md, item 10): clean under production settings, and an Error for
each setting that must not reach production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path, **changes) -> dict:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 64 + "-production-secret-not-for-real-use",
        "ALLOWED_HOSTS": "cases.example.org",
        "VAR_DIR": str(tmp_path),
        "CACHE_URL": "redis://127.0.0.1:6379/2",
        "SMS_BACKEND": "gateway.sms.GatewaySMSBackend",  # only named, never imported by the check
        "AUDIT_HMAC_KEY": "k" * 48,
    }
    for name in ("SECOND_FACTOR_REQUIRED", "SECOND_FACTOR_FOR_ALL_STAFF"):
        env.pop(name, None)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def check_deploy(env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    result = check_deploy(production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "changes, error",
    [
        ({"SMS_BACKEND": "casework.sms.LoggingSMSBackend"}, "casework.E101"),
        ({"SMS_BACKEND": None}, "casework.E101"),  # the default is the logging backend
        ({"CACHE_URL": None}, "casework.E102"),  # the default is the file cache
        ({"AUDIT_HMAC_KEY": ""}, "casework.E103"),
        ({"SECOND_FACTOR_REQUIRED": "0"}, "casework.E104"),
    ],
    ids=["logging-sms", "default-sms", "file-cache", "no-hmac-key", "no-second-factor"],
)
def test_each_unsafe_production_setting_is_an_error(tmp_path, changes, error):
    result = check_deploy(production_env(tmp_path, **changes))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "ERRORS:" in output and error in output
    others = {"casework.E101", "casework.E102", "casework.E103", "casework.E104"} - {error}
    assert not any(other in output for other in others), output


def test_the_checks_stay_quiet_in_the_demo(tmp_path):
    env = {**os.environ, "DEBUG": "1", "VAR_DIR": str(tmp_path)}
    for name in ("CACHE_URL", "SMS_BACKEND", "AUDIT_HMAC_KEY"):
        env.pop(name, None)
    result = check_deploy(env)
    assert "casework.E10" not in result.stdout + result.stderr
