"""Demo data: one helper account, ``helper_union`` of 吉首市总工会. Idempotent."""

from django.contrib.auth.models import Group

from casework.demo import DEMO_PASSWORD
from casework.roles import Role

from .models import Helper, HelperKind


def seed_helpers(users):
    from casework.models import Jurisdiction, User

    user, created = User.objects.get_or_create(username="helper_union", defaults={"full_name": "向工会"})
    if created:
        user.set_password(DEMO_PASSWORD)
    user.full_name = "向工会"
    user.is_staff = False
    user.email = "helper_union@jszgh.example"
    user.save()
    user.groups.set(Group.objects.filter(name=Role.HELPER.label))
    jishou = Jurisdiction.objects.filter(code="433101").first()
    Helper.objects.update_or_create(
        user=user,
        defaults={
            "kind": HelperKind.TRADE_UNION,
            "unit": "吉首市总工会",
            "jurisdiction": jishou,
            "is_active": True,
        },
    )
    users["helper_union"] = user
