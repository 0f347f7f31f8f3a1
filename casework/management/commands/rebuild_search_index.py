"""Rebuild the staff lists' search index: ``manage.py rebuild_search_index [--type complaint …]``.

Needed after writes that bypass ``save()`` (``QuerySet.update`` of a searchable column, a bulk load, a restore
from an older backup); ``seed_scale`` runs it by itself, and ``migrate`` fills an empty index
(``casework.kernel.search_index.fill_empty``).
"""

import time

from django.core.management.base import BaseCommand, CommandError

from casework.kernel import search_index
from casework.kernel.registry import case_type


class Command(BaseCommand):
    help = "Rebuild the search index (text and bigrams) of every registered case type, or of the given ones."

    def add_arguments(self, parser):
        parser.add_argument("--type", action="append", default=[], help="A case type code (repeatable).")

    def handle(self, *args, type=(), **options):
        models = []
        for code in type:
            registered = case_type(code)
            if registered is None or not registered.search_text:
                raise CommandError(f"未知或未登记检索文本的案件类型：{code}")
            models.append(registered.model)
        started = time.monotonic()
        done = search_index.rebuild(models or None)
        for label, count in done.items():
            self.stdout.write(f"{label}: {count} cases indexed")
        self.stdout.write(f"Rebuilt in {time.monotonic() - started:.1f} s.")
