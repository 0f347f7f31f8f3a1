import hashlib
import os
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from casework.models import Evidence, TransitionLog

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%test\n"


def upload(client, case, name, content, category="wage_record", url_name="case-evidence-upload"):
    args = [case.CASE_TYPE, case.pk] if url_name == "case-evidence-upload" else [case.pk]
    return client.post(
        reverse(url_name, args=args),
        {"category": category, "description": "8月工资条", "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def stored_files() -> list[str]:
    return [os.path.join(d, f) for d, _dirs, files in os.walk(settings.MEDIA_ROOT) for f in files]


def nothing_stored():
    return (
        Evidence.objects.count() == 0
        and not TransitionLog.objects.filter(transition="add_evidence").exists()
        and stored_files() == []
    )


LEGACY = pytest.param("legacy-evidence-upload", marks=pytest.mark.urls("tests.kernel.legacy_upload_urls"))


@pytest.mark.parametrize("url_name", ["case-evidence-upload", LEGACY])
def test_upload_records_hash_size_and_uploader_and_logs_it(client, register, staff, url_name):
    case = register()
    client.force_login(staff["clerk"])
    response = upload(client, case, "工资条.png", PNG, url_name=url_name)
    assert response.redirect_chain[-1][0] == case.get_absolute_url()
    assert "证据材料已上传" in response.content.decode()
    ev = Evidence.objects.get()
    assert ev.case == case
    assert ev.sha256 == hashlib.sha256(PNG).hexdigest() and ev.size == len(PNG)
    assert (
        ev.original_name == "工资条.png" and ev.uploaded_by == staff["clerk"] and ev.mime_type == "image/png"
    )
    assert "工资条" not in ev.file.name and ev.file.name.startswith("evidence/")  # stored under a random name
    entry = TransitionLog.objects.get(object_id=case.pk, transition="add_evidence")
    assert entry.details["sha256"] == ev.sha256 and entry.details["evidence"] == ev.pk
    assert entry.actor == staff["clerk"] and entry.transition_label == "上传证据材料"
    assert len(stored_files()) == 1


@pytest.mark.parametrize("who", ["auditor", "director", "arbitrator"])
@pytest.mark.parametrize("url_name", ["case-evidence-upload", LEGACY])
def test_roles_that_may_not_write_are_refused_and_nothing_is_stored(client, register, staff, who, url_name):
    case = register()
    client.force_login(staff[who])
    page = client.get(case.get_absolute_url())
    if page.status_code == 404:  # the arbitrator does not even see the complaint
        assert upload(client, case, "工资条.png", PNG, url_name=url_name).status_code == 404
    else:
        response = upload(client, case, "工资条.png", PNG, url_name=url_name)
        assert "您无权对本案执行“上传证据材料”" in response.content.decode()
    assert nothing_stored()


@pytest.mark.parametrize("who", ["auditor", "director"])
def test_a_refused_role_learns_nothing_from_bad_input(client, register, staff, who):
    """Permission first: a refused user with an empty or wrong file gets the refusal, not a file error."""
    case = register()
    client.force_login(staff[who])
    response = upload(client, case, "virus.exe", b"MZ\x90\x00")
    page = response.content.decode()
    assert "您无权对本案执行“上传证据材料”" in page and "不支持的文件类型" not in page
    assert nothing_stored()


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
    assert nothing_stored()


def test_missing_file_and_unknown_category(client, register, staff):
    case = register()
    client.force_login(staff["clerk"])
    url = reverse("case-evidence-upload", args=[case.CASE_TYPE, case.pk])
    assert "请选择要上传的文件" in client.post(url, {"category": "other"}, follow=True).content.decode()
    page = client.post(url, {"category": "x", "file": SimpleUploadedFile("a.pdf", PDF)}, follow=True)
    assert "请选择证据类别" in page.content.decode()
    assert nothing_stored()


def test_a_failure_after_the_file_was_stored_leaves_no_row_no_log_and_no_file(client, register, staff):
    case = register()
    client.force_login(staff["clerk"])
    with mock.patch("casework.services.transitions.append_entry", side_effect=RuntimeError("disk full")):
        with pytest.raises(RuntimeError):
            upload(client, case, "合同.pdf", PDF)
    assert nothing_stored()


def test_size_limit(client, register, staff, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    case = register()
    client.force_login(staff["clerk"])
    page = upload(client, case, "big.pdf", PDF + b"0" * (1024 * 1024)).content.decode()
    assert "不能超过 1 MB" in page and nothing_stored()


def test_unknown_case_type_or_case_is_404(client, register, staff):
    case = register()
    client.force_login(staff["clerk"])
    for args in (["nosuchtype", case.pk], [case.CASE_TYPE, case.pk + 1000]):
        response = client.post(
            reverse("case-evidence-upload", args=args),
            {"category": "other", "file": SimpleUploadedFile("x.pdf", PDF)},
        )
        assert response.status_code == 404
    assert client.get(reverse("case-evidence-upload", args=[case.CASE_TYPE, case.pk])).status_code == 405
    assert nothing_stored()


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
            reverse("case-evidence-upload", args=[case.CASE_TYPE, case.pk]),
            {"category": "other", "file": SimpleUploadedFile("x.pdf", PDF)},
        ).status_code
        == 404
    )
    client.logout()
    assert client.get(reverse("evidence-download", args=[ev.pk])).status_code == 302  # to login
    assert client.get("/_private-media/" + ev.file.name).status_code == 404  # never served by URL


# --- API -----------------------------------------------------------------------------------------------


def api_upload(client, case, **data):
    data.setdefault("file", SimpleUploadedFile("考勤表.pdf", PDF))
    data.setdefault("category", "wage_record")
    return client.post(f"/api/v1/complaints/{case.pk}/evidence/", data)


def test_api_upload_answers_with_the_case_detail(client, register, staff):
    case = register()
    client.force_login(staff["inspector1"])
    response = api_upload(client, case, description="9月考勤")
    assert response.status_code == 200, response.content
    assert response.json()["id"] == case.pk
    ev = Evidence.objects.get()
    assert ev.description == "9月考勤" and ev.uploaded_by == staff["inspector1"]
    assert TransitionLog.objects.filter(object_id=case.pk, transition="add_evidence").count() == 1


@pytest.mark.parametrize("who", ["auditor", "director"])
def test_api_refuses_roles_that_may_not_write(client, register, staff, who):
    case = register()
    client.force_login(staff[who])
    response = api_upload(client, case, category="nonsense")  # 403 before the input is read
    assert response.status_code == 403
    assert response.json() == {"code": "forbidden", "message": "您无权对本案执行“上传证据材料”", "fields": {}}
    assert nothing_stored()


def test_api_bad_input_is_400_naming_the_field_and_unseen_is_404(client, register, staff):
    case = register()
    client.force_login(staff["clerk"])
    missing = client.post(f"/api/v1/complaints/{case.pk}/evidence/", {"category": "other"})
    assert missing.status_code == 400 and missing.json()["fields"] == {"file": ["请选择要上传的文件"]}
    wrong = api_upload(client, case, file=SimpleUploadedFile("x.png", b"GIF89a" + b"\x00" * 20))
    assert wrong.status_code == 400 and "文件内容与扩展名" in wrong.json()["fields"]["file"][0]
    category = api_upload(client, case, category="x")
    assert category.status_code == 400 and "category" in category.json()["fields"]
    as_json = client.post(
        f"/api/v1/complaints/{case.pk}/evidence/", {"category": "other"}, content_type="application/json"
    )
    assert as_json.status_code == 415 and as_json.json()["code"] == "unsupported_media_type"
    client.force_login(staff["luxi_inspector"])
    assert api_upload(client, case).status_code == 404
    assert client.post("/api/v1/nosuchtype/1/evidence/").status_code == 404
    assert nothing_stored()


# --- the evidence card ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who,form", [("clerk", True), ("inspector1", True), ("auditor", False), ("director", False)]
)
def test_the_evidence_card_offers_the_upload_form_only_to_writers(register, staff, who, form):
    case = register()
    request = RequestFactory().get("/")
    request.user = staff[who]
    html = Template("{% load evidence_tags %}{% case_evidence case %}").render(
        Context({"case": case, "request": request})
    )
    url = reverse("case-evidence-upload", args=[case.CASE_TYPE, case.pk])
    assert (f'action="{url}"' in html) is form
    assert "证据材料" in html


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
