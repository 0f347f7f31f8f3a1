"""Every arbitration and mediation document rendered and read back (pypdf): no doubled punctuation, empty
placeholders or dashes where data should be."""

import pytest
from django.urls import reverse

from arbitration.documents import documents_for
from arbitration.models import ArbitrationCase, MediationCase
from arbitration.services import arbitration as svc
from arbitration.services import mediation as msvc
from tests.arbitration.conftest import D, at
from tests.arbitration.test_award_wording import CLAIMS
from tests.document_text import defects, pdf_text

pytestmark = pytest.mark.django_db


def _arbitration(formed, arb_staff):
    case = formed(claims=CLAIMS, evidence_list="劳动合同、工资条。")
    chair, arb = arb_staff["chair"], arb_staff["arb1"]
    svc.arbitration_suspend(actor=chair, case_id=case.pk, reason="等待鉴定。", on=D("2026-01-12"))
    svc.arbitration_resume(actor=chair, case_id=case.pk, reason="鉴定完成。", on=D("2026-01-13"))
    svc.arbitration_extend(actor=chair, case_id=case.pk, reason="案情复杂。", days=10)
    svc.arbitration_schedule_hearing(
        actor=arb,
        case_id=case.pk,
        hearing_at=at("2026-01-20T09:30"),
        place="第一仲裁庭",
        notice_on=D("2026-01-12"),
    )
    svc.arbitration_hold_hearing(actor=arb, case_id=case.pk, record="申请人陈述。被申请人答辩。")
    items = [
        {
            "claim": c.pk,
            "decision": "dismissed" if c.claim_type == "overtime" else "upheld",
            "awarded_amount": c.amount,
        }
        for c in ArbitrationCase.objects.get(pk=case.pk).claims.all()
    ]
    svc.arbitration_award(actor=arb, case_id=case.pk, items=items, text="事实清楚。", on=D("2026-02-02"))
    svc.arbitration_close(actor=chair, case_id=case.pk, summary="已裁决。")
    return ArbitrationCase.objects.get(pk=case.pk)


def _mediation(mediation, arb_staff):
    case = mediation()
    mediator = arb_staff["mediator"]
    msvc.mediation_accept(actor=mediator, case_id=case.pk, on=D("2026-02-05"))
    msvc.mediation_hold_session(
        actor=mediator, case_id=case.pk, summary="双方同意分期支付。", held_on=D("2026-02-06"), place="调解室"
    )
    msvc.mediation_reach_agreement(
        actor=mediator, case_id=case.pk, terms="被申请人于2026年3月1日前支付15600元。", on=D("2026-02-06")
    )
    msvc.mediation_close(actor=mediator, case_id=case.pk, summary="调解成功。")
    return MediationCase.objects.get(pk=case.pk)


def test_every_arbitration_and_mediation_document_reads_clean(client, formed, mediation, arb_staff, apply):
    refused = apply(facts="不属于劳动争议")
    svc.arbitration_refuse(actor=arb_staff["chair"], case_id=refused.pk, reason="不属于劳动人事争议。")
    cases = [
        (_arbitration(formed, arb_staff), "arbitration"),
        (_mediation(mediation, arb_staff), "mediation"),
    ]
    cases.append((ArbitrationCase.objects.get(pk=refused.pk), "arbitration"))
    client.force_login(arb_staff["chair"])
    seen = set()
    for case, kind in cases:
        for doc in documents_for(case):
            response = client.get(reverse(f"{kind}-document", args=[case.pk, doc.slug]))
            assert response.status_code == 200, doc.slug
            assert defects(pdf_text(response.content)) == [], (kind, doc.slug)
            seen.add(f"{kind}:{doc.slug}")
    assert {"arbitration:award-1", "arbitration:extension-approval", "arbitration:refusal"} <= seen
    assert {"mediation:agreement", "mediation:session-1", "mediation:closing-approval"} <= seen
