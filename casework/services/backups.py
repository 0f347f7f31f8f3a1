"""Backups and their restore check.

``backup``: the database (PostgreSQL: ``pg_dump --format=custom``; SQLite: the sqlite3 online backup API, safe
while the site runs), the media files (evidence, generated documents) and ``manifest.json`` — the SHA-256 of every
file, signed with the audit key — into ``<BACKUP_DIR>/backup-YYYYmmdd-HHMMSS/``.

``restore_check``: verifies the manifest, restores the database into a scratch one (PostgreSQL: a new database,
dropped afterwards; SQLite: a temp file) and runs ``BACKUP_CHECK_COMMANDS`` on the restored copy in a child
process (the audit chain in full, the arrears totals, the evidence fixity against the backed-up media), with a
scratch ``AUDIT_DIGEST_DIR`` so that nothing of the live checkpoints is touched.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection
from django.utils import timezone

from casework.services.audit import sign
from casework.services.signed_files import canonical

MANIFEST = "manifest.json"


@dataclass
class CheckResult:
    name: str
    ok: bool
    output: str = ""


@dataclass
class RestoreReport:
    results: list[CheckResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.results) and all(r.ok for r in self.results)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return args


def backup(target_root: Path | None = None) -> Path:
    """Write a backup; returns its directory."""
    root = Path(target_root or settings.BACKUP_DIR)
    folder = root / f"backup-{timezone.localtime():%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True)
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                f"--file={folder / 'db.dump'}",
                *_pg_args(db),
                db["NAME"],
            ],
            check=True,
            env=_pg_env(db),
        )
    elif connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        target = sqlite3.connect(folder / "db.sqlite3")
        with target:
            connection.connection.backup(target)  # the online backup API: consistent while others write
        target.close()
    else:
        raise RuntimeError(f"no backup method for {connection.vendor}")
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.copytree(media, folder / "media")
    else:
        (folder / "media").mkdir()
    files = {
        str(path.relative_to(folder)): _sha256(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }
    data = {"created_at": timezone.now().isoformat(), "vendor": connection.vendor, "files": files}
    (folder / MANIFEST).write_text(canonical({"data": data, "hmac": sign(canonical(data))}), encoding="utf-8")
    return folder


def check_manifest(folder: Path) -> CheckResult:
    try:
        wrapper = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        data = wrapper["data"]
    except (OSError, ValueError, KeyError):
        return CheckResult("manifest", False, "manifest.json missing or unreadable")
    problems = []
    if sign(canonical(data)) != wrapper.get("hmac"):
        problems.append("manifest signature does not match")
    for name, expected in data["files"].items():
        path = folder / name
        if not path.is_file():
            problems.append(f"missing: {name}")
        elif _sha256(path) != expected:
            problems.append(f"changed: {name}")
    listed = set(data["files"])
    extra = [str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST]
    problems += [f"not in the manifest: {name}" for name in extra if name not in listed]
    return CheckResult("manifest", not problems, "\n".join(problems) or f"{len(listed)} files match")


class _Scratch:
    """A scratch database restored from the backup: its URL; dropped / deleted on exit."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.db = connection.settings_dict
        self.name = ""
        self.temp = ""

    def __enter__(self) -> str:
        if (self.folder / "db.dump").exists():
            return self._postgres()
        fd, self.temp = tempfile.mkstemp(suffix=".sqlite3")
        os.close(fd)
        shutil.copyfile(self.folder / "db.sqlite3", self.temp)
        return f"sqlite:///{self.temp}"

    def _postgres(self) -> str:
        db = self.db
        self.name = f"restore_check_{uuid.uuid4().hex[:12]}"
        subprocess.run(["createdb", *_pg_args(db), self.name], check=True, env=_pg_env(db))
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                f"--dbname={self.name}",
                *_pg_args(db),
                str(self.folder / "db.dump"),
            ],
            check=True,
            env=_pg_env(db),
        )
        auth = quote(db.get("USER") or "", safe="")
        if db.get("PASSWORD"):
            auth += ":" + quote(db["PASSWORD"], safe="")
        host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
        return f"postgres://{auth}@{host}/{self.name}"

    def __exit__(self, *exc):
        if self.name:
            subprocess.run(
                ["dropdb", "--if-exists", "--force", *_pg_args(self.db), self.name],
                check=False,
                env=_pg_env(self.db),
            )
        if self.temp:
            os.unlink(self.temp)
        return False


def restore_check(folder: Path) -> RestoreReport:
    """Verify the backup's manifest, restore it into a scratch database and run the checks on that copy."""
    folder = Path(folder)
    report = RestoreReport([check_manifest(folder)])
    if not report.results[0].ok:
        return report
    with _Scratch(folder) as url, tempfile.TemporaryDirectory() as digests:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "MEDIA_ROOT": str(folder / "media"),
            "AUDIT_DIGEST_DIR": digests,  # never the live checkpoints
            "SECRET_KEY": settings.SECRET_KEY,
            "AUDIT_HMAC_KEY": settings.AUDIT_HMAC_KEY,
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"),
        }
        for command in settings.BACKUP_CHECK_COMMANDS:
            done = subprocess.run(
                [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *command],
                env=env,
                capture_output=True,
                text=True,
                timeout=3600,
            )
            output = (done.stdout + done.stderr).strip()
            report.results.append(CheckResult(" ".join(command), done.returncode == 0, output))
    return report
