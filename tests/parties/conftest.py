"""Fixtures for parties tests. Identifiers are computed here with the published algorithms, written out
independently of casework.validators so that a mistake there cannot make the tests agree with it."""

import datetime

import pytest

from casework.services import parties as services

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
CC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def make_id_number(area: str = "433101", birth: str = "19900101", sequence: int = 123) -> str:
    body = f"{area}{birth}{sequence:03d}"
    assert len(body) == 17
    return body + ID_CHECK[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def make_credit_code(first17: str) -> str:
    assert len(first17) == 17
    total = sum(CC_ALPHABET.index(c) * 3**i for i, c in enumerate(first17))  # weights are 3^i mod 31
    return first17 + CC_ALPHABET[(31 - total % 31) % 31]


def wrong_last_char(value: str, alphabet: str) -> str:
    return value[:-1] + next(c for c in alphabet if c != value[-1])


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Test users are made with a password; the production hasher is deliberately slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class Numbers:
    """Distinct valid identifiers on demand."""

    def __init__(self):
        self.n = 0

    def id_number(self, area="433101") -> str:
        self.n += 1
        birth = datetime.date(1980, 1, 1) + datetime.timedelta(days=self.n * 37)
        return make_id_number(area, f"{birth:%Y%m%d}", 100 + self.n % 900)

    def credit_code(self, area="433101") -> str:
        self.n += 1
        return make_credit_code(f"91{area}MA4T{self.n:04d}7")

    def mobile(self) -> str:
        self.n += 1
        return f"139{self.n:08d}"


@pytest.fixture
def numbers():
    return Numbers()


@pytest.fixture
def make_employer(db, numbers, jishou):
    def make(jurisdiction=None, **fields):
        fields.setdefault("name", f"测试建筑工程有限公司{numbers.n}")
        fields.setdefault("credit_code", numbers.credit_code())
        return services.employer_create(jurisdiction=jurisdiction or jishou, **fields)

    return make


@pytest.fixture
def make_person(db, numbers, jishou):
    def make(jurisdiction=None, **fields):
        fields.setdefault("name", "向秀英")
        fields.setdefault("id_number", numbers.id_number())
        fields.setdefault("phone", numbers.mobile())
        fields.setdefault("address", "吉首市乾州街道世纪大道188号工地宿舍")
        return services.person_create(jurisdiction=jurisdiction or jishou, **fields)

    return make
