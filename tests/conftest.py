import pytest
from django.contrib.auth.models import Group
from django.db import connection

from casework.demo import DEMO_PASSWORD
from casework.models import Jurisdiction, User
from casework.roles import Role, sync_role_groups


@pytest.fixture(scope="session", autouse=True)
def migrated_data(django_db_setup, django_db_blocker) -> str:
    """The rows the data migrations seed (jurisdictions, the holiday calendar…), captured once.

    A live-server test runs in a real transaction and the database is flushed after it;
    tests/browser/conftest.py puts these rows back before the next one.
    """
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def _role_groups(db):
    # Tests run in transactions that roll back; groups synced at migrate time persist, but make
    # sure permissions from every app are attached.
    sync_role_groups()


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
