"""Verify the transition log: every chain in full, or incrementally from the last signed checkpoint.

Each entry must (1) follow the previous entry of its case (``prev_hash``), (2) match its own content
(``entry_hash``) and (3) carry the seal of that hash made with ``AUDIT_HMAC_KEY`` (``entry_hmac``). (1) and (2)
catch an edit, a deletion or an insertion made without recomputing the hashes; (3) catches the rewrite of an
attacker who recomputed every hash and the case's head, since the key is not in the database.

Incremental (the nightly run): the checkpoint file (``audit-verify-checkpoint.json`` in ``AUDIT_DIGEST_DIR``,
signed with the key, so it cannot be forged from the database) holds the last entry id verified and how many
entries there were up to it. A run verifies only the entries after it, each touched case's last entry before it
(the anchor: content and seal re-checked), the heads of the touched cases, and that the count up to the
checkpoint is unchanged (an old entry deleted). An old entry rewritten in place is caught by ``--full`` and by
comparing the daily digests (``casework.services.audit_digest``).
"""

import hmac
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.utils import timezone

from casework.models import TransitionLog
from casework.services.audit import _hash_of, audit_hmac_key, entry_hmac
from casework.services.signed_files import digest_dir, read_signed_json, write_signed_json

CHECKPOINT_FILE = "audit-verify-checkpoint.json"
SEAL_FILE = "audit-seal.json"
CHUNK = 1000


@dataclass
class ChainProblem:
    case_label: str
    object_id: int
    case_number: str
    problem: str

    def __str__(self):
        return f"{self.case_number or self.object_id} ({self.case_label}): {self.problem}"


@dataclass
class Verification:
    problems: list[ChainProblem] = field(default_factory=list)
    entries_checked: int = 0  # entries verified (after the checkpoint when incremental)
    anchors_checked: int = 0  # entries before the checkpoint re-checked as anchors of touched cases
    since_id: int = 0  # 0: full


class _ChainWalker:
    """Walks one case type's entries in (case, id) order, each case starting from its anchor."""

    def __init__(self, label: str, key: bytes, result: Verification, require_seal: bool = True):
        self.label, self.key, self.result, self.require_seal = label, key, result, require_seal
        self.broken: set[int] = set()
        self.last_hash: dict[int, str] = {}

    def problem(self, entry, text: str) -> None:
        self.broken.add(entry.object_id)
        self.result.problems.append(ChainProblem(self.label, entry.object_id, entry.case_number, text))

    def sound(self, entry) -> bool:
        """Content and seal of one entry (not its place in the chain)."""
        if _hash_of(entry, self.label) != entry.entry_hash:
            self.problem(entry, f"entry {entry.pk}: content does not match its hash (edited)")
        elif not entry.entry_hmac:
            if not self.require_seal:
                return True
            self.problem(entry, f"entry {entry.pk}: unsealed (no HMAC; run `verify_audit_chain --seal` once)")
        elif not hmac.compare_digest(entry_hmac(entry.entry_hash, self.key), entry.entry_hmac):
            self.problem(
                entry, f"entry {entry.pk}: seal (HMAC) does not match: rewritten with recomputed hashes"
            )
        else:
            return True
        return False

    def walk(self, entries, anchors: dict) -> None:
        current, expected = None, ""
        for entry in entries:
            if entry.object_id != current:
                current = entry.object_id
                anchor = anchors.get(current)
                expected = anchor.entry_hash if anchor is not None else ""
            if current in self.broken:
                continue
            self.result.entries_checked += 1
            if entry.prev_hash != expected:
                self.problem(entry, f"entry {entry.pk}: chain broken (an entry was deleted or inserted)")
                continue
            if self.sound(entry):
                expected = self.last_hash[current] = entry.entry_hash

    def check_heads(self, heads: dict[int, tuple[str, str]], seen: set[int]) -> None:
        for pk, (head, number) in heads.items():
            if pk in self.broken:
                continue
            if head and self.last_hash.get(pk) != head:
                self.result.problems.append(
                    ChainProblem(
                        self.label, pk, number, "latest entries missing: log does not reach the case's head"
                    )
                )
            elif not head and pk in seen:
                self.result.problems.append(
                    ChainProblem(self.label, pk, number, "case head hash was cleared")
                )


def _anchors(content_type, object_ids: list[int], since_id: int) -> dict[int, TransitionLog]:
    """The last entry at or before ``since_id`` of each case in ``object_ids`` (two queries per chunk)."""
    anchors: dict[int, TransitionLog] = {}
    for start in range(0, len(object_ids), CHUNK):
        chunk = object_ids[start : start + CHUNK]
        last_ids = (
            TransitionLog.objects.filter(content_type=content_type, object_id__in=chunk, id__lte=since_id)
            .values("object_id")
            .annotate(last=Max("id"))
            .values_list("last", flat=True)
        )
        for entry in TransitionLog.objects.filter(id__in=list(last_ids)):
            anchors[entry.object_id] = entry
    return anchors


