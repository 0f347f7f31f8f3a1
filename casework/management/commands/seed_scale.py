"""Generate a large, realistic dataset for the benchmarks in ``bench/`` (not demo data; never in production).

    python manage.py seed_scale --cases 100000 [--seed 1] [--batch 5000] [--append | --reset]

Cases of all four types (complaints 40 %, arbitration 35 %, mediation 15 %, arrears 10 %) spread over the
jurisdictions, five years and their states, with a reused pool of parties (N/5 persons, N/20 employers, valid
ID numbers and credit codes), a hash-chained TransitionLog per case (``verify_audit_chain`` passes), running
Deadline rows for open cases (some overdue), arrears worker lines and payments whose totals satisfy the check
constraints, and CaseNumberSequence rows set to the highest issued sequence. Alerts are not generated here:
run the sweep (``bench/run.py`` times it) to raise them from the deadlines.

Everything is written with ``bulk_create`` and explicit primary keys (so that the audit hash, which covers the
case id, is computed before the insert); sequences are reset afterwards. Scale rows are marked by the
person/employer name prefix and the ``seed_scale`` transition actor name, so ``--reset`` deletes only them.
"""

import random
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from arbitration.models import ArbitrationCase, MediationCase
from arrears.models import ArrearsCase, ArrearsWorker, Payment
from casework import validators
from casework.models import (
    CaseNumberSequence,
    Complaint,
    Deadline,
    Employer,
    Jurisdiction,
    Person,
    TransitionLog,
)
from casework.services.audit import entry_hash

MARK = "规模测试"  # name prefix of generated parties
ACTOR = "seed_scale"  # actor_name of generated log entries
ID_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

# (model, share, open states, closed states, deadline rule for open cases)
MIX = [
    (
        Complaint,
        0.40,
        ["registered", "accepted", "filed", "investigating", "rectification_ordered"],
        ["closed", "archived", "not_accepted", "complaint_withdrawn"],
        "inspection.investigate",
    ),
    (
        ArbitrationCase,
        0.35,
        ["applied", "accepted", "served", "tribunal_formed", "hearing_scheduled", "heard"],
        ["closed", "withdrawn", "archived"],
        "arbitration.award",
    ),
    (
        MediationCase,
        0.15,
        ["applied", "accepted", "in_session"],
        ["closed", "withdrawn", "converted"],
        "mediation.settle",
    ),
    (
        ArrearsCase,
        0.10,
        ["open", "payment_ordered", "partially_recovered"],
        ["closed"],
        "arrears.payment_order",
    ),
]
OPEN_SHARE = 0.12  # ~12 % of all cases are still open (older years mostly closed)


def _id_number(rng, serial: int) -> str:
    birth = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 16000))
    first17 = (
        f"4331{rng.choice(['01', '22', '23', '24', '25', '26', '27', '30'])}{birth:%Y%m%d}{serial % 1000:03d}"
    )
    return first17 + validators.id_number_check_char(first17)


def _credit_code(serial: int) -> str:
    body = ""
    value = serial
    for _ in range(9):
        body = ID_ALPHABET[value % 31] + body
        value //= 31
    first17 = "91433101" + body
    return first17 + validators.credit_code_check_char(first17)


