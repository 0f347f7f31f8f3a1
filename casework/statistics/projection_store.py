"""The dashboard's year-end projection, computed off the page's request path and read with its time.

The projection (``casework.statistics.projection``: every open case, a year of closings, an exact interval
per jurisdiction) is the dearest thing the dashboard shows. The page does not compute it: it reads the latest
stored one (``SettlementProjection``, one row per series, rate, scope and year) and says when it was computed
("预测计算于 HH:MM"). The rows are recomputed by ``refresh`` — the Celery task
``casework.statistics.refresh_projections`` (``casework.statistics.tasks``), on the beat schedule every
``REFRESH_MINUTES`` minutes, and queued on commit after a change that can move a projection (``note_change``),
at most once per ``DEBOUNCE`` seconds.

What moves a projection: an open case (any change, or a new one), a case closing or reopening, a change of a
closed case's acceptance or closing date, jurisdiction or outcome (the rate's numerator may count outcomes),
and a deadline. A change to a closed case that touches none of these — its recovered amount, its workers, its
archive state — queues nothing: the projection does not read them.

The page never computes it. A scope whose projection was computed on an earlier day (the first view of the
day before the beat ran) shows that one with its date ("预测计算于 12月5日 23:55") and queues a refresh. A scope
never computed at all (a new scope or year) gets a placeholder row (no value yet: ``refresh`` computes it
like any other) and queues a prompt run of the task for the placeholders only — no debounce, at most one
queued at a time (``PENDING_QUEUED_KEY``); meanwhile the page shows the rest of the dashboard and says the
projection is being computed. One ``refresh`` runs at a time across workers (``REFRESH_LOCK``), so no scope is
computed by two workers at once; a run that finds the lock taken leaves the placeholders to the one running,
which computes those stored meanwhile before it ends (and the prompt task retries shortly).

What is stored is what the page shows: each projection with the first ``SHOWN`` cases of its action list
(their links worked out) and the number of open cases (``Projection.trimmed``); the figures are those computed
on the spot. Exports, the API and any ``as_of`` other than today compute the projection exactly as before (a
past ``as_of`` reproduces a past report): only the dashboard reads the stored one (``build_report(stored_projection=True)``).
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import queries
from .periods import Period
from .projection import project

log = logging.getLogger(__name__)

REFRESH_MINUTES = 5  # the beat schedule
DEBOUNCE = 60  # seconds: changes within this window queue one recomputation
KEEP_VIEWED_DAYS = 7  # scopes nobody opened for this long are no longer recomputed
REFRESH_LOCK_TIMEOUT = 600
QUEUED_KEY = "statistics:projection-refresh-queued"
PENDING_QUEUED_KEY = "statistics:projection-refresh-pending-queued"  # the prompt run for placeholders
REFRESH_LOCK = "statistics:projection-refresh-lock"


def _model():
    from casework.models import SettlementProjection

    return SettlementProjection


def store_key(series_code: str, rate_code: str, scope_ids, row_ids, year: int) -> str:
    ids = None if scope_ids is None else sorted(scope_ids)
    return hashlib.sha256(repr((series_code, rate_code, ids, list(row_ids), year)).encode()).hexdigest()


def compute(series, spec, scope_ids, row_ids, year: int, as_of: date, *, monthly=None):
    """(total, {jurisdiction id: projection}) as of ``as_of`` — the same figures the page computed itself."""
    so_far = Period.range(date(year, 1, 1), as_of)
    if monthly is None:
        monthly = queries.monthly_counts(series, year, today=as_of, jurisdiction_ids=scope_ids)
    counts = queries.counts_by_jurisdiction(
        series, so_far, today=as_of, jurisdiction_ids=scope_ids, deadline_figures=False, monthly=monthly
    )
    for pk in row_ids:
        counts.setdefault(pk, {})
    return project(series, spec, as_of, counts, scope_ids, actual=False)


SHOWN = 20  # the cases of the action list the dashboard names (the rest are counted)


def _shown(value):
    """(total, each) holding only what the dashboard shows of the case lists: their first ``SHOWN`` cases
    and their number (reading back thousands of open cases per series cost more than the page itself)."""
    total, each = value
    return total.trimmed(SHOWN), {pk: p.trimmed(SHOWN) for pk, p in each.items()}


def _identity(series, spec, scope_ids, row_ids, year) -> dict:
    """The columns naming a stored projection's scope (what ``refresh`` recomputes it from)."""
    return {
        "series": series.code,
        "rate": spec.code,
        "year": year,
        "scope_ids": None if scope_ids is None else sorted(scope_ids),
        "row_ids": list(row_ids),
    }


