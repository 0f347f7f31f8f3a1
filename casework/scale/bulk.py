"""What makes a large load fast and undoable: dropping and rebuilding indexes (PostgreSQL, empty tables),
pausing the statistics change triggers, and ``--reset`` (deleting the scale rows only)."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from casework.models import Deadline, DeadlineAlert, Employer, Notification, Person, TransitionLog, User
from casework.scale import ACTOR, MARK, USER_PREFIX
from casework.statistics import versions as statistics_versions


# PostgreSQL's advice for bulk loads ("Populating a Database"): without the secondary indexes and the
# foreign-key triggers COPY only appends; each index is then built in one sort and each foreign key
# checked in one join when they are put back.
def drop_indexes(tables: list[str]) -> list[str]:
    """Drop the non-unique secondary indexes and the foreign keys of ``tables``.

    Returns the statements that put them back (printed with ``-v 2`` by the command, to run by hand should
    the process be killed before ``recreate_indexes``).
    """
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
    return restore


def recreate_indexes(restore: list[str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for statement in restore:
            cursor.execute(statement)


def pause_statistics_triggers(case_models) -> list[str]:
    """The statistics cache's change trigger (casework/statistics/versions.py) would log one row per closed
    case loaded: it is told to record nothing in this session, and one bulk change per table is noted
    instead (``resume_statistics_triggers``). PostgreSQL only (elsewhere: nothing to pause)."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, 'on', false)", [statistics_versions.BULK_LOAD_SETTING])
    return [model._meta.db_table for model in case_models]


def resume_statistics_triggers(paused: list[str]) -> None:
    if not paused:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, 'off', false)", [statistics_versions.BULK_LOAD_SETTING])
    for table in paused:
        statistics_versions.note_bulk_change(table)
    # the monthly roll-up saw none of the rows loaded: recomputed from them (casework.statistics.rollup)
    from casework.statistics import rollup

    rollup.rebuild([s for s in rollup.rolled_series() if s.model._meta.db_table in paused])


def _case_key(model, case_model) -> str:
    """The name of ``model``'s foreign key to ``case_model`` (a child row or a many-to-many row)."""
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is case_model:
            return field.name
    raise LookupError(f"{model._meta.label} has no foreign key to {case_model._meta.label}")


def _delete_cases(model, seed) -> None:
    ct = ContentType.objects.get_for_model(model)
    ids = TransitionLog.objects.filter(content_type=ct, actor_name=ACTOR, transition="register").values(
        "object_id"
    )
    alerts = DeadlineAlert.objects.filter(content_type=ct, object_id__in=ids)
    Notification.objects.filter(alert__in=alerts)._raw_delete(connection.alias)
    alerts._raw_delete(connection.alias)
    Deadline.objects.filter(content_type=ct, object_id__in=ids)._raw_delete(connection.alias)
    assignees = model._meta.get_field("assignees").remote_field.through
    for child in (*reversed(seed.children), assignees):
        child.objects.filter(**{f"{_case_key(child, model)}__in": ids})._raw_delete(connection.alias)
    # Anything else attached to a scale case (a bench's grants, tribunals…) goes the ORM way.
    model.objects.filter(id__in=ids).delete()


def delete_scale_rows(seeds) -> None:
    """``--reset``: every scale case of each (model, seed), their rows, the scale parties and staff."""
    paused = pause_statistics_triggers([model for model, _seed in seeds])  # one change per case otherwise
    try:
        with transaction.atomic():
            for model, seed in seeds:
                _delete_cases(model, seed)
            TransitionLog.objects.filter(actor_name=ACTOR)._raw_delete(connection.alias)
            Person.objects.filter(name__startswith=MARK).delete()
            Employer.objects.filter(name__startswith=MARK).delete()
            User.objects.filter(username__startswith=USER_PREFIX).delete()
    finally:
        resume_statistics_triggers(paused)
