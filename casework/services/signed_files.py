"""Small JSON files outside the database, signed with the audit key (``casework.services.audit.sign``).

The audit-digest directory (``AUDIT_DIGEST_DIR``) holds what someone who can write the database must not be able
to forge: the daily digests of every case head (append-only, ``casework.services.audit_digest``), the checkpoint
of the incremental chain verification and of the evidence fixity check, the one-time seal marker.
"""

import hmac
import json
import os
import tempfile
from pathlib import Path

from django.conf import settings

from casework.services.audit import sign


class TamperedFile(Exception):
    """A signed file whose signature does not match its content (edited, or signed with another key)."""


def digest_dir() -> Path:
    path = Path(settings.AUDIT_DIGEST_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def canonical(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def write_signed_json(name: str, data: dict, *, exclusive: bool = False) -> Path:
    """Write ``data`` with its signature to ``name`` in the digest directory, atomically (temp file + rename).
    ``exclusive``: never replace an existing file (FileExistsError)."""
    folder = digest_dir()
    target = folder / name
    body = canonical({"data": data, "hmac": sign(canonical(data))})
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(body)
        if exclusive:
            os.link(temp, target)  # fails if the target exists: never overwritten
        else:
            os.replace(temp, target)
            temp = ""
    finally:
        if temp:
            os.unlink(temp)
    return target


def read_signed_json(name: str) -> dict | None:
    """The data of signed file ``name`` (None if there is none); ``TamperedFile`` if its signature fails."""
    path = Path(settings.AUDIT_DIGEST_DIR) / name
    if not path.exists():
        return None
    try:
        wrapper = json.loads(path.read_text(encoding="utf-8"))
        data, signature = wrapper["data"], wrapper["hmac"]
    except (ValueError, KeyError, TypeError):
        raise TamperedFile(f"{name}: not a signed file") from None
    if not isinstance(signature, str) or not hmac.compare_digest(sign(canonical(data)), signature):
        raise TamperedFile(f"{name}: signature does not match (edited, or another AUDIT_HMAC_KEY)")
    return data
