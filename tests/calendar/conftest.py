import datetime

import pytest

from casework.models import Jurisdiction


def D(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.fixture
def changsha(db):
    """A jurisdiction outside the prefecture: the 湘西州 local holiday does not apply to it."""
    return Jurisdiction.objects.create(code="430100", name="长沙市", short_name="长沙", level="county")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # make_user hashes the demo password; PBKDF2 at full strength costs ~1 s a user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
