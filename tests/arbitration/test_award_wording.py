"""Awards word each claim for its kind, keep amounts apart from descriptions, and the chair extends the award
period by 1 to 15 days (LDMAL Art 43)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from arbitration.models import ClaimItem
from arbitration.services import arbitration as svc
from casework.models import Deadline
from tests.arbitration.conftest import D

pytestmark = pytest.mark.django_db

CLAIMS = [
    {
        "claim_type": "damages",
        "description": "未签书面劳动合同二倍工资差额（12倍+0.01）",
        "amount": "24000.01",
    },
    {"claim_type": "employment_relation", "description": "2025年3月至2026年8月存在劳动关系"},
    {"claim_type": "performance", "description": "出具解除劳动合同证明"},
    {"claim_type": "social_insurance", "description": "补缴2025年3月至12月养老保险"},
    {"claim_type": "overtime", "description": "加班费", "amount": "3000.00"},
]


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_each_claim_is_worded_for_its_kind_in_the_award(heard, arb_staff, client):
    case = heard(claims=CLAIMS)
    items = []
    for claim in case.claims.all():
        decision = "dismissed" if claim.claim_type == "overtime" else "upheld"
        items.append({"claim": claim.pk, "decision": decision, "awarded_amount": claim.amount})
    case = svc.arbitration_award(
        actor=arb_staff["arb1"], case_id=case.pk, items=items, text="事实清楚", on=D("2026-02-02")
    )
    assert {c.kind for c in ClaimItem.objects.filter(arbitration=case)} == {
        "payment",
        "confirmation",
        "performance",
        "social_insurance",
    }
    client.force_login(arb_staff["arb1"])
    text = ""
    for award in case.awards.all():
        response = client.get(reverse("arbitration-document", args=[case.pk, award.slug]))
        text += pdf_text(response.content).replace("\n", "")
    assert "确认申请人与被申请人之间存在劳动关系（2025年3月至2026年8月存在劳动关系）" in text
    assert "支付申请人确认劳动关系" not in text and "（支持）" not in text
    assert "为申请人履行：出具解除劳动合同证明。" in text
    assert "为申请人依法办理社会保险事项：补缴2025年3月至12月养老保险。" in text
    assert "支付赔偿金人民币24000.01元（请求事项：未签书面劳动合同二倍工资差额（12倍+0.01））" in text
    assert "0.0124000.01" not in text
    assert "驳回申请人关于“加班费”的仲裁请求。" in text


def test_the_chair_extends_by_the_days_approved_from_one_to_fifteen(formed, arb_staff):
    case = formed()
    chair = arb_staff["chair"]
    for days in (0, 16, "x"):
        with pytest.raises(ValidationError) as err:
            svc.arbitration_extend(actor=chair, case_id=case.pk, reason="案情复杂", days=days)
        assert "days" in err.value.message_dict
    case = svc.arbitration_extend(actor=chair, case_id=case.pk, reason="案情复杂", days=5)
    clock = Deadline.objects.get(object_id=case.pk, rule="arbitration.award", status="open")
    # 7 Jan + 45 + 5 = 50 days: Thu 26 Feb (the full 15 would give Mon 9 Mar).
    assert (clock.extensions, clock.extension_days, clock.due_on) == (1, 5, D("2026-02-26"))
    assert case.extension_days == 5


def test_the_extension_days_through_the_api(formed, arb_staff):
    case = formed()
    client = APIClient()
    client.force_authenticate(arb_staff["chair"])
    url = f"/api/v1/arbitrations/{case.pk}/transitions/extend/"
    response = client.post(url, {"reason": "复杂", "days": 16}, format="json")
    assert response.status_code == 400 and "days" in response.json()["fields"]
    response = client.post(url, {"reason": "复杂", "days": 10}, format="json")
    assert response.status_code == 200, response.content
    assert (
        Deadline.objects.get(object_id=case.pk, rule="arbitration.award", status="open").extension_days == 10
    )
