"""``manage.py backup [--output DIR]``: database + media files + signed SHA-256 manifest, in a timestamped folder."""

from django.core.management.base import BaseCommand

from casework.services.backups import backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format / SQLite online backup), the media files and a manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default=None, help="Folder to create the backup in (default BACKUP_DIR)."
        )

    def handle(self, *args, output=None, **options):
        folder = backup(output)
        self.stdout.write(str(folder))
