import pytest
from django.contrib.auth.models import Group
from django.db import connection

from casework.demo import DEMO_PASSWORD
from casework.models import Jurisdiction, User
from casework.reference_data import ensure_reference_data
from casework.roles import Role

pytest_plugins = ["tests.fixtures_complaints"]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The production hasher is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _reference_data(db):
    # Seeded by data migrations; a transactional (browser) test flushes them, so put them back.
    ensure_reference_data()


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
