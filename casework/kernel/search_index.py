"""The staff lists' search index: the searchable text of every case of every registered type, and its bigrams.

Why: a list's search box finds a case whose number, employer's name, project name… *contains* what was typed
(``icontains``). PostgreSQL's trigram indexes serve three characters or more; one or two Chinese characters
(张, 建筑) have no trigram and scan every case, and a word most names contain (有限公司) matches so many cases
that collecting and sorting them all costs seconds at a million cases (docs/performance.md). ``pg_bigm`` (a
bigram GIN index) is not packaged for this PostgreSQL, so the index is two plain tables, the same on SQLite:

- ``SearchText``: per case, its searchable text — the values the type names in its registration
  (``CaseType.search_text``), lower-cased, joined and ended by ``SEPARATOR``;
- ``SearchToken``: per case, each distinct pair of adjacent characters of that text, packed in one integer
  (``bigram``).

A query of two characters is found exactly by its bigram; one character ``c`` by the range of bigrams starting
with ``c`` (every character of the text is followed by another or by the final separator); a longer one by a few
of its bigrams covering every character, rechecked against the text (``strpos``: the same answer as ``LIKE``,
without its wildcards). ``indexed_search`` then chooses how the list reads it, from what the index holds:

- *few matches* (the rarest bigram under ``COMMON`` cases or under one case in ``DENSITY`` of the type, or a
  sampled intersection under a tenth): the matching ids are collected from the token index and the list sorts
  them;
- *few matches, every bigram common* (a company's full name: 公司, 20, 00… each in most cases; three characters
  or more, PostgreSQL): the texts' trigram index (``casework_searchtext_trgm``) intersects the query's trigrams,
  instead of collecting a common bigram's postings and rechecking each;
- *many matches*: the list is walked in its own (indexed) order and each case is checked against its text, one
  unique-index probe per case, until the page is full — the more cases match, the sooner; the total is counted
  up to ``casework.pagination.SEARCH_COUNT_CAP`` in the same way.

The rows are kept current by the kernel (``connect``): when a case is created, when one of its searchable
columns (or the record it points to) changes on save, when a record a case's text reads (an employer's name, a
project's name) is saved with a new value, and when a case is deleted. Writes that bypass ``save()``
(``QuerySet.update``, bulk loads such as ``seed_scale``) are followed by ``reindex`` or the management command
``rebuild_search_index``.
"""

import hashlib
import json
import secrets
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import BigIntegerField, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.db.models.signals import post_delete, post_init, post_save

from casework.models.search import SearchText, SearchToken
from casework.selectors.search import in_subquery

SEPARATOR = "\x1f"  # ends each part of a text; never in a query (``normalise`` drops it)
BASE = 0x110000  # one past the last code point: bigram(a, b) = ord(a) * BASE + ord(b)
COMMON = 2000  # from this many matches (and DENSITY) a search walks the list's order instead of collecting
DENSITY = 50  # … and from one case in DENSITY of the type: a walk then finds a page within 25 × DENSITY cases
SAMPLE = 200  # postings of the rarest bigram sampled to estimate how many pass the other bigrams and the text
COVER = 4  # at most this many bigrams of a long query are looked up (the text recheck makes the answer exact)
BATCH = 2000  # cases read per statement when (re)indexing


def normalise(text) -> str:
    """What is indexed and searched: lower-case (the list's search is case-insensitive), no separator."""
    return str(text or "").lower().replace(SEPARATOR, "")


def bigram(a: str, b: str) -> int:
    return ord(a) * BASE + ord(b)


def text_of(values: Iterable) -> str:
    """The searchable text of a case from its values (None and empty values left out)."""
    parts = [normalise(v) for v in values]
    return "".join(part + SEPARATOR for part in parts if part)


def tokens_of(text: str) -> set[int]:
    return {bigram(text[i], text[i + 1]) for i in range(len(text) - 1)}


# --- what each registered model indexes -------------------------------------------------------------------


