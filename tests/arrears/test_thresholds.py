"""The crime thresholds at their edges, with Hunan's seeded figures (法释〔2013〕3号 Arts 3–4)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from arrears.models import CrimeThreshold
from arrears.selectors.thresholds import evaluate_crime_thresholds, threshold_for

pytestmark = pytest.mark.django_db


def test_hunan_figures_are_seeded_and_marked_unconfirmed():
    t = threshold_for()
    assert (t.province, t.per_worker_amount, t.min_months) == ("湖南省", Decimal("6000.00"), 3)
    assert (t.total_amount, t.min_workers) == (Decimal("40000.00"), 10)
    assert not t.confirmed
    help_text = str(CrimeThreshold._meta.get_field("per_worker_amount").help_text)
    assert "待核实" in help_text


@pytest.mark.parametrize(
    "months, amount, met, reason",
    [
        (3, "6000.00", True, "拖欠3个月以上且金额6,000.00元，达到本省‘数额较大’标准6,000元"),
        (3, "5999.99", False, "拖欠3个月以上，但金额5,999.99元，未达到本省‘数额较大’标准6,000元"),
        (2, "9000.00", False, "拖欠2个月，不足3个月，不适用单人标准"),
        (7, "6000.01", True, "拖欠3个月以上且金额6,000.01元，达到本省‘数额较大’标准6,000元"),
    ],
)
def test_one_worker_at_the_edge(open_case, add_workers, months, amount, met, reason):
    case = open_case()
    add_workers(case, [(months, amount)])
    result = evaluate_crime_thresholds(case)
    (worker,) = result.workers
    assert (worker.met, worker.reason) == (met, reason)
    assert result.individual_met is met
    assert not result.group_met


def test_what_counts_is_the_amount_still_unpaid(open_case, add_workers, pay):
    case = open_case()
    (line,) = add_workers(case, [(3, "6000.00")])
    assert evaluate_crime_thresholds(case).individual_met
    pay(case, line, "0.01")
    worker = evaluate_crime_thresholds(case).workers[0]
    assert not worker.met and "5,999.99元" in worker.reason


@pytest.mark.parametrize(
    "workers, each, met, reason",
    [
        (9, "5000.00", False, "被拖欠工资的劳动者9名，不足10名，不适用多人累计标准"),
        (
            10,
            "4000.00",
            True,
            "拖欠10名以上劳动者（10名）劳动报酬累计40,000.00元，达到本省‘数额较大’标准40,000元",
        ),
        (
            10,
            "3999.99",
            False,
            "拖欠10名以上劳动者（10名）劳动报酬累计39,999.90元，未达到本省‘数额较大’标准40,000元",
        ),
    ],
)
def test_nine_or_ten_workers(open_case, add_workers, workers, each, met, reason):
    case = open_case()
    add_workers(case, [(1, each)] * workers)  # one month each: only the group test can apply
    result = evaluate_crime_thresholds(case)
    assert result.group_met is met and result.group_reason == reason
    assert not result.individual_met


def test_a_government_order_must_have_been_ignored(open_case, add_workers, ordered, staff):
    case = open_case()
    add_workers(case, [(3, "6000.00")])
    result = evaluate_crime_thresholds(case)
    assert result.amount_met and not result.order_ignored and not result.met
    assert "尚未责令支付" in result.order_reason
    ordered(case, served_days_ago=2, period=10)
    case.refresh_from_db()
    result = evaluate_crime_thresholds(case)
    assert not result.met and "尚未届满" in result.order_reason
    late = open_case(employer=case.employer, facts="另一案")
    add_workers(late, [(3, "6000.00")], start=20)
    ordered(late, served_days_ago=25, period=10)
    late.refresh_from_db()
    result = evaluate_crime_thresholds(late)
    assert result.met and "逾期仍未支付" in result.order_reason and "第四条" in result.order_reason


def test_a_later_row_changes_the_figures_from_its_date(open_case, add_workers):
    case = open_case()
    add_workers(case, [(3, "6500.00")])
    CrimeThreshold.objects.create(
        province="湖南省",
        per_worker_amount=Decimal("7000"),
        total_amount=Decimal("50000"),
        effective_from=datetime.date(2030, 1, 1),
    )
    assert evaluate_crime_thresholds(case).individual_met
    later = evaluate_crime_thresholds(case, on=datetime.date(2030, 1, 1))
    assert not later.individual_met and "7,000元" in later.workers[0].reason


def test_admin_figures_must_lie_in_the_statutory_ranges():
    row = CrimeThreshold(
        province="湖南省",
        per_worker_amount=Decimal("4999"),
        total_amount=Decimal("100001"),
        effective_from=datetime.date(2031, 1, 1),
    )
    with pytest.raises(ValidationError) as err:
        row.full_clean()
    assert set(err.value.message_dict) == {"per_worker_amount", "total_amount"}


def test_no_figures_configured_means_no_assessment(open_case, add_workers):
    CrimeThreshold.objects.all().delete()
    case = open_case()
    add_workers(case, [(3, "60000.00")])
    result = evaluate_crime_thresholds(case)
    assert not result.met and "未配置" in result.summary
