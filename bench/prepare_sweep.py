"""Turn a seeded scale database into the overdue sweep's worst realistic day (PostgreSQL only; re-runnable).

    createdb -h 127.0.0.1 -U postgres -T scale_base100k scale_sweep
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale_sweep python bench/prepare_sweep.py --open 100000
    DATABASE_URL=… python bench/run.py --only sweep

``seed_scale`` leaves about 12 % of the cases open and creates no staff, so the sweep it measures has nobody to
notify. This script:

1. re-opens closed cases (the most recent first, every case type in its seeded share) until ``--open`` cases are
   open, each with one running ``Deadline`` due between 30 days ago and 60 days ahead (spread by case id, so the
   same database always gives the same mix: about a third overdue) and ``next_due`` set to it;
2. creates the staff of every county-level unit — ``--inspectors`` inspectors, an inspection head, an arbitration
   chair, arbitrators and mediators — and two directors at 州本级, with e-mail addresses; heads and directors
   also want SMS (a ``NotificationPreference`` with a mobile number);
3. assigns every open case past its first state to its county's staff (complaints: two inspectors; arrears: one
   inspector; arbitration: one arbitrator; mediation: one mediator), the way the services would;
4. with ``--clear-alerts``, deletes every deadline alert and deadline notification, so the next sweep is cold.

Users are named ``sweep_…`` and have no usable password. Nothing here is used by the application.
"""

import argparse
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import setup  # noqa: E402

setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from arbitration.models import ArbitrationCase, MediationCase  # noqa: E402
from arrears.models import ArrearsCase  # noqa: E402
from casework.inspection.models import Complaint  # noqa: E402
from casework.models import (  # noqa: E402
    DeadlineAlert,
    Jurisdiction,
    Notification,
    NotificationPreference,
    User,
)
from casework.roles import Role  # noqa: E402

# (model, share of the re-opened cases, open states to spread them over, first states (nobody assigned yet),
#  deadline rule, (assignee role, assignees per case))
PLAN = [
    (
        Complaint,
        0.40,
        ["registered", "accepted", "filed", "investigating", "rectification_ordered"],
        ["registered"],
        "inspection.investigate",
        (Role.INSPECTOR, 2),
    ),
    (
        ArbitrationCase,
        0.35,
        ["applied", "accepted", "served", "tribunal_formed", "hearing_scheduled", "heard"],
        ["applied"],
        "arbitration.award",
        (Role.ARBITRATOR, 1),
    ),
    (
        MediationCase,
        0.15,
        ["applied", "accepted", "in_session"],
        ["applied"],
        "mediation.settle",
        (Role.MEDIATOR, 1),
    ),
    (
        ArrearsCase,
        0.10,
        ["open", "payment_ordered", "partially_recovered"],
        ["open"],
        "arrears.payment_order",
        (Role.INSPECTOR, 1),
    ),
]
PREFIX = "sweep_"


def open_count(model) -> int:
    return model.objects.filter(state__in=list(model.OPEN_STATES)).count()


def _reopen(cursor, plan, count: int, *, today, now) -> int:
    model, _share, states, _first, rule, _assign = plan
    table = model._meta.db_table
    ct = ContentType.objects.get_for_model(model).pk
    started = time.perf_counter()
    # Most recent closed cases first; state and due date spread by id (deterministic).
    cursor.execute(
        f"""
        WITH picked AS (
            SELECT id FROM {table} WHERE NOT (state = ANY(%(open)s)) ORDER BY id DESC LIMIT %(count)s
        )
        UPDATE {table} c SET
            state = (%(states)s::text[])[1 + (c.id %% %(n)s)],
            closed_at = NULL,
            next_due = %(today)s::date + ((c.id * 7919) %% 90 - 30)::int
        FROM picked WHERE c.id = picked.id
        RETURNING c.id
        """,
        {"open": list(model.OPEN_STATES), "count": count, "states": states, "n": len(states), "today": today},
    )
    ids = [row[0] for row in cursor.fetchall()]
    cursor.execute(
        f"""
        INSERT INTO casework_deadline (
            content_type_id, object_id, case_number, jurisdiction_id, green_channel, rule, title, article,
            started_on, due_on, provisional, extensions, paused_days, status, created_at, updated_at
        )
        SELECT %(ct)s, c.id, c.number, c.jurisdiction_id, c.green_channel, %(rule)s, '办案期限', '',
               c.next_due - 60, c.next_due, false, 0, 0, 'open', %(now)s, %(now)s
        FROM {table} c WHERE c.id = ANY(%(ids)s)
        ON CONFLICT DO NOTHING
        """,
        {"ct": ct, "rule": rule, "ids": ids, "now": now},
    )
    print(
        f"  {model.__name__}: re-opened {len(ids):,}, {cursor.rowcount:,} deadlines"
        f" ({time.perf_counter() - started:.1f} s)",
        flush=True,
    )
    return len(ids)


def reopen(target: int) -> None:
    """Re-open closed cases in each type's share; a type that runs out of closed cases leaves it to the next."""
    total_open = sum(open_count(p[0]) for p in PLAN)
    missing = target - total_open
    print(f"open cases: {total_open:,}; re-opening {max(missing, 0):,}", flush=True)
    if missing <= 0:
        return
    today, now = timezone.localdate(), timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        shortfall = 0
        for plan in PLAN:
            wanted = round(missing * plan[1]) + shortfall
            shortfall = wanted - _reopen(cursor, plan, wanted, today=today, now=now)
        for plan in PLAN:
            if shortfall <= 0:
                break
            shortfall -= _reopen(cursor, plan, shortfall, today=today, now=now)


