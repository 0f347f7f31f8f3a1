"""Hearings: notice, postponement, the hearing itself and an applicant who stays away (ARB-RULES Arts 33,
38–39)."""

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.utils import timezone

from arbitration.models import ArbitrationCase, ArbitrationOutcome, Hearing
from arbitration.services.arbitration.base import (
    DEFENCE,
    HEARING_NOTICE,
    POSTPONE_REQUEST,
    end_case,
    transition,
)
from arbitration.services.arbitration.served import check_hearing_notice_served
from arbitration.services.common import act_on
from casework.deadlines.compute import compute_due, late_notice
from casework.inputs import AHEAD, optional_text, parse_date, require_text
from casework.services import deadlines


def hearing_time(value) -> datetime:
    """The hearing's date and time (a date alone means 09:00), aware, its day within the ``AHEAD`` window."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError({"hearing_at": ["请填写正确的开庭时间"]}) from None
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time(9, 0))
    if not isinstance(value, datetime):
        raise ValidationError({"hearing_at": ["请填写开庭时间"]})
    parse_date(value.date(), "hearing_at", window=AHEAD)  # before any time-zone arithmetic can overflow
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _check_notice(case, hearing_day: date, notice_on: date) -> None:
    earliest = late_notice(HEARING_NOTICE, hearing_day, notice_on, jurisdiction=case.jurisdiction_id)
    if earliest is not None:
        raise ValidationError(
            {
                "hearing_at": [
                    f"开庭通知须在开庭5日前送达当事人（办案规则第三十八条），最早可定于{earliest:%Y-%m-%d}"
                ]
            }
        )


def _notify(case, hearing_day: date, notice_on: date) -> None:
    """The notice period of a hearing on ``hearing_day``, met by the notice sent on ``notice_on``."""
    deadlines.start(case, HEARING_NOTICE, on=hearing_day)
    deadlines.meet(case, HEARING_NOTICE, on=notice_on)


def arbitration_schedule_hearing(
    *,
    actor,
    case_id,
    hearing_at,
    place: str,
    directions: str = "",
    notice_on=None,
    reason: str = "",
    expected_state=None,
) -> ArbitrationCase:
    """开庭通知: the hearing's date and place, notified at least 5 (working) days before (Art 38)."""
    place = require_text(place, "place", "请填写开庭地点")
    hearing_at = hearing_time(hearing_at)
    with transition("schedule_hearing", case_id, actor, reason, expected_state, public=True) as step:
        case = step.case
        notice_on = act_on(notice_on, "notice_on", after=case.accepted_on, after_label="受理日期")
        hearing_day = timezone.localtime(hearing_at).date()
        _check_notice(case, hearing_day, notice_on)
        step.fire()
        sequence = case.hearings.count() + 1
        Hearing.objects.create(
            case=case,
            sequence=sequence,
            scheduled_at=hearing_at,
            place=place,
            directions=_directions(directions),
            notice_on=notice_on,
        )
        _notify(case, hearing_day, notice_on)
        _close_lapsed_defence(case, notice_on)
        step.details.update(
            {"hearing_at": timezone.localtime(hearing_at).strftime("%Y-%m-%d %H:%M"), "place": place}
        )
    return step.case


def _directions(value) -> str:
    """How to get to the hearing (到达方式), optional; told to the parties on the claimant page."""
    return optional_text(value, "directions", max_length=300, label="到达方式")


def _close_lapsed_defence(case, on: date) -> None:
    """The respondent's defence period ran out without a defence: it is the party's period, not the
    commission's, and its lapse does not hold up the proceedings (ARB-RULES Art 33) — stop showing it."""
    defence = deadlines.running(case, DEFENCE)
    if defence is not None and defence.due_on < on:
        deadlines.cancel(case, [DEFENCE])


def _check_party_request(case, old_day: date, requested_on) -> None:
    """A party's request to postpone must come at least 3 (working) days before the hearing (Art 38)."""
    requested_on = act_on(requested_on, "requested_on")
    last = compute_due(POSTPONE_REQUEST, old_day, jurisdiction=case.jurisdiction_id).due
    if requested_on > last:
        raise ValidationError(
            {
                "requested_on": [
                    f"当事人应在开庭三日前（最迟{last:%Y-%m-%d}）提出延期开庭申请（办案规则第三十八条）"
                ]
            }
        )


