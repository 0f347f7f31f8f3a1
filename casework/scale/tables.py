"""Rows of one table as tuples in column order, with ids handed out here; written in bulk."""

import json
from datetime import datetime

from django.db import connection, models
from django.db.models import Max


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

    def take_id(self) -> int:
        pk = self.next_id
        self.next_id += 1
        return pk

    def add(self, values: dict) -> int:
        pk = values.get("id")
        if pk is None:
            pk = values["id"] = self.take_id()
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


class Tables(dict):
    """Model → ``Table``, in the order they are written (parents before children)."""

    def __init__(self, models_in_order, now: datetime):
        super().__init__((model, Table(model, now)) for model in models_in_order)

    def flush(self) -> None:
        with connection.cursor() as cursor:
            for table in self.values():
                table.flush(cursor)
