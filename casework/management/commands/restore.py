"""``manage.py restore --check <dir>``: restore a backup into a scratch database and verify it there.

Checks the manifest, then runs on the restored copy the audit-chain verification (in full), the arrears totals
check and the evidence fixity check (``BACKUP_CHECK_COMMANDS``), reporting each; exits non-zero on any problem.
Restoring over the live database is deliberately not a command: see docs/security.md.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from casework.services.backups import restore_check


class Command(BaseCommand):
    help = "Restore a backup into a scratch database and run the audit, arrears-totals and evidence checks on it."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A backup folder written by `manage.py backup`.")
        parser.add_argument(
            "--check", action="store_true", help="Restore into a scratch database and verify."
        )

    def handle(self, *args, folder, check=False, **options):
        if not check:
            raise CommandError(
                "只支持 --check（恢复到临时数据库并校验）；覆盖生产数据库请按运维手册用 pg_restore 手工操作。"
            )
        path = Path(folder)
        if not path.is_dir():
            raise CommandError(f"{folder}: no such backup folder")
        report = restore_check(path)
        for result in report.results:
            mark = "OK  " if result.ok else "FAIL"
            self.stdout.write(f"{mark} {result.name}")
            if result.output:
                self.stdout.write("     " + result.output.replace("\n", "\n     "))
        if not report.ok:
            raise CommandError("restore check failed")
        self.stdout.write(self.style.SUCCESS("Backup restored and verified."))
