"""``manage.py sync_holidays``: bring the national holiday table in line with the installed chinese-calendar.

Run after upgrading the package (e.g. to a release that covers 2027). Rows entered or edited by an
administrator are kept; the 湘西州 local holiday rule is created if missing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from casework.calendar.holidays import package_version, seed_from_package, seed_local_holidays
from casework.models import CalendarYear, Holiday, Jurisdiction, LocalHoliday


class Command(BaseCommand):
    help = "Sync the national holiday table from the chinese-calendar package (keeps administrators' rows)."

    @transaction.atomic
    def handle(self, *args, **options):
        counts = seed_from_package(Holiday, CalendarYear)
        local = seed_local_holidays(LocalHoliday, Jurisdiction)
        self.stdout.write(
            f"chinese-calendar {package_version()}: {counts['years']} years, {counts['created']} created, "
            f"{counts['updated']} updated, {counts['removed']} removed; local rules created: {local}"
        )
