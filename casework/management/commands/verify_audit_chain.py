"""Verify the transition log: incrementally from the signed checkpoint (the nightly run), or ``--full``.

Exit non-zero naming each broken case. ``--seal`` seals, once, the entries written before the HMAC existed.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from casework.case_types import chained_models
from casework.services import audit_digest, audit_verify
from casework.services.signed_files import TamperedFile


class Command(BaseCommand):
    help = (
        "Verify the hash chains and HMAC seals of the transition log, incrementally from the last signed "
        "checkpoint (--full: everything, and the daily digests); exit non-zero naming each broken case."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--full", action="store_true", help="Re-verify every entry and the daily digests."
        )
        parser.add_argument(
            "--seal",
            action="store_true",
            help="Once, after upgrading: seal (HMAC) the entries written before seals existed, if sound.",
        )

    def handle(self, *args, full=False, seal=False, **options):
        models = chained_models()
        if seal:
            try:
                sealed = audit_verify.seal_unsealed(models)
            except RuntimeError as refused:
                raise CommandError(str(refused)) from None
            self.stdout.write(self.style.SUCCESS(f"Sealed {sealed} entries."))
            return
        started = timezone.now()
        problems: list = []
        checkpoint = None
        if not full:
            try:
                checkpoint = audit_verify.read_checkpoint()
            except TamperedFile as tampered:
                problems.append(f"checkpoint: {tampered}")
        if checkpoint:
            problems += audit_verify.check_count(checkpoint)
        result = audit_verify.verify_chains(models, since_id=checkpoint["last_id"] if checkpoint else 0)
        problems += result.problems
        if not checkpoint:
            digest_problems, latest = audit_digest.verify_digests()
            problems += digest_problems
            if latest is not None:
                problems += audit_digest.compare_with_database(latest)
        scope = f"since entry {result.since_id}" if result.since_id else "in full"
        self.stdout.write(
            f"Verified {result.entries_checked} entries {scope} ({result.anchors_checked} anchors)."
        )
        if problems:
            for problem in problems:
                self.stderr.write(f"BROKEN {problem}")
            raise CommandError(f"{len(problems)} case(s) with a broken transition log")
        audit_verify.write_checkpoint(started)
        self.stdout.write(self.style.SUCCESS("All transition-log chains verified."))
