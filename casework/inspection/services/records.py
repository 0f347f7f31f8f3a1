"""The investigation's records (调查询问通知书, 询问笔录, 现场检查笔录) and the findings drawn from them with
their legal bases — the facts the 指令书, 告知书 and 决定书 state (LIR Arts 16, 19; APL 2021 Art 44)."""

import re
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.inputs import AHEAD, PAST, parse_date, require_text
from casework.inspection.models import INVESTIGATION_STATES, Complaint
from casework.inspection.procedure_models import Findings, InvestigationRecord, LegalBasis, RecordKind
from casework.services.transitions import PreconditionFailed, case_action

LEAD_IN = re.compile(r"^经(?:调)?查[，,：:\s]*")
# Interviews and site inspections are made by at least two inspectors (LIR Art 16).
MIN_INSPECTORS = 2


def when(value, field: str, *, window=PAST, required: bool = True) -> datetime | None:
    """A date and time (a date alone means 09:00), aware, its day within ``window``."""
    if value in (None, ""):
        if required:
            raise ValidationError({field: ["请填写时间"]})
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError({field: ["请填写正确的时间（YYYY-MM-DD HH:MM）"]}) from None
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time(9, 0))
    if not isinstance(value, datetime):
        raise ValidationError({field: ["请填写正确的时间（YYYY-MM-DD HH:MM）"]})
    parse_date(value.date(), field, window=window)
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _check_people(case, kind, inspectors, recorder) -> None:
    assigned = set(case.assignees.values_list("pk", flat=True))
    strangers = [u for u in [*inspectors, *([recorder] if recorder else [])] if u.pk not in assigned]
    if strangers:
        raise ValidationError({"inspectors": [f"{strangers[0]}不是本案承办监察员"]})
    if kind != RecordKind.NOTICE and len(set(inspectors)) < MIN_INSPECTORS:
        raise ValidationError(
            {"inspectors": ["询问、检查须由两名以上监察员进行（劳动保障监察条例第十六条）"]}
        )


def complaint_record_investigation(
    *,
    actor,
    complaint_id,
    kind: str,
    started_at,
    place: str,
    subject: str,
    content: str,
    inspectors=(),
    recorder=None,
    ended_at=None,
    subject_role: str = "",
    present: str = "",
    materials: str = "",
    signed_by: str = "",
) -> Complaint:
    """One record of the investigation: a notice (its date may lie ahead: the day the employer is to come)
    or an interview or inspection held (its time has passed), with who was present, asked, recorded, signed."""
    if kind not in RecordKind.values:
        raise ValidationError({"kind": ["请选择调查记录类别"]})
    window = AHEAD if kind == RecordKind.NOTICE else PAST
    started = when(started_at, "started_at", window=window)
    ended = when(ended_at, "ended_at", window=window, required=False)
    if ended is not None and ended < started:
        raise ValidationError({"ended_at": ["结束时间不能早于开始时间"]})
    place = require_text(place, "place", "请填写地点")
    subject = require_text(subject, "subject", "请填写被询问人、被检查单位或通知对象")
    content = require_text(content, "content", "请填写问答、检查情况或通知事项")
    if kind != RecordKind.NOTICE and not (signed_by or "").strip():
        raise ValidationError({"signed_by": ["请填写签名确认情况（被询问人或在场人签名；拒绝签名的注明）"]})
    with case_action(Complaint, complaint_id, "record_investigation", actor=actor) as step:
        case = step.case
        if case.state not in INVESTIGATION_STATES:
            raise PreconditionFailed("只有调查中的案件可以记录调查情况")
        inspectors = list(inspectors)
        _check_people(case, kind, inspectors, recorder)
        record = InvestigationRecord.objects.create(
            complaint=case,
            kind=kind,
            started_at=started,
            ended_at=ended,
            place=place,
            subject=subject,
            subject_role=subject_role or "",
            present=present or "",
            recorder=recorder,
            content=content,
            materials=materials or "",
            signed_by=(signed_by or "").strip(),
            created_by=actor,
        )
        record.inspectors.set(inspectors)
        step.reason = f"{record.get_kind_display()}：{subject}"
        step.details.update({"record": record.pk, "kind": kind})
    return step.case


def complaint_record_findings(*, actor, complaint_id, text: str, records=(), bases=()) -> Complaint:
    """认定的违法事实: the facts the investigation established, the records they rest on (at least one) and
    the provisions violated and applied (from the table of legal bases)."""
    text = require_text(text, "text", "请填写调查认定的违法事实")
    text = LEAD_IN.sub("", text) or text  # the documents say "经查，" themselves
    with case_action(Complaint, complaint_id, "record_findings", actor=actor) as step:
        case = step.case
        if case.state not in INVESTIGATION_STATES:
            raise PreconditionFailed("只有调查中的案件可以认定违法事实")
        record_ids = [getattr(r, "pk", r) for r in records]
        chosen = list(InvestigationRecord.objects.filter(complaint=case, pk__in=record_ids))
        if not chosen or len(chosen) != len(set(record_ids)):
            raise ValidationError(
                {"records": ["请选择本案认定事实所依据的调查记录（询问笔录、现场检查笔录）"]}
            )
        if all(r.kind == RecordKind.NOTICE for r in chosen):
            raise ValidationError({"records": ["调查询问通知书不能作为认定事实的依据，请选择询问或检查笔录"]})
        basis_ids = [getattr(b, "pk", b) for b in bases]
        legal = list(LegalBasis.objects.filter(pk__in=basis_ids, active=True))
        if not legal or len(legal) != len(set(basis_ids)):
            raise ValidationError({"bases": ["请从法律依据表中选择违反的规定和处理处罚依据"]})
        findings, _created = Findings.objects.update_or_create(
            complaint=case, defaults={"text": text, "recorded_by": actor}
        )
        findings.records.set(chosen)
        findings.bases.set(legal)
        step.reason = text
        step.details.update({"records": [r.pk for r in chosen], "bases": [b.code for b in legal]})
    return step.case
