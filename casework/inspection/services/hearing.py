"""The hearing of a penalty (APL 2021 Arts 63–65): the party's request within 5 working days of the notice,
the hearing notice served at least 7 working days before the hearing (Arts 64, 85), presided by someone who
did not investigate the case, and held with its record and the presiding officer's report.

Once the 听证通知书 is issued with its number (casework.documents), the 7 days run from the day it is SERVED
(the kernel's service record, the last one where several were served) — not from the date the notice was
entered: the hearing cannot be held before the earliest day that service allows.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.deadlines.compute import earliest_event_day, late_notice
from casework.documents.services import issued_documents
from casework.inputs import AHEAD, PAST, parse_date, require_text
from casework.inspection.models import Complaint
from casework.inspection.services.common import HEARING_NOTICE
from casework.inspection.services.penalty import noticed_procedure, request_hearing
from casework.inspection.services.records import when
from casework.services import deadlines
from casework.services.transitions import PreconditionFailed, case_action


def complaint_request_hearing(*, actor, complaint_id, on=None, note: str = "") -> Complaint:
    """当事人申请听证, recorded on the day it was made (oral or written, APL 2021 Art 64)."""
    with case_action(Complaint, complaint_id, "request_hearing", actor=actor) as step:
        case = step.case
        procedure = noticed_procedure(case)
        day = parse_date(on, "on", window=PAST, not_before=procedure.noticed_on) or timezone.localdate()
        request_hearing(case, procedure, day)
        procedure.save(update_fields=["hearing_requested_on"])
        step.reason = (note or "").strip() or "当事人申请听证"
        step.details["requested_on"] = day
    return step.case


def earliest_hearing_day(case, notice_on):
    """The first day a hearing may be held when its notice is served on ``notice_on`` (7 working days)."""
    return earliest_event_day(HEARING_NOTICE, notice_on, jurisdiction=case.jurisdiction_id)


def _presiding_officer_fits(case, officer) -> None:
    """APL 2021 Art 64(4): the hearing is presided by someone other than the case's investigators."""
    if case.assignees.filter(pk=officer.pk).exists():
        raise ValidationError(
            {"presiding_officer": ["听证主持人应由非本案调查人员担任（行政处罚法第六十四条）"]}
        )


def complaint_notify_hearing(
    *, actor, complaint_id, hearing_at, place: str, presiding_officer, public: bool = True, notice_on=None
) -> Complaint:
    """听证通知书: time and place, served at least 7 working days before the hearing (APL 2021 Art 64)."""
    place = require_text(place, "place", "请填写听证地点")
    hearing_at = when(hearing_at, "hearing_at", window=AHEAD)
    if presiding_officer is None:
        raise ValidationError({"presiding_officer": ["请选择听证主持人"]})
    with case_action(Complaint, complaint_id, "notify_hearing", actor=actor) as step:
        case = step.case
        procedure = noticed_procedure(case)
        if not procedure.hearing_requested:
            raise PreconditionFailed("当事人未申请听证")
        if procedure.hearing_held_on:
            raise PreconditionFailed("听证已经举行")
        notice_on = parse_date(notice_on, "notice_on", window=PAST, not_before=procedure.hearing_requested_on)
        notice_on = notice_on or timezone.localdate()
        hearing_day = timezone.localtime(hearing_at).date()
        earliest = late_notice(HEARING_NOTICE, hearing_day, notice_on, jurisdiction=case.jurisdiction_id)
        if earliest is not None:
            raise ValidationError(
                {
                    "hearing_at": [
                        f"听证通知须在听证7个工作日前送达当事人（行政处罚法第六十四条），最早可定于{earliest:%Y-%m-%d}"
                    ]
                }
            )
        _presiding_officer_fits(case, presiding_officer)
        procedure.hearing_notice_on, procedure.hearing_at = notice_on, hearing_at
        procedure.hearing_place, procedure.hearing_public = place, bool(public)
        procedure.presiding_officer = presiding_officer
        procedure.save()
        deadlines.start(case, HEARING_NOTICE, on=hearing_day)
        deadlines.meet(case, HEARING_NOTICE, on=notice_on)
        step.reason = f"听证定于{timezone.localtime(hearing_at):%Y-%m-%d %H:%M}在{place}举行"
        step.details.update({"hearing_at": hearing_at.isoformat(), "notice_on": notice_on})
    return step.case


def notice_served_on(case):
    """The day the issued 听证通知书 reached the party (its last service), or None when it was not issued
    through the documents register (the entered ``hearing_notice_on`` stands). Issued but not yet served:
    a 409 — the hearing cannot be held on a notice nobody received."""
    issued = issued_documents(case).get("hearing-notice")
    if issued is None:
        return None
    days = [service.served_on for service in issued.services.all()]
    if not days:
        raise PreconditionFailed(f"听证通知书（{issued.number}）尚未送达当事人，请先登记送达")
    return max(days)


def _check_served_in_time(case, held_on) -> None:
    """APL 2021 Art 64: the party is notified 7 (working, Art 85) days before the hearing — counted from
    the day the notice was served."""
    served = notice_served_on(case)
    if served is None:
        return
    earliest = earliest_hearing_day(case, served)
    if held_on < earliest:
        raise PreconditionFailed(
            f"听证通知书于{served:%Y-%m-%d}送达，应在举行听证7个工作日前送达（行政处罚法第六十四条），"
            f"听证最早可于{earliest:%Y-%m-%d}举行，请重新确定听证时间"
        )


def complaint_hold_hearing(
    *, actor, complaint_id, participants: str, statements: str, report: str, held_on=None
) -> Complaint:
    """The hearing held: who took part, what each side stated (听证笔录, signed by the party), and the
    presiding officer's report with an opinion on the case (APL 2021 Arts 64–65)."""
    participants = require_text(
        participants, "participants", "请填写听证参加人（主持人、调查人员、当事人及其代理人）"
    )
    statements = require_text(
        statements,
        "statements",
        "请填写听证笔录：调查人员提出的事实、证据和处罚建议，当事人的陈述、申辩和质证",
    )
    report = require_text(report, "report", "请填写听证主持人的听证报告及处理意见")
    with case_action(Complaint, complaint_id, "hold_hearing", actor=actor) as step:
        case = step.case
        procedure = noticed_procedure(case)
        if procedure.hearing_at is None:
            raise PreconditionFailed("尚未送达听证通知书")
        scheduled = timezone.localtime(procedure.hearing_at).date()
        held_on = parse_date(held_on, "held_on", window=PAST, not_before=scheduled) or timezone.localdate()
        if held_on < scheduled:
            raise PreconditionFailed(f"听证定于{scheduled:%Y-%m-%d}举行，尚未到期")
        _check_served_in_time(case, held_on)
        procedure.hearing_held_on, procedure.hearing_participants = held_on, participants
        procedure.hearing_statements, procedure.presiding_report = statements, report
        procedure.save()
        step.reason = report
        step.details["held_on"] = held_on
    return step.case
