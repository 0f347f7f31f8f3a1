"""A clue (线索) or an inspection's finding opened as a complaint or report: the kernel calls ``open_complaint``
(``CaseType.open_from_intake``, ``casework.kernel.intake``) when an inspector triages a clue or opens a case on
a finding; the complaint is registered by ``complaint_register`` with its own checks and its 5-working-day
acceptance clock (LIR-IMPL Art 18)."""

from casework.inspection.models import ComplaintKind, IntakeChannel, ViolationType
from casework.inspection.services.intake import complaint_register
from casework.services.parties import person_get_or_create_by_id_number

# the clue's channel (casework.clues.channels) or the source → the complaint's intake channel
CHANNELS = {
    "inspection": IntakeChannel.INSPECTOR,
    "hotline_12333": IntakeChannel.HOTLINE,
    "hotline_12345": IntakeChannel.HOTLINE,
    "walk_in": IntakeChannel.WINDOW,
    "green_channel": IntakeChannel.GREEN_CHANNEL,
}


def open_complaint(*, actor, intake):
    complainant = None
    if intake.reporter_id_number:
        complainant, _created = person_get_or_create_by_id_number(
            id_number=intake.reporter_id_number,
            name=intake.reporter_name,
            phone=intake.reporter_phone,
            jurisdiction=intake.jurisdiction,
            actor=actor,
        )
    return complaint_register(
        actor=actor,
        jurisdiction=intake.jurisdiction,
        kind=ComplaintKind.COMPLAINT if complainant else ComplaintKind.REPORT,
        channel=CHANNELS.get(intake.channel, IntakeChannel.LETTER),
        received_on=intake.received_on,
        complainant=complainant,
        employer=intake.employer,
        employer_name_given=intake.employer_name,
        workplace=intake.workplace or intake.project_name or "（未载明）",
        project_name=intake.project_name,
        facts=intake.sourced_facts,
        violation_types=list(intake.violation_types)
        or ([ViolationType.WAGE_ARREARS] if intake.amount is not None else []),
        violation_started_on=intake.period_from,
        violation_ended_on=intake.period_to,
        arrears_amount=intake.amount,
        workers_affected=max(intake.workers, 1),
        green_channel=intake.green_channel,
    )
