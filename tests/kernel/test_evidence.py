import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.models import Evidence, TransitionLog

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%test\n"


def upload(client, case, name, content, category="wage_record"):
    return client.post(
        reverse("complaint-evidence-upload", args=[case.pk]),
        {"category": category, "description": "8月工资条", "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_upload_records_hash_size_and_uploader_and_logs_it(client, register, staff):
    case = register()
    client.force_login(staff["clerk"])
    page = upload(client, case, "工资条.png", PNG).content.decode()
    assert "证据材料已上传" in page
    ev = Evidence.objects.get()
    assert ev.sha256 == hashlib.sha256(PNG).hexdigest() and ev.size == len(PNG)
    assert (
        ev.original_name == "工资条.png" and ev.uploaded_by == staff["clerk"] and ev.mime_type == "image/png"
    )
    assert "工资条" not in ev.file.name and ev.file.name.startswith("evidence/")  # stored under a random name
    entry = TransitionLog.objects.get(object_id=case.pk, transition="attach_evidence")
    assert entry.details["sha256"] == ev.sha256


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("virus.exe", b"MZ\x90\x00", "不支持的文件类型"),
        ("photo.png", b"GIF89a" + b"\x00" * 20, "文件内容与扩展名"),
        ("empty.pdf", b"", "文件是空的"),
    ],
)
def test_bad_files_are_refused_with_a_reason_and_nothing_saved(
    client, register, staff, name, content, message
):
    case = register()
    client.force_login(staff["clerk"])
    assert message in upload(client, case, name, content).content.decode()
    assert Evidence.objects.count() == 0
    assert not TransitionLog.objects.filter(transition="attach_evidence").exists()


def test_size_limit(client, register, staff, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    case = register()
    client.force_login(staff["clerk"])
    page = upload(client, case, "big.pdf", PDF + b"0" * (1024 * 1024)).content.decode()
    assert "不能超过 1 MB" in page and Evidence.objects.count() == 0


def test_download_only_for_those_who_see_the_case(client, register, staff):
    case = register()
    client.force_login(staff["clerk"])
    upload(client, case, "合同.pdf", PDF)
    ev = Evidence.objects.get()
    response = client.get(reverse("evidence-download", args=[ev.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    client.force_login(staff["luxi_inspector"])
    assert client.get(reverse("evidence-download", args=[ev.pk])).status_code == 404
    assert (
        client.post(
            reverse("complaint-evidence-upload", args=[case.pk]),
            {"category": "other", "file": SimpleUploadedFile("x.pdf", PDF)},
        ).status_code
        == 404
    )
    client.logout()
    assert client.get(reverse("evidence-download", args=[ev.pk])).status_code == 302  # to login
    assert client.get("/_private-media/" + ev.file.name).status_code == 404  # never served by URL


def test_case_file_index_lists_evidence(client, investigating, staff):
    import subprocess
    import tempfile

    case = investigating()
    client.force_login(staff["inspector1"])
    upload(client, case, "考勤表.pdf", PDF, category="wage_record")
    response = client.get(reverse("complaint-document", args=[case.pk, "case-file"]))
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(response.content)
        f.flush()
        text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout
    assert "卷内目录" in text and "考勤表.pdf" in text and "立案审批表" in text