@dataclass(frozen=True)
class _Spec:
    model: type
    fields: tuple[str, ...]  # the registration's lookups, e.g. ("number", "employer__name")
    attnames: tuple[str, ...]  # the case's own columns they read (a relation: its foreign key column)
    jurisdiction: (
        str | None
    )  # the case's jurisdiction column, copied onto its tokens (None: the type has none)

    @property
    def columns(self) -> tuple[str, ...]:
        """What ``reindex`` reads of each case: its id, its jurisdiction (or None) and its searchable values."""
        return ("pk", self.jurisdiction or Value(None, output_field=BigIntegerField()), *self.fields)


_SPECS: dict[type, _Spec] = {}
# a related model → (case model, foreign key column on the case, the related model's columns read)
_WATCHED: dict[type, list[tuple[type, str, tuple[str, ...]]]] = defaultdict(list)


def _spec_of(model, fields: tuple[str, ...]) -> tuple[_Spec, dict[type, tuple[str, set[str]]]]:
    attnames: list[str] = []
    related: dict[type, tuple[str, set[str]]] = {}
    for lookup in fields:
        head, _sep, rest = lookup.partition("__")
        try:
            field = model._meta.get_field(head)
        except FieldDoesNotExist as exc:
            raise ImproperlyConfigured(f"{model.__name__}.search_text: no field {head!r}") from exc
        attnames.append(field.attname)
        if rest:
            if not field.many_to_one or "__" in rest:
                raise ImproperlyConfigured(
                    f"{model.__name__}.search_text: {lookup!r} — a column of the case or of a record it "
                    "points to (one foreign key)"
                )
            target = field.related_model
            column = target._meta.get_field(rest).attname
            related.setdefault(target, (field.attname, set()))[1].add(column)
    try:
        jurisdiction = model._meta.get_field("jurisdiction").attname
    except FieldDoesNotExist:
        jurisdiction = None
    else:
        attnames.append(jurisdiction)  # a case moved to another county is reindexed
    return _Spec(model, tuple(fields), tuple(dict.fromkeys(attnames)), jurisdiction), related


def connect(model, fields: tuple[str, ...]) -> None:
    """Index ``model``'s cases by ``fields`` and keep the index current (called by ``register_case_type``)."""
    if not fields or model in _SPECS:
        return
    spec, related = _spec_of(model, tuple(fields))
    _SPECS[model] = spec
    uid = f"search_index:{model._meta.label}"
    post_init.connect(_snapshot, sender=model, dispatch_uid=uid)
    post_save.connect(_case_saved, sender=model, dispatch_uid=uid)
    post_delete.connect(_case_deleted, sender=model, dispatch_uid=uid)
    for target, (fk, columns) in related.items():
        _WATCHED[target].append((model, fk, tuple(sorted(columns))))
        tuid = f"search_index:{target._meta.label}"
        post_init.connect(_snapshot, sender=target, dispatch_uid=tuid)
        post_save.connect(_related_saved, sender=target, dispatch_uid=tuid)


def indexed_models() -> list[type]:
    return list(_SPECS)


def _watched_columns(sender) -> tuple[str, ...]:
    if sender in _SPECS:
        return _SPECS[sender].attnames
    return tuple(sorted({c for _m, _fk, columns in _WATCHED.get(sender, ()) for c in columns}))


def _values(instance, columns) -> tuple:
    return tuple(instance.__dict__.get(c, _MISSING) for c in columns)


_MISSING = object()


def _snapshot(sender, instance, **kwargs) -> None:
    instance._search_snapshot = _values(instance, _watched_columns(sender))


def _changed(sender, instance, created, update_fields) -> bool:
    columns = _watched_columns(sender)
    if created:
        return True
    if update_fields is not None and not {f for f in update_fields} & {
        sender._meta.get_field(c).name for c in columns
    }:
        return False
    before = getattr(instance, "_search_snapshot", None)
    return before is None or before != _values(instance, columns)


def _case_saved(sender, instance, created, update_fields=None, raw=False, **kwargs) -> None:
    if raw or not _changed(sender, instance, created, update_fields):
        return
    reindex(sender, [instance.pk])
    _snapshot(sender, instance)


def _case_deleted(sender, instance, **kwargs) -> None:
    forget(sender, [instance.pk])


