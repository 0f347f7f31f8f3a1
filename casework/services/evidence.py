"""Attach evidence to a case through the kernel (``case_action``): write permission by role, size and type
limits, SHA-256 taken at upload, the row and its log entry in one transaction."""

import hashlib
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from casework.models import Evidence
from casework.models.evidence import EvidenceCategory
from casework.services.transitions import PreconditionFailed, case_action

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


def _sha256(uploaded_file) -> str:
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


def _closed_case_upload(step, model, actor, reason: str) -> None:
    """A closed or archived case takes no more evidence, except from its type's head roles with a reason
    (logged in the entry's reason)."""
    if step.case.is_open:
        return
    from casework.kernel.registry import case_type_for

    heads = case_type_for(model).head_roles
    if actor is None or not heads or not actor.has_role(*heads):
        raise PreconditionFailed("案件已办结或归档，不能再上传证据；确需补充的，请由负责人填写理由后上传")
    if not (reason or "").strip():
        raise ValidationError({"reason": ["案件已办结或归档：请填写补充上传证据的理由"]})
    step.reason = reason.strip()[:500]
    step.details["after_closing"] = True


def add_evidence(
    model,
    pk,
    *,
    actor,
    uploaded_file,
    category: str,
    description: str = "",
    public: bool = False,
    reason: str = "",
) -> Evidence:
    """Attach a file to case ``pk`` of ``model`` as the kernel's ``add_evidence`` action.

    ``case_action`` locks the case, answers 404 if the actor cannot see it and 403 if their role may not
    add evidence to this case type (its writer roles; read-only roles never) — before the file is looked at
    or stored. Then the file is checked (type, size, content), hashed, stored, and the ``Evidence`` row and
    the log entry are written in the same transaction. Should anything fail after the file was stored, the
    file is deleted again: a refused or failed upload leaves nothing on disk. ``actor=None`` is the system
    (a green-channel submission).
    """
    stored: list[Evidence] = []
    try:
        with case_action(model, pk, "add_evidence", actor=actor) as step:
            _closed_case_upload(step, model, actor, reason)
            if uploaded_file is None:
                raise ValidationError({"file": ["请选择要上传的文件"]})
            evidence = store_evidence(
                step.case,
                actor=actor,
                uploaded_file=uploaded_file,
                category=category,
                description=description,
                public=public,
                stored=stored,
            )
            step.details.update(
                evidence=evidence.pk, name=evidence.original_name, sha256=evidence.sha256, size=evidence.size
            )
    except BaseException:
        discard(stored)
        raise
    return evidence


def store_evidence(
    case,
    *,
    actor,
    uploaded_file,
    category: str,
    description: str = "",
    public: bool = False,
    stored: list,
    party=None,
) -> Evidence:
    """Check, hash and store ``uploaded_file`` as evidence of ``case`` — inside the caller's ``case_action``
    (the case locked, the permission checked). The row is appended to ``stored`` as soon as its file is on
    disk: should the transaction fail, the caller ``discard``s them. ``party``: the person who added it from the
    green channel's claimant page (当事人补充, for staff review)."""
    if category not in EvidenceCategory.values:
        raise ValidationError({"category": ["请选择证据类别"]})
    _ext, mime = check_upload(uploaded_file)
    evidence = Evidence(
        content_type=ContentType.objects.get_for_model(case),
        object_id=case.pk,
        category=category,
        description=(description or "")[:200],
        original_name=PurePath(uploaded_file.name).name[:200],
        size=uploaded_file.size,
        sha256=_sha256(uploaded_file),
        mime_type=mime,
        uploaded_by=actor,
        submitted_publicly=public,
        party_supplement=party is not None,
        party=party,
    )
    evidence.file.save(evidence.original_name, uploaded_file, save=False)
    stored.append(evidence)
    evidence.save()
    return evidence


def discard(stored: list) -> None:
    """Delete the files of evidence whose transaction failed: a refused or failed upload leaves nothing."""
    for evidence in stored:
        evidence.file.delete(save=False)


def attach_evidence(
    *, case, uploaded_file, category: str, actor, description: str = "", public: bool = False
) -> Evidence:
    """``add_evidence`` for a case object at hand."""
    return add_evidence(
        type(case),
        case.pk,
        actor=actor,
        uploaded_file=uploaded_file,
        category=category,
        description=description,
        public=public,
    )


def evidence_action_service(case_type):
    """The service of a case type's ``add_evidence`` action, called by the kernel's change endpoints with
    the type's id keyword (``complaint_id=…``) and the cleaned ``EvidenceForm``."""

    def service(*, actor, file, category, description="", reason="", **ids):
        return add_evidence(
            case_type.model,
            ids[case_type.id_kwarg],
            actor=actor,
            uploaded_file=file,
            category=category,
            description=description,
            reason=reason,
        )

    return service


def evidence_for(case):
    return Evidence.objects.filter(
        content_type=ContentType.objects.get_for_model(case), object_id=case.pk
    ).select_related("uploaded_by")
