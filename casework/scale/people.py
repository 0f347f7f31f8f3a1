"""Staff per county in the role groups, and the reused pool of parties (valid ID numbers and credit codes)."""

from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection

from casework import validators
from casework.models import Employer, Jurisdiction, Person, User
from casework.roles import Role
from casework.scale import MARK, USER_PREFIX

ID_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

# Staff per county: (role, how many). The prefecture gets a director.
COUNTY_STAFF = [
    (Role.CLERK, 1),
    (Role.INSPECTOR, 6),
    (Role.INSPECTION_HEAD, 1),
    (Role.MEDIATOR, 2),
    (Role.ARBITRATOR, 4),
    (Role.ARBITRATION_CHAIR, 1),
]


SURNAMES = "张王李刘陈杨黄赵吴周"
TRADES = ("建筑", "劳务", "餐饮", "商贸", "制造")


def id_number(rng, serial: int) -> str:
    birth = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 16000))
    first17 = (
        f"4331{rng.choice(['01', '22', '23', '24', '25', '26', '27', '30'])}{birth:%Y%m%d}{serial % 1000:03d}"
    )
    return first17 + validators.id_number_check_char(first17)


def credit_code(serial: int) -> str:
    body = ""
    value = serial
    for _ in range(9):
        body = ID_ALPHABET[value % 31] + body
        value //= 31
    first17 = "91433101" + body
    return first17 + validators.credit_code_check_char(first17)


def staff(counties) -> dict:
    """Staff users per county in the role groups, reused on --append (found by username).

    Returns (jurisdiction id, role) → [user ids]."""
    password = make_password(None)  # unusable: these accounts are for the data, not for logging in
    groups = {role: Group.objects.get_or_create(name=role.label)[0] for role in Role}
    prefecture = Jurisdiction.objects.filter(level="prefecture").first()
    wanted = [(county, role, i) for county in counties for role, n in COUNTY_STAFF for i in range(n)]
    if prefecture is not None:
        wanted.append((prefecture, Role.DIRECTOR, 0))
    found: dict = {}
    for jurisdiction, role, i in wanted:
        username = f"{USER_PREFIX}{jurisdiction.code}_{role.value}_{i + 1}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create(
                username=username,
                password=password,
                full_name=f"{jurisdiction.short_name}{role.label}{i + 1}",
                email=f"{username}@example.invalid",
            )
            user.groups.add(groups[role])
            user.jurisdictions.add(jurisdiction)
        found.setdefault((jurisdiction.id, role), []).append(user.pk)
    return found


def parties(tables, rng, counties, persons: int, employers: int) -> tuple[list[int], list[int]]:
    """Add ``persons`` and ``employers`` to the pool; returns the ids of the whole pool (persons, employers)."""
    people, firms = tables[Person], tables[Employer]
    seen = set(Person.objects.exclude(id_number=None).values_list("id_number", flat=True))
    county_ids = [c.id for c in counties]
    for _ in range(persons):
        pk = people.next_id
        number = id_number(rng, pk)
        while number in seen:
            number = id_number(rng, rng.randrange(10**6))
        seen.add(number)
        people.add(
            {
                "name": f"{MARK}{pk}",
                "id_number": number,
                "phone": f"13{rng.randrange(10**9):09d}",
                "jurisdiction_id": rng.choice(county_ids),
                "is_migrant_worker": rng.random() < 0.6,
            }
        )
    for _ in range(employers):
        pk = firms.next_id
        firms.add(
            {
                # names as varied as real ones for the search benchmarks (bench/search_lists.py): 张 in a
                # tenth of them, 建筑 in a fifth, 有限公司 in all
                "name": f"{MARK}湘西{SURNAMES[pk % len(SURNAMES)]}氏{TRADES[pk // 10 % len(TRADES)]}有限公司{pk}",
                "credit_code": credit_code(10**6 + pk),
                "jurisdiction_id": rng.choice(county_ids),
                "industry": rng.choice(["construction", "manufacturing", "accommodation_catering", "other"]),
            }
        )
    with connection.cursor() as cursor:
        people.flush(cursor)
        firms.flush(cursor)
    return (
        list(Person.objects.filter(name__startswith=MARK).values_list("id", flat=True)),
        list(Employer.objects.filter(name__startswith=MARK).values_list("id", flat=True)),
    )
