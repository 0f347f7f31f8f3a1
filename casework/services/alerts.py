"""The deadline sweep: find deadlines due soon, due today and overdue on every open case, and alert.

Levels and who is told (recipients: ``casework.services.alert_recipients``):
  * ``due_soon``  — at most ``ALERT_DUE_SOON_WORKING_DAYS`` (3) working days left: the assignees;
  * ``due_today`` — due today: the assignees;
  * ``overdue``   — past the due date: the assignees and their unit head;
  * ``escalated`` — at least ``ALERT_ESCALATE_WORKING_DAYS`` (5) working days overdue: the assignees,
    the unit head and the director (督办).
A case nobody is assigned to yet (a complaint waiting to be accepted) alerts its unit heads from the
first level: they are the ones who assign it. Levels are not back-filled: a deadline first seen when
already overdue gets ``overdue``, not ``due_soon``, and one first seen already due for ``escalated`` gets
``escalated`` only (told to everyone ``overdue`` would have told, and the director).

Queries, not loops: the working-day boundaries are computed once per sweep for each jurisdiction (local
holidays differ) and each level is one query on the indexed ``(status, due_on)`` of the generic
``Deadline`` table, restricted to cases in an open state of every case model (``case_models()``), with
the alerts already raised excluded in SQL.

Exactly once: each (deadline, level, due date) has one ``DeadlineAlert`` (unique constraint). A sweep
inserts a batch of candidates with INSERT … ON CONFLICT DO NOTHING, tagged with its own token, and
RETURNING gives the rows it really inserted — the alerts it claimed — whose notifications it creates in
the same transaction. Two sweeps at once therefore never alert twice (the second insert waits for the
first to commit and then does nothing); a sweep that dies rolls back and the next one redoes its work; a
redelivered sweep message finds nothing left to claim. E-mail and SMS leave after commit through
``casework.tasks.send_notifications`` (50 per message); the sweep also re-queues any not sent a minute
after creation.

Many at once: a person who would be told of more than ``ALERT_SUMMARY_OVER`` (30) new alerts of one level on
one case type in one sweep — go-live, or the first sweep after the workers were down — gets one summary
notification with the count and a link to the list instead (``Summaries``); the alerts are raised all the same.

Set-based: the assignees of every candidate are read once per sweep (one query per case type) and the
recipients' e-mail/SMS choices once (one query); then a batch of ``BATCH_SIZE`` alerts costs a fixed number
of statements whatever its size — one INSERT of the alerts, one INSERT of the notifications (and one of
summaries when some are due). The rows travel as one JSON parameter read
as a table by the database (``jsonb_array_elements`` on PostgreSQL, ``json_each`` on SQLite), so there
are no model instances and no per-row parameters; texts are formatted from phrases translated once per
sweep, working days are counted once per (due date, jurisdiction), and a case's link is built from its
pk (``_url_of_pk``) without reading the case.

Moved and stopped deadlines: only ``status=open`` deadlines are read, so met, cancelled and paused
(suspended, 中止) ones never alert. An approved extension or a resumption moves ``due_on``, and the due
date is part of the alert's key, so the new date alerts afresh when its time comes.
"""

import json
import logging
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.calendar.workdays import (
    ONE_DAY,
    WorkCalendar,
    add_working_days,
    calendar_scope,
    get_calendar,
    working_days_between,
)
from casework.case_types import case_models
from casework.models import AlertLevel, Deadline, DeadlineAlert, Jurisdiction, Notification
from casework.services import alert_recipients as who
from casework.services.json_rows import json_item, json_row_number, json_rows

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000  # alerts claimed per transaction (a fixed number of statements each)
SEND_BATCH = 50  # notifications per send task
REDISPATCH_AFTER = timedelta(minutes=1)
REDISPATCH_BATCH = 500


@dataclass(frozen=True)
class Boundaries:
    """The due dates that mark each level on ``today`` in one jurisdiction's working-day calendar."""

    today: date
    soon_until: date  # the latest due date with at most N working days left
    escalate_until: date  # the latest due date at least M working days overdue


