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

A scope whose projection has never been computed today (the first view of a new scope, the first view of the
day before the beat ran) computes it once on the page, one node at a time (``single_flight``), and stores it.
What is stored is what the page shows: each projection with the first ``SHOWN`` cases of its action list
(their links worked out) and the number of open cases (``Projection.trimmed``); the figures are those computed
on the spot. Exports, the API and any ``as_of`` other than today compute the projection exactly as before (a past ``as_of``
reproduces a past report): only the dashboard reads the stored one (``build_report(stored_projection=True)``).
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from datetime import date, timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import queries
from .periods import Period
from .projection import project
from .single_flight import cache_key, single_flight

log = logging.getLogger(__name__)

REFRESH_MINUTES = 5  # the beat schedule
DEBOUNCE = 60  # seconds: changes within this window queue one recomputation
KEEP_VIEWED_DAYS = 7  # scopes nobody opened for this long are no longer recomputed
REFRESH_LOCK_TIMEOUT = 600
QUEUED_KEY = "statistics:projection-refresh-queued"
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


def _save(key, series, spec, scope_ids, row_ids, year, as_of, value, *, exists=True, computed_at=None):
    Model = _model()
    now = computed_at or timezone.now()
    fields = {
        "series": series.code,
        "rate": spec.code,
        "year": year,
        "scope_ids": None if scope_ids is None else sorted(scope_ids),
        "row_ids": list(row_ids),
        "as_of": as_of,
        "computed_at": now,
        "value": pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL),
    }
    updated = exists and Model.objects.filter(key=key).update(**fields)
    if not updated:
        try:
            with transaction.atomic():
                Model.objects.create(key=key, last_viewed=as_of, **fields)
        except IntegrityError:  # another node stored it meanwhile: ours is as new
            Model.objects.filter(key=key).update(**fields)
    return now


def stored(series, spec, scope_ids, row_ids, year: int, *, today: date, monthly=None):
    """((total, each), computed_at): the stored projection of today, or — never computed today — computed
    here once (one node at a time) and stored."""
    Model = _model()
    key = store_key(series.code, spec.code, scope_ids, row_ids, year)
    row = Model.objects.filter(key=key).only("as_of", "value", "computed_at", "last_viewed").first()
    if row is not None and row.as_of == today:
        if row.last_viewed != today:
            Model.objects.filter(pk=row.pk).update(last_viewed=today)
        return pickle.loads(row.value), row.computed_at

    computed_here = []

    def compute_and_store():
        value = _shown(compute(series, spec, scope_ids, row_ids, year, today, monthly=monthly))
        computed_here.append(True)
        return value, _save(key, series, spec, scope_ids, row_ids, year, today, value, exists=row is not None)

    # the cache only hands the value to the nodes waiting on the lock; the row is what lasts
    value, computed_at = single_flight(
        cache_key("projection-store", 2, key), today, compute_and_store, fresh_for=30
    )
    if not computed_here:  # handed over by another node (or by a computation whose transaction rolled back)
        _save(key, series, spec, scope_ids, row_ids, year, today, value, computed_at=computed_at)
    return value, computed_at


def refresh(today: date | None = None) -> int:
    """Recompute every stored projection of this year viewed in the last ``KEEP_VIEWED_DAYS`` days (one run
    at a time across workers); drop those of earlier years. Returns how many were computed."""
    from .registry import get_series

    today = today or timezone.localdate()
    cache.delete(QUEUED_KEY)  # changes from now on queue the next run
    token = timezone.now().isoformat()
    if not cache.add(REFRESH_LOCK, token, REFRESH_LOCK_TIMEOUT):
        return 0
    Model = _model()
    done = 0
    try:
        Model.objects.filter(year__lt=today.year).delete()
        rows = Model.objects.filter(
            year=today.year, last_viewed__gte=today - timedelta(days=KEEP_VIEWED_DAYS)
        )
        for row in rows.order_by("pk").only("key", "series", "rate", "year", "scope_ids", "row_ids"):
            try:
                series = get_series(row.series)
                spec = next(r for r in series.rates if r.code == row.rate)
            except (KeyError, StopIteration):
                Model.objects.filter(pk=row.pk).delete()  # a series or rate no longer registered
                continue
            value = _shown(compute(series, spec, row.scope_ids, row.row_ids, row.year, today))
            _save(row.key, series, spec, row.scope_ids, row.row_ids, row.year, today, value)
            done += 1
    finally:
        if cache.get(REFRESH_LOCK) == token:
            cache.delete(REFRESH_LOCK)
    return done


# --- what queues a recomputation ----------------------------------------------------------------------------
def _enqueue() -> None:
    if not cache.add(QUEUED_KEY, 1, DEBOUNCE):
        return  # one is already queued: it will see this change
    from .tasks import refresh_projections

    try:
        refresh_projections.apply_async(countdown=DEBOUNCE)
    except Exception:  # the broker is down: the beat schedule recomputes within REFRESH_MINUTES
        cache.delete(QUEUED_KEY)
        log.warning("could not queue the projection refresh", exc_info=True)


def queue_refresh() -> None:
    """After the current transaction commits (nothing when it rolls back), queue one recomputation."""
    transaction.on_commit(_enqueue)


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
