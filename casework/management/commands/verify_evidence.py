"""Re-hash the stored evidence files: ``manage.py verify_evidence [--full] [--limit N]``.

Resumes where the last run stopped (signed cursor in AUDIT_DIGEST_DIR); exits non-zero listing every changed or
missing file, each flagged on its case and announced to the case's handlers.
"""

from django.core.management.base import BaseCommand, CommandError

from casework.services.evidence_fixity import verify_evidence


class Command(BaseCommand):
    help = "Re-hash stored evidence files against their upload SHA-256; report every changed or missing one."

    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true", help="Start from the first file, not the cursor.")
        parser.add_argument("--limit", type=int, default=None, help="Check at most this many files this run.")

    def handle(self, *args, full=False, limit=None, **options):
        report = verify_evidence(full=full, limit=limit)
        for evidence in report.changed:
            self.stderr.write(
                f"CHANGED evidence {evidence.pk} {evidence.original_name} ({evidence.file.name})"
            )
        for evidence in report.missing:
            self.stderr.write(
                f"MISSING evidence {evidence.pk} {evidence.original_name} ({evidence.file.name})"
            )
        where = "pass complete" if report.finished_pass else "stopped at the limit; the next run resumes"
        self.stdout.write(f"Checked {report.checked} evidence files from id {report.started_from} ({where}).")
        if report.problems:
            raise CommandError(f"{len(report.problems)} evidence file(s) changed or missing")
        self.stdout.write(self.style.SUCCESS("Every checked evidence file is intact."))
