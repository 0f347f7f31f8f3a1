"""Reads for the public pages. There is no logged-in user here, so ``visible_to`` does not apply: instead
every read starts from a verified person (ID-number suffix or phone + one-time code) and returns only
that person's cases, and only the facts listed in ``PublicProgress``.

"No such case" and "wrong verification" take the same path: one query reads, for the case type whose number
format the number has (``UNION ALL`` of the indexed ``number = %s`` lookups of the ways a person is on such a
case), the persons who may look the number up, and the suffix is always compared at least once with
``hmac.compare_digest``.
"""

import hmac
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from casework.models import Deadline, Person, TransitionLog
from casework.pdf import issuing_body_for
from casework.public.plain_words import HIDDEN_RULES
from casework.public.registry import (
    PublicCaseType,
    case_type_by_label,
    on_case_types_changed,
    public_case_types,
)

# What people type for 〔〕 on a phone keyboard.
_OPEN_BRACKETS = "[(（【［{〔<《"
_CLOSE_BRACKETS = "])）】］}〕>》"
_NUMBER_RE = re.compile(r"^(?P<head>.*?)〔(?P<year>\d{4})〕(?P<seq>\d{1,6})号?$")


def normalise_case_number(value: str) -> str:
    """``吉首劳监投[2026]12`` → ``吉首劳监投〔2026〕0012号``: the brackets and 号 a phone user can type."""
    text = unicodedata.normalize("NFKC", value or "")
    text = re.sub(r"\s+", "", text)
    text = "".join("〔" if c in _OPEN_BRACKETS else "〕" if c in _CLOSE_BRACKETS else c for c in text)
    match = _NUMBER_RE.match(text)
    if not match:
        return text[:60]
    return f"{match['head']}〔{match['year']}〕{int(match['seq']):04d}号"[:60]


def normalise_id_suffix(value: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value or "")).upper()


@dataclass(frozen=True)
class Match:
    """A case the verified person may see, and that person."""

    case_type: PublicCaseType
    case: object
    person: Person

    @property
    def ref(self) -> "CaseRef":
        return CaseRef(self.case_type.model_label, self.case.pk, self.person.pk)


@dataclass(frozen=True)
class CaseRef:
    """What a verified lookup grants: this person may see this case (ids only, no personal data)."""

    label: str  # the case model's ``app_label.model``
    case_pk: int
    person_pk: int


@dataclass(frozen=True)
class Verification:
    granted: CaseRef | None
    case_exists: bool  # for the internal lookup log only; never shown


def _suffix_matches(id_number: str | None, suffix: str) -> bool:
    expected = (id_number or "")[-6:].upper()
    # Always compare something of the same length, so that a person without an ID number (or no
    # person at all) costs the same as a real comparison.
    same = hmac.compare_digest((expected or "#" * 6).encode(), suffix.encode())
    return same and len(expected) == 6


def _union_all(querysets):
    first, *rest = querysets
    return first.union(*rest, all=True) if rest else first


# The verification query, compiled once per database and set of case types (compiling a union costs more CPU
# than running it): SQL with a placeholder value where the typed number goes.
_NUMBER_PLACEHOLDER = "green-lookup-number-placeholder-7f3c"
_VERIFICATION_SQL: dict[tuple, tuple[str, list]] = {}
on_case_types_changed(_VERIFICATION_SQL.clear)


def case_types_for_number(number: str) -> tuple[PublicCaseType, ...]:
    """The case types whose number format ``number`` has — the number says its type, as printed on every
    receipt — or every type for a number in no known format (it matches no case either way)."""
    every = public_case_types()
    return tuple(t for t in every if t.may_have_number(number)) or tuple(every)


def _verification_sql(case_types: tuple[PublicCaseType, ...]) -> tuple[str, list]:
    key = (connection.alias, *(t.model_label for t in case_types))
    compiled = _VERIFICATION_SQL.get(key)
    if compiled is None:
        persons = _union_all(
            qs for case_type in case_types for qs in case_type.person_rows_by_number(_NUMBER_PLACEHOLDER)
        )
        inner, params = persons.query.sql_with_params()
        qn = connection.ops.quote_name
        # The persons joined once, outside the union (a join per branch plans in about twice the time).
        sql = (
            f"SELECT x.{qn('label')}, x.{qn('case_pk')}, x.{qn('person_pk')}, p.{qn('id_number')} "
            f"FROM ({inner}) x LEFT OUTER JOIN {qn(Person._meta.db_table)} p "
            f"ON p.{qn(Person._meta.pk.column)} = x.{qn('person_pk')}"
        )
        compiled = _VERIFICATION_SQL[key] = (sql, list(params))
    return compiled


