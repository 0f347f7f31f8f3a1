"""Demo data. ``manage.py seed_demo`` runs every registered seeder; each must be idempotent.

Case apps register their own seeders in ``AppConfig.ready()`` with ``register_seeder``.
"""

from django.contrib.auth.models import Group
from django.db import transaction

from casework.roles import Role

DEMO_PASSWORD = "Xiangxi#2026"

# username, full name, roles, jurisdiction codes
DEMO_USERS = [
    ("admin", "系统管理员", [Role.SYSADMIN], ["433100"]),
    ("director", "龙局长", [Role.DIRECTOR], ["433100"]),
    ("auditor", "审计员", [Role.AUDITOR], ["433100"]),
    ("clerk", "彭登记", [Role.CLERK], ["433101"]),
    ("clerk_luxi", "向登记", [Role.CLERK], ["433122"]),
    ("inspector1", "田监察", [Role.INSPECTOR], ["433101"]),
    ("inspector2", "石监察", [Role.INSPECTOR], ["433101"]),
    ("inspection_head", "杨科长", [Role.INSPECTION_HEAD], ["433101"]),
    ("mediator", "吴调解", [Role.MEDIATOR], ["433101"]),
    ("arbitrator1", "麻仲裁", [Role.ARBITRATOR], ["433101"]),
    ("arbitrator2", "梁仲裁", [Role.ARBITRATOR], ["433101"]),
    ("arbitrator3", "符仲裁", [Role.ARBITRATOR], ["433101"]),
    ("chair", "滕主任", [Role.ARBITRATION_CHAIR], ["433101"]),
]

# Fictional law-enforcement certificate numbers (执法证号) of the demo inspectors, printed on their documents.
DEMO_CERTIFICATES = {
    "inspector1": "43310120260001",
    "inspector2": "43310120260002",
    "inspection_head": "43310120260003",
}

SEEDERS = []


def register_seeder(func):
    if func not in SEEDERS:
        SEEDERS.append(func)
    return func


def seed_users():
    from casework.models import Jurisdiction, User

    users = {}
    for username, full_name, roles, codes in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
        if created:
            user.set_password(DEMO_PASSWORD)
        user.full_name = full_name
        user.is_staff = Role.SYSADMIN in roles
        user.is_superuser = username == "admin"
        user.email = f"{username}@rsj.xxz.example"
        user.certificate_no = user.certificate_no or DEMO_CERTIFICATES.get(username, "")
        user.save()
        user.groups.set(Group.objects.filter(name__in=[r.label for r in roles]))
        user.jurisdictions.set(Jurisdiction.objects.filter(code__in=codes))
        users[username] = user
    return users


@transaction.atomic
def seed_all(stdout=None):
    users = seed_users()
    for seeder in SEEDERS:
        seeder(users)
        if stdout:
            stdout.write(f"  seeded {seeder.__module__}.{seeder.__name__}")
    return users
