"""Arbitration periods that run from SERVICE (送达), read from the documents register (casework.documents):

- the respondent's 10 working days of defence run from the day the 应诉通知书 carrying the application copy
  is served on it (LDMAL Art 30; ARB-RULES Arts 33, 80) — not from acceptance, not from the day issued;
- a hearing goes ahead only if its 开庭通知书 reached the parties 5 working days before it (LDMAL Art 35;
  ARB-RULES Art 38), counted from the last service; otherwise a 409 names the earliest day to postpone to.

Recording the service itself is never refused: it is a fact with its proof (a late notice did reach the
party); what the law forbids is holding the hearing on it, or deeming an applicant who was not duly notified
to have withdrawn (ARB-RULES Art 39).

A case whose documents were not issued through the register keeps the dates entered on its steps (the older
tests in test_arbitration_lifecycle.py: ``arbitration_serve(on=...)`` still starts the defence that day).
"""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from arbitration.models import ArbitrationCase
from arbitration.models import ArbitrationState as S
from arbitration.services import arbitration as svc
from casework.documents.services import issue_document, record_service
from casework.models import Deadline, IssuedDocument
from casework.services.transitions import PreconditionFailed
from tests.arbitration.conftest import D, at

pytestmark = pytest.mark.django_db


def deadline(case, rule):
    return Deadline.objects.filter(object_id=case.pk, rule=rule).order_by("-id").first()


def issue_on(case, actor, slug, day):
    """Issue ``slug`` (numbered today) and date it ``day``, the day the commission signed it."""
    issued = issue_document(ArbitrationCase, case.pk, actor=actor, slug=slug)
    IssuedDocument.objects.filter(pk=issued.pk).update(issued_on=day)
    issued.refresh_from_db()
    return issued


def serve(case, actor, document, day, recipient="湘西峒河建设有限公司"):
    return record_service(
        ArbitrationCase,
        case.pk,
        actor=actor,
        document=document.pk,
        method="post",
        served_on=day,
        recipient=recipient,
        proof=SimpleUploadedFile("回执.pdf", b"%PDF-1.4 receipt", "application/pdf"),
    )


def test_the_defence_runs_from_the_service_of_the_respondent_notice(accepted, arb_staff):
    chair = arb_staff["chair"]
    case = accepted()  # Wed 7 Jan 2026
    notice = issue_on(case, chair, "respondent-notice", D("2026-01-07"))
    assert "劳人仲应" in notice.number
    # Issued, not served: the respondent has no copy yet, so nothing can be recorded as served.
    with pytest.raises(PreconditionFailed) as err:
        svc.arbitration_serve(actor=chair, case_id=case.pk)
    assert "应诉通知书" in err.value.message and "尚未送达" in err.value.message
    assert deadline(case, "arbitration.defence") is None

    # Posted on the 7th, received Fri 9 Jan: 10 working days from then → Fri 23 Jan (not 21 Jan, which
    # counting from the issue day would give).
    serve(case, chair, notice, D("2026-01-09"))
    defence = deadline(case, "arbitration.defence")
    assert (defence.started_on, defence.due_on, defence.status) == (D("2026-01-09"), D("2026-01-23"), "open")
    copy = deadline(case, "arbitration.serve")
    assert (copy.status, copy.met_on) == ("met", D("2026-01-09"))  # ARB-RULES Art 33: 5 days to serve

    # The state step takes its date from the service record; another date is refused.
    with pytest.raises(ValidationError) as err:
        svc.arbitration_serve(actor=chair, case_id=case.pk, on=D("2026-01-12"))
    assert "2026-01-09" in err.value.message_dict["on"][0]
    case = svc.arbitration_serve(actor=chair, case_id=case.pk)
    assert case.state == S.SERVED and case.served_on == D("2026-01-09")
    assert deadline(case, "arbitration.defence").pk == defence.pk  # the same period, not restarted

    text = _pdf_text_of(case, "respondent-notice")
    assert notice.number in text and "湘西峒河建设有限公司" in text and "十日内" in text


def defences(case) -> list[tuple]:
    return list(
        Deadline.objects.filter(
            content_type__model="arbitrationcase", object_id=case.pk, rule="arbitration.defence"
        ).values_list("started_on", "due_on", "status")
    )