def boundaries_for(
    today: date, jurisdiction_id, *, soon_days: int, escalate_days: int, calendar: WorkCalendar | None = None
) -> Boundaries:
    """Date boundaries consistent with ``working_days_between``:

    ``due_on <= soon_until``     ⇔ ``working_days_between(today, due_on) <= soon_days``;
    ``due_on <= escalate_until`` ⇔ ``working_days_between(due_on, today) >= escalate_days``.
    """
    calendar = calendar or get_calendar()
    soon_until = add_working_days(today, soon_days + 1, jurisdiction_id, calendar=calendar) - ONE_DAY
    counted, day = 0, today
    while counted < max(escalate_days, 1):
        if calendar.is_working_day(day, jurisdiction_id):
            counted += 1
        day -= ONE_DAY
    return Boundaries(today=today, soon_until=soon_until, escalate_until=day)


def open_case_filter() -> Q | None:
    """Deadlines that belong to a case of any type that is still in an open state (one subquery each)."""
    q = None
    for model in case_models():
        manager = model._default_manager
        if model.OPEN_STATES:
            open_cases = manager.filter(state__in=list(model.OPEN_STATES))
        else:  # a case type without declared open states: open until closed
            open_cases = manager.filter(closed_at__isnull=True)
        part = Q(content_type=ContentType.objects.get_for_model(model), object_id__in=open_cases.values("pk"))
        q = part if q is None else q | part
    return q


def _level_filters(today: date, groups: dict[Boundaries, list[int]]) -> dict[str, Q]:
    soon, escalated = Q(pk__in=[]), Q(pk__in=[])
    for bounds, jurisdiction_ids in groups.items():
        soon |= Q(jurisdiction_id__in=jurisdiction_ids, due_on__gt=today, due_on__lte=bounds.soon_until)
        escalated |= Q(jurisdiction_id__in=jurisdiction_ids, due_on__lte=bounds.escalate_until)
    return {
        AlertLevel.DUE_SOON: soon,
        AlertLevel.DUE_TODAY: Q(due_on=today),
        AlertLevel.OVERDUE: Q(due_on__lt=today),
        AlertLevel.ESCALATED: escalated,
    }


class Candidate(NamedTuple):
    """One alert the sweep may raise: a running deadline and the level it has reached (no model instance)."""

    deadline_id: int
    level: str
    due_on: date
    content_type_id: int
    object_id: int
    case_number: str
    jurisdiction_id: int
    title: str
    article: str


_CANDIDATE_FIELDS = (
    "pk",
    "due_on",
    "content_type_id",
    "object_id",
    "case_number",
    "jurisdiction_id",
    "title",
    "article",
)


def candidates(*, today: date, soon_days: int, escalate_days: int) -> list[Candidate]:
    """The alerts due on ``today`` and not raised yet — one per deadline, the highest level it has reached —
    ordered by deadline id (one query)."""
    open_cases = open_case_filter()
    if open_cases is None:
        return []
    calendar = get_calendar()
    groups: dict[Boundaries, list[int]] = defaultdict(list)
    for jurisdiction_id in Jurisdiction.objects.values_list("id", flat=True):
        bounds = boundaries_for(
            today, jurisdiction_id, soon_days=soon_days, escalate_days=escalate_days, calendar=calendar
        )
        groups[bounds].append(jurisdiction_id)
    if not groups:
        return []
    # The highest level each deadline has reached (the first condition that holds, highest level first) …
    filters = _level_filters(today, groups)
    highest_first = list(reversed(AlertLevel.values))
    rank = {level: i for i, level in enumerate(AlertLevel.values)}
    reached = Case(
        *(When(filters[level], then=Value(rank[level])) for level in highest_first),
        output_field=IntegerField(),
    )
    # … unless an alert of that level or a higher one was raised for the same due date (an escalated
    # deadline is never told "overdue" after).
    alert_rank = Case(
        *(When(level=level, then=Value(i)) for level, i in rank.items()), output_field=IntegerField()
    )
    raised = DeadlineAlert.objects.filter(
        GreaterThanOrEqual(alert_rank, OuterRef("reached")),
        deadline=OuterRef("pk"),
        due_on=OuterRef("due_on"),
    )
    latest_due = max(bounds.soon_until for bounds in groups)  # every level is due by then: an index range
    rows = (
        Deadline.objects.filter(status=Deadline.Status.OPEN, due_on__lte=latest_due)
        .filter(open_cases)
        .annotate(reached=reached)
        .filter(reached__isnull=False)
        .filter(~Exists(raised))
        .order_by("pk")
        .values_list("reached", *_CANDIDATE_FIELDS)
    )
    levels = AlertLevel.values
    return [Candidate(pk, levels[reached], *rest) for reached, pk, *rest in rows]


