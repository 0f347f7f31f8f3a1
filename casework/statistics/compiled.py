"""The dashboard's queries compiled to SQL once per process and key, then run as SQL.

Building and compiling the statistics querysets (unions of grouped counts with their conditions) cost the dashboard
more CPU than reading their rows back; their SQL depends only on the series, the period, the day and the scope,
all of which go into the key. ``fetch(key, build)`` compiles ``build()`` the first time a key is asked for and
runs the remembered SQL afterwards. Bounded: past ``MAX_ENTRIES`` keys the memory starts again.
"""

from collections.abc import Callable

from django.db import connection

MAX_ENTRIES = 512
_COMPILED: dict[tuple, tuple[str, tuple]] = {}


def scope_key(jurisdiction_ids) -> tuple | None:
    """A scope (jurisdiction ids, or None for all) as a key: the same ids in any order are the same scope."""
    return None if jurisdiction_ids is None else tuple(sorted(jurisdiction_ids))


def fetch(key: tuple, build: Callable) -> list[tuple]:
    """The rows (tuples, in the queryset's column order) of the queryset ``build()`` returns. ``key`` must name
    everything that queryset's SQL depends on (a series is a frozen dataclass: it compares by its definition)."""
    return fetch_sql(key, lambda: build().query.sql_with_params())


def fetch_sql(key: tuple, make: Callable) -> list[tuple]:
    """The rows of the SQL ``make()`` returns as ``(sql, params)``, made once per process and ``key``."""
    full = (connection.alias, *key)
    compiled = _COMPILED.get(full)
    if compiled is None:
        sql, params = make()
        if len(_COMPILED) >= MAX_ENTRIES:
            _COMPILED.clear()
        compiled = _COMPILED[full] = (sql, tuple(params))
    with connection.cursor() as cursor:
        cursor.execute(*compiled)
        return cursor.fetchall()
