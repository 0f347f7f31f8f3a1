from django.core.management.base import BaseCommand, CommandError

from casework.case_types import case_models
from casework.services.audit import verify_chains


class Command(BaseCommand):
    help = "Verify the hash chain of every case's transition log; exit non-zero naming each broken case."

    def handle(self, *args, **options):
        problems = verify_chains(case_models())
        if problems:
            for problem in problems:
                self.stderr.write(f"BROKEN {problem}")
            raise CommandError(f"{len(problems)} case(s) with a broken transition log")
        self.stdout.write(self.style.SUCCESS("All transition-log chains verified."))