def verification_rows(number: str) -> list[tuple]:
    """``(type label, case id, person id, ID number)`` for everyone who may look up case ``number``; one row
    with a NULL person for a case with nobody; no rows for an unknown number. One query: the indexed
    ``number = %s`` lookup of the number's case type (``UNION ALL`` of the ways a person is on such a case),
    the same whether the case exists or not."""
    if not public_case_types():
        return []
    sql, params = _verification_sql(case_types_for_number(number))
    with connection.cursor() as cursor:
        cursor.execute(sql, [number if p == _NUMBER_PLACEHOLDER else p for p in params])
        return cursor.fetchall()


def verify_case_number(number: str, id_suffix: str) -> Verification:
    """Whether ``id_suffix`` is the last 6 characters of the ID number of a person who may look up the
    case numbered ``number`` — one query whichever case type the number belongs to, or none; the
    answer does not say which part was wrong (``case_exists`` is for the log)."""
    number, suffix = normalise_case_number(number), normalise_id_suffix(id_suffix)
    rows = verification_rows(number)
    granted = None
    compared = False
    for label, case_pk, person_pk, id_number in rows:
        if person_pk is None:
            continue
        compared = True
        if _suffix_matches(id_number, suffix) and granted is None:
            granted = CaseRef(label, case_pk, person_pk)
    if not compared:
        _suffix_matches(None, suffix)
    return Verification(granted=granted, case_exists=bool(rows))


# The progress page's check of a grant, compiled once per database and per (case type, number of cases) shape:
# SQL with placeholder ids where the granted case ids go (compiling the union costs more than running it).
_PK_PLACEHOLDER = -7_310_000  # ids count down from here: never a real id
_GRANT_SQL: dict[tuple, tuple[str, list, dict]] = {}
on_case_types_changed(_GRANT_SQL.clear)


@dataclass(frozen=True)
class GrantRow:
    """Who is on a granted case now, the case's version (head of its log chain) and that person's SMS choice."""

    label: str
    case_pk: int
    person_pk: int | None
    version: str
    sms_opt_out: bool


def _by_label(refs: list[CaseRef]) -> dict[str, list[int]]:
    by_label: dict[str, list[int]] = {}
    for ref in refs:
        if case_type_by_label(ref.label) is not None:
            pks = by_label.setdefault(ref.label, [])
            if ref.case_pk not in pks:
                pks.append(ref.case_pk)
    return by_label


def _grant_sql(shape: tuple[tuple[str, int], ...], *, with_progress: bool = False) -> tuple[str, list, dict]:
    key = (connection.alias, with_progress, *shape)
    compiled = _GRANT_SQL.get(key)
    if compiled is None:
        slots: dict[int, tuple[str, int]] = {}  # placeholder id → (label, index of the case id)
        querysets = []
        for label, count in shape:
            case_type = case_type_by_label(label)
            placeholders = []
            for index in range(count):
                placeholder = _PK_PLACEHOLDER - len(slots)
                slots[placeholder] = (label, index)
                placeholders.append(placeholder)
            cases = case_type.model._default_manager.filter(pk__in=placeholders)
            querysets += case_type.person_rows(cases, with_version=True)
        inner, params = _union_all(querysets).query.sql_with_params()
        qn = connection.ops.quote_name
        sql = (
            f"SELECT x.{qn('label')}, x.{qn('case_pk')}, x.{qn('person_pk')}, x.{qn('version')}, "
            f"p.{qn('milestone_sms_opt_out')}{_PROGRESS_COLUMNS if with_progress else ''} FROM ({inner}) x "
            f"LEFT OUTER JOIN {qn(Person._meta.db_table)} p ON p.{qn(Person._meta.pk.column)} = x.{qn('person_pk')}"
            f"{_progress_joins() if with_progress else ''}"
        )
        compiled = _GRANT_SQL[key] = (sql, list(params), slots)
    return compiled


# The stored progress of a case (``PublicProgressRecord``) read with its grant rows: once per case (on the case's
# first row), only while it was built at the case's current version, with its unit's name, level and phone.
_PROGRESS_COLUMNS = (
    ", CASE WHEN ROW_NUMBER() OVER (PARTITION BY x.label, x.case_pk ORDER BY x.person_pk) = 1 THEN s.facts END"
    ", j.name, j.level, j.phone"
)


