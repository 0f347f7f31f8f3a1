"""The cases of each registered type with what every case has: number, jurisdiction, state and dates, assignees,
the hash-chained log, the running (open) or met (closed) deadline and the alerts it raised back then. The type's
own columns and rows come from its ``ScaleSeed.fields`` hook (``casework.kernel.scale``)."""

import hashlib
import uuid
from datetime import UTC, date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType

from casework.kernel.scale import ScaleSeed, SeedCase
from casework.models import AlertLevel, Deadline, DeadlineAlert, Notification, TransitionLog
from casework.scale import ACTOR
from casework.services.audit import audit_hmac_key, entry_hash, entry_hmac

OPEN_SHARE = 0.12  # ~12 % of all cases are still open (older years mostly closed)
ALERTED_SHARE = 0.25  # closed cases whose met deadline raised alerts back then
LATE_SHARE = 0.10  # closed cases whose deadline was met late


def plan(rng, today: date, count: int) -> list[tuple[bool, date]]:
    """(open?, date received) of each case, in date order so that ids and sequences follow time."""
    out = []
    for _ in range(count):
        is_open = rng.random() < OPEN_SHARE
        # Open cases are recent; closed ones spread over five years.
        age = rng.randrange(0, 120) if is_open else rng.randrange(30, 5 * 365)
        out.append((is_open, today - timedelta(days=age)))
    out.sort(key=lambda item: item[1])
    return out


def sweep_token(day: date) -> uuid.UUID:
    """One sweep per day raised that day's alerts (a stable token per day)."""
    return uuid.UUID(hashlib.md5(f"seed_scale {day}".encode()).hexdigest())  # noqa: S324 (not security)


