"""The series registry: how another app (mediation, arbitration, arrears) plugs its cases in."""

from datetime import date

import pytest
from django.db.models import Q

from casework.inspection.models import Complaint, Outcome
from casework.models import Jurisdiction
from casework.statistics import queries
from casework.statistics.periods import Period
from casework.statistics.registry import (
    CaseSeries,
    all_series,
    case_series,
    closure_rate,
    finality_rate,
    get_series,
    register_series,
    success_rate,
    unregister_series,
)
from casework.statistics.report import build_report

from .conftest import local

TODAY = date(2026, 11, 26)


@pytest.fixture
def mediation_like():
    """A series shaped like the mediation and arbitration ones, built on complaints for the test."""
    spec = register_series(
        CaseSeries(
            code="test_mediation",
            label="测试调解案件",
            model=Complaint,
            accepted_field="accepted_on",
            closed_field="closed_at",
            base_filter=Q(kind="complaint"),
            success_filter=Q(outcome=Outcome.ARREARS_RECOVERED),
            final_filter=~Q(outcome=Outcome.POLICE_TRANSFERRED),
            rates=(success_rate(), closure_rate("测试结案率"), finality_rate()),
            sort_order=5,
        )
    )
    yield spec
    unregister_series("test_mediation")


def test_complaint_series_is_registered_by_casework():
    series = get_series("complaint")
    assert series.model is Complaint and series.deadline_rule == "inspection.investigate"
    assert series.primary_rate.code == "closure" and series.primary_rate.target == 96


def test_case_series_takes_the_code_from_the_case_type_and_the_common_fields_by_default():
    series = case_series(Complaint, "投诉", rates=(closure_rate(),), sort_order=7)
    assert (series.code, series.accepted_field, series.closed_field) == (
        "complaint",
        "accepted_on",
        "closed_at",
    )
    assert series.sort_order == 7 and series.rates[0].code == "closure"
    other = case_series(Complaint, "投诉", accepted_field="received_on", rates=(), sort_order=1)
    assert other.accepted_field == "received_on"
    for code in (
        "complaint",
        "arrears",
        "mediation",
        "arbitration",
    ):  # every type's series, coded by its type
        assert get_series(code).code == get_series(code).model.CASE_TYPE == code


@pytest.mark.django_db
def test_a_registered_series_gets_success_and_finality_rates(
    mediation_like, make_complaint, jishou, director
):
    m, closed = make_complaint, local(2026, 5, 10)
    recovered = m(jishou, accepted=date(2026, 5, 1), closed=closed)
    police = m(jishou, accepted=date(2026, 5, 2), closed=closed)
    Complaint.objects.filter(pk=recovered.pk).update(outcome=Outcome.ARREARS_RECOVERED)
    Complaint.objects.filter(pk=police.pk).update(outcome=Outcome.POLICE_TRANSFERRED)
    m(jishou, accepted=date(2026, 5, 3), closed=closed)  # no outcome: not a success, but final
    m(jishou, accepted=date(2026, 5, 4))  # pending
    report = build_report(director, Period.month(2026, 5), today=TODAY)
    codes = [r.code for r in report.series]
    assert codes.index("test_mediation") < codes.index("complaint")  # by sort_order
    sr = report.of("test_mediation")
    success, closure, finality = sr.total.rates
    assert (success.numerator, success.denominator, success.display) == (1, 3, "33.3%")
    assert success.target == 60 and success.signal == "below_target"
    assert (closure.numerator, closure.denominator) == (3, 4) and closure.target is None
    assert (finality.numerator, finality.denominator, finality.display) == (2, 3, "66.7%")
    assert sr.projection is not None  # the closure rate is projectable
    assert "closed_on_time" not in sr.series.figure_codes()  # no deadline rule, no on-time figures
    succeeded = queries.figure_queryset(sr.series, "succeeded", Period.month(2026, 5), today=TODAY)
    assert list(succeeded) == [recovered]


def test_a_rate_needs_the_figures_it_divides():
    with pytest.raises(ValueError, match="succeeded"):
        register_series(
            CaseSeries(
                code="bad", label="x", model=Complaint, accepted_field="accepted_on", rates=(success_rate(),)
            )
        )
    assert "bad" not in {s.code for s in all_series()}


def test_a_code_belongs_to_one_model():
    with pytest.raises(ValueError, match="already registered"):
        register_series(CaseSeries(code="complaint", label="x", model=Jurisdiction, accepted_field="x"))


def test_fields_are_checked_at_registration():
    from django.core.exceptions import FieldDoesNotExist

    with pytest.raises(FieldDoesNotExist):
        register_series(CaseSeries(code="bad", label="x", model=Complaint, accepted_field="accepted_at"))
    with pytest.raises(ValueError, match="date"):
        register_series(CaseSeries(code="bad", label="x", model=Complaint, accepted_field="workplace"))