def _unless_revoked() -> str:
    from casework.models import PublicGrantRevocation

    table = PublicGrantRevocation._meta.db_table
    return f" WHERE NOT EXISTS (SELECT 1 FROM {table} r WHERE r.nonce = %s)"


def _progress_joins() -> str:
    from casework.models import Jurisdiction, PublicProgressRecord

    return (
        f" LEFT OUTER JOIN {PublicProgressRecord._meta.db_table} s ON s.case_label = x.label"
        " AND s.case_pk = x.case_pk AND s.version = x.version"
        f" LEFT OUTER JOIN {Jurisdiction._meta.db_table} j ON j.id = s.jurisdiction_id"
    )


def _grant_query(
    refs: list[CaseRef], *, with_progress: bool, unless_revoked: str | None = None
) -> list[tuple]:
    by_label = _by_label(refs)
    if not by_label:
        return []
    shape = tuple((label, len(pks)) for label, pks in sorted(by_label.items()))
    sql, params, slots = _grant_sql(shape, with_progress=with_progress)
    values = [by_label[slots[p][0]][slots[p][1]] if isinstance(p, int) and p in slots else p for p in params]
    if unless_revoked is not None:
        sql = f"{sql}{_unless_revoked()}"
        values.append(unless_revoked)
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return cursor.fetchall()


def grant_rows(refs: list[CaseRef]) -> list[GrantRow]:
    """Everyone on the granted cases now, with each case's version and each person's SMS choice: one query
    (``UNION ALL`` of the ways a person is on a case of each type present, by primary key), compiled once."""
    return [
        GrantRow(label, case_pk, person_pk, version or "", bool(opt_out))
        for label, case_pk, person_pk, version, opt_out in _grant_query(refs, with_progress=False)
    ]


@dataclass(frozen=True)
class StoredProgress:
    """A case's stored progress as read with its grant rows: the facts (JSON) and its unit's name, level, phone."""

    facts: str
    unit: tuple[str, str, str]


def grant_rows_with_progress(
    refs: list[CaseRef], *, unless_revoked: str | None = None
) -> tuple[list[GrantRow], dict[tuple[str, int], StoredProgress]]:
    """``grant_rows`` and, in the same query, the stored progress of each granted case that has one built at its
    current version (``casework.public.progress_store``), by (type label, case id). ``unless_revoked``: a grant's
    nonce; no rows at all when that grant was given up (``PublicGrantRevocation``)."""
    rows, stored = [], {}
    for label, case_pk, person_pk, version, opt_out, facts, name, level, phone in _grant_query(
        refs, with_progress=True, unless_revoked=unless_revoked
    ):
        rows.append(GrantRow(label, case_pk, person_pk, version or "", bool(opt_out)))
        if facts is not None:
            stored[(label, case_pk)] = StoredProgress(facts, (name or "", level or "", phone or ""))
    return rows, stored


def matches_for_refs(refs: list[CaseRef], *, checked: list[GrantRow] | None = None) -> list[Match]:
    """The granted cases, each re-checked (the person must still be on the case), in the order granted.

    A constant number of queries however many cases: one per case type present (with what the type's
    ``select_related``/``prefetch_related`` name), one ``UNION ALL`` for who is on those cases now, one
    for the persons. With ``checked`` (``grant_rows`` of these refs, just read) the check and the persons come
    from those rows: one query per case type present, and each match's person carries only its id and SMS choice
    (all the public pages need of it).
    """
    by_label = _by_label(refs)
    if not by_label:
        return []
    cases = {}
    for label, pks in by_label.items():
        case_type = case_type_by_label(label)
        qs = (
            case_type.model._default_manager.select_related("jurisdiction", *case_type.select_related)
            .prefetch_related(*case_type.prefetch_related)
            .filter(pk__in=pks)
        )
        cases.update(((label, case.pk), case) for case in qs)
    if checked is not None:
        members = {(row.label, row.case_pk, row.person_pk) for row in checked}
        persons = {
            row.person_pk: Person(pk=row.person_pk, milestone_sms_opt_out=row.sms_opt_out)
            for row in checked
            if row.person_pk is not None
        }
    else:
        members = {
            (row["label"], row["case_pk"], row["person_pk"])
            for row in _union_all(
                qs
                for label, pks in by_label.items()
                for qs in case_type_by_label(label).person_rows(
                    case_type_by_label(label).model._default_manager.filter(pk__in=pks)
                )
            )
        }
        persons = Person.objects.in_bulk({ref.person_pk for ref in refs})
    out = []
    for ref in refs:
        case, person = cases.get((ref.label, ref.case_pk)), persons.get(ref.person_pk)
        if case is None or person is None or (ref.label, ref.case_pk, ref.person_pk) not in members:
            continue
        out.append(Match(case_type_by_label(ref.label), case, person))
    return out