def arbitration_postpone_hearing(
    *,
    actor,
    case_id,
    hearing_at,
    reason: str,
    place: str = "",
    directions: str = "",
    by_party: bool = False,
    requested_on=None,
    notice_on=None,
    expected_state=None,
) -> ArbitrationCase:
    """延期开庭, decided by the commission. A party's request must come at least 3 (working) days before
    the hearing (ARB-RULES Art 38); the new date is notified 5 days ahead like the first."""
    reason = require_text(reason, "reason", "请填写延期开庭的理由")
    hearing_at = hearing_time(hearing_at)
    with transition("postpone_hearing", case_id, actor, reason, expected_state) as step:
        case = step.case
        hearing = case.current_hearing()
        old_day = timezone.localtime(hearing.scheduled_at).date()
        if by_party:
            _check_party_request(case, old_day, requested_on)
        notice_on = act_on(notice_on, "notice_on")
        new_day = timezone.localtime(hearing_at).date()
        if new_day <= old_day:
            raise ValidationError({"hearing_at": ["延期后的开庭时间应晚于原定时间"]})
        _check_notice(case, new_day, notice_on)
        step.fire()
        hearing.status, hearing.postponement_reason = Hearing.Status.POSTPONED, reason
        hearing.postponed_by_party = bool(by_party)
        hearing.save(update_fields=["status", "postponement_reason", "postponed_by_party"])
        Hearing.objects.create(
            case=case,
            sequence=hearing.sequence + 1,
            scheduled_at=hearing_at,
            place=(place or "").strip() or hearing.place,
            # the same place keeps its directions unless new ones are given; a new place has its own
            directions=_directions(directions) or ("" if (place or "").strip() else hearing.directions),
            notice_on=notice_on,
        )
        _notify(case, new_day, notice_on)
        step.details.update(
            {"from": old_day, "to": timezone.localtime(hearing_at).strftime("%Y-%m-%d %H:%M")}
        )
    return step.case


def arbitration_hold_hearing(
    *,
    actor,
    case_id,
    record: str,
    applicant_present: bool = True,
    respondent_present: bool = True,
    expected_state=None,
) -> ArbitrationCase:
    """The hearing took place: its record (庭审笔录). A respondent who stays away may be decided against in
    absence (缺席裁决); an applicant who stays away is dealt with by ``arbitration_deem_withdrawn``."""
    record = require_text(record, "record", "请填写庭审笔录（或其摘要）")
    with transition("hold_hearing", case_id, actor, "", expected_state) as step:
        case = step.case
        hearing = case.current_hearing()
        check_hearing_notice_served(case, hearing)
        step.fire()
        hearing.status, hearing.record = Hearing.Status.HELD, record
        hearing.held_on = timezone.localtime(hearing.scheduled_at).date()
        hearing.applicant_present = bool(applicant_present)
        hearing.respondent_present = bool(respondent_present)
        hearing.save()
        # A defence that never came does not hold up the proceedings (ARB-RULES Art 33).
        deadlines.cancel(case, [DEFENCE])
        step.details.update(
            {
                "hearing": hearing.sequence,
                "applicant_present": hearing.applicant_present,
                "respondent_present": hearing.respondent_present,
            }
        )
    return step.case


def arbitration_deem_withdrawn(*, actor, case_id, reason: str, expected_state=None) -> ArbitrationCase:
    """视为撤回: the applicant, duly notified, stayed away without good reason (ARB-RULES Art 39)."""
    reason = require_text(reason, "reason", "请写明申请人经书面通知无正当理由拒不到庭的情况")
    with transition("deem_withdrawn", case_id, actor, reason, expected_state, public=True) as step:
        case = step.case
        hearing = case.current_hearing()
        check_hearing_notice_served(case, hearing)  # ARB-RULES Art 39: only a party duly notified
        step.fire()
        hearing.status, hearing.applicant_present = Hearing.Status.HELD, False
        hearing.held_on = timezone.localtime(hearing.scheduled_at).date()
        hearing.record = reason
        hearing.save()
        end_case(case, ArbitrationOutcome.DEEMED_WITHDRAWN, reason)
    return step.case
