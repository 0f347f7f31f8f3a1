"""Generate a large, realistic dataset for the benchmarks in ``bench/`` (not demo data; never in production).

    python manage.py seed_scale --cases 1000000 [--seed 1] [--batch 20000] [--append | --reset] [--keep-indexes]

What it writes (docs/performance.md, *Method → Data*), for every registered case type with a ``ScaleSeed``
(``casework.kernel.scale``; today complaints 40 %, arbitration 35 %, mediation 15 %, arrears 10 %):

* staff per county (登记员, 劳动保障监察员 ×6, 监察机构负责人, 调解员 ×2, 仲裁员 ×4, 仲裁委主任) and a 局领导 at the
  prefecture, in the role groups of ``casework.roles`` with their jurisdiction; usernames ``scale_…``;
* cases of every type spread over the county-level jurisdictions, five years and their states; ids and
  yearly sequence numbers follow the date received; ~12 % still open (received in the last 120 days);
* a reused pool of parties (N/5 persons, N/20 employers, valid ID numbers and credit codes, named ``规模测试…``);
* assignees on every case past its first state (as many as the type's seed says) — the sweep has people to
  notify; a case in its first state has none, so its alerts go to the unit head, as in real life;
* a hash-chained TransitionLog per case (``verify_audit_chain`` passes): registration, the move to the
  current state and, for closed cases, the closing;
* one running Deadline per open case (due between 30 days ago and 60 days ahead, about a third overdue) with
  the case's ``next_due`` — and no alert: the sweep benchmark raises those; one met Deadline per closed case
  (about 10 % met late), and for a quarter of them the alerts that were raised then (due soon, and overdue
  for the late ones) with their notifications, delivered and read;
* the type's own columns and rows from its seed (arrears worker lines and payments, applicants…);
* CaseNumberSequence rows set to the highest sequence issued.

The rows are generated as plain tuples (no model instances) with ids computed here (one ``MAX(id)`` per
table per run), then written with ``COPY … FROM STDIN`` on PostgreSQL and ``executemany`` elsewhere (SQLite,
small N in the unit tests); sequences are reset afterwards. On PostgreSQL a large load (``--cases`` ≥
100,000) into empty case tables drops the non-unique secondary indexes and the foreign keys of the tables it
fills and puts them back at the end, which checks every foreign key (``--keep-indexes`` to keep them). Scale
rows are marked by the party name prefix, the ``scale_`` usernames and the ``seed_scale`` transition actor
name, so ``--reset`` deletes only them.
"""

import random
import time
from datetime import UTC, date, datetime

from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction

from casework.kernel import search_index
from casework.kernel.scale import scale_seeds
from casework.models import (
    CaseNumberSequence,
    Deadline,
    DeadlineAlert,
    Employer,
    Jurisdiction,
    Notification,
    Person,
    TransitionLog,
)
from casework.public import progress_store
from casework.scale import ACTOR, bulk, people
from casework.scale.cases import CaseWriter, plan
from casework.scale.tables import Tables
from casework.services.audit_verify import discard_checkpoint

LARGE_LOAD = 100_000  # from this many cases, drop and rebuild secondary indexes (PostgreSQL, empty tables)


def written_models(seeds) -> list:
    """Every table the load fills, parents before children (the order batches are written in)."""
    out = [Person, Employer]
    for model, seed in seeds:
        out += [model, model._meta.get_field("assignees").remote_field.through, *seed.children]
    return [*out, TransitionLog, Deadline, DeadlineAlert, Notification]