def matches_for_phone(phone: str) -> list[Match]:
    """Every case of every person registered with this (verified) phone number, newest first."""
    persons = Person.objects.filter(phone=phone)
    out: list[Match] = []
    for case_type in public_case_types():
        cases = case_type.cases_of(persons).select_related("jurisdiction")
        for case in cases:
            person = next((p for p in case_type.persons_of(case) if p.phone == phone), None)
            if person is not None:
                out.append(Match(case_type, case, person))
    out.sort(key=lambda m: m.case.created_at, reverse=True)
    return out


@dataclass
class PublicProgress:
    """Everything the progress page shows about one case — and nothing else."""

    number: str
    type_label: str
    received_on: date
    stage: str
    timeline: list[tuple[date, str]] = field(default_factory=list)
    next_deadline: date | None = None
    next_deadline_text: str = ""
    unit_name: str = ""
    unit_phone: str = ""
    amount_recovered: Decimal | None = None
    label: str = ""  # the case model's label and id: the claimant page's address (no personal data)
    case_pk: int = 0


def _of_cases(cases) -> Q:
    """Rows (deadlines, log entries) that belong to any of these cases, whatever their types."""
    by_type: dict[int, list[int]] = defaultdict(list)
    for case in cases:
        by_type[ContentType.objects.get_for_model(case).pk].append(case.pk)
    return reduce(or_, (Q(content_type_id=ct, object_id__in=pks) for ct, pks in by_type.items()))


def _key(case) -> tuple[int, int]:
    return ContentType.objects.get_for_model(case).pk, case.pk


def next_deadlines(cases) -> dict[tuple[int, int], Deadline]:
    """The next public running deadline of each open case, by (content type id, case id): one query."""
    open_cases = [case for case in cases if case.is_open]
    if not open_cases:
        return {}
    out: dict[tuple[int, int], Deadline] = {}
    rows = (
        Deadline.objects.filter(_of_cases(open_cases), status=Deadline.Status.OPEN)
        .exclude(rule__in=HIDDEN_RULES)
        .order_by("due_on", "id")
    )
    for deadline in rows:
        out.setdefault((deadline.content_type_id, deadline.object_id), deadline)
    return out


@dataclass(frozen=True)
class TimelineEntry:
    """What the progress page reads of a public log entry (the entry's other fields are for staff)."""

    at: datetime
    transition: str
    transition_label: str


def public_timelines(cases) -> dict[tuple[int, int], list[TimelineEntry]]:
    """The public transition-log entries of each case, oldest first: one query for all the cases."""
    out: dict[tuple[int, int], list[TimelineEntry]] = defaultdict(list)
    if cases:
        rows = (
            TransitionLog.objects.filter(_of_cases(cases), public=True)
            .order_by("id")
            .values_list("content_type_id", "object_id", "at", "transition", "transition_label")
        )
        for content_type_id, object_id, at, transition, label in rows:
            out[(content_type_id, object_id)].append(TimelineEntry(at, transition, label))
    return out


def public_progress_list(matches: list[Match]) -> list[PublicProgress]:
    """The progress page's facts for each match, with a constant number of queries (deadlines, timelines)."""
    cases = [m.case for m in matches]
    deadlines, timelines = next_deadlines(cases), public_timelines(cases)
    return [_progress(m, deadlines.get(_key(m.case)), timelines.get(_key(m.case), [])) for m in matches]


def _progress(match: Match, deadline: Deadline | None, entries) -> PublicProgress:
    case_type, case, person = match.case_type, match.case, match.person
    return PublicProgress(
        number=case.number,
        type_label=str(case_type.label),
        received_on=timezone.localtime(case.created_at).date(),
        stage=str(case_type.stage_text(case)),
        timeline=[
            (timezone.localtime(entry.at).date(), case_type.timeline_label(entry)) for entry in entries
        ],
        next_deadline=deadline.due_on if deadline else None,
        next_deadline_text=str(case_type.deadline_text(deadline)) if deadline else "",
        unit_name=issuing_body_for(case.jurisdiction),
        unit_phone=case.jurisdiction.phone,
        amount_recovered=case_type.amount_recovered(case, person),
        label=case_type.model_label,
        case_pk=case.pk,
    )
