"""Generate a large, realistic dataset for the benchmarks in ``bench/`` (not demo data; never in production).

    python manage.py seed_scale --cases 1000000 [--seed 1] [--batch 20000] [--append | --reset] [--keep-indexes]

What it writes (docs/performance.md, *Method → Data*):

* staff per county (登记员, 劳动保障监察员 ×6, 监察机构负责人, 调解员 ×2, 仲裁员 ×4, 仲裁委主任) and a 局领导 at the
  prefecture, in the role groups of ``casework.roles`` with their jurisdiction; usernames ``scale_…``;
* cases of all four types (complaints 40 %, arbitration 35 %, mediation 15 %, arrears 10 %) spread over the
  county-level jurisdictions, five years and their states; ids and yearly sequence numbers follow the date
  received; ~12 % still open (received in the last 120 days);
* a reused pool of parties (N/5 persons, N/20 employers, valid ID numbers and credit codes, named ``规模测试…``);
* assignees on every case past its first state (two inspectors on a complaint, one on an arrears case, one
  to three arbitrators, one mediator) — the sweep has people to notify; a case in its first state has none,
  so its alerts go to the unit head, as in real life;
* a hash-chained TransitionLog per case (``verify_audit_chain`` passes): registration, the move to the
  current state and, for closed cases, the closing;
* one running Deadline per open case (due between 30 days ago and 60 days ahead, about a third overdue) with
  the case's ``next_due`` — and no alert: the sweep benchmark raises those; one met Deadline per closed case
  (about 10 % met late), and for a quarter of them the alerts that were raised then (due soon, and overdue
  for the late ones) with their notifications, delivered and read;
* arrears worker lines (1–3 per case) and payments whose totals satisfy the check constraints;
* CaseNumberSequence rows set to the highest sequence issued.

The rows are generated as plain tuples (no model instances) with ids computed here (one ``MAX(id)`` per
table per run), then written with ``COPY … FROM STDIN`` on PostgreSQL and ``executemany`` elsewhere (SQLite,
small N in the unit tests); sequences are reset afterwards. On PostgreSQL a large load (``--cases`` ≥
100,000) into empty case tables drops the non-unique secondary indexes and the foreign keys of the tables it
fills and puts them back at the end, which checks every foreign key (``--keep-indexes`` to keep them). Scale rows are marked by the party name prefix, the
``scale_`` usernames and the ``seed_scale`` transition actor name, so ``--reset`` deletes only them.
"""

import hashlib
import json
import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max

from arbitration.models import ArbitrationCase, MediationCase
from arrears.models import ArrearsCase, ArrearsWorker, Payment
from casework import validators
from casework.inspection.models import Complaint
from casework.models import (
    AlertLevel,
    CaseNumberSequence,
    Deadline,
    DeadlineAlert,
    Employer,
    Jurisdiction,
    Notification,
    Person,
    TransitionLog,
    User,
)
from casework.roles import Role
from casework.services.audit import entry_hash
from casework.statistics import versions as statistics_versions

MARK = "规模测试"  # name prefix of generated parties
ACTOR = "seed_scale"  # actor_name of generated log entries
USER_PREFIX = "scale_"  # username prefix of generated staff
ID_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
LARGE_LOAD = 100_000  # from this many cases, drop and rebuild secondary indexes (PostgreSQL, empty tables)

# Staff per county: (role, how many). The prefecture gets a director.
COUNTY_STAFF = [
    (Role.CLERK, 1),
    (Role.INSPECTOR, 6),
    (Role.INSPECTION_HEAD, 1),
    (Role.MEDIATOR, 2),
    (Role.ARBITRATOR, 4),
    (Role.ARBITRATION_CHAIR, 1),
]

