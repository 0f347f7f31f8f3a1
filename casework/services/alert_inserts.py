"""The sweep's set-based inserts: a batch of alerts, or of notifications, in one statement whatever its size — the
rows travel as one JSON parameter read as a table (``casework.services.json_rows``)."""

import json
import uuid
from datetime import date, datetime

from django.db import connection

from casework.models import DeadlineAlert, Notification
from casework.services.alert_candidates import Candidate
from casework.services.json_rows import json_item, json_row_number, json_rows


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