class Command(BaseCommand):
    help = "生成规模测试数据（基准测试用，切勿在生产环境运行）"

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--append", action="store_true", help="已有规模数据时继续追加")
        parser.add_argument("--reset", action="store_true", help="先删除已有规模数据")

    def handle(self, *args, cases, seed, batch, append, reset, **options):
        existing = TransitionLog.objects.filter(actor_name=ACTOR).exists()
        if reset:
            self._reset()
        elif existing and not append:
            raise CommandError("已有规模测试数据：用 --append 追加，或 --reset 删除后重建。")
        self.rng = random.Random(seed)
        self.today = date.today()
        self.counties = list(Jurisdiction.objects.exclude(level="prefecture"))
        self.sequences: dict = {}
        for row in CaseNumberSequence.objects.all():
            self.sequences[(row.case_type, row.jurisdiction_id, row.year)] = row.last_value
        started = time.perf_counter()
        with transaction.atomic():
            self._parties(max(cases // 5, 10), max(cases // 20, 5))
        self.stdout.write(f"parties: {time.perf_counter() - started:.1f}s")
        for model, share, open_states, closed_states, rule in MIX:
            count = round(cases * share)
            done = 0
            while done < count:
                size = min(batch, count - done)
                with transaction.atomic():
                    self._cases(model, size, open_states, closed_states, rule)
                done += size
            self.stdout.write(f"{model.__name__}: {count} ({time.perf_counter() - started:.1f}s)")
        with transaction.atomic():
            self._save_sequences()
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(
                    no_style(),
                    [Complaint, ArbitrationCase, MediationCase, ArrearsCase, TransitionLog, Person, Employer],
                ):
                    cursor.execute(sql)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"{cases} cases in {time.perf_counter() - started:.1f}s"))

    # --- parties ---------------------------------------------------------------------------------------
    def _parties(self, persons: int, employers: int):
        rng = self.rng
        start = (Person.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        seen = set(Person.objects.exclude(id_number=None).values_list("id_number", flat=True))
        rows = []
        for i in range(persons):
            number = _id_number(rng, start + i)
            while number in seen:
                number = _id_number(rng, rng.randrange(10**6))
            seen.add(number)
            rows.append(
                Person(
                    id=start + i,
                    name=f"{MARK}{start + i}",
                    id_number=number,
                    phone=f"13{rng.randrange(10**9):09d}",
                    jurisdiction=rng.choice(self.counties),
                    is_migrant_worker=rng.random() < 0.6,
                )
            )
        Person.objects.bulk_create(rows, batch_size=5000)
        estart = (Employer.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        Employer.objects.bulk_create(
            [
                Employer(
                    id=estart + i,
                    name=f"{MARK}湘西某某有限公司{estart + i}",
                    credit_code=_credit_code(10**6 + estart + i),
                    jurisdiction=rng.choice(self.counties),
                    industry=rng.choice(["construction", "manufacturing", "accommodation_catering", "other"]),
                )
                for i in range(employers)
            ],
            batch_size=5000,
        )
        self.person_ids = list(Person.objects.filter(name__startswith=MARK).values_list("id", flat=True))
        self.employer_ids = list(Employer.objects.filter(name__startswith=MARK).values_list("id", flat=True))

    # --- cases ------------------------------------------------------------------------------------------
    def _next_sequence(self, model, jurisdiction_id: int, year: int) -> int:
        key = (model.CASE_TYPE, jurisdiction_id, year)
        self.sequences[key] = self.sequences.get(key, 0) + 1
        return self.sequences[key]

    def _cases(self, model, size, open_states, closed_states, rule):
        rng, today = self.rng, self.today
        content_type = ContentType.objects.get_for_model(model)
        case_label = repr(content_type.natural_key())
        first_id = (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        cases, logs, deadlines, m2m, workers, payments = [], [], [], [], [], []
        log_id = (TransitionLog.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        worker_id = (ArrearsWorker.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        for offset in range(size):
            pk = first_id + offset
            jurisdiction = rng.choice(self.counties)
            is_open = rng.random() < OPEN_SHARE
            # Open cases are recent; closed ones spread over five years.
            age = rng.randrange(0, 120) if is_open else rng.randrange(30, 5 * 365)
            received = today - timedelta(days=age)
            state = rng.choice(open_states if is_open else closed_states)
            seq = self._next_sequence(model, jurisdiction.id, received.year)
            number = model.NUMBER_FORMAT.format(short=jurisdiction.short_name, year=received.year, seq=seq)
            created = datetime(received.year, received.month, received.day, 1 + rng.randrange(9), tzinfo=UTC)
            closed_at = None if is_open else created + timedelta(days=rng.randrange(5, 90))
            employer_id = rng.choice(self.employer_ids)
            person_id = rng.choice(self.person_ids)
            accepted = (
                received + timedelta(days=rng.randrange(0, 5))
                if state not in ("registered", "applied")
                else None
            )
            fields = dict(
                id=pk,
                number=number,
                year=received.year,
                sequence=seq,
                jurisdiction=jurisdiction,
                green_channel=rng.random() < 0.1,
                created_at=created,
                closed_at=closed_at,
                state=state,
            )
            if model is Complaint:
                case = Complaint(
                    **fields,
                    received_on=received,
                    accepted_on=accepted if state != "not_accepted" else None,
                    complainant_id=person_id,
                    employer_id=employer_id,
                    workplace="湘西州某工地",
                    facts="拖欠工资若干月。",
                    violation_types=["wage_arrears"],
                    arrears_amount=Decimal(rng.randrange(1000, 200000)),
                    outcome="arrears_recovered" if state in ("closed", "archived") else "",
                    recovered_amount=Decimal(rng.randrange(0, 1000)) if closed_at else Decimal("0"),
                )
            elif model is ArrearsCase:
                n_workers = rng.randrange(1, 4)
                owed = recovered = Decimal("0")
                chosen = rng.sample(self.person_ids, n_workers)
                for person in chosen:
                    line_owed = Decimal(rng.randrange(2000, 30000))
                    line_rec = line_owed if state == "closed" else Decimal(rng.randrange(0, int(line_owed)))
                    workers.append(
                        ArrearsWorker(
                            id=worker_id,
                            case_id=pk,
                            person_id=person,
                            months_unpaid=rng.randrange(1, 6),
                            amount_owed=line_owed,
                            recovered=line_rec,
                        )
                    )
                    if line_rec > 0:
                        payments.append(
                            Payment(case_id=pk, line_id=worker_id, amount=line_rec, paid_on=received)
                        )
                    worker_id += 1
                    owed += line_owed
                    recovered += line_rec
                case = ArrearsCase(
                    **fields,
                    employer_id=employer_id,
                    opened_on=received,
                    facts="拖欠农民工工资。",
                    total_owed=owed,
                    total_recovered=recovered,
                    total_outstanding=owed - recovered,
                    worker_count=n_workers,
                )
            else:
                case = model(
                    **fields,
                    received_on=received,
                    accepted_on=accepted,
                    respondent_id=employer_id,
                    respondent_name_given="某有限公司",
                    facts="追索劳动报酬。",
                    **({"body_name": "乡镇劳动争议调解委员会"} if model is MediationCase else {}),
                )
                m2m.append(model.applicants.through(**{model._meta.model_name: case, "person_id": person_id}))
            # Hash-chained log: registered, then (if it moved) the current state, then closing.
            head = ""
            steps = [("register", "", open_states[0], created)]
            if state != open_states[0]:
                steps.append(("advance", open_states[0], state, created + timedelta(days=1)))
            for transition, from_state, to_state, at in steps:
                entry = TransitionLog(
                    id=log_id,
                    content_type=content_type,
                    object_id=pk,
                    case_number=number,
                    transition=transition,
                    transition_label="登记" if transition == "register" else "办理",
                    from_state=from_state,
                    to_state=to_state,
                    actor_name=ACTOR,
                    at=at,
                    details={},
                    public=transition == "register",
                    prev_hash=head,
                )
                entry.entry_hash = head = entry_hash(
                    prev_hash=head,
                    case_label=case_label,
                    object_id=pk,
                    case_number=number,
                    transition=transition,
                    transition_label=entry.transition_label,
                    from_state=from_state,
                    to_state=to_state,
                    actor_id=None,
                    actor_name=ACTOR,
                    at=at,
                    reason="",
                    details={},
                    public=entry.public,
                )
                logs.append(entry)
                log_id += 1
            case.audit_head = head
            if is_open:
                due = today + timedelta(days=rng.randrange(-30, 60))  # about a third overdue
                case.next_due = due
                deadlines.append(
                    Deadline(
                        content_type=content_type,
                        object_id=pk,
                        case_number=number,
                        jurisdiction=jurisdiction,
                        green_channel=case.green_channel,
                        rule=rule,
                        title="办案期限",
                        started_on=received,
                        due_on=due,
                    )
                )
            cases.append(case)
        # auto_now_add would overwrite created_at: write it back after the insert.
        model.objects.bulk_create(cases, batch_size=2000)
        self._restore_created_at(model, cases)
        TransitionLog.objects.bulk_create(logs, batch_size=5000)
        Deadline.objects.bulk_create(deadlines, batch_size=5000)
        if m2m:
            model.applicants.through.objects.bulk_create(m2m, batch_size=5000)
        if workers:
            ArrearsWorker.objects.bulk_create(workers, batch_size=5000)
            Payment.objects.bulk_create(payments, batch_size=5000)

    def _restore_created_at(self, model, cases):
        table = model._meta.db_table
        rows = [(c.id, c.created_at) for c in cases]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"UPDATE {table} AS t SET created_at = v.c FROM unnest(%s::bigint[], %s::timestamptz[]) AS v(i, c)"
                    " WHERE t.id = v.i",
                    [[r[0] for r in rows], [r[1] for r in rows]],
                )
            else:
                cursor.executemany(
                    f"UPDATE {table} SET created_at = %s WHERE id = %s", [(c, i) for i, c in rows]
                )

    def _save_sequences(self):
        for (case_type, jurisdiction_id, year), value in self.sequences.items():
            CaseNumberSequence.objects.update_or_create(
                case_type=case_type,
                jurisdiction_id=jurisdiction_id,
                year=year,
                defaults={"last_value": value},
            )

    def _reset(self):
        with transaction.atomic():
            for model in (Complaint, ArbitrationCase, MediationCase, ArrearsCase):
                ct = ContentType.objects.get_for_model(model)
                ids = TransitionLog.objects.filter(
                    content_type=ct, actor_name=ACTOR, transition="register"
                ).values("object_id")
                Deadline.objects.filter(content_type=ct, object_id__in=ids).delete()
                if model is ArrearsCase:
                    Payment.objects.filter(case_id__in=ids).delete()
                    ArrearsWorker.objects.filter(case_id__in=ids).delete()
                model.objects.filter(id__in=ids).delete()
            TransitionLog.objects.filter(actor_name=ACTOR).delete()
            Person.objects.filter(name__startswith=MARK).delete()
            Employer.objects.filter(name__startswith=MARK).delete()
