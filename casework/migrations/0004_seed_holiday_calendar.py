"""Seed the national holiday table from chinese-calendar (every year it covers) and the 湘西州 local holiday.

statutes.md §1. Later package releases (e.g. one covering 2027) are picked up with ``manage.py sync_holidays``.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from casework.calendar.holidays import seed_from_package, seed_local_holidays

    seed_from_package(apps.get_model("casework", "Holiday"), apps.get_model("casework", "CalendarYear"))
    seed_local_holidays(apps.get_model("casework", "LocalHoliday"), apps.get_model("casework", "Jurisdiction"))


def unseed(apps, schema_editor):
    apps.get_model("casework", "Holiday").objects.filter(source="package").delete()
    apps.get_model("casework", "CalendarYear").objects.filter(source="package").delete()


class Migration(migrations.Migration):
    dependencies = [("casework", "0003_working_day_calendar"), ("casework", "0002_seed_jurisdictions")]
    operations = [migrations.RunPython(seed, unseed)]
