"""Final awards (一裁终局, LDMAL Art 47): per item, 12 × the local minimum wage on the filing date."""

import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from arbitration.finality import (
    MinimumWageMissing,
    claim_is_final,
    final_award_threshold,
    minimum_wage_on,
)
from arbitration.models import Award, MinimumWage
from arbitration.services import arbitration as svc
from tests.arbitration.conftest import D

pytestmark = pytest.mark.django_db


def test_seeded_minimum_wages_are_effective_dated_and_marked_unconfirmed(jishou, luxi, prefecture):
    assert minimum_wage_on(jishou, D("2014-12-31")) is None
    row = minimum_wage_on(jishou, D("2025-09-01"))
    assert (row.monthly_amount, row.tier, row.confirmed) == (Decimal("2000.00"), 2, False)
    assert minimum_wage_on(luxi, D("2026-05-01")).monthly_amount == Decimal("1800.00")
    assert minimum_wage_on(prefecture, D("2026-05-01")).monthly_amount == Decimal("2000.00")
    # Hunan's adjustments since 2015, each an effective-dated row per jurisdiction, none yet confirmed.
    assert minimum_wage_on(jishou, D("2025-08-31")).effective_from == D("2022-04-01")
    assert minimum_wage_on(luxi, D("2016-06-30")).monthly_amount == Decimal("1030.00")
    assert minimum_wage_on(luxi, D("2017-07-01")).monthly_amount == Decimal("1130.00")
    assert minimum_wage_on(jishou, D("2020-01-02")).effective_from == D("2019-10-01")
    froms = set(MinimumWage.objects.filter(jurisdiction=jishou).values_list("effective_from", flat=True))
    assert froms == {D("2015-01-01"), D("2017-07-01"), D("2019-10-01"), D("2022-04-01"), D("2025-09-01")}
    assert MinimumWage.objects.count() == 50  # eight counties, the zone and the prefecture bureau, × 5
    assert not MinimumWage.objects.filter(confirmed=True).exists()


def test_threshold_is_twelve_months_of_the_local_minimum_wage(jishou, luxi):
    assert final_award_threshold(jishou, D("2026-01-05")) == Decimal("24000.00")
    assert final_award_threshold(luxi, D("2026-01-05")) == Decimal("21600.00")
    assert final_award_threshold(jishou, D("2025-06-30")) == Decimal("20880.00")  # 1,740 from 2022-04-01
    with pytest.raises(MinimumWageMissing) as err:
        final_award_threshold(jishou, D("2014-06-30"))
    message = err.value.message
    assert "吉首市" in message and "2014-06-30" in message
    assert reverse("admin:arbitration_minimumwage_changelist") in message


def test_a_new_rate_applies_to_cases_filed_from_its_date(jishou):
    MinimumWage.objects.create(
        jurisdiction=jishou, effective_from=D("2026-07-01"), monthly_amount="2200.00", tier=2
    )
    assert final_award_threshold(jishou, D("2026-06-30")) == Decimal("24000.00")
    assert final_award_threshold(jishou, D("2026-07-01")) == Decimal("26400.00")


@pytest.mark.parametrize(
    "claim_type, amount, final",
    [
        ("wages", "24000.00", True),  # exactly at the threshold: final
        ("wages", "24000.01", False),  # one cent over: not final
        ("overtime", "24000.00", True),
        ("economic_compensation", "24000.01", False),
        ("damages", "100.00", True),
        ("injury_medical", "24000.00", True),
        ("social_insurance", "500000.00", True),  # national labour standards: final whatever the amount
        ("working_hours", None, True),
        ("rest_leave", None, True),
        ("employment_relation", None, False),
        ("other", "100.00", False),
        ("wages", None, False),
    ],
)
def test_item_finality(claim_type, amount, final):
    assert claim_is_final(claim_type, Decimal(amount) if amount else None, Decimal("24000.00")) is final


def test_claims_are_flagged_on_filing_exactly_at_the_threshold(apply):
    case = apply(
        claims=[
            {"claim_type": "wages", "description": "工资", "amount": "24000.00"},
            {"claim_type": "economic_compensation", "description": "经济补偿", "amount": "24000.01"},
        ]
    )
    assert list(case.claims.values_list("final", flat=True)) == [True, False]


def test_same_amount_is_final_in_jishou_and_not_in_luxi(apply, luxi, arb_staff):
    from tests.factories import EmployerFactory

    claim = [{"claim_type": "wages", "description": "工资", "amount": "22000.00"}]
    assert apply(claims=claim).claims.get().final is True
    luxi_case = apply(
        actor=arb_staff["luxi_chair"],
        jurisdiction=luxi,
        respondent=EmployerFactory(jurisdiction=luxi),
        claims=claim,
    )
    assert luxi_case.claims.get().final is False  # 22,000 > 12 × 1,800


def test_mixed_award_is_issued_as_two_documents(heard, arb_staff, client):
    case = heard(
        claims=[
            {"claim_type": "wages", "description": "拖欠工资", "amount": "24000.00"},
            {
                "claim_type": "economic_compensation",
                "description": "解除劳动合同经济补偿",
                "amount": "24000.01",
            },
            {"claim_type": "employment_relation", "description": "确认劳动关系"},
        ]
    )
    wages, compensation, relation = case.claims.all()
    case = svc.arbitration_award(
        actor=arb_staff["arb1"],
        case_id=case.pk,
        items=[
            {"claim": wages.pk, "decision": "upheld", "awarded_amount": "24000.00"},
            {"claim": compensation.pk, "decision": "upheld", "awarded_amount": "24000.01"},
            {"claim": relation.pk, "decision": "upheld"},
        ],
        text="事实清楚，证据充分",
        on=D("2026-02-10"),
    )
    final, non_final = case.awards.all()
    assert (final.finality, [i.pk for i in final.items.all()]) == ("final", [wages.pk])
    assert (non_final.finality, [i.pk for i in non_final.items.all()]) == (
        "non_final",
        [compensation.pk, relation.pk],
    )
    assert Award.objects.filter(case=case).count() == 2

    from casework.documents.services import issue_document

    numbers = {
        award.finality: issue_document(type(case), case.pk, actor=arb_staff["arb1"], slug=award.slug).number
        for award in (final, non_final)
    }
    client.force_login(arb_staff["arb1"])
    texts = {}
    for award in (final, non_final):
        response = client.get(reverse("arbitration-document", args=[case.pk, award.slug]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        texts[award.finality] = subprocess.run(
            ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
        ).stdout.decode()
    assert "本裁决为终局裁决" in texts["final"] and "24000.00元" in texts["final"]
    assert "解除劳动合同经济补偿" not in texts["final"]
    assert "本裁决为非终局裁决" in texts["non_final"] and "解除劳动合同经济补偿" in texts["non_final"]
    # each award carries its own number of the commission's award series (吉劳人仲裁〔year〕n号)
    assert numbers["final"] != numbers["non_final"] and "劳人仲裁〔" in numbers["final"]
    assert numbers["final"] in texts["final"] and numbers["non_final"] in texts["non_final"]