# --- texts ------------------------------------------------------------------------------------------
class AlertTexts:
    """Titles and bodies of alert notifications, for one sweep.

    The translated phrases are looked up once, and the working days left or late are counted once per
    (due date, today, jurisdiction): many deadlines share a due date.
    """

    def __init__(self, today: date, calendar: WorkCalendar):
        self.today = today
        self.calendar = calendar
        self.day_counts: dict[tuple[date, date, int], int] = {}
        self.phrase = _("%(number)s的%(title)s")
        self.article = _("（依据：%(article)s）")
        self.titles = {
            AlertLevel.DUE_SOON: _("期限即将届满：%(s)s"),
            AlertLevel.DUE_TODAY: _("今日到期：%(s)s"),
            AlertLevel.OVERDUE: _("已超期：%(s)s"),
            AlertLevel.ESCALATED: _("超期督办：%(s)s"),
        }
        self.bodies = {
            AlertLevel.DUE_SOON: _("%(type)s%(s)s将于%(due)s届满，还剩%(n)d个工作日，请及时办理。"),
            AlertLevel.DUE_TODAY: _("%(type)s%(s)s今日（%(due)s）届满，请在今日内办结。"),
            AlertLevel.OVERDUE: _(
                "%(type)s%(s)s已于%(due)s届满，已超期%(n)d个工作日，请立即处理；已同时告知负责人。"
            ),
            AlertLevel.ESCALATED: _("%(type)s%(s)s已于%(due)s届满，已超期%(n)d个工作日，已报局领导督办。"),
        }

        self.summary_title = _("%(level)s（汇总）：%(type)s%(n)d件")
        self.summary_body = _(
            "%(date)s的期限检查发现您有%(n)d件%(type)s%(level)s。件数较多，逐件提醒已合并为本条，"
            "请打开链接在案件列表中逐件处理。"
        )

    def summary(self, level: str, type_label: str, n: int) -> tuple[str, str]:
        """Title and body of a summary notification: ``n`` new alerts of ``level`` on cases of one type."""
        values = {
            "level": AlertLevel(level).label,
            "type": type_label,
            "n": n,
            "date": f"{self.today.year}年{self.today.month}月{self.today.day}日",
        }
        return self.summary_title % values, self.summary_body % values

    def working_days(self, a: date, b: date, jurisdiction_id: int) -> int:
        key = (a, b, jurisdiction_id)
        if key not in self.day_counts:
            self.day_counts[key] = working_days_between(a, b, jurisdiction_id, calendar=self.calendar)
        return self.day_counts[key]

    def __call__(self, c: Candidate, type_label: str) -> tuple[str, str]:
        due = c.due_on
        if c.level == AlertLevel.DUE_SOON:
            n = self.working_days(self.today, due, c.jurisdiction_id)
        elif c.level == AlertLevel.DUE_TODAY:
            n = 0
        else:
            n = self.working_days(due, self.today, c.jurisdiction_id)
        title = self.titles[c.level] % {"s": f"{c.case_number} {c.title}"}
        body = self.bodies[c.level] % {
            "type": type_label,
            "s": self.phrase % {"number": c.case_number, "title": c.title},
            "due": f"{due.year}年{due.month}月{due.day}日",
            "n": n,
        }
        if c.article:
            body += self.article % {"article": c.article}
        return title, body


