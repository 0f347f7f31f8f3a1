"""Evidence fixity: files re-hashed, a changed or missing one flagged on its case, told to its handlers and not
served as if intact; no uploads to closed cases except by the type's heads with a reason (issue 16, item 7)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from casework.inspection.models import Complaint, ComplaintState
from casework.models import Evidence, Notification, TransitionLog
from casework.services.evidence import attach_evidence

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%test\n"


def verify(*args) -> str:
    out = io.StringIO()
    call_command("verify_evidence", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def case_with_files(investigating, staff):
    case = investigating()
    files = [
        attach_evidence(
            case=case,
            uploaded_file=SimpleUploadedFile(f"证据{n}.pdf", PDF + bytes([n])),
            category="wage_record",
            actor=staff["inspector1"],
        )
        for n in range(3)
    ]
    return case, files


def test_intact_files_pass(case_with_files):
    assert "Checked 3 evidence files" in verify()
    assert set(Evidence.objects.values_list("fixity", flat=True)) == {"intact"}


def test_a_changed_file_is_reported_flagged_logged_and_told_to_the_handlers(case_with_files, staff, capsys):
    case, files = case_with_files
    with open(files[1].file.path, "ab") as stored:
        stored.write(b"tampered")
    with pytest.raises(CommandError, match="1 evidence file"):
        call_command("verify_evidence", stdout=io.StringIO())
    assert f"CHANGED evidence {files[1].pk}" in capsys.readouterr().err
    assert Evidence.objects.get(pk=files[1].pk).fixity == "changed"
    log = TransitionLog.objects.get(object_id=case.pk, transition="evidence_fixity")
    assert log.details["evidence"] == files[1].pk
    told = Notification.objects.filter(kind="evidence")
    assert {n.recipient for n in told} == {staff["inspector1"], staff["inspector2"]}
    assert "文件已被改动" in told[0].title
    # The next pass reports it again but tells nobody twice; the log chain stays sound.
    with pytest.raises(CommandError):
        call_command("verify_evidence", "--full", stdout=io.StringIO())
    assert Notification.objects.filter(kind="evidence").count() == 2
    call_command("verify_audit_chain", "--full", stdout=io.StringIO())


def test_a_missing_file_is_reported(case_with_files, capsys):
    _case, files = case_with_files
    files[0].file.storage.delete(files[0].file.name)
    with pytest.raises(CommandError):
        call_command("verify_evidence", stdout=io.StringIO())
    assert f"MISSING evidence {files[0].pk}" in capsys.readouterr().err
    assert Evidence.objects.get(pk=files[0].pk).fixity == "missing"


def test_a_changed_file_is_not_served_as_intact(client, case_with_files, staff):
    case, files = case_with_files
    with open(files[2].file.path, "wb") as stored:
        stored.write(b"%PDF-1.4 other")
    with pytest.raises(CommandError):
        verify()
    client.force_login(staff["inspector1"])
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-testid="evidence-tampered-tag"' in page and "文件已被改动" in page
    url = reverse("evidence-download", args=[files[2].pk])
    warning = client.get(url)
    assert warning["Content-Type"].startswith("text/html") and "文件已被改动" in warning.content.decode()
    anyway = client.get(url, {"acknowledge": "1"})
    assert anyway["X-Evidence-Fixity"] == "changed"
    assert (
        "%E3%80%90%E5%B7%B2%E8%A2%AB%E6%94%B9%E5%8A%A8%E3%80%91" in anyway["Content-Disposition"]
    )  # 【已被改动】
    intact = client.get(reverse("evidence-download", args=[files[0].pk]))
    assert b"".join(intact.streaming_content) == PDF + bytes([0])


def test_incremental_and_resumable(case_with_files, staff):
    case, _files = case_with_files
    assert "Checked 2 evidence files from id 0 (stopped at the limit" in verify("--limit", "2")
    assert "Checked 1 evidence files from id" in verify()  # resumed after the second; pass complete
    attach_evidence(
        case=case,
        uploaded_file=SimpleUploadedFile("新.pdf", PDF),
        category="other",
        actor=staff["inspector1"],
    )
    assert "Checked 4 evidence files from id 0" in verify()  # a new pass from the start
    assert "Checked 4 evidence files from id 0" in verify("--full")


def close(case):
    Complaint.objects.filter(pk=case.pk).update(state=ComplaintState.CLOSED)


def upload(client, case, **data):
    return client.post(
        reverse("case-evidence-upload", args=[case.CASE_TYPE, case.pk]),
        {"category": "other", "file": SimpleUploadedFile("补充.pdf", PDF), **data},
        follow=True,
    )


def test_no_uploads_to_closed_cases_except_by_a_head_with_a_reason(client, investigating, staff):
    case = investigating()
    close(case)
    client.force_login(staff["inspector1"])
    page = upload(client, case).content.decode()
    assert "案件已办结或归档，不能再上传证据" in page
    assert not Evidence.objects.exists()
    client.force_login(staff["head"])
    assert "请填写补充上传证据的理由" in upload(client, case).content.decode()
    assert not Evidence.objects.exists()
    upload(client, case, reason="结案后收到法院调取的工资流水")
    assert Evidence.objects.count() == 1
    entry = TransitionLog.objects.get(object_id=case.pk, transition="add_evidence")
    assert entry.reason == "结案后收到法院调取的工资流水" and entry.details["after_closing"] is True


def test_the_api_refuses_a_closed_case_too(client, investigating, staff):
    case = investigating()
    close(case)
    client.force_login(staff["inspector1"])
    response = client.post(
        f"/api/v1/complaints/{case.pk}/evidence/",
        {"category": "other", "file": SimpleUploadedFile("补充.pdf", PDF)},
    )
    assert response.status_code == 409 and not Evidence.objects.exists()


def test_the_nightly_task_flags_a_changed_file_and_is_scheduled(case_with_files, staff):
    from django_celery_beat.models import PeriodicTask

    from casework.tasks import verify_evidence as nightly

    case, files = case_with_files
    with open(files[0].file.path, "ab") as stored:
        stored.write(b"tampered")
    assert nightly.run() == 1
    assert Evidence.objects.get(pk=files[0].pk).fixity == "changed"
    call_command("setup_schedules", stdout=io.StringIO())
    task = PeriodicTask.objects.get(task="casework.tasks.verify_evidence")
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == (
        "2",
        "30",
        "Asia/Shanghai",
    )
