"""Attach evidence to a case: size and type limits, SHA-256 taken at upload, logged on the case."""

import hashlib
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from casework.models import Evidence
from casework.models.evidence import EvidenceCategory
from casework.selectors.visibility import can_see
from casework.services.transitions import CaseNotFound, record_event

# extension → (MIME type, magic-byte prefixes that the file must start with)
ALLOWED_TYPES = {
    "jpg": ("image/jpeg", [b"\xff\xd8\xff"]),
    "jpeg": ("image/jpeg", [b"\xff\xd8\xff"]),
    "png": ("image/png", [b"\x89PNG\r\n\x1a\n"]),
    "pdf": ("application/pdf", [b"%PDF-"]),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [b"PK\x03\x04"]),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [b"PK\x03\x04"]),
    "doc": ("application/msword", [b"\xd0\xcf\x11\xe0"]),
    "xls": ("application/vnd.ms-excel", [b"\xd0\xcf\x11\xe0"]),
    "mp3": ("audio/mpeg", [b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"]),
    "m4a": ("audio/mp4", []),
    "mp4": ("video/mp4", []),
}
ALLOWED_LABEL = "JPG、PNG、PDF、Word、Excel、MP3、M4A、MP4"


def check_upload(uploaded_file, *, max_bytes: int | None = None) -> tuple[str, str]:
    """Return (extension, MIME type) or raise a ValidationError on ``file`` saying what is wrong."""
    max_bytes = max_bytes or settings.EVIDENCE_MAX_BYTES
    name = PurePath(uploaded_file.name or "").name
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED_TYPES:
        raise ValidationError(
            {"file": [f"不支持的文件类型“{ext or '无扩展名'}”，请上传 {ALLOWED_LABEL} 文件"]}
        )
    if uploaded_file.size == 0:
        raise ValidationError({"file": ["文件是空的，请重新选择"]})
    if uploaded_file.size > max_bytes:
        raise ValidationError(
            {
                "file": [
                    f"文件过大（{uploaded_file.size / 1048576:.1f} MB），单个文件不能超过 "
                    f"{max_bytes // 1048576} MB"
                ]
            }
        )
    mime, magics = ALLOWED_TYPES[ext]
    uploaded_file.seek(0)
    head = uploaded_file.read(16)
    uploaded_file.seek(0)
    if ext in ("mp4", "m4a"):
        ok = head[4:8] == b"ftyp"
    else:
        ok = any(head.startswith(m) for m in magics)
    if not ok:
        raise ValidationError({"file": [f"文件内容与扩展名“.{ext}”不符，请上传真实的 {ext.upper()} 文件"]})
    return ext, mime


def attach_evidence(
    *, case, uploaded_file, category: str, actor, description: str = "", public: bool = False
) -> Evidence:
    if actor is not None and not can_see(actor, case):
        raise CaseNotFound("案件不存在")
    if category not in EvidenceCategory.values:
        raise ValidationError({"category": ["请选择证据类别"]})
    _ext, mime = check_upload(uploaded_file)
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    with transaction.atomic():
        evidence = Evidence(
            content_type=ContentType.objects.get_for_model(case),
            object_id=case.pk,
            category=category,
            description=description[:200],
            original_name=PurePath(uploaded_file.name).name[:200],
            size=uploaded_file.size,
            sha256=digest.hexdigest(),
            mime_type=mime,
            uploaded_by=actor,
            submitted_publicly=public,
        )
        evidence.file.save(evidence.original_name, uploaded_file, save=False)
        try:
            evidence.save()
            record_event(
                type(case),
                case.pk,
                name="attach_evidence",
                label="上传证据材料",
                actor=actor,
                details={
                    "evidence": evidence.pk,
                    "name": evidence.original_name,
                    "sha256": evidence.sha256,
                    "size": evidence.size,
                },
            )
        except Exception:
            evidence.file.delete(save=False)
            raise
    return evidence


def evidence_for(case):
    return Evidence.objects.filter(
        content_type=ContentType.objects.get_for_model(case), object_id=case.pk
    ).select_related("uploaded_by")