def _heads(model, object_ids: list[int] | None) -> dict[int, tuple[str, str]]:
    # a case by its number; an audited record that has none (``AuditedRecord``) by its id
    number = "number" if any(f.name == "number" for f in model._meta.concrete_fields) else "pk"
    rows = model._default_manager.values_list("pk", "audit_head", number)
    if object_ids is None:
        return {pk: (head, number) for pk, head, number in rows.iterator(chunk_size=5000)}
    heads = {}
    for start in range(0, len(object_ids), CHUNK):
        heads.update({pk: (h, n) for pk, h, n in rows.filter(pk__in=object_ids[start : start + CHUNK])})
    return heads


def verify_chains(
    case_models, *, since_id: int = 0, key: bytes | None = None, require_seal: bool = True
) -> Verification:
    """Verify every case type's chains; ``since_id`` > 0: only the entries after it (incremental).
    ``require_seal=False``: an entry without a seal passes (only while sealing the old rows, once)."""
    key = key or audit_hmac_key()
    result = Verification(since_id=since_id)
    for model in case_models:
        content_type = ContentType.objects.get_for_model(model)
        walker = _ChainWalker(repr(content_type.natural_key()), key, result, require_seal)
        entries = TransitionLog.objects.filter(content_type=content_type, id__gt=since_id)
        touched: list[int] | None = None
        anchors: dict[int, TransitionLog] = {}
        if since_id:
            touched = sorted(set(entries.values_list("object_id", flat=True)))
            anchors = _anchors(content_type, touched, since_id)
            for anchor in anchors.values():
                result.anchors_checked += 1
                walker.sound(anchor)
        walker.walk(entries.order_by("object_id", "id").iterator(chunk_size=2000), anchors)
        seen = set(walker.last_hash) | walker.broken
        if touched is None:
            seen |= set(
                TransitionLog.objects.filter(content_type=content_type)
                .values_list("object_id", flat=True)
                .distinct()
            )
        walker.check_heads(_heads(model, touched), seen)
    return result


# --- the checkpoint ------------------------------------------------------------------------------------------
def read_checkpoint() -> dict | None:
    """``{"last_id", "count", "at"}`` or None; ``TamperedFile`` if its signature fails."""
    return read_signed_json(CHECKPOINT_FILE)


def check_count(checkpoint: dict) -> list[ChainProblem]:
    """Entries up to the checkpoint are as many as when it was written (none deleted since)."""
    count = TransitionLog.objects.filter(id__lte=checkpoint["last_id"]).count()
    if count == checkpoint["count"]:
        return []
    return [
        ChainProblem(
            "*",
            0,
            "",
            f"{checkpoint['count']} entries up to id {checkpoint['last_id']} at the last checkpoint, now {count}",
        )
    ]


def write_checkpoint(started) -> dict:
    """Advance the checkpoint to the last entry written at least ``AUDIT_CHECKPOINT_LAG_SECONDS`` before this
    run started: an entry whose transaction was still open (its id drawn, not yet committed) is then verified by
    the next run instead of being skipped."""
    lag = timedelta(seconds=int(getattr(settings, "AUDIT_CHECKPOINT_LAG_SECONDS", 600)))
    last_id = TransitionLog.objects.filter(at__lte=started - lag).aggregate(last=Max("id"))["last"] or 0
    data = {
        "last_id": last_id,
        "count": TransitionLog.objects.filter(id__lte=last_id).count(),
        "at": timezone.now().isoformat(),
    }
    write_signed_json(CHECKPOINT_FILE, data)
    return data


def discard_checkpoint() -> None:
    """Forget the checkpoint (the next run is a full one): after log rows were deleted on purpose."""
    (digest_dir() / CHECKPOINT_FILE).unlink(missing_ok=True)


# --- the one-time seal of entries written before the HMAC existed ----------------------------------------------
def seal_unsealed(case_models) -> int:
    """Seal (fill ``entry_hmac`` of) the entries that have none, once: only if every chain is otherwise sound,
    and never again after (the signed marker ``audit-seal.json``: an unsealed entry after that is a rewrite).
    Returns how many were sealed; raises ``RuntimeError`` saying why not."""
    if read_signed_json(SEAL_FILE) is not None:
        raise RuntimeError("已封存过一次（audit-seal.json），此后出现的未封存记录视为篡改，不能再次封存")
    blocking = verify_chains(case_models, require_seal=False).problems
    if blocking:
        raise RuntimeError(f"{len(blocking)} 条日志链有问题，先查明原因再封存：{blocking[0]}")
    key = audit_hmac_key()
    sealed = 0
    unsealed = TransitionLog.objects.filter(entry_hmac="").only("id", "entry_hash").order_by("id")
    batch = []
    for entry in unsealed.iterator(chunk_size=2000):
        entry.entry_hmac = entry_hmac(entry.entry_hash, key)
        batch.append(entry)
        if len(batch) >= 2000:
            TransitionLog.objects.bulk_update(batch, ["entry_hmac"])
            sealed, batch = sealed + len(batch), []
    if batch:
        TransitionLog.objects.bulk_update(batch, ["entry_hmac"])
        sealed += len(batch)
    max_id = TransitionLog.objects.aggregate(last=Max("id"))["last"] or 0
    write_signed_json(
        SEAL_FILE, {"sealed": sealed, "through_id": max_id, "at": timezone.now().isoformat()}, exclusive=True
    )
    return sealed
