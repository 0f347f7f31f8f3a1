"""The bound case file (卷宗) reads the case in a fixed number of queries, however many documents it binds."""

import io
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from arbitration.services import arbitration as svc
from casework.services.evidence import attach_evidence
from tests.arbitration.conftest import WAGE_CLAIM, D

pytestmark = pytest.mark.django_db


def _volume(client, case, slug) -> tuple[int, int]:
    """(queries, pages) of one bound volume."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("arbitration-document", args=[case.pk, slug]))
    assert response.status_code == 200
    return len(ctx.captured_queries), len(PdfReader(io.BytesIO(response.content)).pages)


def _partial_award(case, arb, on):
    item = case.claims.filter(decision="").order_by("position").first()
    svc.arbitration_partial_award(
        actor=arb,
        case_id=case.pk,
        items=[{"claim": item.pk, "decision": "upheld", "awarded_amount": item.amount}],
        text="该项请求事实清楚",
        on=D(on),
    )


def _grow(case, arb_staff):
    """Three more claims, a second hearing held, a second partial award, two more suspensions, evidence files
    and the log entries of all that."""
    chair, arb = arb_staff["chair"], arb_staff["arb1"]
    for n in range(3):
        svc.arbitration_add_claim(
            actor=chair,
            case_id=case.pk,
            claim_type="overtime",
            amount="2000",
            description=f"加班费{n}",
            on=D("2026-01-21"),
        )
    svc.arbitration_schedule_hearing(
        actor=arb,
        case_id=case.pk,
        hearing_at=timezone.make_aware(datetime(2026, 2, 10, 9, 30)),
        place="第二仲裁庭",
        notice_on=D("2026-01-26"),
    )
    svc.arbitration_hold_hearing(actor=arb, case_id=case.pk, record="申请人陈述……\n被申请人答辩……" * 20)
    _partial_award(case, arb, "2026-02-12")
    for n in range(2):
        svc.arbitration_suspend(actor=chair, case_id=case.pk, reason=f"等待工伤认定{n}", on=D("2026-02-13"))
        svc.arbitration_resume(actor=chair, case_id=case.pk, reason="已作出结论", on=D("2026-02-13"))
    for n in range(3):
        attach_evidence(
            case=case,
            uploaded_file=SimpleUploadedFile(f"工资表{n}.pdf", b"%PDF-1.4\n", "application/pdf"),
            category="wage_record",
            actor=arb,
        )


def test_case_file_queries_do_not_grow_with_claims_hearings_awards_evidence_or_log(client, arb_staff, heard):
    # One of each kind of thing already (an award, a suspension): Django skips the prefetch of an empty set.
    case = heard(claims=[WAGE_CLAIM, {"claim_type": "overtime", "description": "加班费", "amount": "3000"}])
    _partial_award(case, arb_staff["arb1"], "2026-01-21")
    svc.arbitration_suspend(
        actor=arb_staff["chair"], case_id=case.pk, reason="等待工伤认定", on=D("2026-01-21")
    )
    client.force_login(arb_staff["chair"])
    small_main, small_internal = _volume(client, case, "case-file"), _volume(client, case, "internal-file")
    svc.arbitration_resume(actor=arb_staff["chair"], case_id=case.pk, reason="已作出结论", on=D("2026-01-21"))

    _grow(case, arb_staff)

    big_main, big_internal = _volume(client, case, "case-file"), _volume(client, case, "internal-file")
    assert big_main[1] > small_main[1] and big_internal[1] > small_internal[1]  # more documents bound
    assert big_main[0] == small_main[0]
    assert big_internal[0] == small_internal[0]
