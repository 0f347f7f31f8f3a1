"""Backups: database + media + signed manifest; restore --check into a scratch database runs the audit, arrears
totals and evidence checks there, and reports a problem in any of them (issue 16, item 8)."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from casework.models import TransitionLog
from casework.services.evidence import attach_evidence

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n%backup\n"


@pytest.fixture
def backed_up(investigating, staff, tmp_path):
    case = investigating()
    attach_evidence(
        case=case,
        uploaded_file=SimpleUploadedFile("工资条.pdf", PDF),
        category="wage_record",
        actor=staff["inspector1"],
    )
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path), stdout=out)
    from pathlib import Path

    return case, Path(out.getvalue().strip())


def restore(folder) -> str:
    out = io.StringIO()
    try:
        call_command("restore", "--check", str(folder), stdout=out)
    except CommandError:
        return "FAILED\n" + out.getvalue()
    return out.getvalue()


def test_backup_writes_database_media_and_a_manifest_of_hashes(backed_up):
    _case, folder = backed_up
    manifest = json.loads((folder / "manifest.json").read_text())["data"]
    names = set(manifest["files"])
    assert any(n.startswith("media/evidence/") for n in names)
    assert {"db.sqlite3", "db.dump"} & names
    assert all(len(h) == 64 for h in manifest["files"].values())


def test_restore_check_runs_every_check_on_the_copy(backed_up):
    out = restore(backed_up[1])
    assert "FAILED" not in out, out
    for check in (
        "OK   manifest",
        "OK   verify_audit_chain --full",
        "OK   verify_arrears_totals",
        "OK   verify_evidence",
    ):
        assert check in out


def test_a_changed_file_in_the_backup_fails_the_manifest(backed_up):
    _case, folder = backed_up
    stored = next((folder / "media").rglob("*.pdf"))
    stored.write_bytes(b"%PDF-1.4 other")
    out = restore(folder)
    assert out.startswith("FAILED") and "FAIL manifest" in out and "changed: media/" in out


def test_a_backup_of_a_rewritten_log_fails_the_audit_check(investigating, tmp_path):
    case = investigating()
    TransitionLog.objects.filter(object_id=case.pk, transition="accept").update(reason="改写")
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path), stdout=out)
    report = restore(out.getvalue().strip())
    assert "FAIL verify_audit_chain --full" in report and case.number in report
    assert "OK   verify_evidence" in report