# --- the sweep --------------------------------------------------------------------------------------
@dataclass
class SweepResult:
    today: date
    candidates: int = 0
    alerts: dict[str, int] = field(default_factory=dict)
    notifications: int = 0
    redispatched: int = 0

    def as_dict(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "candidates": self.candidates,
            "alerts": dict(self.alerts),
            "notifications": self.notifications,
            "redispatched": self.redispatched,
        }


_URL_PROBES = (7_019_283_746_551, 8_120_394_857_662)


def _url_of_pk(model):
    """A function pk → ``get_absolute_url()`` that needs no case row, if the model's URL depends on the pk alone.

    Found by asking two unsaved instances with improbable pks; ``None`` when the URL depends on anything
    else (the sweep then loads the cases). A model without ``get_absolute_url`` links nowhere ("").
    """
    if not hasattr(model, "get_absolute_url"):
        return lambda pk: ""
    try:
        urls = [model(pk=probe).get_absolute_url() for probe in _URL_PROBES]
    except Exception:
        return None
    shapes = {url.replace(str(probe), "{pk}") for url, probe in zip(urls, _URL_PROBES, strict=True)}
    if len(shapes) != 1 or urls[0].count(str(_URL_PROBES[0])) != 1:
        return None
    prefix, suffix = urls[0].split(str(_URL_PROBES[0]))
    return lambda pk: f"{prefix}{pk}{suffix}"


class CaseTypes:
    """What the sweep needs of each case model, by content type: label, head roles, URL of a case."""

    def __init__(self):
        self.models, self.labels, self.head_roles, self.urls = {}, {}, {}, {}
        for model in case_models():
            ct_id = ContentType.objects.get_for_model(model).pk
            self.models[ct_id] = model
            self.labels[ct_id] = str(getattr(model, "TYPE_LABEL", ""))
            self.head_roles[ct_id] = who.head_roles_for(model)
            self.urls[ct_id] = _url_of_pk(model)

    def case_urls(self, ct_id: int, ids) -> dict[int, str]:
        """URL of each case (no query unless the model's URL depends on more than the pk)."""
        model, url_of = self.models.get(ct_id), self.urls.get(ct_id)
        if model is None:
            return {}
        if url_of is not None:
            return {pk: url_of(pk) for pk in ids}
        return {pk: case.get_absolute_url() for pk, case in model._default_manager.in_bulk(list(ids)).items()}


