"""The tamper-evident transition log: append an entry, verify every chain."""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from casework.models import TransitionLog


def entry_hash(
    *,
    prev_hash: str,
    case_label: str,
    object_id: int,
    case_number: str,
    transition: str,
    transition_label: str,
    from_state: str,
    to_state: str,
    actor_id: int | None,
    actor_name: str,
    at,
    reason: str,
    details: dict,
    public: bool,
) -> str:
    payload = json.dumps(
        [
            prev_hash,
            case_label,
            object_id,
            case_number,
            transition,
            transition_label,
            from_state,
            to_state,
            actor_id,
            actor_name,
            at.astimezone(UTC).isoformat(timespec="microseconds"),
            reason,
            details,
            public,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _hash_of(entry: TransitionLog, case_label: str) -> str:
    return entry_hash(
        prev_hash=entry.prev_hash,
        case_label=case_label,
        object_id=entry.object_id,
        case_number=entry.case_number,
        transition=entry.transition,
        transition_label=entry.transition_label,
        from_state=entry.from_state,
        to_state=entry.to_state,
        actor_id=entry.actor_id,
        actor_name=entry.actor_name,
        at=entry.at,
        reason=entry.reason,
        details=entry.details,
        public=entry.public,
    )


def append_entry(
    *,
    case,
    transition: str,
    label: str,
    from_state: str,
    to_state: str,
    actor,
    reason: str = "",
    details: dict | None = None,
    public: bool = False,
) -> TransitionLog:
    """Append to the case's chain. The caller holds the case row locked and saves ``case.audit_head``."""
    content_type = ContentType.objects.get_for_model(case)
    details = json.loads(json.dumps(details or {}, ensure_ascii=False, default=str))
    at = timezone.now()
    entry = TransitionLog(
        content_type=content_type,
        object_id=case.pk,
        case_number=case.number,
        transition=transition,
        transition_label=label,
        from_state=str(from_state or ""),
        to_state=str(to_state),
        actor=actor,
        actor_name=str(actor) if actor else "",
        at=at,
        reason=reason or "",
        details=details,
        public=public,
        prev_hash=case.audit_head or "",
    )
    entry.entry_hash = _hash_of(entry, content_type.natural_key().__repr__())
    entry.save()
    case.audit_head = entry.entry_hash
    type(case).objects.filter(pk=case.pk).update(audit_head=entry.entry_hash)
    return entry


@dataclass
class ChainProblem:
    case_label: str
    object_id: int
    case_number: str
    problem: str

    def __str__(self):
        return f"{self.case_number or self.object_id} ({self.case_label}): {self.problem}"


def verify_chains(case_models) -> list[ChainProblem]:
    problems: list[ChainProblem] = []
    for model in case_models:
        content_type = ContentType.objects.get_for_model(model)
        label = content_type.natural_key().__repr__()
        heads = dict(model._default_manager.values_list("pk", "audit_head"))
        numbers = dict(model._default_manager.values_list("pk", "number"))
        seen: set[int] = set()
        current_id, expected_prev = None, ""
        entries = TransitionLog.objects.filter(content_type=content_type).order_by("object_id", "id")
        last_hash: dict[int, str] = {}
        broken: set[int] = set()
        for entry in entries.iterator(chunk_size=2000):
            if entry.object_id != current_id:
                current_id, expected_prev = entry.object_id, ""
                seen.add(current_id)
            if entry.object_id in broken:
                continue
            if entry.prev_hash != expected_prev:
                broken.add(entry.object_id)
                problems.append(
                    ChainProblem(
                        label,
                        entry.object_id,
                        entry.case_number,
                        f"entry {entry.pk}: chain broken (an entry was deleted or inserted)",
                    )
                )
                continue
            if _hash_of(entry, label) != entry.entry_hash:
                broken.add(entry.object_id)
                problems.append(
                    ChainProblem(
                        label,
                        entry.object_id,
                        entry.case_number,
                        f"entry {entry.pk}: content does not match its hash (edited)",
                    )
                )
                continue
            expected_prev = entry.entry_hash
            last_hash[entry.object_id] = entry.entry_hash
        for pk, head in heads.items():
            if pk in broken:
                continue
            if head and last_hash.get(pk) != head:
                problems.append(
                    ChainProblem(
                        label,
                        pk,
                        numbers.get(pk, ""),
                        "latest entries missing: log does not reach the case's head hash",
                    )
                )
            elif not head and pk in seen:
                problems.append(ChainProblem(label, pk, numbers.get(pk, ""), "case head hash was cleared"))
    return problems
