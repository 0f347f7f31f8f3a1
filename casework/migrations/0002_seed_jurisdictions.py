"""Seed the prefecture bureau, the eight county-level units (GB/T 2260) and the development zone.

statutes.md §5. Phones are the 12333 hotline until each unit enters its own (admin-editable).
"""

from django.db import migrations

PREFECTURE = ("433100", "湘西州人力资源和社会保障局（州本级）", "湘西州", "prefecture")
UNITS = [
    ("433101", "吉首市", "吉首", "county"),
    ("433122", "泸溪县", "泸溪", "county"),
    ("433123", "凤凰县", "凤凰", "county"),
    ("433124", "花垣县", "花垣", "county"),
    ("433125", "保靖县", "保靖", "county"),
    ("433126", "古丈县", "古丈", "county"),
    ("433127", "永顺县", "永顺", "county"),
    ("433130", "龙山县", "龙山", "county"),
    # No GB/T 2260 code: the zone is run by the prefecture; an internal code is used.
    ("433100JK", "湘西经济开发区", "湘西经开", "zone"),
]


def seed(apps, schema_editor):
    Jurisdiction = apps.get_model("casework", "Jurisdiction")
    code, name, short, level = PREFECTURE
    prefecture, _ = Jurisdiction.objects.update_or_create(
        code=code, defaults={"name": name, "short_name": short, "level": level, "sort_order": 0,
                             "phone": "0743-12333"}
    )
    for order, (code, name, short, level) in enumerate(UNITS, start=1):
        Jurisdiction.objects.update_or_create(
            code=code,
            defaults={"name": name, "short_name": short, "level": level, "parent": prefecture,
                      "sort_order": order, "phone": "0743-12333"},
        )


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
