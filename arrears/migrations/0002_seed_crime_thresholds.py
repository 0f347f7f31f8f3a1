"""Seed Hunan's figures for the crime of refusing to pay wages (statutes.md §3; configurable, unconfirmed).

法释〔2013〕3号 Art 3 lets each province fix its figures within ¥5,000–20,000 (one worker, 3+ months)
and ¥30,000–100,000 (10+ workers). Hunan: ¥6,000 / ¥40,000 — marked unconfirmed; an administrator
edits the row or adds a newer one in the admin.
"""

import datetime
from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    CrimeThreshold = apps.get_model("arrears", "CrimeThreshold")
    CrimeThreshold.objects.get_or_create(
        province="湖南省",
        effective_from=datetime.date(2013, 1, 23),  # 法释〔2013〕3号 in force
        defaults={
            "per_worker_amount": Decimal("6000.00"),
            "min_months": 3,
            "total_amount": Decimal("40000.00"),
            "min_workers": 10,
            "source": "湖南省确定的“数额较大”标准（待核实是否为现行标准）",
            "confirmed": False,
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("arrears", "CrimeThreshold").objects.filter(
        province="湖南省", effective_from=datetime.date(2013, 1, 23)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("arrears", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
