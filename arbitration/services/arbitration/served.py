"""The days documents reached the parties, read from the kernel's documents register (casework.documents):
the periods that run from service — the respondent's defence (LDMAL Art 30; ARB-RULES Art 33) — and the
notice a hearing needs (LDMAL Art 35; ARB-RULES Art 38) count from these days, not from the day issued.

A document that was never issued through the register (a paper-only case, older records) leaves the date
entered on the step in charge; one issued and not yet served is a 409: nobody has received it.

``respondent_received_copy`` is the one place the defence period starts, whichever way the receipt is
recorded: the first service of the 应诉通知书 (its ``DocumentKind.on_served`` hook, arbitration.documents) or
the 送达仲裁申请书副本 step of a case whose notice was not issued through the register.
"""

from datetime import date

from django.utils import timezone

from arbitration.services.arbitration.base import DEFENCE, SERVE
from casework.deadlines.compute import earliest_event_day, late_notice
from casework.documents.services import issued_documents
from casework.models import Deadline
from casework.services import deadlines
from casework.services.transitions import PreconditionFailed

RESPONDENT_NOTICE = "respondent-notice"  # 应诉通知书, with the application copy
HEARING_NOTICE_RULE = "arbitration.hearing_notice"


def service_days(case, slug: str, title: str) -> list[date] | None:
    """The days document ``slug`` was served (first first), None when it was not issued; a 409 when it was
    issued and not yet served."""
    issued = issued_documents(case).get(slug)
    if issued is None:
        return None
    days = sorted(service.served_on for service in issued.services.all())
    if not days:
        raise PreconditionFailed(f"{title}（{issued.number}）已签发，尚未送达，请先登记送达")
    return days


def copy_served_on(case) -> date | None:
    """The day the respondent received the application copy with the 应诉通知书 (its first service)."""
    days = service_days(case, RESPONDENT_NOTICE, "应诉通知书")
    return days[0] if days else None


def respondent_received_copy(case, on: date) -> Deadline | None:
    """The respondent received the application copy on ``on``: its 10 working days of defence run from that
    day (LDMAL Art 30; ARB-RULES Arts 33, 80) and the 5 days to serve the copy are met (ARB-RULES Art 33).

    The copy is received once: a period already running from ``on`` is kept, and once the receipt is on
    record (``served_on``, set by the 送达仲裁申请书副本 step) a later service of the 应诉通知书 restarts
    nothing — the period ran from the first receipt. Returns the defence deadline started or kept."""
    if case.served_on is not None:
        return None
    deadlines.meet(case, SERVE, on=on)
    running = deadlines.running(case, DEFENCE)
    if running is not None and running.started_on == on:
        return running
    return deadlines.start(case, DEFENCE, on=on)


def earliest_hearing_day(case, notice_on: date) -> date:
    """The first day a hearing may be held when the notice reaches the parties on ``notice_on``: 5 working
    days counted from the notice's working day (a notice sent on a rest day counts from the next working
    day), the mirror of the backward count of ``arbitration.hearing_notice`` (ARB-RULES Arts 38, 80)."""
    return earliest_event_day(HEARING_NOTICE_RULE, notice_on, jurisdiction=case.jurisdiction_id)


def check_hearing_notice_served(case, hearing) -> None:
    """The hearing goes ahead only if its 开庭通知书 reached BOTH parties 5 (working) days before it (LDMAL
    Art 35; ARB-RULES Arts 38, 80) — counted from the last service. Otherwise a 409 naming the earliest day
    the hearing can be postponed to (延期开庭)."""
    days = service_days(case, f"hearing-notice-{hearing.sequence}", "开庭通知书")
    if days is None:
        return
    served, hearing_day = days[-1], timezone.localtime(hearing.scheduled_at).date()
    earliest = late_notice(HEARING_NOTICE_RULE, hearing_day, served, jurisdiction=case.jurisdiction_id)
    if earliest is not None:
        raise PreconditionFailed(
            f"开庭通知书于{served:%Y-%m-%d}送达，未在开庭五日前送达当事人（劳动争议调解仲裁法第三十五条、"
            f"办案规则第三十八条），请延期开庭，最早可定于{earliest:%Y-%m-%d}"
        )
