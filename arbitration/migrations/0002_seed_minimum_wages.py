"""Seed the monthly minimum wage of every Xiangxi jurisdiction from 2025-09-01 (statutes.md §5).

Hunan's tiers from 2025-09-01 are ¥2,200 / ¥2,000 / ¥1,800 (unconfirmed), and which tier each county is in
is a best guess: 吉首市 tier 2, the seven counties and the development zone tier 3, the prefecture bureau
¥2,000. Every row is marked unconfirmed; an administrator confirms or corrects it in the admin.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

EFFECTIVE = date(2025, 9, 1)
SOURCE = "湖南省自2025年9月1日起调整月最低工资标准（湘西各县市适用档次待核实）"
# jurisdiction code → (monthly amount, tier)
ROWS = {
    "433100": (Decimal("2000.00"), 2),
    "433101": (Decimal("2000.00"), 2),
    "433122": (Decimal("1800.00"), 3),
    "433123": (Decimal("1800.00"), 3),
    "433124": (Decimal("1800.00"), 3),
    "433125": (Decimal("1800.00"), 3),
    "433126": (Decimal("1800.00"), 3),
    "433127": (Decimal("1800.00"), 3),
    "433130": (Decimal("1800.00"), 3),
    "433100JK": (Decimal("1800.00"), 3),
}


def seed(apps, schema_editor):
    Jurisdiction = apps.get_model("casework", "Jurisdiction")
    MinimumWage = apps.get_model("arbitration", "MinimumWage")
    for jurisdiction in Jurisdiction.objects.filter(code__in=ROWS):
        amount, tier = ROWS[jurisdiction.code]
        MinimumWage.objects.get_or_create(
            jurisdiction=jurisdiction,
            effective_from=EFFECTIVE,
            defaults={"monthly_amount": amount, "tier": tier, "confirmed": False, "source": SOURCE},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("arbitration", "0001_mediation_and_arbitration_cases"),
        ("casework", "0002_seed_jurisdictions"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
