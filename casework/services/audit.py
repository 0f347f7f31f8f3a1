"""The tamper-evident transition log: append an entry (hash-chained and HMAC-sealed), verify every chain.

``entry_hash`` chains each entry to the previous one of its case; anyone who can write the database could
recompute those. ``entry_hmac`` = HMAC-SHA256 of the entry's hash with ``AUDIT_HMAC_KEY``, a key that lives in
the environment only, never in the database: a rewritten entry cannot be sealed again without it. Verification
(full or incremental from a signed checkpoint) lives in ``casework.services.audit_verify``; the daily signed
digest of every case head, outside the database, in ``casework.services.audit_digest``.
"""

import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import UTC
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
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


def audit_hmac_key() -> bytes:
    """The key that seals log entries, digests and checkpoints: ``AUDIT_HMAC_KEY`` from the environment.

    Empty (the demo and the tests, DEBUG on): a development key derived from SECRET_KEY, so that the demo works
    out of the box. It is NOT a secret kept apart from the server's configuration, and a production deploy
    refuses an empty key (``check --deploy`` with DEBUG=0).
    """
    configured = getattr(settings, "AUDIT_HMAC_KEY", "") or ""
    if configured:
        return configured.encode("utf-8")
    return hmac.new(settings.SECRET_KEY.encode("utf-8"), b"casework.audit.development-key", "sha256").digest()


def sign(data: bytes | str, key: bytes | None = None) -> str:
    """HMAC-SHA256 (hex) of ``data`` with the audit key."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hmac.new(key or audit_hmac_key(), data, hashlib.sha256).hexdigest()


def entry_hmac(entry_hash_value: str, key: bytes | None = None) -> str:
    """The seal of one entry: the HMAC of its hash (which covers its content and the previous entry's hash)."""
    return sign("transition-log:" + entry_hash_value, key)


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


# Called with the case after a change to it commits (``on_commit``, robust: a failing listener is logged and
# the others still run); registered by the kernel's parts that keep something derived from a case
# (``casework.public.progress_store``: the green channel's progress record).
_CHANGE_LISTENERS: list[Callable] = []


def on_case_logged(listener: Callable) -> Callable:
    if listener not in _CHANGE_LISTENERS:
        _CHANGE_LISTENERS.append(listener)
    return listener


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
        case_number=getattr(case, "audit_number", None) or case.number,
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
    entry.entry_hmac = entry_hmac(entry.entry_hash)
    entry.save()
    case.audit_head = entry.entry_hash
    type(case).objects.filter(pk=case.pk).update(audit_head=entry.entry_hash)
    for listener in _CHANGE_LISTENERS:
        transaction.on_commit(partial(listener, case), robust=True)
    return entry


def append_record_entry(
    record, *, name: str, label: str, actor, reason: str = "", details=None
) -> TransitionLog:
    """A change of a record that is not a case (``casework.models.AuditedRecord``: a construction project)
    chained in the transition log like a case's: who, when, what (``details``: never personal data). Call in
    the change's transaction, holding the record's row locked (or having just created it)."""
    return append_entry(
        case=record, transition=name, label=label, from_state="", to_state="", actor=actor, reason=reason,
        details=details,
    )  # fmt: skip
