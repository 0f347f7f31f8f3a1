from django.core.management.base import BaseCommand, CommandError

from arrears.services.ledger import ledger_discrepancies


class Command(BaseCommand):
    help = "Check that every arrears case's stored totals equal the sum of its worker lines and payments."

    def handle(self, *args, **options):
        problems = ledger_discrepancies()
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"{len(problems)} discrepancies")
        self.stdout.write("arrears totals: all cases consistent")
