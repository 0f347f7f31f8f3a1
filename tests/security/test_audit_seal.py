"""Tamper evidence outside the database: HMAC seals, the signed checkpoint, the daily digests (issue 16, item 6)."""

import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from casework.case_types import case_models
from casework.inspection import services as svc
from casework.inspection.models import Complaint
from casework.models import TransitionLog
from casework.services import audit_digest
from casework.services.audit import _hash_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_lag(settings):
    settings.AUDIT_CHECKPOINT_LAG_SECONDS = 0


def verify(*args) -> str:
    out = io.StringIO()
    call_command("verify_audit_chain", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def rewrite_as_attacker(case, transition: str, **changes) -> None:
    """What someone with write access to the database can do: edit an entry, recompute its hash and every later
    hash of the case, and the case's head — but not the seals, whose key is not in the database."""
    entries = list(
        TransitionLog.objects.filter(object_id=case.pk, content_type__model="complaint").order_by("id")
    )
    label = repr(entries[0].content_type.natural_key())
    prev = ""
    for entry in entries:
        if entry.transition == transition:
            for name, value in changes.items():
                setattr(entry, name, value)
        entry.prev_hash = prev
        entry.entry_hash = _hash_of(entry, label)
        entry.save()
        prev = entry.entry_hash
    Complaint.objects.filter(pk=case.pk).update(audit_head=prev)


def test_every_entry_is_sealed(investigating):
    case = investigating()
    entries = TransitionLog.objects.filter(object_id=case.pk)
    assert entries.count() >= 5
    assert all(len(e.entry_hmac) == 64 for e in entries)


def test_a_rewrite_with_recomputed_hashes_and_head_is_detected(investigating, capsys):
    case = investigating()
    other = investigating()
    verify("--full")
    rewrite_as_attacker(case, "accept", reason="改写后的受理理由", details={"note": "假的"})
    # The plain chain is perfect again: without the seals it would pass.
    with pytest.raises(CommandError) as err:
        call_command("verify_audit_chain", "--full", stdout=io.StringIO())
    assert "1 case(s)" in str(err.value)
    stderr = capsys.readouterr().err
    assert case.number in stderr and "HMAC" in stderr
    assert other.number not in stderr


def test_a_seal_made_with_another_key_is_refused(investigating, settings):
    investigating()
    settings.AUDIT_HMAC_KEY = "another-key-than-the-one-that-sealed"
    with pytest.raises(CommandError):
        verify("--full")


def test_incremental_run_verifies_only_the_new_entries(investigating, staff):
    investigating()
    investigating()
    total = TransitionLog.objects.count()
    assert f"Verified {total} entries in full" in verify()  # no checkpoint yet: everything
    third = investigating()
    new = TransitionLog.objects.count() - total
    out = verify()
    assert f"Verified {new} entries since entry" in out
    svc.complaint_assign(
        actor=staff["head"], complaint_id=third.pk, inspectors=[staff["inspector2"], staff["inspector1"]]
    )
    out = verify()
    assert "Verified 1 entries since entry" in out and "(1 anchors)" in out
    assert "Verified 0 entries since entry" in verify()
    assert f"Verified {TransitionLog.objects.count()} entries in full" in verify("--full")


def test_incremental_run_catches_a_rewrite_of_a_new_entry(investigating, staff):
    case = investigating()
    verify()
    svc.complaint_assign(
        actor=staff["head"], complaint_id=case.pk, inspectors=[staff["inspector2"], staff["inspector1"]]
    )
    rewrite_as_attacker(case, "assign", reason="改写")
    with pytest.raises(CommandError):
        verify()


def test_incremental_run_catches_an_old_entry_deleted(investigating):
    """An entry before the checkpoint deleted from a case that nothing new touches: the count tells."""
    case = investigating()
    investigating()
    verify()
    entries = TransitionLog.objects.filter(object_id=case.pk).order_by("-id")
    last = entries[0]
    entries.filter(pk=last.pk).delete()
    Complaint.objects.filter(pk=case.pk).update(audit_head=entries[0].entry_hash)  # the head set back, too
    with pytest.raises(CommandError):
        verify()


def test_a_forged_checkpoint_is_refused(investigating, settings):
    investigating()
    verify()
    path = Path(settings.AUDIT_DIGEST_DIR) / "audit-verify-checkpoint.json"
    wrapper = json.loads(path.read_text())
    wrapper["data"]["last_id"] += 1000  # skip whatever comes next
    path.write_text(json.dumps(wrapper))
    with pytest.raises(CommandError):
        verify()


def test_unsealed_old_rows_are_reported_then_sealed_once(investigating):
    case = investigating()
    TransitionLog.objects.update(entry_hmac="")  # rows written before the seal existed
    with pytest.raises(CommandError):
        verify("--full")
    out = io.StringIO()
    call_command("verify_audit_chain", "--seal", stdout=out)
    assert "Sealed" in out.getvalue()
    verify("--full")
    # Once only: an unsealed row afterwards is a rewrite, and cannot be sealed away.
    TransitionLog.objects.filter(object_id=case.pk, transition="accept").update(entry_hmac="")
    with pytest.raises(CommandError):
        call_command("verify_audit_chain", "--seal", stdout=io.StringIO())
    with pytest.raises(CommandError):
        verify("--full")


def test_seal_refuses_a_chain_already_broken(investigating):
    case = investigating()
    TransitionLog.objects.update(entry_hmac="")
    TransitionLog.objects.filter(object_id=case.pk, transition="accept").update(reason="改")
    with pytest.raises(CommandError):
        call_command("verify_audit_chain", "--seal", stdout=io.StringIO())


def test_daily_digest_is_signed_chained_and_never_overwritten(investigating, settings, mailoutbox):
    settings.AUDIT_DIGEST_MAIL_TO = ["auditor@example.org"]
    case = investigating()
    first = audit_digest.write_digest(case_models(), day=date(2026, 11, 1))
    assert first.name == "audit-digest-2026-11-01.jsonl"
    assert audit_digest.write_digest(case_models(), day=date(2026, 11, 1)) is None
    second = audit_digest.write_digest(case_models(), day=date(2026, 11, 2))
    lines = second.read_text().splitlines()
    header = json.loads(lines[0])
    assert header["previous"] == first.name
    head = TransitionLog.objects.filter(object_id=case.pk).order_by("-id").first()
    assert [repr(head.content_type.natural_key()), case.pk, head.pk, head.entry_hash] in [
        json.loads(line) for line in lines[1:-1]
    ]
    assert len(mailoutbox) == 2 and mailoutbox[0].attachments
    assert audit_digest.verify_digests() == ([], second)
    verify("--full")


def test_a_replaced_digest_or_an_entry_rewritten_since_is_detected(investigating, settings):
    case = investigating()
    first = audit_digest.write_digest(case_models(), day=date(2026, 11, 1))
    audit_digest.write_digest(case_models(), day=date(2026, 11, 2))
    # The entry a digest names is rewritten (hash recomputed and — say — the key leaked later): the digest tells.
    head = TransitionLog.objects.filter(object_id=case.pk).order_by("-id").first()
    TransitionLog.objects.filter(pk=head.pk).update(entry_hash="0" * 64)
    problems = audit_digest.compare_with_database(audit_digest.verify_digests()[1])
    assert [p.object_id for p in problems] == [case.pk]
    # A digest edited on disk no longer matches its signature.
    first.chmod(0o640)
    first.write_text(first.read_text().replace(head.entry_hash, "f" * 64))
    assert any("signature" in p for p in audit_digest.verify_digests()[0])


def test_the_beat_task_writes_todays_digest(investigating, settings):
    from casework.tasks import write_audit_digest

    investigating()
    assert write_audit_digest().startswith("audit-digest-")
    assert write_audit_digest() == "exists"