class Recipients:
    """Who is told of each alert: assignees read once per sweep (one query per case type), heads and
    directors from the staff directory, e-mail/SMS choices once per user."""

    def __init__(self, staff: "who.StaffDirectory", case_types: CaseTypes, found: list[Candidate]):
        self.staff = staff
        self.case_types = case_types
        self._heads: dict[tuple[int, int], frozenset[int]] = {}
        self._directors: dict[int, frozenset[int]] = {}
        self.channels: dict[int, tuple[bool, bool]] = {}  # user → (e-mail?, SMS?), remembered for the sweep
        ids_by_ct: dict[int, set[int]] = defaultdict(set)
        for c in found:
            ids_by_ct[c.content_type_id].add(c.object_id)
        self.assignees = {
            ct_id: {case_id: frozenset(users) for case_id, users in who.assignees_by_case(model, ids).items()}
            for ct_id, ids in ids_by_ct.items()
            if (model := case_types.models.get(ct_id)) is not None
        }
        # One tuple per distinct audience: cases share their assignees, heads and directors.
        self._audiences: dict[tuple, tuple[int, ...]] = {}

    def heads(self, ct_id: int, jurisdiction_id: int) -> frozenset[int]:
        key = (ct_id, jurisdiction_id)
        if key not in self._heads:
            self._heads[key] = frozenset(self.staff.heads(jurisdiction_id, self.case_types.head_roles[ct_id]))
        return self._heads[key]

    def directors(self, jurisdiction_id: int) -> frozenset[int]:
        if jurisdiction_id not in self._directors:
            self._directors[jurisdiction_id] = frozenset(self.staff.directors(jurisdiction_id))
        return self._directors[jurisdiction_id]

    def assigned(self, c: Candidate) -> frozenset[int]:
        return self.assignees.get(c.content_type_id, {}).get(c.object_id, frozenset())

    def of(self, found: list[Candidate]) -> list[tuple[int, ...]]:
        """The recipients of each candidate, in order, and their e-mail/SMS choices (one query)."""
        out = []
        for c in found:
            assigned = self.assigned(c)
            key = (c.content_type_id, c.jurisdiction_id, c.level, assigned)
            users = self._audiences.get(key)
            if users is None:
                heads = self.heads(c.content_type_id, c.jurisdiction_id)
                if c.level in (AlertLevel.DUE_SOON, AlertLevel.DUE_TODAY):
                    chosen = assigned or heads
                else:
                    chosen = heads | assigned
                    if c.level == AlertLevel.ESCALATED:
                        chosen |= self.directors(c.jurisdiction_id)
                users = self._audiences[key] = tuple(sorted(chosen))
            out.append(users)
        self._load_channels({u for users in self._audiences.values() for u in users})
        return out

    def _load_channels(self, user_ids: set[int]) -> None:
        """(e-mail?, SMS?) per user, from their address and preferences (one query for users not seen yet)."""
        from casework.models import User

        missing = user_ids - self.channels.keys()
        if not missing:
            return
        rows = User.objects.filter(pk__in=missing).values_list(
            "pk",
            "email",
            "notification_preference__email_enabled",
            "notification_preference__sms_enabled",
            "notification_preference__mobile",
        )
        for pk, email, email_on, sms_on, mobile in rows:
            self.channels[pk] = (bool(email) and email_on is not False, bool(sms_on and mobile))


class Summaries:
    """Who gets one summary instead of a notification per alert, in this sweep.

    A person who would be told of more than ``ALERT_SUMMARY_OVER`` new alerts of one level on one case type in
    one sweep — the first sweep after go-live, or after the workers were down — gets one notification saying how
    many, linking to that type's list (overdue cases, their own when they are the assignee of every one), and one
    e-mail/SMS instead of hundreds. The alerts are raised all the same (exactly once); a normal day, with a few
    deadlines crossing a level, is told alert by alert. The summary is written in the transaction of the first
    batch that claims one of its alerts, with the count this sweep found.
    """

    def __init__(
        self, found: list[Candidate], told: list[tuple[int, ...]], recipients: Recipients, *, over: int
    ):
        groups: Counter = Counter(
            (c.content_type_id, c.level, users, recipients.assigned(c))
            for c, users in zip(found, told, strict=True)
        )
        counts: Counter = Counter()
        self.not_assignee: set[tuple[int, int, str]] = set()
        for (ct_id, level, users, assigned), n in groups.items():
            for user_id in users:
                counts[(user_id, ct_id, level)] += n
                if user_id not in assigned:
                    self.not_assignee.add((user_id, ct_id, level))
        self.counts = {key: n for key, n in counts.items() if n > over}
        self.written: set[tuple[int, int, str]] = set()
        self._splits: dict[tuple, tuple[tuple[int, ...], tuple]] = {}

    def split(self, c: Candidate, users: tuple[int, ...]) -> tuple[tuple[int, ...], tuple]:
        """``users`` as (told of this alert on its own, summary keys (user, content type, level) of the rest)."""
        key = (c.content_type_id, c.level, users)
        if key not in self._splits:
            one_by_one, summarised = [], []
            for user_id in users:
                summary = (user_id, c.content_type_id, c.level)
                if summary in self.counts:
                    summarised.append(summary)
                else:
                    one_by_one.append(user_id)
            self._splits[key] = (tuple(one_by_one), tuple(summarised))
        return self._splits[key]

    def insert(self, keys, *, case_types: "CaseTypes", recipients: "Recipients", texts: "AlertTexts", now):
        """Create the summaries ``keys`` (user, content type, level); returns (id, waits for e-mail/SMS?) each."""
        sms_levels = set(settings.ALERT_SMS_LEVELS)
        rows = []
        for user_id, ct_id, level in keys:
            model = case_types.models[ct_id]
            title, body = texts.summary(
                level, case_types.labels.get(ct_id, ""), self.counts[(user_id, ct_id, level)]
            )
            email, sms = recipients.channels.get(user_id, (False, False))
            sms = sms and level in sms_levels
            url = model.staff_list_url(
                overdue=level in (AlertLevel.OVERDUE, AlertLevel.ESCALATED),
                mine=(user_id, ct_id, level) not in self.not_assignee,
            )
            rows.append(
                Notification(
                    recipient_id=user_id,
                    kind=Notification.Kind.SUMMARY,
                    level=level,
                    title=title[:200],
                    body=body,
                    url=url[:300],
                    created_at=now,
                    email=email,
                    sms=sms,
                    dispatched_at=None if email or sms else now,
                )
            )
        created = Notification.objects.bulk_create(rows)
        self.written.update(keys)
        return [(n.pk, n.dispatched_at is None) for n in created]