def _save(key, series, spec, scope_ids, row_ids, year, as_of, value):
    Model = _model()
    now = timezone.now()
    fields = {
        **_identity(series, spec, scope_ids, row_ids, year),
        "as_of": as_of,
        "computed_at": now,
        "value": pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL),
    }
    if not Model.objects.filter(key=key).update(**fields):  # its row was dropped meanwhile
        try:
            with transaction.atomic():
                Model.objects.create(key=key, last_viewed=as_of, **fields)
        except IntegrityError:  # stored again meanwhile: ours is as new
            Model.objects.filter(key=key).update(**fields)
    return now


@dataclass(frozen=True)
class Stored:
    """What the dashboard shows of a scope's projection: ``value`` (total, each) — None while a new scope's
    first projection is being computed (``pending``) — and when and as of which day it was computed."""

    value: tuple | None
    computed_at: datetime | None
    as_of: date | None

    @property
    def pending(self) -> bool:
        return self.value is None


def stored_many(scopes: list[tuple], *, today: date) -> list[Stored]:
    """The latest stored projection of each ``(series, spec, scope_ids, row_ids, year)`` (the dashboard's series),
    in their order, never computed here: one of an earlier day is returned as it is and a refresh queued; none at
    all leaves a placeholder for ``refresh`` and queues a prompt run. One query reads them, one inserts the
    placeholders (a row stored by another request meanwhile is left as it is), one marks those last viewed on an
    earlier day."""
    Model = _model()
    keys = [
        store_key(series.code, spec.code, scope_ids, row_ids, year)
        for series, spec, scope_ids, row_ids, year in scopes
    ]
    rows = {
        row.key: row
        for row in Model.objects.filter(key__in=keys).only(
            "key", "as_of", "value", "computed_at", "last_viewed"
        )
    }
    missing = [
        Model(key=key, last_viewed=today, **_identity(*scope))
        for key, scope in zip(keys, scopes, strict=True)
        if key not in rows
    ]
    if missing:
        Model.objects.bulk_create(missing, ignore_conflicts=True)
    earlier = [row.pk for row in rows.values() if row.last_viewed != today]
    if earlier:  # kept among the scopes ``refresh`` recomputes
        Model.objects.filter(pk__in=earlier).update(last_viewed=today)
    out = []
    for key in keys:
        row = rows.get(key)
        # new, or a placeholder not computed yet (its run queued, or lost)
        if row is None or row.value is None:
            out.append(Stored(None, None, None))
        else:
            out.append(Stored(pickle.loads(row.value), row.computed_at, row.as_of))
    if any(kept.pending for kept in out):
        queue_pending_refresh()
    if any(kept.as_of not in (None, today) for kept in out):
        queue_refresh()
    return out