class Command(BaseCommand):
    help = "生成规模测试数据（基准测试用，切勿在生产环境运行）"

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=20000, help="每批（每个事务）生成的案件数")
        parser.add_argument("--append", action="store_true", help="已有规模数据时继续追加")
        parser.add_argument("--reset", action="store_true", help="先删除已有规模数据")
        parser.add_argument("--keep-indexes", action="store_true", help="大批量导入时不删除、重建二级索引")
        parser.add_argument(
            "--without-search-index",
            action="store_true",
            help="不重建列表检索索引（模拟千万级数据时用；之后可运行 rebuild_search_index）",
        )
        parser.add_argument(
            "--without-public-progress",
            action="store_true",
            help="不生成绿色通道办理进度记录（之后可运行 fill_public_progress）",
        )

    def handle(
        self,
        *args,
        cases,
        seed,
        batch,
        append,
        reset,
        keep_indexes,
        without_search_index,
        without_public_progress,
        verbosity,
        **options,
    ):
        self.verbosity = verbosity
        self.seeds = [(case_type.model, s) for case_type, s in scale_seeds()]
        if not self.seeds:
            raise CommandError("没有登记规模测试数据（scale_seed）的案件类型。")
        existing = TransitionLog.objects.filter(actor_name=ACTOR).exists()
        if reset:
            bulk.delete_scale_rows(self.seeds)
            # Log rows were deleted on purpose: the next verification starts again from the beginning.
            discard_checkpoint()
        elif existing and not append:
            raise CommandError("已有规模测试数据：用 --append 追加，或 --reset 删除后重建。")
        started = time.perf_counter()
        self.rng = random.Random(seed)
        self.now = datetime.now(UTC)
        self.counties = list(Jurisdiction.objects.exclude(level="prefecture").order_by("id"))
        self.tables = Tables(written_models(self.seeds), self.now)
        fresh = not any(model.objects.exists() for model, _seed in self.seeds)
        dropped = self._prepare(large=fresh and cases >= LARGE_LOAD and not keep_indexes)
        paused = bulk.pause_statistics_triggers([model for model, _seed in self.seeds])
        try:
            writer = self._writer(cases)
            self._say(f"staff and parties: {time.perf_counter() - started:.1f}s")
            self._cases(writer, cases, batch, started)
        finally:
            bulk.resume_statistics_triggers(paused)
            if dropped:
                bulk.recreate_indexes(dropped)
                self._say(f"rebuilt indexes and foreign keys ({time.perf_counter() - started:.1f}s)")
        # the rows were written without save(): the search index is rebuilt from them (unless told not to: a
        # simulation of ten million cases measures the search on a table of its own, docs/scaling.md)
        if not without_search_index:
            search_index.rebuild()
            self._say(f"rebuilt the search index ({time.perf_counter() - started:.1f}s)")
        self._finish(writer.sequences)
        # the green channel's progress records, which the kernel keeps after each change (not called here)
        if not without_public_progress:
            built = progress_store.fill(batch=2000)
            self._say(f"built {built} progress records ({time.perf_counter() - started:.1f}s)")
        counts = ", ".join(
            f"{model._meta.db_table} {table.written}" for model, table in self.tables.items() if table.written
        )
        self._say(f"rows: {counts}")
        self.stdout.write(self.style.SUCCESS(f"{cases} cases in {time.perf_counter() - started:.1f}s"))

    def _say(self, text):
        self.stdout.write(text)
        self.stdout.flush()

    def _prepare(self, *, large: bool) -> list[str]:
        """PostgreSQL: no waiting for the WAL flush; a large load into empty tables drops their indexes."""
        if connection.vendor != "postgresql":
            return []
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")
        if not large:
            return []
        dropped = bulk.drop_indexes([model._meta.db_table for model in self.tables])
        if self.verbosity >= 2:
            self._say("to restore by hand:\n" + ";\n".join(dropped) + ";")
        self._say(f"dropped {len(dropped)} secondary indexes and foreign keys")
        return dropped

    def _writer(self, n: int) -> CaseWriter:
        """Staff and the party pool first (their own transaction), then a writer of cases over them."""
        with transaction.atomic():
            staff = people.staff(self.counties)
            person_ids, employer_ids = people.parties(
                self.tables, self.rng, self.counties, max(n // 5, 10), max(n // 20, 5)
            )
        sequences = {
            (row.case_type, row.jurisdiction_id, row.year): row.last_value
            for row in CaseNumberSequence.objects.all()
        }
        return CaseWriter(
            rng=self.rng,
            today=date.today(),
            tables=self.tables,
            staff=staff,
            person_ids=person_ids,
            employer_ids=employer_ids,
            counties=self.counties,
            sequences=sequences,
        )

    def _cases(self, writer: CaseWriter, cases: int, batch: int, started: float) -> None:
        total_share = sum(seed.share for _model, seed in self.seeds)
        for model, seed in self.seeds:
            count = round(cases * seed.share / total_share)
            planned = plan(self.rng, writer.today, count)
            for start in range(0, count, batch):
                with transaction.atomic():
                    for is_open, received in planned[start : start + batch]:
                        writer.add(model, seed, is_open, received)
                    self.tables.flush()
            self._say(f"{model.__name__}: {count} ({time.perf_counter() - started:.1f}s)")

    def _finish(self, sequences: dict) -> None:
        with transaction.atomic():
            for (case_type, jurisdiction_id, year), value in sequences.items():
                CaseNumberSequence.objects.update_or_create(
                    case_type=case_type,
                    jurisdiction_id=jurisdiction_id,
                    year=year,
                    defaults={"last_value": value},
                )
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(self.tables)):
                    cursor.execute(sql)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
