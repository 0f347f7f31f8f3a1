from django.core.management.base import BaseCommand

from casework.demo import DEMO_PASSWORD, DEMO_USERS, seed_all


class Command(BaseCommand):
    help = "Load demo users for every role and demo cases (idempotent)."

    def handle(self, *args, **options):
        seed_all(stdout=self.stdout)
        from casework.public import open_data

        document = open_data.generate()
        self.stdout.write(f"Open data generated: {len(document['rows'])} groups.")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Logins (password for all: {DEMO_PASSWORD}):"))
        for username, full_name, roles, _codes in DEMO_USERS:
            self.stdout.write(f"  {username:<16} {full_name}  {'/'.join(r.label for r in roles)}")