def _user(username: str, role: Role, jurisdiction, *, sms: bool, serial: int) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": f"巡检{serial:03d}",
            "email": f"{username}@rsj.xxz.example",
            "is_active": True,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=role.label))
        user.jurisdictions.add(jurisdiction)
        if sms:
            NotificationPreference.objects.create(user=user, sms_enabled=True, mobile=f"139{serial:08d}")
    return user


def staff(inspectors: int, arbitrators: int, mediators: int) -> dict[tuple[int, Role], list[int]]:
    """Role holders per county-level unit (and two directors at 州本级); ids by (jurisdiction, role)."""
    pool: dict[tuple[int, Role], list[int]] = {}
    serial = 0

    def add(jurisdiction, role, name, *, sms=False):
        nonlocal serial
        serial += 1
        user = _user(f"{PREFIX}{jurisdiction.code}_{name}", role, jurisdiction, sms=sms, serial=serial)
        pool.setdefault((jurisdiction.pk, role), []).append(user.pk)

    with transaction.atomic():
        for jurisdiction in Jurisdiction.objects.order_by("code"):
            if jurisdiction.level == Jurisdiction.Level.PREFECTURE:
                for i in (1, 2):
                    add(jurisdiction, Role.DIRECTOR, f"director{i}", sms=True)
                continue
            add(jurisdiction, Role.INSPECTION_HEAD, "inspection_head", sms=True)
            add(jurisdiction, Role.ARBITRATION_CHAIR, "arbitration_chair", sms=True)
            for i in range(1, inspectors + 1):
                add(jurisdiction, Role.INSPECTOR, f"inspector{i}")
            for i in range(1, arbitrators + 1):
                add(jurisdiction, Role.ARBITRATOR, f"arbitrator{i}")
            for i in range(1, mediators + 1):
                add(jurisdiction, Role.MEDIATOR, f"mediator{i}")
    print(f"staff: {sum(len(v) for v in pool.values())} users", flush=True)
    return pool


def assign(pool: dict[tuple[int, Role], list[int]]) -> None:
    """Assign every open case past its first state that has nobody assigned (one INSERT … SELECT per type)."""
    with transaction.atomic(), connection.cursor() as cursor:
        for model, _share, _states, first, _rule, (role, per_case) in PLAN:
            m2m = model._meta.get_field("assignees")
            through = m2m.remote_field.through._meta.db_table
            case_col, user_col = m2m.m2m_column_name(), m2m.m2m_reverse_name()
            jurisdictions = [jid for (jid, r) in pool if r == role]
            users = [pool[(jid, role)] for jid in jurisdictions]
            width = min(len(u) for u in users)
            open_states = [s for s in model.OPEN_STATES if s not in first]
            # staff(jurisdiction, slot, user): slot 0..width-1; a case takes slots id, id+1, … (mod width).
            cursor.execute(
                f"""
                WITH staff AS (
                    SELECT j.jid, s.slot - 1 AS slot, (%(users)s::bigint[])[j.ord][s.slot] AS user_id
                    FROM unnest(%(jurisdictions)s::bigint[]) WITH ORDINALITY AS j(jid, ord),
                         generate_series(1, %(width)s) AS s(slot)
                )
                INSERT INTO {through} ({case_col}, {user_col})
                SELECT c.id, staff.user_id
                FROM {model._meta.db_table} c
                JOIN generate_series(0, %(per_case)s - 1) AS k(k) ON true
                JOIN staff ON staff.jid = c.jurisdiction_id AND staff.slot = (c.id + k.k) %% %(width)s
                WHERE c.state = ANY(%(open)s)
                  AND NOT EXISTS (SELECT 1 FROM {through} t WHERE t.{case_col} = c.id)
                """,
                {
                    "users": [u[:width] for u in users],
                    "jurisdictions": jurisdictions,
                    "width": width,
                    "per_case": per_case,
                    "open": open_states,
                },
            )
            print(f"  {model.__name__}: {cursor.rowcount:,} assignments", flush=True)


def clear_alerts() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {Notification._meta.db_table} WHERE kind = %s", [Notification.Kind.DEADLINE]
        )
        notifications = cursor.rowcount
        cursor.execute(f"DELETE FROM {DeadlineAlert._meta.db_table}")
        alerts = cursor.rowcount
    print(f"cleared {alerts:,} alerts and {notifications:,} deadline notifications", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--open", type=int, default=100_000, help="open cases wanted (default 100,000)")
    parser.add_argument("--inspectors", type=int, default=6, help="inspectors per county (default 6)")
    parser.add_argument("--arbitrators", type=int, default=4, help="arbitrators per county (default 4)")
    parser.add_argument("--mediators", type=int, default=2, help="mediators per county (default 2)")
    parser.add_argument("--clear-alerts", action="store_true", help="delete all deadline alerts first")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/prepare_sweep.py needs PostgreSQL (set DATABASE_URL)")
    started = time.perf_counter()
    if args.clear_alerts:
        clear_alerts()
    reopen(args.open)
    assign(staff(args.inspectors, args.arbitrators, args.mediators))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    today = timezone.localdate()
    print(
        f"done in {time.perf_counter() - started:.1f} s: {sum(open_count(p[0]) for p in PLAN):,} open cases;"
        f" deadlines due {today - timedelta(days=30)} … {today + timedelta(days=59)}",
        flush=True,
    )


if __name__ == "__main__":
    main()
