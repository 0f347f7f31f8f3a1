"""The progress page's facts of each case, kept in the database by the kernel (``PublicProgressRecord``).

After every change to a case the kernel appends to the case's log chain (``casework.services.audit``) and, once the
change commits, this module rebuilds the case's record (``refresh``). A worker looking the case up — the first time
or the tenth — then reads the record in the same query as the check of their grant
(``selectors.grant_rows_with_progress``): no case, deadline or log row is read on the public side, and nothing is
kept in a cache that a restart or an eviction would empty.

A record counts only while its version is the case's log-chain head (``audit_head``): a change that did not refresh
it (a repair by hand, a refresh that failed, a record never built) leaves a record the query does not return, and
the page builds the facts itself and stores them (``progress_for``). A record is built from the case as read
after its version, so it is never older than its version says. The unit's name and phone are read fresh with the
record. ``fill`` builds the records of existing cases (``manage.py fill_public_progress``, after an upgrade).

The facts are the page's words (Chinese: the green channel is Chinese only) and, for each person on the case, what
the page shows that person alone (their recovered amount) under their person id — nothing the page does not show.
"""

import json
import logging
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils import translation

from casework.models import Jurisdiction, PublicProgressRecord
from casework.pdf import issuing_body_for
from casework.public import selectors
from casework.public.registry import case_type_by_label, public_case_types
from casework.public.selectors import CaseRef, GrantRow, PublicProgress

logger = logging.getLogger(__name__)

# The facts' shape: a record of another edition is never read (``_to_progress`` would not understand it).
EDITION = 1


def _facts(items: list[PublicProgress], persons: list[int]) -> dict:
    first = items[0]
    return {
        "edition": EDITION,
        "number": first.number,
        "type_label": first.type_label,
        "received_on": first.received_on.isoformat(),
        "stage": first.stage,
        "timeline": [[day.isoformat(), label] for day, label in first.timeline],
        "next_deadline": first.next_deadline.isoformat() if first.next_deadline else None,
        "next_deadline_text": first.next_deadline_text,
        "amounts": {
            str(person): str(item.amount_recovered) if item.amount_recovered is not None else None
            for person, item in zip(persons, items, strict=True)
        },
        "label": first.label,
        "case_pk": first.case_pk,
    }


def _to_progress(facts: dict, unit: tuple[str, str, str], person_pk: int) -> PublicProgress:
    name, level, phone = unit
    amount = facts["amounts"].get(str(person_pk))
    return PublicProgress(
        number=facts["number"],
        type_label=facts["type_label"],
        received_on=date.fromisoformat(facts["received_on"]),
        stage=facts["stage"],
        timeline=[(date.fromisoformat(day), label) for day, label in facts["timeline"]],
        next_deadline=date.fromisoformat(facts["next_deadline"]) if facts["next_deadline"] else None,
        next_deadline_text=facts["next_deadline_text"],
        unit_name=issuing_body_for(Jurisdiction(name=name, level=level)) if level else issuing_body_for(None),
        unit_phone=phone,
        amount_recovered=Decimal(amount) if amount is not None else None,
        label=facts["label"],
        case_pk=facts["case_pk"],
    )


def _build(rows: list[GrantRow]) -> dict[tuple[str, int], tuple[dict, tuple[str, str, str], str, int | None]]:
    """Build the facts of the cases of ``rows`` (``grant_rows`` of those cases, just read: who is on each and its
    version): {(label, case id): (facts, unit, version, jurisdiction id)}; a case with nobody on it has none."""
    refs = [CaseRef(row.label, row.case_pk, row.person_pk) for row in rows if row.person_pk is not None]
    refs = list(dict.fromkeys(refs))
    if not refs:
        return {}
    with translation.override("zh-hans"):
        matches = selectors.matches_for_refs(refs, checked=rows)
        items = selectors.public_progress_list(matches)
    by_case: dict[tuple[str, int], list] = {}
    for match, item in zip(matches, items, strict=True):
        by_case.setdefault((match.ref.label, match.case.pk), []).append((match, item))
    versions = {(row.label, row.case_pk): row.version for row in rows}
    built = {}
    for key, pairs in by_case.items():
        case = pairs[0][0].case
        unit = case.jurisdiction
        facts = _facts([item for _m, item in pairs], [m.person.pk for m, _i in pairs])
        unit_row = (unit.name, unit.level, unit.phone) if unit else ("", "", "")
        built[key] = (facts, unit_row, versions[key], case.jurisdiction_id)
    return built