# (model, share, open states, closed states, deadline rule, deadline title, assignee role, head role)
MIX = [
    (
        Complaint,
        0.40,
        ["registered", "accepted", "filed", "investigating", "rectification_ordered"],
        ["closed", "archived", "not_accepted", "complaint_withdrawn"],
        "inspection.investigate",
        "调查期限",
        Role.INSPECTOR,
        Role.INSPECTION_HEAD,
    ),
    (
        ArbitrationCase,
        0.35,
        ["applied", "accepted", "served", "tribunal_formed", "hearing_scheduled", "heard"],
        ["closed", "withdrawn", "archived"],
        "arbitration.award",
        "仲裁审理期限",
        Role.ARBITRATOR,
        Role.ARBITRATION_CHAIR,
    ),
    (
        MediationCase,
        0.15,
        ["applied", "accepted", "in_session"],
        ["closed", "withdrawn", "converted"],
        "mediation.settle",
        "调解期限",
        Role.MEDIATOR,
        Role.ARBITRATION_CHAIR,
    ),
    (
        ArrearsCase,
        0.10,
        ["open", "payment_ordered", "partially_recovered"],
        ["closed"],
        "arrears.payment_order",
        "责令支付期限",
        Role.INSPECTOR,
        Role.INSPECTION_HEAD,
    ),
]
# Closings that happen before anyone handled the case: no assignee, no "accepted" step.
EARLY_CLOSINGS = {"not_accepted", "complaint_withdrawn", "withdrawn"}
OPEN_SHARE = 0.12  # ~12 % of all cases are still open (older years mostly closed)
ALERTED_SHARE = 0.25  # closed cases whose met deadline raised alerts back then
LATE_SHARE = 0.10  # closed cases whose deadline was met late


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


class Table:
    """Rows of one table as tuples in column order, with ids handed out here; written by ``flush``.

    Columns a row does not name get the field's default (``auto_now`` fields: the load time; nullable
    fields: NULL; blank text: ""), worked out once per table. JSON values are encoded here on PostgreSQL
    (COPY takes their text); on other databases every value goes through ``get_db_prep_save``.
    """

    def __init__(self, model, now: datetime):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.spec = [(f.attname, self._default(f, now)) for f in self.fields]
        self.json_at = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
        self.pg = connection.vendor == "postgresql"
        self.next_id = (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1
        self.rows: list = []
        self.written = 0

    @staticmethod
    def _default(field, now):
        if field.primary_key:
            return None
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return now
        if field.has_default():
            return field.get_default()
        if field.null:
            return None
        if isinstance(field, models.CharField | models.TextField):
            return ""
        return None  # must be given: a NOT NULL violation names the forgotten column

    def add(self, values: dict) -> int:
        pk = values.get("id")
        if pk is None:
            pk = values["id"] = self.next_id
            self.next_id += 1
        get = values.get
        row = [get(name, default) for name, default in self.spec]
        for i in self.json_at:
            if row[i] is not None and self.pg:
                row[i] = json.dumps(row[i], ensure_ascii=False)
        self.rows.append(row)
        return pk

    def flush(self, cursor) -> None:
        if not self.rows:
            return
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        if self.pg:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in self.rows:
                    copy.write_row(row)
        else:
            prep = [f.get_db_prep_save for f in self.fields]
            marks = ", ".join(["%s"] * len(self.fields))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                [[p(v, connection) for p, v in zip(prep, row, strict=True)] for row in self.rows],
            )
        self.written += len(self.rows)
        self.rows = []


