"""Factories and generators of valid identifiers for tests."""

import random
from datetime import date, timedelta

import factory

from casework.models import Jurisdiction

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def make_id_number(area: str = "433101", birth: date | None = None, seq: int | None = None) -> str:
    birth = birth or date(1975, 1, 1) + timedelta(days=random.randint(0, 12000))
    seq = random.randint(0, 999) if seq is None else seq
    first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_char(first17)


def credit_check_char(first17: str) -> str:
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def make_credit_code(area: str = "433101", body: str | None = None) -> str:
    body = body or "".join(random.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    first17 = f"91{area}{body}"
    return first17 + credit_check_char(first17)


def make_phone() -> str:
    return "13" + "".join(random.choice("0123456789") for _ in range(9))


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casework.Employer"

    name = factory.Sequence(lambda n: f"湘西测试建筑工程有限公司{n}")
    credit_code = factory.LazyFunction(make_credit_code)
    legal_representative = "张建国"
    address = "吉首市乾州街道世纪大道1号"
    jurisdiction = factory.LazyFunction(lambda: Jurisdiction.objects.get(code="433101"))
    industry = "construction"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casework.Person"

    name = factory.Sequence(lambda n: f"彭务工{n}")
    id_number = factory.LazyFunction(make_id_number)
    phone = factory.LazyFunction(make_phone)
    hometown = "湖南省湘西州保靖县"
    is_migrant_worker = True
    jurisdiction = factory.LazyFunction(lambda: Jurisdiction.objects.get(code="433101"))
