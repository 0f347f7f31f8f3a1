"""The year-end projection on constructed cases: overdue, near its deadline, fresh — probabilities, the 80%
interval and the action list computed by hand (the model: casework.statistics.projection's docstring)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from casework.models import Deadline
from casework.roles import Role
from casework.statistics import projection_store
from casework.statistics.figures import Signal
from casework.statistics.periods import Period
from casework.statistics.projection import (
    OpenCase,
    case_probability,
    poisson_binomial_interval,
)
from casework.statistics.report import build_report

from .conftest import local

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 11, 26)  # 35 days left in the year
MET = Deadline.Status.MET


@pytest.fixture
def scenario(make_complaint, jishou):
    """Jishou closed 20 complaints on 1 June 2026, after 10, 20, …, 200 days; 4 of them (the 10-, 20-, 30-
    and 40-day ones) after their investigation deadline: on-time share 16/20 = 0.8. Open on AS_OF:

    * fresh: accepted 5 days ago, due in 2027 → pace(5, 35) = |{10..40}| / |{d > 5}| = 4/20 = 0.2
    * near: accepted 60 days ago, due 5 December → pace = |{70, 80, 90}| / |{70..200}| = 3/14, but its
      deadline falls in the year: max(3/14, 0.8) = 0.8
    * overdue 30 days: accepted 100 days ago → pace = |{110, 120, 130}| / |{110..200}| = 3/10, halved: 0.15
    * overdue 90 days: accepted 140 days ago → pace = |{150, 160, 170}| / |{150..200}| = 1/2, × 0.5³: 0.0625
    """
    closed_on = date(2026, 6, 1)
    for k in range(1, 21):
        days = 10 * k
        due = closed_on - timedelta(days=1) if k <= 4 else closed_on
        make_complaint(
            jishou,
            accepted=closed_on - timedelta(days=days),
            closed=local(2026, 6, 1),
            due=due,
            due_status=MET,
        )

    def open_case(age, due):
        return make_complaint(jishou, accepted=AS_OF - timedelta(days=age), due=due)

    return {
        "fresh": open_case(5, date(2027, 2, 20)),
        "near": open_case(60, date(2026, 12, 5)),
        "overdue30": open_case(100, AS_OF - timedelta(days=30)),
        "overdue90": open_case(140, AS_OF - timedelta(days=90)),
    }


def test_each_case_has_its_own_chance_and_the_sum_a_range(scenario, director, jishou):
    projection = build_report(director, Period.year(2026), today=AS_OF).of("complaint").projection
    chances = {c.pk: c.probability for c in projection.cases}
    expected = {"fresh": 0.2, "near": 0.8, "overdue30": 0.15, "overdue90": 0.0625}
    for name, p in expected.items():
        assert chances[scenario[name].pk] == pytest.approx(p), name
    assert (projection.closed, projection.denominator) == (20, 24)
    assert projection.expected == pytest.approx(1.2125)
    # P(0) = 0.8·0.2·0.85·0.9375 = 0.1275 ≥ 10%; P(≤1) = 0.700375, P(≤2) = 0.961125 ≥ 90%
    assert (projection.low, projection.high) == (0, 2)
    assert projection.rate == Decimal("88.4")  # (20 + 1.2125) ÷ 24
    assert (projection.rate_low, projection.rate_high) == (Decimal("83.3"), Decimal("91.7"))
    # the target (96%) is beyond even the high end: below target, not "达标"
    assert projection.signal == Signal.BELOW
    # ceil(96% × 24) − 20 = 4 to close: overdue and nearest-to-deadline first
    assert projection.needed == 4
    order = ["overdue90", "overdue30", "near", "fresh"]
    assert [c.pk for c in projection.action] == [scenario[n].pk for n in order]
    assert projection.action[0].url == f"/complaints/{scenario['overdue90'].pk}/"
    (row,) = [r for r in build_report(director, Period.year(2026), today=AS_OF).of("complaint").rows
              if r.jurisdiction == jishou]  # fmt: skip
    assert row.projection.rate == projection.rate


def test_long_overdue_cases_are_far_from_certain(make_complaint, director, jishou):
    """The measured failure: every open case two months or more overdue read as 100% 达标."""
    for _ in range(30):
        make_complaint(jishou, accepted=date(2026, 1, 5), due=date(2026, 3, 5))
    projection = build_report(director, Period.year(2026), today=AS_OF).of("complaint").projection
    # no closings to learn a pace from: the prior 0.5, × 0.5^(266/30) for 266 days overdue
    assert all(c.probability < 0.002 for c in projection.cases)
    assert projection.rate_high < Decimal("5") and projection.signal == Signal.BELOW


def test_a_past_as_of_date_reproduces_the_past_projection(scenario, make_complaint, director, jishou):
    before = build_report(director, Period.year(2026), today=AS_OF).of("complaint").projection
    # afterwards: one of the cases closes, a new one is accepted, another one closes in December
    from casework.inspection.models import Complaint

    Complaint.objects.filter(pk=scenario["near"].pk).update(closed_at=local(2026, 12, 3), state="closed")
    make_complaint(jishou, accepted=date(2026, 12, 10), due=date(2027, 3, 1))
    again = build_report(director, Period.year(2026), today=AS_OF).of("complaint").projection
    assert again.as_dict() == before.as_dict()
    later = build_report(director, Period.year(2026), today=date(2026, 12, 15)).of("complaint").projection
    assert later.closed == 21 and later.denominator == 25


def test_the_closing_deadline_is_the_series_rule_not_the_earliest_deadline(scenario, director):
    """Another, earlier deadline of another rule (a 5-day service deadline, long overdue) changes nothing."""
    from django.contrib.contenttypes.models import ContentType

    case = scenario["fresh"]
    Deadline.objects.create(
        content_type=ContentType.objects.get_for_model(case), object_id=case.pk, case_number=case.number,
        jurisdiction=case.jurisdiction, rule="inspection.accept", title="受理期限",
        started_on=date(2026, 1, 1), due_on=date(2026, 1, 6),
    )  # fmt: skip
    projection = build_report(director, Period.year(2026), today=AS_OF).of("complaint").projection
    assert {c.pk: c.probability for c in projection.cases}[case.pk] == pytest.approx(0.2)


def test_a_past_year_shows_its_actual_rate(scenario, director):
    projection = build_report(director, Period.year(2025), today=AS_OF).of("complaint").projection
    assert projection.actual and projection.cases == []


@pytest.mark.parametrize(
    ("probabilities", "interval"),
    [
        ([], (0, 0)),
        ([1.0] * 5, (5, 5)),
        ([0.0] * 5, (0, 0)),
        ([0.5], (0, 1)),
        ([0.5] * 10, (3, 7)),  # Binomial(10, ½): P(≤3) = 17.2%, P(≤2) = 5.5%; P(≤6) = 82.8%, P(≤7) = 94.5%
    ],
)
def test_poisson_binomial_interval(probabilities, interval):
    assert poisson_binomial_interval(probabilities) == interval


def test_the_normal_approximation_beyond_the_exact_range():
    # 10,000 cases at 0.5: mean 5000, sd 50 → 5000 ± 1.2816·50 = [4935.9, 5064.1], rounded outwards
    assert poisson_binomial_interval([0.5] * 10_000) == (4935, 5065)


def test_overdue_chance_halves_every_30_days():
    def case(overdue, due):
        return OpenCase(1, "x", 1, date(2026, 1, 1), due, 100, overdue)

    assert case_probability(case(0, date(2026, 12, 1)), as_of=AS_OF, pace=0.3, on_time=0.9) == 0.9
    assert case_probability(case(30, date(2026, 10, 27)), as_of=AS_OF, pace=0.4, on_time=0.9) == 0.2
    assert case_probability(case(60, date(2026, 9, 27)), as_of=AS_OF, pace=0.4, on_time=0.9) == 0.1
    assert case_probability(case(0, date(2027, 1, 5)), as_of=AS_OF, pace=0.4, on_time=0.9) == 0.4
    assert case_probability(case(0, None), as_of=AS_OF, pace=0.4, on_time=0.9) == 0.4


def _plain_interval(probabilities, low_q=0.10, high_q=0.90):
    """The Poisson-binomial quantiles by the plain element-by-element convolution (the reference)."""
    dist = [1.0]
    for p in probabilities:
        nxt = [0.0] * (len(dist) + 1)
        for k, mass in enumerate(dist):
            nxt[k] += mass * (1 - p)
            nxt[k + 1] += mass * p
        dist = nxt
    cumulative, low, high = 0.0, None, None
    for k, mass in enumerate(dist):
        cumulative += mass
        if low is None and cumulative >= low_q - 1e-12:
            low = k
        if high is None and cumulative >= high_q - 1e-12:
            high = k
            break
    return low, high


def test_the_fast_interval_equals_the_plain_convolution():
    import random

    from casework.statistics.projection import poisson_binomial_interval

    rng = random.Random(22)
    for _ in range(40):
        n = rng.choice([1, 2, 5, 40, 300, 1200])
        shape = rng.choice([0.2, 1, 3])
        probabilities = [rng.random() ** shape for _ in range(n)]
        assert poisson_binomial_interval(probabilities) == _plain_interval(probabilities)
    certain = [1.0] * 30 + [0.0] * 30 + [0.5] * 10
    assert poisson_binomial_interval(certain) == _plain_interval(certain)


def test_the_cases_to_close_link_only_where_the_viewer_may_open_them(
    client, scenario, director, make_user, jishou
):
    """The dashboard names the complaints to close first; the arbitration chair sees the same counts but may
    not open a complaint, so the names are plain text for them (no link to a 404)."""
    chair = make_user(Role.ARBITRATION_CHAIR, jishou)
    overdue = scenario["overdue90"]
    link = f'<a href="/complaints/{overdue.pk}/">{overdue.number}</a>'
    for user in (director, chair):  # each scope's projection computed by the refresh task
        client.force_login(user)
        assert "年终预测正在计算" in client.get("/stats/").content.decode()
    projection_store.refresh()
    client.force_login(director)
    page = client.get("/stats/").content.decode()
    assert link in page
    client.force_login(chair)
    page = client.get("/stats/").content.decode()
    assert overdue.number in page and link not in page
    assert client.get(f"/complaints/{overdue.pk}/").status_code == 404
