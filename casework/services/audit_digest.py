"""The daily digest of every case head, written outside the database (``AUDIT_DIGEST_DIR``).

One file a day, ``audit-digest-YYYY-MM-DD.jsonl``, never overwritten (created with a hard link, which fails if
the name exists; read-only afterwards): a header line naming the previous digest and its SHA-256 (the digests
form a chain), one line per case ``[content type, case id, last entry id, last entry hash]``, and a last line
with the HMAC (``AUDIT_HMAC_KEY``) of everything above it. Written by Celery beat
(``casework.tasks.write_audit_digest``); optionally mailed to the auditors (``AUDIT_DIGEST_MAIL_TO``).

``verify_audit_chain --full`` checks the digests' signatures and chain, and that every entry named in the
latest digest is still in the database with the same hash: an old entry rewritten or deleted after the digest
was written is found even if the attacker also rewrote what followed it.
"""

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db.models import Max
from django.utils import timezone

from casework.models import TransitionLog
from casework.services.audit import sign
from casework.services.audit_verify import ChainProblem
from casework.services.signed_files import digest_dir

logger = logging.getLogger(__name__)

PREFIX = "audit-digest-"
SUFFIX = ".jsonl"
CHUNK = 5000
MAIL_ATTACH_MAX = 5 * 1024 * 1024


def digest_files() -> list[Path]:
    return sorted(digest_dir().glob(f"{PREFIX}*{SUFFIX}"))


def _line(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def case_heads(case_models):
    """``[content type label, case id, last entry id, last entry hash]`` of every case with a log."""
    for model in case_models:
        content_type = ContentType.objects.get_for_model(model)
        label = repr(content_type.natural_key())
        last_ids = list(
            TransitionLog.objects.filter(content_type=content_type)
            .values("object_id")
            .annotate(last=Max("id"))
            .order_by("object_id")
            .values_list("last", flat=True)
        )
        for start in range(0, len(last_ids), CHUNK):
            rows = TransitionLog.objects.filter(id__in=last_ids[start : start + CHUNK]).order_by("object_id")
            for object_id, entry_id, entry_hash in rows.values_list("object_id", "id", "entry_hash"):
                yield [label, object_id, entry_id, entry_hash]


def write_digest(case_models, *, day=None) -> Path | None:
    """Write the digest of ``day`` (today); None if it already exists (never overwritten)."""
    day = day or timezone.localdate()
    folder = digest_dir()
    target = folder / f"{PREFIX}{day:%Y-%m-%d}{SUFFIX}"
    if target.exists():
        return None
    earlier = [path for path in digest_files() if path.name < target.name]
    previous = earlier[-1] if earlier else None
    header = {
        "kind": "casework-audit-digest",
        "date": day.isoformat(),
        "generated_at": timezone.now().isoformat(),
        "previous": previous.name if previous else "",
        "previous_sha256": hashlib.sha256(previous.read_bytes()).hexdigest() if previous else "",
    }
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-digest-")
    body = []
    cases = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for value in [header, *case_heads(case_models)]:
                text = _line(value)
                out.write(text)
                body.append(text)
                cases += 1
            out.write(_line({"cases": cases - 1, "hmac": sign("".join(body))}))
        os.chmod(temp, 0o440)
        try:
            os.link(temp, target)  # never replaces an existing digest
        except FileExistsError:
            return None
    finally:
        os.unlink(temp)
    _mail(target)
    return target


def _mail(path: Path) -> None:
    recipients = list(getattr(settings, "AUDIT_DIGEST_MAIL_TO", []) or [])
    if not recipients:
        return
    data = path.read_bytes()
    message = EmailMessage(
        subject=f"案件流转日志每日摘要 {path.stem.removeprefix(PREFIX)}",
        body=(
            f"每日摘要文件：{path.name}\nSHA-256：{hashlib.sha256(data).hexdigest()}\n"
            "请留存本邮件：与服务器上的摘要文件核对，可发现事后对日志的改写。"
        ),
        to=recipients,
    )
    if len(data) <= MAIL_ATTACH_MAX:
        message.attach(path.name, data, "application/json")
    try:
        message.send()
    except Exception:  # the digest is written; a mail failure must not lose it
        logger.exception("audit digest %s: mail to the auditors failed", path.name)


def _read(path: Path) -> tuple[dict, list[str], dict]:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if len(lines) < 2:
        raise ValueError("truncated")
    return json.loads(lines[0]), lines[:-1], json.loads(lines[-1])


def verify_digests() -> tuple[list[str], Path | None]:
    """Problems with the digests (signature, chain); and the latest sound digest."""
    problems: list[str] = []
    latest = None
    previous = None
    for path in digest_files():
        try:
            header, body, trailer = _read(path)
        except ValueError:
            problems.append(f"{path.name}: unreadable")
            continue
        if sign("".join(body)) != trailer.get("hmac"):
            problems.append(f"{path.name}: signature does not match (edited, or another AUDIT_HMAC_KEY)")
            continue
        expected = (
            (previous.name, hashlib.sha256(previous.read_bytes()).hexdigest()) if previous else ("", "")
        )
        if (header.get("previous", ""), header.get("previous_sha256", "")) != expected:
            problems.append(
                f"{path.name}: does not chain to the digest before it (one was removed or replaced)"
            )
        previous = latest = path
    return problems, latest


def compare_with_database(path: Path) -> list[ChainProblem]:
    """Every entry named in digest ``path`` is still in the database, with the same hash."""
    _header, body, _trailer = _read(path)
    problems: list[ChainProblem] = []
    heads = [json.loads(line) for line in body[1:]]
    for start in range(0, len(heads), CHUNK):
        chunk = heads[start : start + CHUNK]
        stored = dict(
            TransitionLog.objects.filter(id__in=[h[2] for h in chunk]).values_list("id", "entry_hash")
        )
        for label, object_id, entry_id, entry_hash in chunk:
            if stored.get(entry_id) != entry_hash:
                what = "deleted" if entry_id not in stored else "rewritten"
                problems.append(
                    ChainProblem(label, object_id, "", f"entry {entry_id} {what} since digest {path.name}")
                )
    return problems