class CaseWriter:
    """Adds generated cases to the load's tables (written by the caller, batch by batch)."""

    def __init__(self, *, rng, today, tables, staff, person_ids, employer_ids, counties, sequences):
        self.rng, self.today, self.tables, self.staff = rng, today, tables, staff
        self.person_ids, self.employer_ids, self.counties = person_ids, employer_ids, counties
        self.sequences = sequences  # (case type, jurisdiction id, year) → last sequence issued
        self._content_types: dict = {}
        self.audit_key = audit_hmac_key()

    def _content_type(self, model) -> tuple[int, str]:
        if model not in self._content_types:
            ct = ContentType.objects.get_for_model(model)
            self._content_types[model] = (ct.id, repr(ct.natural_key()))
        return self._content_types[model]

    def _next_sequence(self, model, jurisdiction_id: int, year: int) -> int:
        key = (model.CASE_TYPE, jurisdiction_id, year)
        self.sequences[key] = self.sequences.get(key, 0) + 1
        return self.sequences[key]

    def add(self, model, seed: ScaleSeed, is_open: bool, received: date) -> None:
        """One case of ``model`` with everything that hangs on it."""
        rng = self.rng
        pk = self.tables[model].take_id()
        jurisdiction = self.counties[rng.randrange(len(self.counties))]
        state = rng.choice(seed.open_states if is_open else seed.closed_states)
        seq = self._next_sequence(model, jurisdiction.id, received.year)
        number = model.NUMBER_FORMAT.format(short=jurisdiction.short_name, year=received.year, seq=seq)
        created = datetime(received.year, received.month, received.day, 1 + rng.randrange(9), tzinfo=UTC)
        closed_at = (
            None if is_open else created + timedelta(days=rng.randrange(5, 90), hours=rng.randrange(8))
        )
        employer_id = rng.choice(self.employer_ids)
        person_id = rng.choice(self.person_ids)
        handled = state != seed.open_states[0] and state not in seed.early_closings
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
        case = SeedCase(
            rng=rng,
            pk=pk,
            state=state,
            is_open=is_open,
            handled=handled,
            received=received,
            accepted=accepted,
            closed_at=closed_at,
            person_id=person_id,
            employer_id=employer_id,
            person_ids=self.person_ids,
            table=self.tables.__getitem__,
        )
        fields.update(seed.fields(case))
        assignees = self._assignees(model, seed, case, jurisdiction) if handled else []
        fields["audit_head"] = self._log(model, seed, case, number, created)
        self._deadline(model, seed, case, fields, jurisdiction, green, assignees, created)
        self.tables[model].add(fields)

    def _assignees(self, model, seed: ScaleSeed, case: SeedCase, jurisdiction) -> list[int]:
        """Who handles it: everybody past the first state (a refused complaint never had anyone)."""
        pool = self.staff.get((jurisdiction.id, seed.worker_role), [])
        want = seed.assignee_count(self.rng)
        chosen = self.rng.sample(pool, min(want, len(pool)))
        through = self.tables[model._meta.get_field("assignees").remote_field.through]
        for user_id in chosen:
            through.add({f"{model._meta.model_name}_id": case.pk, "user_id": user_id})
        return chosen

    def _log(self, model, seed: ScaleSeed, case: SeedCase, number: str, created: datetime) -> str:
        """Hash-chained log: registered, the move to the current (or last open) state, the closing."""
        ct_id, case_label = self._content_type(model)
        first = seed.open_states[0]
        steps = [("register", "登记", "", first, created)]
        if case.handled:
            target = case.state if case.is_open else seed.open_states[-1]
            steps.append(("advance", "办理", first, target, created + timedelta(days=1)))
        if not case.is_open:
            steps.append(("close", "结案", steps[-1][3], case.state, case.closed_at))
        head = ""
        for transition, label, from_state, to_state, at in steps:
            public = transition == "register"
            entry = {
                "transition": transition,
                "from_state": from_state,
                "to_state": to_state,
                "at": at,
                "details": {},
                "public": public,
            }
            prev, head = (
                head,
                entry_hash(
                    prev_hash=head,
                    case_label=case_label,
                    object_id=case.pk,
                    case_number=number,
                    transition_label=label,
                    actor_id=None,
                    actor_name=ACTOR,
                    reason="",
                    **entry,
                ),
            )
            self.tables[TransitionLog].add(
                {
                    **entry,
                    "content_type_id": ct_id,
                    "object_id": case.pk,
                    "case_number": number,
                    "transition_label": label,
                    "actor_name": ACTOR,
                    "prev_hash": prev,
                    "entry_hash": head,
                    "entry_hmac": entry_hmac(head, self.audit_key),
                }
            )
        return head

    def _deadline(self, model, seed, case, fields, jurisdiction, green, assignees, created) -> None:
        """Open: one running deadline, about a third overdue, no alert yet (the sweep benchmark raises them).
        Closed: one met deadline (some late), and for some the alerts raised back then."""
        ct_id, _label = self._content_type(model)
        deadline = {
            "content_type_id": ct_id,
            "object_id": case.pk,
            "case_number": fields["number"],
            "jurisdiction_id": jurisdiction.id,
            "green_channel": green,
            "rule": seed.deadline_rule,
            "title": seed.deadline_title,
            "started_on": case.accepted or case.received,
            "created_at": created,
        }
        rng = self.rng
        if case.is_open:
            due = self.today + timedelta(days=rng.randrange(-30, 60))
            fields["next_due"] = due
            self.tables[Deadline].add({**deadline, "due_on": due, "updated_at": created})
            return
        closed_on = case.closed_at.date()
        late = rng.random() < LATE_SHARE
        due = closed_on - timedelta(days=rng.randrange(1, 10)) if late else closed_on + timedelta(days=7)
        deadline_id = self.tables[Deadline].add(
            {**deadline, "due_on": due, "status": "met", "met_on": closed_on, "updated_at": case.closed_at}
        )
        if rng.random() < ALERTED_SHARE:
            heads = self.staff.get((jurisdiction.id, seed.head_role), [])
            self._past_alerts(deadline, deadline_id, due, late, assignees, heads)

    def _past_alerts(self, deadline: dict, deadline_id: int, due: date, late: bool, assignees, heads) -> None:
        """Alerts a closed case's deadline raised back then, and their notifications — sent and read."""
        number, title = deadline["case_number"], deadline["title"]
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
                    "content_type_id": deadline["content_type_id"],
                    "object_id": deadline["object_id"],
                    "case_number": number,
                    "raised_on": raised_on,
                    "sweep": sweep_token(raised_on),
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