def _store(built) -> None:
    if not built:
        return
    PublicProgressRecord.objects.bulk_create(
        [
            PublicProgressRecord(
                case_label=label,
                case_pk=case_pk,
                version=version,
                jurisdiction_id=jurisdiction_id,
                facts=json.dumps(facts, ensure_ascii=False, separators=(",", ":")),
            )
            for (label, case_pk), (facts, _unit, version, jurisdiction_id) in built.items()
        ],
        update_conflicts=True,
        unique_fields=["case_label", "case_pk"],
        update_fields=["version", "jurisdiction", "facts", "built_at"],
    )


def progress_for(refs: list[CaseRef], *, nonce: str = "") -> tuple[list[PublicProgress], bool]:
    """The progress of the granted cases the person is still on, in the order granted, and whether every one of
    those persons has turned the progress SMS off. One query when each case's record is current; when one is not,
    its facts are built (a query per case type present, the deadlines, the timelines) and stored. ``nonce``
    (``access.granted_refs_unchecked``): when the grant was given up ("退出查询"), the query finds nothing."""
    rows, stored = selectors.grant_rows_with_progress(refs, unless_revoked=nonce or None)
    on_case = {(row.label, row.case_pk, row.person_pk) for row in rows}
    opt_out = {row.person_pk: row.sms_opt_out for row in rows}
    valid = [ref for ref in refs if (ref.label, ref.case_pk, ref.person_pk) in on_case]
    if not valid:
        return [], True
    facts = {}
    for key, record in stored.items():
        loaded = json.loads(record.facts)
        if loaded.get("edition") == EDITION:
            facts[key] = (loaded, record.unit)
    missing = {(ref.label, ref.case_pk) for ref in valid} - facts.keys()
    if missing:
        built = _build([row for row in rows if (row.label, row.case_pk) in missing])
        _store(built)
        facts.update({key: (value[0], value[1]) for key, value in built.items()})
    shown = [ref for ref in valid if (ref.label, ref.case_pk) in facts]  # (a case deleted meanwhile: none)
    items = [_to_progress(*facts[(ref.label, ref.case_pk)], ref.person_pk) for ref in shown]
    return items, all(opt_out[ref.person_pk] for ref in shown)


def refresh(label: str, case_pks: list[int]) -> int:
    """Rebuild the records of these cases of one type unless they are current; returns how many were built."""
    if case_type_by_label(label) is None or not case_pks:
        return 0
    rows, stored = selectors.grant_rows_with_progress([CaseRef(label, pk, 0) for pk in case_pks])
    stale = [row for row in rows if (row.label, row.case_pk) not in stored]
    built = _build(stale)
    _store(built)
    return len(built)


def refresh_after_change(case) -> None:
    """The kernel's hook after a change to ``case`` commits (``casework.services.audit.on_case_logged``). A failure
    is logged, never raised: the change has committed, and the page builds a missing record itself."""
    try:
        refresh(case._meta.label_lower, [case.pk])
    except Exception:
        logger.warning(
            "public progress of %s %s not refreshed", case._meta.label_lower, case.pk, exc_info=True
        )


def fill(*, batch: int = 1000, say=None) -> int:
    """Build the record of every case of the green channel's types that has no current one; returns how many."""
    total = 0
    for case_type in public_case_types():
        label, model = case_type.model_label, case_type.model
        current = PublicProgressRecord.objects.filter(
            case_label=label, case_pk=OuterRef("pk"), version=OuterRef("audit_head")
        )
        last = 0
        while True:
            pks = list(
                model._default_manager.filter(pk__gt=last)
                .filter(~Exists(current))
                .order_by("pk")
                .values_list("pk", flat=True)[:batch]
            )
            if not pks:
                break
            total += refresh(label, pks)
            last = pks[-1]
            if say:
                say(f"{label}: up to id {last}, {total} built")
    return total