class Command(BaseCommand):
    help = "生成规模测试数据（基准测试用，切勿在生产环境运行）"

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=20000, help="每批（每个事务）生成的案件数")
        parser.add_argument("--append", action="store_true", help="已有规模数据时继续追加")
        parser.add_argument("--reset", action="store_true", help="先删除已有规模数据")
        parser.add_argument("--keep-indexes", action="store_true", help="大批量导入时不删除、重建二级索引")

    def handle(self, *args, cases, seed, batch, append, reset, keep_indexes, verbosity, **options):
        self.verbosity = verbosity
        existing = TransitionLog.objects.filter(actor_name=ACTOR).exists()
        if reset:
            self._reset()
        elif existing and not append:
            raise CommandError("已有规模测试数据：用 --append 追加，或 --reset 删除后重建。")
        started = time.perf_counter()
        self.rng = random.Random(seed)
        self.now = datetime.now(UTC)
        self.today = date.today()
        self.counties = list(Jurisdiction.objects.exclude(level="prefecture").order_by("id"))
        self.sequences = {
            (row.case_type, row.jurisdiction_id, row.year): row.last_value
            for row in CaseNumberSequence.objects.all()
        }
        pg = connection.vendor == "postgresql"
        fresh = not any(model.objects.exists() for model, *_rest in MIX)
        self.tables = {}
        for model in self._written_models():
            self.tables[model] = Table(model, self.now)
        dropped = []
        if pg:
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit = off")
            if fresh and cases >= LARGE_LOAD and not keep_indexes:
                dropped = self._drop_indexes()
                self._say(f"dropped {len(dropped)} secondary indexes and foreign keys")
        paused = self._pause_statistics_triggers() if pg else []
        try:
            with transaction.atomic():
                self._staff()
                self._parties(max(cases // 5, 10), max(cases // 20, 5))
            self._say(f"staff and parties: {time.perf_counter() - started:.1f}s")
            for spec in MIX:
                model, share = spec[0], spec[1]
                count = round(cases * share)
                plan = self._plan(count)
                for start in range(0, count, batch):
                    with transaction.atomic():
                        for is_open, received in plan[start : start + batch]:
                            self._case(spec, is_open, received)
                        self._flush()
                self._say(f"{model.__name__}: {count} ({time.perf_counter() - started:.1f}s)")
        finally:
            self._resume_statistics_triggers(paused)
            if dropped:
                self._recreate_indexes(dropped)
                self._say(f"rebuilt indexes and foreign keys ({time.perf_counter() - started:.1f}s)")
        with transaction.atomic():
            self._save_sequences()
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(self.tables)):
                    cursor.execute(sql)
        if pg:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        counts = ", ".join(
            f"{model._meta.db_table} {table.written}" for model, table in self.tables.items() if table.written
        )
        self._say(f"rows: {counts}")
        self.stdout.write(self.style.SUCCESS(f"{cases} cases in {time.perf_counter() - started:.1f}s"))

    def _pause_statistics_triggers(self) -> list[str]:
        """The statistics cache's change trigger (casework/statistics/versions.py) would log one row per closed
        case loaded: it is told to record nothing in this session, and one bulk change per table is noted
        instead (``_resume_statistics_triggers``)."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', false)", [statistics_versions.BULK_LOAD_SETTING])
        return [model._meta.db_table for model, *_rest in MIX]

    def _resume_statistics_triggers(self, paused: list[str]) -> None:
        if not paused:
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'off', false)", [statistics_versions.BULK_LOAD_SETTING])
        for table in paused:
            statistics_versions.note_bulk_change(table)

    def _say(self, text):
        self.stdout.write(text)
        self.stdout.flush()

    def _written_models(self):
        """Every table the load fills, parents before children (the order ``_flush`` writes them in)."""
        out = [Person, Employer]
        for model, *_rest in MIX:
            out.append(model)
            out.append(model._meta.get_field("assignees").remote_field.through)
            if hasattr(model, "applicants"):
                out.append(model._meta.get_field("applicants").remote_field.through)
        return [*out, TransitionLog, Deadline, DeadlineAlert, Notification, ArrearsWorker, Payment]

    # --- staff and parties ---------------------------------------------------------------------------
    def _staff(self):
        """Staff users per county in the role groups, reused on --append (found by username)."""
        password = make_password(None)  # unusable: these accounts are for the data, not for logging in
        groups = {role: Group.objects.get_or_create(name=role.label)[0] for role in Role}
        prefecture = Jurisdiction.objects.filter(level="prefecture").first()
        wanted = [(county, role, i) for county in self.counties for role, n in COUNTY_STAFF for i in range(n)]
        if prefecture is not None:
            wanted.append((prefecture, Role.DIRECTOR, 0))
        self.staff: dict = {}  # (jurisdiction id, role) → [user ids]
        for jurisdiction, role, i in wanted:
            username = f"{USER_PREFIX}{jurisdiction.code}_{role.value}_{i + 1}"
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create(
                    username=username,
                    password=password,
                    full_name=f"{jurisdiction.short_name}{role.label}{i + 1}",
                    email=f"{username}@example.invalid",
                )
                user.groups.add(groups[role])
                user.jurisdictions.add(jurisdiction)
            self.staff.setdefault((jurisdiction.id, role), []).append(user.pk)

    def _parties(self, persons: int, employers: int):
        rng = self.rng
        people, firms = self.tables[Person], self.tables[Employer]
        seen = set(Person.objects.exclude(id_number=None).values_list("id_number", flat=True))
        county_ids = [c.id for c in self.counties]
        for _ in range(persons):
            pk = people.next_id
            number = _id_number(rng, pk)
            while number in seen:
                number = _id_number(rng, rng.randrange(10**6))
            seen.add(number)
            people.add(
                {
                    "name": f"{MARK}{pk}",
                    "id_number": number,
                    "phone": f"13{rng.randrange(10**9):09d}",
                    "jurisdiction_id": rng.choice(county_ids),
                    "is_migrant_worker": rng.random() < 0.6,
                }
            )
        for _ in range(employers):
            pk = firms.next_id
            firms.add(
                {
                    "name": f"{MARK}湘西某某有限公司{pk}",
                    "credit_code": _credit_code(10**6 + pk),
                    "jurisdiction_id": rng.choice(county_ids),
                    "industry": rng.choice(
                        ["construction", "manufacturing", "accommodation_catering", "other"]
                    ),
                }
            )
        with connection.cursor() as cursor:
            people.flush(cursor)
            firms.flush(cursor)
        self.person_ids = list(Person.objects.filter(name__startswith=MARK).values_list("id", flat=True))
        self.employer_ids = list(Employer.objects.filter(name__startswith=MARK).values_list("id", flat=True))

    # --- cases ---------------------------------------------------------------------------------------
    def _plan(self, count: int) -> list[tuple[bool, date]]:
        """(open?, date received) of each case, in date order so that ids and sequences follow time."""
        rng, today = self.rng, self.today
        plan = []
        for _ in range(count):
            is_open = rng.random() < OPEN_SHARE
            # Open cases are recent; closed ones spread over five years.
            age = rng.randrange(0, 120) if is_open else rng.randrange(30, 5 * 365)
            plan.append((is_open, today - timedelta(days=age)))
        plan.sort(key=lambda item: item[1])
        return plan

    def _next_sequence(self, model, jurisdiction_id: int, year: int) -> int:
        key = (model.CASE_TYPE, jurisdiction_id, year)
        self.sequences[key] = self.sequences.get(key, 0) + 1
        return self.sequences[key]

    def _content_type(self, model):
        cache = self.__dict__.setdefault("_ct_cache", {})
        if model not in cache:
            ct = ContentType.objects.get_for_model(model)
            cache[model] = (ct.id, repr(ct.natural_key()))
        return cache[model]

    def _case(self, spec, is_open: bool, received: date) -> None:
        model, _share, open_states, closed_states, rule, title, worker_role, head_role = spec
        rng, tables = self.rng, self.tables
        ct_id, case_label = self._content_type(model)
        cases = tables[model]
        pk = cases.next_id
        cases.next_id += 1
        jurisdiction = self.counties[rng.randrange(len(self.counties))]
        state = rng.choice(open_states if is_open else closed_states)
        seq = self._next_sequence(model, jurisdiction.id, received.year)
        number = model.NUMBER_FORMAT.format(short=jurisdiction.short_name, year=received.year, seq=seq)
        created = datetime(received.year, received.month, received.day, 1 + rng.randrange(9), tzinfo=UTC)
        closed_at = (
            None if is_open else created + timedelta(days=rng.randrange(5, 90), hours=rng.randrange(8))
        )
        employer_id = rng.choice(self.employer_ids)
        person_id = rng.choice(self.person_ids)
        handled = state != open_states[0] and state not in EARLY_CLOSINGS
        accepted = received + timedelta(days=rng.randrange(0, 5)) if handled else None
        green = rng.random() < 0.1
        fields = {
            "id": pk,
            "number": number,
            "year": received.year,
            "sequence": seq,
            "jurisdiction_id": jurisdiction.id,
            "green_channel": green,
            "created_at": created,
            "updated_at": closed_at or created,
            "closed_at": closed_at,
            "state": state,
        }
        if model is Complaint:
            fields.update(
                received_on=received,
                accepted_on=accepted,
                # 立案: every complaint that got past acceptance (the seeded closings are investigated cases)
                filed_on=accepted + timedelta(days=rng.randrange(0, 3))
                if state in ("filed", "investigating", "rectification_ordered", "closed", "archived")
                else None,
                complainant_id=person_id,
                employer_id=employer_id,
                workplace="湘西州某工地",
                facts="拖欠工资若干月。",
                violation_types=["wage_arrears"],
                arrears_amount=Decimal(rng.randrange(1000, 200000)),
                outcome="arrears_recovered" if state in ("closed", "archived") else "",
                recovered_amount=Decimal(rng.randrange(0, 1000)) if handled and closed_at else Decimal("0"),
            )
        elif model is ArrearsCase:
            fields.update(self._arrears_lines(pk, state, received))
            fields.update(employer_id=employer_id, opened_on=received, facts="拖欠农民工工资。")
        else:
            fields.update(
                received_on=received,
                accepted_on=accepted,
                respondent_id=employer_id,
                respondent_name_given="某有限公司",
                facts="追索劳动报酬。",
            )
            if model is MediationCase:
                fields["body_name"] = "乡镇劳动争议调解委员会"
            tables[model._meta.get_field("applicants").remote_field.through].add(
                {f"{model._meta.model_name}_id": pk, "person_id": person_id}
            )
        # Who handles it: everybody past the first state (a refused complaint never had anyone).
        assignees = []
        if handled:
            pool = self.staff.get((jurisdiction.id, worker_role), [])
            want = 2 if model is Complaint else (rng.choice((1, 1, 3)) if model is ArbitrationCase else 1)
            assignees = rng.sample(pool, min(want, len(pool)))
            through = tables[model._meta.get_field("assignees").remote_field.through]
            for user_id in assignees:
                through.add({f"{model._meta.model_name}_id": pk, "user_id": user_id})
        # Hash-chained log: registered, the move to the current (or last open) state, the closing.
        steps = [("register", "登记", "", open_states[0], created)]
        if handled:
            target = state if is_open else open_states[-1]
            steps.append(("advance", "办理", open_states[0], target, created + timedelta(days=1)))
        if not is_open:
            steps.append(("close", "结案", steps[-1][3], state, closed_at))
        head = ""
        logs = tables[TransitionLog]
        for transition, label, from_state, to_state, at in steps:
            public = transition == "register"
            prev, head = (
                head,
                entry_hash(
                    prev_hash=head,
                    case_label=case_label,
                    object_id=pk,
                    case_number=number,
                    transition=transition,
                    transition_label=label,
                    from_state=from_state,
                    to_state=to_state,
                    actor_id=None,
                    actor_name=ACTOR,
                    at=at,
                    reason="",
                    details={},
                    public=public,
                ),
            )
            logs.add(
                {
                    "content_type_id": ct_id,
                    "object_id": pk,
                    "case_number": number,
                    "transition": transition,
                    "transition_label": label,
                    "from_state": from_state,
                    "to_state": to_state,
                    "actor_name": ACTOR,
                    "at": at,
                    "details": {},
                    "public": public,
                    "prev_hash": prev,
                    "entry_hash": head,
                }
            )
        fields["audit_head"] = head
        deadline = {
            "content_type_id": ct_id,
            "object_id": pk,
            "case_number": number,
            "jurisdiction_id": jurisdiction.id,
            "green_channel": green,
            "rule": rule,
            "title": title,
            "started_on": accepted or received,
            "created_at": created,
        }
        if is_open:
            # Running, about a third overdue, and no alert yet: the sweep benchmark raises them.
            due = self.today + timedelta(days=rng.randrange(-30, 60))
            fields["next_due"] = due
            tables[Deadline].add({**deadline, "due_on": due, "updated_at": created})
        else:
            closed_on = closed_at.date()
            late = rng.random() < LATE_SHARE
            due = closed_on - timedelta(days=rng.randrange(1, 10)) if late else closed_on + timedelta(days=7)
            deadline_id = tables[Deadline].add(
                {**deadline, "due_on": due, "status": "met", "met_on": closed_on, "updated_at": closed_at}
            )
            if rng.random() < ALERTED_SHARE:
                heads = self.staff.get((jurisdiction.id, head_role), [])
                self._past_alerts(deadline_id, ct_id, pk, number, title, due, late, assignees, heads)
        cases.add(fields)

    def _arrears_lines(self, pk: int, state: str, received: date) -> dict:
        rng, tables = self.rng, self.tables
        n_workers = rng.randrange(1, 4)
        owed = recovered = Decimal("0")
        for person in rng.sample(self.person_ids, n_workers):
            line_owed = Decimal(rng.randrange(2000, 30000))
            line_rec = line_owed if state == "closed" else Decimal(rng.randrange(0, int(line_owed)))
            line_id = tables[ArrearsWorker].add(
                {
                    "case_id": pk,
                    "person_id": person,
                    "months_unpaid": rng.randrange(1, 6),
                    "amount_owed": line_owed,
                    "recovered": line_rec,
                }
            )
            if line_rec > 0:
                tables[Payment].add(
                    {
                        "case_id": pk,
                        "line_id": line_id,
                        "amount": line_rec,
                        "paid_on": received,
                        "payer_kind": "employer",
                    }
                )
            owed += line_owed
            recovered += line_rec
        return {
            "total_owed": owed,
            "total_recovered": recovered,
            "total_outstanding": owed - recovered,
            "worker_count": n_workers,
            "fully_recovered_on": received if recovered == owed else None,
        }

    def _past_alerts(self, deadline_id, ct_id, case_id, number, title, due, late, assignees, heads):
        """Alerts a closed case's deadline raised back then, and their notifications — sent and read."""
        levels = [(AlertLevel.DUE_SOON, due - timedelta(days=3))]
        if late:
            levels.append((AlertLevel.OVERDUE, due + timedelta(days=1)))
        for level, raised_on in levels:
            at = datetime(raised_on.year, raised_on.month, raised_on.day, 0, 30, tzinfo=UTC)  # 08:30 Beijing
            alert_id = self.tables[DeadlineAlert].add(
                {
                    "deadline_id": deadline_id,
                    "level": level.value,
                    "due_on": due,
                    "content_type_id": ct_id,
                    "object_id": case_id,
                    "case_number": number,
                    "raised_on": raised_on,
                    "sweep": self.sweep_token(raised_on),
                    "created_at": at,
                }
            )
            recipients = set(assignees) if level == AlertLevel.DUE_SOON else set(assignees) | set(heads)
            label = "期限即将届满" if level == AlertLevel.DUE_SOON else "已超期"
            for user_id in sorted(recipients or heads):
                self.tables[Notification].add(
                    {
                        "recipient_id": user_id,
                        "kind": Notification.Kind.DEADLINE.value,
                        "alert_id": alert_id,
                        "level": level.value,
                        "title": f"{label}：{number} {title}",
                        "body": f"{number}的{title}于{due.year}年{due.month}月{due.day}日届满。",
                        "created_at": at,
                        "read_at": at + timedelta(hours=1 + self.rng.randrange(48)),
                        "email": True,
                        "email_sent_at": at,
                        "dispatch_attempts": 1,
                        "dispatched_at": at,
                    }
                )

    def sweep_token(self, day: date) -> uuid.UUID:
        """One sweep per day raised that day's alerts (a stable token per day)."""
        return uuid.UUID(hashlib.md5(f"seed_scale {day}".encode()).hexdigest())  # noqa: S324 (not security)

    def _flush(self):
        """Write the batch, parents before children."""
        with connection.cursor() as cursor:
            for table in self.tables.values():
                table.flush(cursor)

    # --- indexes and foreign keys (PostgreSQL, large loads into empty tables) ---------------------------
    # PostgreSQL's advice for bulk loads ("Populating a Database"): without the secondary indexes and the
    # foreign-key triggers COPY only appends; each index is then built in one sort and each foreign key
    # checked in one join when they are put back.
    def _drop_indexes(self) -> list[str]:
        """Drop the non-unique secondary indexes and the foreign keys of the tables the load fills.

        Returns the statements that put them back (also printed with ``-v 2``, to run by hand should the
        process be killed before ``_recreate_indexes``).
        """
        tables = [model._meta.db_table for model in self.tables]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
                " WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary AND NOT i.indisunique"
                " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
                [tables],
            )
            indexes = cursor.fetchall()
            cursor.execute(
                "SELECT conname, conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint"
                " WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])",
                [tables],
            )
            foreign_keys = cursor.fetchall()
            restore = [definition for _name, definition in indexes]
            restore += [
                f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"
                for name, table, definition in foreign_keys
            ]
            for name, table, _definition in foreign_keys:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {name}")
        if self.verbosity >= 2:
            self._say("to restore by hand:\n" + ";\n".join(restore) + ";")
        return restore

    def _recreate_indexes(self, restore: list[str]) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for statement in restore:
                cursor.execute(statement)

    def _save_sequences(self):
        for (case_type, jurisdiction_id, year), value in self.sequences.items():
            CaseNumberSequence.objects.update_or_create(
                case_type=case_type,
                jurisdiction_id=jurisdiction_id,
                year=year,
                defaults={"last_value": value},
            )

    # --- reset -----------------------------------------------------------------------------------------
    def _reset(self):
        # Deleting closed cases would log one statistics change per case: paused as for a load.
        paused = self._pause_statistics_triggers() if connection.vendor == "postgresql" else []
        try:
            self._delete_scale_rows()
        finally:
            self._resume_statistics_triggers(paused)

    def _delete_scale_rows(self):
        with transaction.atomic():
            for model, *_rest in MIX:
                ct = ContentType.objects.get_for_model(model)
                ids = TransitionLog.objects.filter(
                    content_type=ct, actor_name=ACTOR, transition="register"
                ).values("object_id")
                alerts = DeadlineAlert.objects.filter(content_type=ct, object_id__in=ids)
                Notification.objects.filter(alert__in=alerts)._raw_delete(connection.alias)
                alerts._raw_delete(connection.alias)
                Deadline.objects.filter(content_type=ct, object_id__in=ids)._raw_delete(connection.alias)
                if model is ArrearsCase:
                    Payment.objects.filter(case_id__in=ids)._raw_delete(connection.alias)
                    ArrearsWorker.objects.filter(case_id__in=ids)._raw_delete(connection.alias)
                for name in ("assignees", "applicants"):
                    if hasattr(model, name):
                        through = model._meta.get_field(name).remote_field.through
                        through.objects.filter(**{f"{model._meta.model_name}_id__in": ids})._raw_delete(
                            connection.alias
                        )
                # Anything else attached to a scale case (a bench's grants, tribunals…) goes the ORM way.
                model.objects.filter(id__in=ids).delete()
            TransitionLog.objects.filter(actor_name=ACTOR)._raw_delete(connection.alias)
            Person.objects.filter(name__startswith=MARK).delete()
            Employer.objects.filter(name__startswith=MARK).delete()
            User.objects.filter(username__startswith=USER_PREFIX).delete()
