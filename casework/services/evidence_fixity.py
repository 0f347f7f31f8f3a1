"""Evidence fixity: re-hash every stored evidence file against the SHA-256 taken at upload.

``manage.py verify_evidence`` walks the evidence rows in id order from where the last run stopped (the cursor
``evidence-fixity-checkpoint.json`` in ``AUDIT_DIGEST_DIR``, signed with the audit key, saved after every batch:
an interrupted run resumes). A run that reaches the last row starts the next pass from the beginning; ``--full``
starts from the beginning now. Each file is marked intact, changed or missing; a file found changed or missing
(that was not already) is flagged on its row, noted in its case's log (``case_action`` as the system) and
announced to the case's handlers (its assignees; with none, its type's heads in its jurisdiction). A flagged file
is served only behind a warning page (``casework.views.evidence``) and marked "文件已被改动" on the case page.
"""

import hashlib
from dataclasses import dataclass, field

from django.utils import timezone

from casework.models import Evidence, Notification
from casework.models.evidence import Fixity
from casework.services.signed_files import TamperedFile, read_signed_json, write_signed_json

CHECKPOINT_FILE = "evidence-fixity-checkpoint.json"
BATCH = 200


@dataclass
class FixityReport:
    checked: int = 0
    changed: list[Evidence] = field(default_factory=list)
    missing: list[Evidence] = field(default_factory=list)
    started_from: int = 0
    finished_pass: bool = False

    @property
    def problems(self) -> list[Evidence]:
        return self.changed + self.missing


def file_sha256(evidence: Evidence) -> str | None:
    """The stored file's SHA-256, or None if it is not there."""
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        return None
    digest = hashlib.sha256()
    with handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_one(evidence: Evidence) -> str:
    found = file_sha256(evidence)
    if found is None:
        return Fixity.MISSING
    return Fixity.INTACT if found == evidence.sha256 else Fixity.CHANGED


def _cursor(full: bool) -> int:
    if full:
        return 0
    try:
        state = read_signed_json(CHECKPOINT_FILE)
    except TamperedFile:
        return 0  # a cursor that cannot be trusted: check everything
    return int(state.get("last_id", 0)) if state else 0


def verify_evidence(*, full: bool = False, limit: int | None = None, rows=None) -> FixityReport:
    """Check the files after the cursor (all with ``full``), at most ``limit`` of them; ``rows``: a queryset
    to check instead (a restored copy, a test), without cursor."""
    report = FixityReport(started_from=0 if rows is not None else _cursor(full))
    queryset = rows if rows is not None else Evidence.objects.filter(id__gt=report.started_from)
    last_id = report.started_from
    while True:
        size = BATCH if limit is None else min(BATCH, limit - report.checked)
        if size <= 0:
            break
        batch = list(queryset.filter(id__gt=last_id).order_by("id")[:size])
        if not batch:
            report.finished_pass = True
            break
        for evidence in batch:
            _record(evidence, check_one(evidence), report)
        last_id = batch[-1].pk
        if rows is None:
            write_signed_json(CHECKPOINT_FILE, {"last_id": last_id, "at": timezone.now().isoformat()})
    if rows is None and report.finished_pass:
        write_signed_json(CHECKPOINT_FILE, {"last_id": 0, "at": timezone.now().isoformat()})  # next pass
    return report


def _record(evidence: Evidence, status: str, report: FixityReport) -> None:
    report.checked += 1
    if status == Fixity.CHANGED:
        report.changed.append(evidence)
    elif status == Fixity.MISSING:
        report.missing.append(evidence)
    newly_flagged = status != Fixity.INTACT and evidence.fixity != status
    Evidence.objects.filter(pk=evidence.pk).update(fixity=status, fixity_checked_at=timezone.now())
    evidence.fixity = status
    if newly_flagged:
        flag_on_case(evidence, status)


def flag_on_case(evidence: Evidence, status: str) -> None:
    """Note the changed or missing file in its case's log and tell the case's handlers."""
    from casework.services.transitions import case_action

    model = evidence.content_type.model_class()
    what = "文件已被改动" if status == Fixity.CHANGED else "文件缺失"
    with case_action(
        model,
        evidence.object_id,
        "evidence_fixity",
        actor=None,
        label="证据文件校验不符",
        details={"evidence": evidence.pk, "name": evidence.original_name, "status": status},
    ) as step:
        case = step.case
        recipients = _handlers(case)
        Notification.objects.bulk_create(
            Notification(
                recipient=user,
                kind=Notification.Kind.EVIDENCE,
                title=f"{case.number} 证据“{evidence.original_name}”{what}",
                body=(
                    f"定期校验发现：证据文件与上传时的SHA-256不一致或已不存在（{what}）。"
                    "请勿将其作为完好的证据使用，并报告系统管理员查明原因。"
                ),
                url=case.get_absolute_url(),
            )
            for user in recipients
        )


def _handlers(case):
    from casework.kernel.registry import case_type_for
    from casework.selectors.staff import staff_of

    assigned = list(case.assignees.filter(is_active=True))
    if assigned:
        return assigned
    registered = case_type_for(case)
    return list(staff_of(case.jurisdiction, registered.head_roles)) if registered else []
