"""Reference data the data migrations seed: jurisdictions, the holiday calendar, role groups.

``ensure_reference_data()`` puts them back if a table was emptied (tests that flush the database).
"""

import importlib

from django.apps import apps


def ensure_reference_data() -> None:
    from casework.models import Holiday, Jurisdiction
    from casework.roles import sync_role_groups

    if not Jurisdiction.objects.exists():
        importlib.import_module("casework.migrations.0002_seed_jurisdictions").seed(apps, None)
    if not Holiday.objects.exists():
        importlib.import_module("casework.migrations.0004_seed_holiday_calendar").seed(apps, None)
    sync_role_groups()