def refresh(today: date | None = None, *, pending_only: bool = False) -> int | None:
    """Recompute every stored projection of this year viewed in the last ``KEEP_VIEWED_DAYS`` days, the
    placeholders included (``pending_only``: the placeholders alone), one run at a time across workers; drop
    those of earlier years. Returns how many were computed, None when another run holds the lock."""
    from .registry import get_series

    today = today or timezone.localdate()
    if not pending_only:
        cache.delete(QUEUED_KEY)  # changes from now on queue the next run
    token = timezone.now().isoformat()
    if not cache.add(REFRESH_LOCK, token, REFRESH_LOCK_TIMEOUT):
        return None
    if pending_only:
        cache.delete(PENDING_QUEUED_KEY)  # placeholders stored from now on queue the next run
    Model = _model()
    done = 0
    fields = ("key", "series", "rate", "year", "scope_ids", "row_ids")
    try:
        Model.objects.filter(year__lt=today.year).delete()
        pending = Model.objects.filter(year=today.year, value__isnull=True)
        viewed = Model.objects.filter(
            year=today.year, last_viewed__gte=today - timedelta(days=KEEP_VIEWED_DAYS)
        )
        rows = pending if pending_only else viewed
        seen: set[int] = set()
        batch = list(rows.order_by("pk").only(*fields))
        while batch:
            for row in batch:
                seen.add(row.pk)
                try:
                    series = get_series(row.series)
                    spec = next(r for r in series.rates if r.code == row.rate)
                except (KeyError, StopIteration):
                    Model.objects.filter(pk=row.pk).delete()  # a series or rate no longer registered
                    continue
                value = _shown(compute(series, spec, row.scope_ids, row.row_ids, row.year, today))
                _save(row.key, series, spec, row.scope_ids, row.row_ids, row.year, today, value)
                done += 1
            # placeholders stored while this run computed (their prompt run found the lock taken)
            batch = list(pending.exclude(pk__in=seen).order_by("pk").only(*fields))
    finally:
        if cache.get(REFRESH_LOCK) == token:
            cache.delete(REFRESH_LOCK)
    return done


# --- what queues a recomputation ----------------------------------------------------------------------------
def _enqueue(queued_key: str, **options) -> None:
    """Queue one run of the task unless one is queued already (``queued_key``, which the run clears when it
    starts: what is stored from then on queues the next). The broker down: the beat schedule recomputes
    within ``REFRESH_MINUTES``, placeholders included. ``options``: those of ``apply_async``."""
    if not cache.add(queued_key, 1, DEBOUNCE):
        return
    from .tasks import refresh_projections

    try:
        refresh_projections.apply_async(**options)
    except Exception:
        cache.delete(queued_key)
        log.warning("could not queue the projection refresh", exc_info=True)


def queue_refresh() -> None:
    """After the current transaction commits (nothing when it rolls back), queue one recomputation."""
    transaction.on_commit(lambda: _enqueue(QUEUED_KEY, countdown=DEBOUNCE))


def queue_pending_refresh() -> None:
    """After the current transaction commits, queue a prompt run computing the placeholders (no debounce:
    a person is waiting for a new scope's first projection), unless one is already queued."""
    transaction.on_commit(lambda: _enqueue(PENDING_QUEUED_KEY, kwargs={"pending_only": True}))


def moves_projection(instance, series_list) -> bool:
    """Whether saving the case ``instance`` can change a projection: it is open, or a column the projection
    reads changed (acceptance, closing, jurisdiction, outcome — not the recovered amount or workers)."""
    from . import rollup

    if instance._state.adding:
        return True
    for series in series_list:
        if getattr(instance, series.closed_field, None) is None:
            return True  # an open case (or one just reopened)
    fields = rollup._watched(type(instance))
    seen = instance.__dict__.get("_rollup_seen")  # what it counted in when loaded (rollup.remember)
    if not fields or seen is None:
        return True  # unknown: assume it does
    ignored = set()
    for series in series_list:
        for name in (series.recovered_field, series.workers_field):
            if name:
                ignored.add(type(instance)._meta.get_field(name).attname)
    now = tuple(getattr(instance, name) for name in fields)
    return any(old != new for name, old, new in zip(fields, seen, now, strict=True) if name not in ignored)


def case_saved(sender, instance, **kwargs) -> None:
    """``post_save`` of a series' case model (before ``rollup.after_save``: ``_rollup_seen`` is still the
    loaded state)."""
    from .registry import all_series

    series_list = [s for s in all_series() if s.model is sender]
    if series_list and moves_projection(instance, series_list):
        queue_refresh()


def deadline_saved(sender, instance, **kwargs) -> None:
    """``post_save`` of a deadline: the projection reads the closing deadlines of open cases and the late
    ones met in the last year."""
    queue_refresh()
