"""``manage.py generate_open_data``: rebuild the public open data of closed cases now (the nightly Celery
task does the same; ``casework.public.open_data``)."""

from django.core.management.base import BaseCommand

from casework.public import open_data


class Command(BaseCommand):
    help = "Generate the open-data snapshot of closed inspection complaints and wage-arrears cases."

    def handle(self, *args, **options):
        document = open_data.generate()
        self.stdout.write(
            self.style.SUCCESS(
                f"Open data generated at {document['generated_at']}: {len(document['rows'])} groups."
            )
        )