@pytest.mark.parametrize("route", ["notice-then-step", "step-only", "step-then-notice"])
def test_either_route_starts_exactly_one_defence_from_the_receipt_of_the_copy(accepted, arb_staff, route):
    """The 10 working days run from the respondent's receipt of the application copy (LDMAL Art 30; ARB-RULES
    Arts 33, 80) — recorded by the service of the 应诉通知书 or by the 送达 step, both through one function:
    one period, from the first receipt, whichever comes first; the other route restarts nothing."""
    chair = arb_staff["chair"]
    case = accepted()  # Wed 7 Jan 2026
    received, later = D("2026-01-09"), D("2026-01-12")
    if route == "notice-then-step":
        serve(case, chair, issue_on(case, chair, "respondent-notice", D("2026-01-07")), received)
        svc.arbitration_serve(actor=chair, case_id=case.pk)
    else:
        svc.arbitration_serve(actor=chair, case_id=case.pk, on=received)
        if route == "step-then-notice":  # the notice issued afterwards, served on a later day
            serve(case, chair, issue_on(case, chair, "respondent-notice", D("2026-01-09")), later)

    assert defences(case) == [(received, D("2026-01-23"), "open")]  # Fri 9 Jan + 10 working days
    copy = deadline(case, "arbitration.serve")
    assert (copy.status, copy.met_on) == ("met", received)
    assert ArbitrationCase.objects.get(pk=case.pk).served_on == received


def _pdf_text_of(case, slug):
    from arbitration.documents import render_document
    from tests.document_text import defects, pdf_text

    text = pdf_text(render_document(case, slug))
    assert defects(text) == [], text
    return text.replace("\n", "")


@pytest.fixture
def scheduled(formed, arb_staff):
    """Hearing Tue 20 Jan 2026 09:30, its notice sent Mon 12 Jan (5 working days back from the 20th: the
    13th is the last day a notice may reach the parties)."""
    case = formed()
    svc.arbitration_schedule_hearing(
        actor=arb_staff["arb1"],
        case_id=case.pk,
        hearing_at=at("2026-01-20T09:30"),
        place="第一仲裁庭",
        notice_on=D("2026-01-12"),
    )
    return case


def test_a_hearing_notice_served_late_stops_the_hearing(scheduled, arb_staff):
    case, arb = scheduled, arb_staff["arb1"]
    notice = issue_on(case, arb, "hearing-notice-1", D("2026-01-12"))
    with pytest.raises(PreconditionFailed) as err:  # issued, served on nobody
        svc.arbitration_hold_hearing(actor=arb, case_id=case.pk, record="庭审")
    assert "开庭通知书" in err.value.message and "尚未送达" in err.value.message

    serve(case, arb, notice, D("2026-01-12"), recipient="向秀英")
    serve(case, arb, notice, D("2026-01-15"))  # the respondent's copy arrived Thu 15 Jan: too late
    # From Thu 15 Jan, 5 working days: 16, 19, 20, 21, 22 → the hearing can be held on Thu 22 Jan.
    with pytest.raises(PreconditionFailed) as err:
        svc.arbitration_hold_hearing(actor=arb, case_id=case.pk, record="庭审")
    assert "2026-01-15" in err.value.message and "最早可定于2026-01-22" in err.value.message
    assert "第三十五条" in err.value.message
    # nor may an absent applicant be deemed to withdraw on a notice that came late (ARB-RULES Art 39)
    with pytest.raises(PreconditionFailed):
        svc.arbitration_deem_withdrawn(actor=arb, case_id=case.pk, reason="申请人未到庭")
    assert ArbitrationCase.objects.get(pk=case.pk).state == S.HEARING_SCHEDULED


def test_a_hearing_notice_served_in_time_lets_the_hearing_go_ahead(scheduled, arb_staff):
    case, arb = scheduled, arb_staff["arb1"]
    notice = issue_on(case, arb, "hearing-notice-1", D("2026-01-12"))
    serve(case, arb, notice, D("2026-01-12"), recipient="向秀英")
    serve(case, arb, notice, D("2026-01-13"))  # the last day that still gives 5 working days
    case = svc.arbitration_hold_hearing(actor=arb, case_id=case.pk, record="申请人陈述……被申请人答辩……")
    assert case.state == S.HEARD
