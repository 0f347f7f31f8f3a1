"""Build the green channel's progress records of cases that have none at their current version:
``manage.py fill_public_progress``.

Run once after an upgrade that brings the records (or a restore, a bulk load); from then on the kernel keeps each
case's record after every change (``casework.public.progress_store``). Without it nothing is wrong, only slower:
the progress page builds a missing record on a worker's first look. ``seed_scale`` runs it by itself.
"""

import time

from django.core.management.base import BaseCommand

from casework.public import progress_store


class Command(BaseCommand):
    help = "Build the progress record of every green-channel case that has no current one."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=1000, help="每批生成的案件数")

    def handle(self, *args, batch, verbosity, **options):
        started = time.monotonic()
        say = self.stdout.write if verbosity > 1 else None
        built = progress_store.fill(batch=max(1, batch), say=say)
        self.stdout.write(f"{built} progress records built in {time.monotonic() - started:.1f} s.")