# --- set-based inserts (rows as one JSON parameter: casework.services.json_rows) ------------------------
def _db_value(model, name: str, value):
    return model._meta.get_field(name).get_db_prep_save(value, connection)


def _column_list(model, names) -> str:
    qn = connection.ops.quote_name
    return ", ".join(qn(model._meta.get_field(name).column) for name in names)


def _constant_columns(model, *, per_row, given: dict) -> tuple[list[str], list]:
    """The columns of ``model`` that are the same on every row: ``given`` values, else the field's default."""
    names, values = [], []
    for f in model._meta.concrete_fields:
        if f.primary_key or f.name in per_row:
            continue
        names.append(f.name)
        value = given[f.name] if f.name in given else f.get_default()
        values.append(f.get_db_prep_save(value, connection))
    return names, values


def insert_alerts(batch: list[Candidate], *, today: date, now: datetime, token: uuid.UUID) -> dict:
    """INSERT the batch's alerts, skipping those already raised (unique constraint); one statement.

    Returns ``{(deadline_id, level): alert_id}`` for the rows this sweep inserted — the alerts it claimed.
    A concurrent sweep inserting the same key waits for the first to commit and then skips it.
    """
    per_row = ["deadline", "level", "due_on", "content_type", "object_id", "case_number"]
    types = ["bigint", "text", "date", "integer", "bigint", "text"]
    fixed, fixed_values = _constant_columns(
        DeadlineAlert, per_row=per_row, given={"raised_on": today, "sweep": token, "created_at": now}
    )
    rows = [
        [c.deadline_id, c.level, c.due_on.isoformat(), c.content_type_id, c.object_id, c.case_number]
        for c in batch
    ]
    table = connection.ops.quote_name(DeadlineAlert._meta.db_table)
    sql = (
        f"INSERT INTO {table} ({_column_list(DeadlineAlert, per_row + fixed)}) "
        f"SELECT {', '.join(json_item('r', i, t) for i, t in enumerate(types))}, "
        f"{', '.join(['%s'] * len(fixed))} FROM {json_rows('r')} WHERE true "
        "ON CONFLICT DO NOTHING RETURNING "
        f"{_column_list(DeadlineAlert, ['id', 'deadline', 'level'])}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*fixed_values, json.dumps(rows, ensure_ascii=False)])
        return {(deadline_id, level): pk for pk, deadline_id, level in cursor.fetchall()}


def insert_notifications(
    recipients: list[list], texts: list[list], *, now: datetime
) -> list[tuple[int, bool]]:
    """INSERT the notifications of claimed alerts; one statement.

    ``recipients``: [user id, alert id, level, e-mail?, SMS?, index in ``texts``];
    ``texts``: [title, body, url] per alert. Returns (id, waits for e-mail/SMS?) per notification.
    """
    per_row = ["recipient", "alert", "level", "email", "sms"]
    types = ["bigint", "bigint", "text", "boolean", "boolean"]
    text_fields = ["title", "body", "url"]
    fixed, fixed_values = _constant_columns(
        Notification,
        per_row=[*per_row, *text_fields, "dispatched_at"],
        given={"kind": Notification.Kind.DEADLINE, "created_at": now},
    )
    now_value = _db_value(Notification, "dispatched_at", now)
    email, sms = json_item("r", 3, "boolean"), json_item("r", 4, "boolean")
    table = connection.ops.quote_name(Notification._meta.db_table)
    sql = (
        f"INSERT INTO {table} ({_column_list(Notification, per_row + text_fields + fixed + ['dispatched_at'])}) "
        f"SELECT {', '.join(json_item('r', i, t) for i, t in enumerate(types))}, "
        f"{', '.join(json_item('t', i, 'text') for i in range(len(text_fields)))}, "
        f"{', '.join(['%s'] * len(fixed))}, "
        f"CASE WHEN {email} OR {sms} THEN NULL ELSE %s END "
        f"FROM {json_rows('r')} JOIN {json_rows('t', numbered=True)} "
        f"ON {json_row_number('t')} = {json_item('r', 5, 'integer')} "
        f"WHERE true RETURNING {_column_list(Notification, ['id', 'dispatched_at'])}"
    )
    params = [
        *fixed_values,
        now_value,
        json.dumps(recipients, ensure_ascii=False),
        json.dumps(texts, ensure_ascii=False),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(pk, dispatched_at is None) for pk, dispatched_at in cursor.fetchall()]


def _claim_batch(
    batch: list[Candidate],
    told: list[tuple[int, ...]],
    *,
    now: datetime,
    token: uuid.UUID,
    case_types: CaseTypes,
    recipients: Recipients,
    summaries: Summaries,
    texts: AlertTexts,
    result: SweepResult,
) -> None:
    """Claim one batch of alerts and create their notifications, in one transaction.

    ``told``: the recipients of each candidate of ``batch``. A fixed number of queries whatever the batch's
    size: the alerts' INSERT, the notifications' INSERT, the summaries' INSERT when one is due — and, only for
    a case model whose URL depends on more than its pk, its cases.
    """
    sms_levels = set(settings.ALERT_SMS_LEVELS)
    with transaction.atomic():
        claimed_ids = insert_alerts(batch, today=texts.today, now=now, token=token)
        claimed = [
            (c, users)
            for c, users in zip(batch, told, strict=True)
            if (c.deadline_id, c.level) in claimed_ids
        ]
        if not claimed:
            return
        ids_by_ct: dict[int, set[int]] = defaultdict(set)
        for c, _users in claimed:
            ids_by_ct[c.content_type_id].add(c.object_id)
        urls = {ct_id: case_types.case_urls(ct_id, ids) for ct_id, ids in ids_by_ct.items()}
        notification_rows, text_rows, nobody, new_summaries = [], [], [], {}
        for c, users in claimed:
            alert_id = claimed_ids[(c.deadline_id, c.level)]
            result.alerts[c.level] = result.alerts.get(c.level, 0) + 1
            if not users:
                nobody.append(alert_id)
                continue
            one_by_one, summarised = summaries.split(c, users)
            for key in summarised:
                if key not in summaries.written:
                    new_summaries[key] = None
            if not one_by_one:
                continue
            title, body = texts(c, case_types.labels.get(c.content_type_id, ""))
            url = urls.get(c.content_type_id, {}).get(c.object_id, "")
            index = len(text_rows)
            text_rows.append([title[:200], body, url[:300]])
            for user_id in one_by_one:
                email, sms = recipients.channels.get(user_id, (False, False))
                notification_rows.append(
                    [user_id, alert_id, c.level, email, sms and c.level in sms_levels, index]
                )
        if nobody:
            # One line per batch: a warning per alert (formatting each alert's label) was a third of the
            # sweep's time when a jurisdiction had no staff (docs/performance.md).
            logger.warning("%d alert(s): each has nobody to tell (ids %s…)", len(nobody), nobody[:20])
        created = insert_notifications(notification_rows, text_rows, now=now) if notification_rows else []
        if new_summaries:
            created += summaries.insert(
                list(new_summaries), case_types=case_types, recipients=recipients, texts=texts, now=now
            )
        to_send = [pk for pk, waiting in created if waiting]
        result.notifications += len(created)
        if to_send:
            transaction.on_commit(lambda: enqueue_delivery(to_send))


def sweep(
    *,
    today: date | None = None,
    now: datetime | None = None,
    soon_days: int | None = None,
    escalate_days: int | None = None,
) -> SweepResult:
    """Raise every alert due on ``today`` that has not been raised yet (safe to run concurrently)."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    soon_days = settings.ALERT_DUE_SOON_WORKING_DAYS if soon_days is None else soon_days
    escalate_days = settings.ALERT_ESCALATE_WORKING_DAYS if escalate_days is None else escalate_days
    result = SweepResult(today=today)
    token = uuid.uuid4()
    with calendar_scope():
        found = candidates(today=today, soon_days=soon_days, escalate_days=escalate_days)
        result.candidates = len(found)
        if found:
            case_types = CaseTypes()
            staff = who.StaffDirectory.load(who.all_head_roles(case_types.models.values()))
            recipients = Recipients(staff, case_types, found)
            told = recipients.of(found)
            summaries = Summaries(found, told, recipients, over=settings.ALERT_SUMMARY_OVER)
            texts = AlertTexts(today, get_calendar())
            for start in range(0, len(found), BATCH_SIZE):
                _claim_batch(
                    found[start : start + BATCH_SIZE],
                    told[start : start + BATCH_SIZE],
                    now=now,
                    token=token,
                    case_types=case_types,
                    recipients=recipients,
                    summaries=summaries,
                    texts=texts,
                    result=result,
                )
    result.redispatched = redispatch_undelivered(now=now)
    logger.info("deadline sweep %s: %s", today, result.as_dict())
    return result


# --- delivery queue ---------------------------------------------------------------------------------
def enqueue_delivery(notification_ids) -> None:
    """Queue the sending, SEND_BATCH notifications per message; a lost message is re-queued by the next sweep.

    Batches keep a backlog (the first sweep after go-live, a broker outage) to a few hundred messages
    instead of one per person; several workers still share the work batch by batch.
    """
    from casework.tasks import send_notifications

    ids = list(notification_ids)
    for start in range(0, len(ids), SEND_BATCH):
        chunk = ids[start : start + SEND_BATCH]
        try:
            send_notifications.delay(chunk)
        except Exception:  # broker down: the sweep re-dispatches undelivered notifications
            logger.exception("could not queue %d notifications; the next sweep will retry", len(chunk))


def redispatch_undelivered(*, now: datetime | None = None) -> int:
    """Re-queue notifications still not sent a minute after creation whose sender is not at work."""
    from casework.services.notifications import DISPATCH_LEASE, MAX_DISPATCH_ATTEMPTS

    now = now or timezone.now()
    ids = list(
        Notification.objects.filter(
            dispatched_at__isnull=True,
            created_at__lt=now - REDISPATCH_AFTER,
            dispatch_attempts__lt=MAX_DISPATCH_ATTEMPTS,
        )
        .filter(Q(dispatch_claimed_at__isnull=True) | Q(dispatch_claimed_at__lt=now - DISPATCH_LEASE))
        .order_by("created_at")
        .values_list("pk", flat=True)[:REDISPATCH_BATCH]
    )
    if ids:
        transaction.on_commit(lambda: enqueue_delivery(ids))
    return len(ids)
