import uuid

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from casework.demo import DEMO_PASSWORD
from casework.models import Jurisdiction, User
from casework.roles import Role

pytest_plugins = ["tests.fixtures_complaints", "tests.fixtures_typical"]


@pytest.fixture(scope="session", autouse=True)
def migrated_data(django_db_setup, django_db_blocker) -> str:
    """The rows the data migrations seed (jurisdictions, the holiday calendar…), captured once.

    A live-server test runs in a real transaction and the database is flushed after it;
    tests/browser/conftest.py puts these rows back before the next one.
    """
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def _own_cache(settings):
    """Each test counts rate limits in a cache of its own: nothing leaks between tests or runs."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{uuid.uuid4().hex}",
        }
    }
    from casework.kernel import search_index

    search_index._ESTIMATES.clear()  # the search's size estimates, kept per process: each test counts its own


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path_factory):
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True)
def _audit_digests_in_tmp(settings, tmp_path_factory):
    """Digests and verification checkpoints (outside the database) in a folder of each test's own."""
    settings.AUDIT_DIGEST_DIR = str(tmp_path_factory.mktemp("audit-digests"))


@pytest.fixture(autouse=True)
def _milestone_sms_in_process(monkeypatch):
    """Milestone SMS go out by a Celery task queued after commit: run it in this process (``apply`` runs the
    task with its retries, without a broker)."""
    from casework.tasks import send_milestone_message

    monkeypatch.setattr(
        send_milestone_message, "delay", lambda *args: send_milestone_message.apply(args=args)
    )


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The production hasher is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _restore_migrated_data(db, migrated_data):
    """Put back the migration-seeded rows that an earlier transactional test's flush removed."""
    from django.core import serializers
    from django.db import connection, transaction

    from casework.models import Jurisdiction

    if Jurisdiction.objects.exists():
        return
    # Tables that post_migrate refilled after the flush (content types, permissions, role groups) are
    # left as they are; every other captured row is saved again.
    refilled, deferred = {}, []
    with transaction.atomic(), connection.constraint_checks_disabled():
        for obj in serializers.deserialize("json", migrated_data, handle_forward_references=True):
            model = type(obj.object)
            if model not in refilled:
                refilled[model] = model._base_manager.exists()
            if not refilled[model]:
                obj.save()
                if obj.deferred_fields:
                    deferred.append(obj)
        for obj in deferred:
            obj.save_deferred_fields()


@pytest.fixture
def jishou(db):
    return Jurisdiction.objects.get(code="433101")


@pytest.fixture
def luxi(db):
    return Jurisdiction.objects.get(code="433122")


@pytest.fixture
def prefecture(db):
    return Jurisdiction.objects.get(code="433100")


@pytest.fixture
def make_user(db):
    counter = {"n": 0}

    def make(role: Role | None = None, *jurisdictions, username=None, **extra):
        counter["n"] += 1
        user = User.objects.create_user(
            username=username or f"{role.value if role else 'user'}{counter['n']}",
            password=DEMO_PASSWORD,
            full_name=extra.pop("full_name", f"测试{counter['n']}"),
            **extra,
        )
        if role:
            user.groups.add(Group.objects.get(name=role.label))
        if jurisdictions:
            user.jurisdictions.set(jurisdictions)
        return User.objects.get(pk=user.pk)  # fresh: no cached roles

    return make


def pytest_collection_modifyitems(config, items):
    vendor = connection.vendor
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL); runs in `make test-postgres`")
    for item in items:
        if "postgres" in item.keywords and vendor != "postgresql":
            item.add_marker(skip_pg)
