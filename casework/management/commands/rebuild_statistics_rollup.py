"""``manage.py rebuild_statistics_rollup [--series complaint …] [--check]``: recompute the statistics' monthly
roll-up from the case rows (casework.statistics.rollup).

Run after anything wrote case rows behind the model's back (a restore, a bulk ``UPDATE``): until then the
dashboard counts those series from the case rows (the roll-up is marked stale on PostgreSQL). ``migrate``
builds a missing roll-up by itself and ``seed_scale`` rebuilds it after its bulk load. ``--check`` only
compares the kept roll-up with a fresh count and exits non-zero naming each series that differs.
"""

from django.core.management.base import BaseCommand, CommandError

from casework.statistics import rollup
from casework.statistics.registry import get_series


class Command(BaseCommand):
    help = "Recompute the settlement statistics' monthly roll-up from scratch (or --check it)."

    def add_arguments(self, parser):
        parser.add_argument("--series", nargs="*", help="series codes (default: every rolled-up series)")
        parser.add_argument("--check", action="store_true", help="compare only; exit 1 when it differs")

    def handle(self, *args, series=None, check=False, **options):
        try:
            chosen = [get_series(code) for code in series] if series else rollup.rolled_series()
        except KeyError as exc:
            raise CommandError(f"unknown series {exc}") from None
        if check:
            differ = [s.code for s in chosen if rollup.stored(s) != rollup.computed(s)]
            if differ:
                raise CommandError(f"roll-up differs from the case rows: {', '.join(differ)}")
            self.stdout.write("roll-up equals the case rows: " + ", ".join(s.code for s in chosen))
            return
        written = rollup.rebuild(chosen)
        for code, rows in written.items():
            self.stdout.write(f"{code}: {rows} rows")
