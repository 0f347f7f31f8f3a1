"""A batch of rows as one JSON parameter read as a table by the database, for set-based statements.

``jsonb_array_elements`` on PostgreSQL, ``json_each`` on SQLite: one statement and one parameter whatever
the number of rows — no per-row parameters (SQLite caps their number), no model instances, no IN list
spelled out value by value. Used by the deadline sweep (``casework.services.alerts``).
"""

from django.db import connection


def json_rows(alias: str, *, numbered: bool = False) -> str:
    """FROM-clause item: the rows of the JSON array passed as the next ``%s`` parameter, as ``alias``."""
    if connection.vendor == "postgresql":
        if numbered:
            return f"jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS {alias}(value, n)"
        return f"jsonb_array_elements(%s::jsonb) AS {alias}"
    if connection.vendor == "sqlite":
        return f"json_each(%s) AS {alias}"
    raise NotImplementedError(f"JSON row sets are written for PostgreSQL and SQLite, not {connection.vendor}")


def json_item(alias: str, index: int, pg_type: str) -> str:
    """Item ``index`` of a row that is itself a JSON array, cast to ``pg_type`` on PostgreSQL."""
    if connection.vendor == "postgresql":
        return f"({alias}.value->>{index})::{pg_type}"
    return f"json_extract({alias}.value, '$[{index}]')"


def json_scalar(alias: str, pg_type: str) -> str:
    """A row that is a plain JSON value (a number, a string)."""
    if connection.vendor == "postgresql":
        return f"({alias}.value #>> '{{}}')::{pg_type}"
    return f"{alias}.value"


def json_row_number(alias: str) -> str:
    """The 0-based position of a row of a ``numbered`` row set."""
    return f"({alias}.n - 1)" if connection.vendor == "postgresql" else f"{alias}.key"


def id_set(ids) -> tuple[str, list]:
    """SQL and params of a subquery listing ``ids``, for ``field__in=RawSQL(*id_set(ids))``."""
    import json

    return f"SELECT {json_scalar('i', 'bigint')} FROM {json_rows('i')}", [json.dumps(sorted(ids))]