def _related_saved(sender, instance, created, update_fields=None, raw=False, **kwargs) -> None:
    if raw or created or not _changed(sender, instance, created, update_fields):
        return
    for model, fk, _columns in _WATCHED[sender]:
        ids = list(model._default_manager.filter(**{fk: instance.pk}).values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            reindex(model, ids[start : start + BATCH])
    _snapshot(sender, instance)


# --- writing the index -------------------------------------------------------------------------------------


def forget(model, ids: list[int]) -> None:
    ct = ContentType.objects.get_for_model(model)
    SearchToken.objects.filter(content_type=ct, case_id__in=ids).delete()
    SearchText.objects.filter(content_type=ct, case_id__in=ids).delete()


def reindex(model, ids: list[int]) -> None:
    """Rewrite the index rows of these cases of ``model`` from the database (five statements)."""
    spec = _SPECS.get(model)
    if spec is None or not ids:
        return
    ct = ContentType.objects.get_for_model(model)
    rows = list(model._default_manager.filter(pk__in=ids).values_list(*spec.columns))
    forget(model, ids)
    texts, tokens = _rows(ct.pk, rows)
    SearchText.objects.bulk_create(SearchText(content_type_id=ct.pk, case_id=i, text=t) for i, t in texts)
    SearchToken.objects.bulk_create(
        (SearchToken(content_type_id=ct.pk, case_id=i, jurisdiction_id=j, token=t) for i, j, t in tokens),
        batch_size=5000,
    )
    _written(ct.pk)


def _rows(ct_id: int, rows) -> tuple[list[tuple[int, str]], list[tuple[int, int | None, int]]]:
    texts: list[tuple[int, str]] = []
    tokens: list[tuple[int, int | None, int]] = []
    for pk, jurisdiction, *values in rows:
        text = text_of(values)
        texts.append((pk, text))
        tokens.extend((pk, jurisdiction, token) for token in tokens_of(text))
    return texts, tokens


def rebuild(models_: Iterable[type] | None = None, *, progress=None) -> dict[str, int]:
    """Rebuild the index of every case of ``models_`` (all indexed models): delete, then read the cases in
    batches of ``BATCH`` and write their rows (``COPY`` on PostgreSQL). Returns cases indexed per model."""
    done: dict[str, int] = {}
    for model in models_ or indexed_models():
        spec = _SPECS[model]
        ct = ContentType.objects.get_for_model(model)
        SearchToken.objects.filter(content_type=ct)._raw_delete(SearchToken.objects.db)
        SearchText.objects.filter(content_type=ct)._raw_delete(SearchText.objects.db)
        count, last = 0, 0
        while True:
            rows = list(
                model._default_manager.filter(pk__gt=last).order_by("pk").values_list(*spec.columns)[:BATCH]
            )
            if not rows:
                break
            last = rows[-1][0]
            texts, tokens = _rows(ct.pk, rows)
            _write(ct.pk, texts, tokens)
            _written(ct.pk)
            count += len(rows)
            if progress:
                progress(model, count)
        done[model._meta.label] = count
    return done


def _write(ct_id: int, texts, tokens) -> None:
    text_table, token_table = SearchText._meta.db_table, SearchToken._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {text_table} (content_type_id, case_id, text) FROM STDIN") as copy:
                for pk, text in texts:
                    copy.write_row((ct_id, pk, text))
            columns = "content_type_id, case_id, jurisdiction_id, token"
            with cursor.copy(f"COPY {token_table} ({columns}) FROM STDIN") as copy:
                for pk, jurisdiction, token in tokens:
                    copy.write_row((ct_id, pk, jurisdiction, token))
        else:
            cursor.executemany(
                f"INSERT INTO {text_table} (content_type_id, case_id, text) VALUES (%s, %s, %s)",
                [(ct_id, pk, text) for pk, text in texts],
            )
            cursor.executemany(
                f"INSERT INTO {token_table} (content_type_id, case_id, jurisdiction_id, token) "
                "VALUES (%s, %s, %s, %s)",
                [(ct_id, pk, jurisdiction, token) for pk, jurisdiction, token in tokens],
            )


# --- searching ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexedSearch:
    """What a list's search finds through the index: ``condition`` on the case, and whether the list should be
    walked in its own order (``walk``: many matches) or the matches collected and sorted (few)."""

    condition: Q
    walk: bool


def _token_range(needle: str) -> list[tuple[int, int]]:
    """The token ranges [lo, hi) that must all occur in a case's text: one per looked-up bigram."""
    if len(needle) == 1:
        lo = ord(needle) * BASE
        return [(lo, lo + BASE)]
    positions = list(range(len(needle) - 1))
    chosen = positions[::2]
    if positions[-1] not in chosen:
        chosen.append(positions[-1])
    if len(chosen) > COVER:  # first, last and evenly between
        step = (len(chosen) - 1) / (COVER - 1)
        chosen = sorted({chosen[round(i * step)] for i in range(COVER)})
    ranges = []
    for i in chosen:
        token = bigram(needle[i], needle[i + 1])
        if (token, token + 1) not in ranges:
            ranges.append((token, token + 1))
    return ranges


def _token_q(lo: int, hi: int) -> Q:
    return Q(token=lo) if hi == lo + 1 else Q(token__gte=lo, token__lt=hi)


ESTIMATE_SECONDS = 600  # how long a process reuses its estimate of a type's size and of the jurisdictions'
_ESTIMATES: dict[tuple, tuple[float, int]] = {}


def _estimate(key: tuple, read) -> int:
    """``read()``, remembered by this process for ``ESTIMATE_SECONDS``: the sizes that choose how a query is
    answered move slowly, and re-reading them cost a first search two statements."""
    now = time.monotonic()
    kept = _ESTIMATES.get(key)
    if kept is None or kept[0] < now:
        kept = _ESTIMATES[key] = (now + ESTIMATE_SECONDS, read())
    return kept[1]


def _cases_of(model) -> int:
    """About how many cases the type has (see ``_estimate``)."""
    return _estimate((connection.alias, "cases", model._meta.label), lambda: _read_cases_of(model))


def _read_cases_of(model) -> int:
    """PostgreSQL's estimate (``reltuples``), or a count (SQLite)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table]
            )
            row = cursor.fetchone()
            if row and row[0] >= 0:
                return row[0]
        return model._default_manager.count()


PLAINLY_COMMON = 10  # a one-character range the planner estimates at this many times the limit is not counted


def _counts(
    ct_id: int, ranges: list[tuple[int, int]], limit: int, scope: tuple[int, ...] | None
) -> list[int]:
    """How many postings each range has (in the ``scope``'s jurisdictions), up to ``limit`` (one statement).

    One character's range spans every bigram it starts, and in the index (token, type, …) each of those bigrams
    holds the postings of every type before the next: counting one type's postings reads the other types' first
    (湘 in every case: 650,000 entries read to count 7,000 of arbitration, 60 ms at 1M). On PostgreSQL such a range
    is first estimated by the planner from the table's statistics (no index read); one estimated at
    ``PLAINLY_COMMON`` times the limit or more is taken as at the limit without counting. A rarer one, or a
    bigram (one contiguous run of the index), is counted."""
    table = SearchToken._meta.db_table
    in_scope = "" if scope is None else f" AND jurisdiction_id IN ({', '.join(['%s'] * len(scope))})"
    where = f"token >= %s AND token < %s AND content_type_id = %s{in_scope}"
    known: dict[int, int] = {}
    parts, params = [], []
    for n, (lo, hi) in enumerate(ranges):
        here = [lo, hi, ct_id, *(scope or ())]
        if hi - lo > 1 and _estimated(f"SELECT 1 FROM {table} WHERE {where}", here) >= PLAINLY_COMMON * limit:
            known[n] = limit
            continue
        parts.append(
            f"SELECT {n} AS n, COUNT(*) AS c FROM (SELECT 1 FROM {table} WHERE {where} LIMIT {int(limit)}) s{n}"
        )
        params += here
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            known.update(cursor.fetchall())
    return [known[n] for n in range(len(ranges))]


def _estimated(sql: str, params: list) -> float:
    """The rows PostgreSQL's planner expects ``sql`` to return (0 elsewhere: nothing is taken as common)."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return float(plan[0]["Plan"]["Plan Rows"])


def _text_matches(ct_id: int, needle: str, case_ref: str) -> Exists:
    return Exists(
        SearchText.objects.annotate(at=StrIndex("text", Value(needle))).filter(
            content_type_id=ct_id, case_id=OuterRef(case_ref), at__gt=0
        )
    )


def _text_contains(ct_id: int, needle: str) -> GreaterThan:
    """``strpos((the case's text), needle) > 0``: a scalar subquery, so that PostgreSQL probes the text of each
    case it walks (one unique-index lookup) rather than turning an ``EXISTS`` into a hash of every text that
    matches (which it does for a condition ORed with the type's exact matches), and estimates a third of the
    cases to match: enough to walk the list's index in order."""
    text = SearchText.objects.filter(content_type_id=ct_id, case_id=OuterRef("pk")).values("text")[:1]
    return GreaterThan(StrIndex(Subquery(text), Value(needle)), 0)


def _has_token(ct_id: int, lo: int, hi: int, case_ref: str) -> Exists:
    return Exists(
        SearchToken.objects.filter(_token_q(lo, hi), content_type_id=ct_id, case_id=OuterRef(case_ref))
    )


def indexed_search(model, q: str, *, jurisdictions=None) -> IndexedSearch | None:
    """The condition that finds the cases of ``model`` whose searchable text contains ``q`` (as ``icontains``
    on each value would), or None when the type has no search text registered. Two or three statements the
    first time a query is typed (its postings counted; a single character's first estimated by the planner, one
    more), one less for five minutes after; none for a query that found nothing, until a case of the type is
    indexed again (the index's generation, ``_written``).

    ``jurisdictions``: the only jurisdictions whose cases the caller can see or asked for (a county's staff,
    the list's jurisdiction filter), or None for all: the postings are then read in those jurisdictions only,
    so that a word common elsewhere and rare in one's own county is found as fast as a rare one. The caller
    still applies its own visibility: this only narrows what the index is asked."""
    spec = _SPECS.get(model)
    if spec is None:
        return None
    needle = str(q).lower()
    if not needle or SEPARATOR in needle:
        return IndexedSearch(Q(pk__in=[]), walk=False)
    ct_id = ContentType.objects.get_for_model(model).pk
    scope = None if jurisdictions is None or spec.jurisdiction is None else tuple(sorted(jurisdictions))
    if scope == ():
        return IndexedSearch(Q(pk__in=[]), walk=False)
    ranges = _token_range(needle)
    key, generation_key = _way_key(ct_id, needle, scope), _generation_key(ct_id)
    # how this query was best answered a moment ago (the counts are not read again), in the same round trip as
    # the generation of the type's index: "nothing" holds only while no case of the type was indexed since
    remembered = cache.get_many([key, generation_key])
    way, generation = remembered.get(key), remembered.get(generation_key, 0)
    if isinstance(way, tuple):  # (NOTHING, the generation it was found at)
        if way[1] == generation:
            return IndexedSearch(Q(pk__in=[]), walk=False)
        way = None
    if way is None:
        common = max(COMMON, _cases_in(model, scope) // DENSITY)
        counts = _counts(ct_id, ranges, common, scope)
        if min(counts) == 0:
            cache.set(key, (NOTHING, generation), WAY_SECONDS)
            return IndexedSearch(Q(pk__in=[]), walk=False)
        way = _decide(ct_id, needle, ranges, counts, common, scope)
        cache.set(key, way, WAY_SECONDS)
    if way == WALK:
        return IndexedSearch(Q(_text_contains(ct_id, needle)), walk=True)
    if way == WHOLE:  # every bigram common, the whole rare: the trigram index of the texts finds it
        matching = SearchText.objects.filter(content_type_id=ct_id, text__contains=needle)
        return IndexedSearch(Q(in_subquery("pk", matching.values("case_id"))), walk=False)
    driver = ranges[way]
    matching = _postings(ct_id, driver, scope)
    for lo, hi in (r for r in ranges if r != driver):
        matching = matching.filter(_has_token(ct_id, lo, hi, "case_id"))
    if len(needle) > 2:
        matching = matching.filter(_text_matches(ct_id, needle, "case_id"))
    return IndexedSearch(Q(in_subquery("pk", matching.values("case_id"))), walk=False)


WALK = -1  # a remembered way: walk the list; otherwise the index of the driving token range
WHOLE = -2  # … or look the whole query up in the texts' trigram index (PostgreSQL, three characters or more)
NOTHING = -3  # … or that nothing matched, remembered with the generation of the type's index it was found at
WAY_SECONDS = 300  # how long the way a query is answered is remembered (it changes only as the data grows)


def _generation_key(ct_id: int) -> str:
    return f"search:generation:{ct_id}"


def _written(ct_id: int) -> None:
    """Index rows of the type were written: a query remembered as matching nothing is asked again. Moved at once
    (this transaction's own searches) and once it commits (a search between the two counted without them)."""

    def bump():
        try:
            cache.incr(_generation_key(ct_id))
        except ValueError:  # no generation yet (or evicted): any new value differs from what was remembered
            cache.set(_generation_key(ct_id), secrets.randbelow(2**62) + 1, None)

    bump()
    transaction.on_commit(bump)


def _way_key(ct_id: int, needle: str, scope) -> str:
    # a digest, not the query: what staff type stays out of the cache's keys
    digest = hashlib.sha256(repr((needle, scope)).encode()).hexdigest()[:32]
    return f"search:way:{ct_id}:{digest}"


def _postings(ct_id: int, token_range: tuple[int, int], scope):
    postings = SearchToken.objects.filter(_token_q(*token_range), content_type_id=ct_id)
    return postings if scope is None else postings.filter(jurisdiction_id__in=scope)


def _cases_in(model, scope) -> int:
    """About how many cases of the type lie in ``scope`` (all of them for None): the type's cases shared
    evenly among the jurisdictions (what decides between collecting and walking needs no more)."""
    cases = _cases_of(model)
    if scope is None:
        return cases
    from casework.models import Jurisdiction

    jurisdictions = _estimate((connection.alias, "jurisdictions"), Jurisdiction.objects.count)
    return cases * len(scope) // max(len(scope), jurisdictions)


def _decide(ct_id: int, needle: str, ranges, counts: list[int], common: int, scope) -> int:
    """``WALK`` when many cases match (every looked-up bigram common and, sampled, their intersection too),
    else the index of the rarest range (collect from it)."""
    driver = ranges[counts.index(min(counts))]
    others = [r for r in ranges if r != driver]
    recheck = len(needle) > 2
    many = min(counts) >= common
    if many and (others or recheck):
        # every bigram is common; estimate the intersection from a sample of the rarest one's postings
        sample = SearchToken.objects.filter(pk__in=_postings(ct_id, driver, scope).values("pk")[:SAMPLE])
        for lo, hi in others:
            sample = sample.filter(_has_token(ct_id, lo, hi, "case_id"))
        if recheck:
            sample = sample.filter(_text_matches(ct_id, needle, "case_id"))
        many = sample.count() >= SAMPLE // 10  # at least a tenth of the sample
        if not many and recheck and connection.vendor == "postgresql":
            # rare, but collecting from a common bigram would read all its postings (a company's full name:
            # 公司, 20, 00… each in most cases): the texts' trigram index intersects them instead
            return WHOLE
    return WALK if many else ranges.index(driver)


def registered_fields(model) -> tuple[str, ...]:
    spec = _SPECS.get(model)
    return spec.fields if spec else ()


__all__ = [
    "COMMON",
    "IndexedSearch",
    "connect",
    "indexed_search",
    "rebuild",
    "reindex",
    "text_of",
    "tokens_of",
]


def fill_empty(**kwargs) -> None:
    """After ``migrate``: index the cases of each indexed type whose index is empty (an upgraded database)."""
    for model in indexed_models():
        ct = ContentType.objects.get_for_model(model)
        if model._default_manager.exists() and not SearchText.objects.filter(content_type=ct).exists():
            rebuild([model])
