"""The dashboard's year-end projection off the request path (casework.statistics.projection_store): the page
reads the stored one with its time, a recomputation is queued after changes to open cases (not after a change
to a closed case's amount), and the recomputed figures are those computed on the spot."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import Deadline, SettlementProjection
from casework.statistics import projection_store
from casework.statistics.periods import Period
from casework.statistics.report import build_report

from .conftest import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def director_client(client, director):
    client.force_login(director)
    return client


@pytest.fixture
def this_year(make_complaint, jishou):
    """Ten complaints closed this year after 10…100 days, and three open ones."""
    today = timezone.localdate()
    closed_on = today - timedelta(days=2) if today.month > 1 or today.day > 3 else today
    closed = [
        make_complaint(
            jishou,
            accepted=max(closed_on - timedelta(days=10 * k), closed_on.replace(month=1, day=1)),
            closed=local(closed_on.year, closed_on.month, closed_on.day),
            due=closed_on,
            due_status=Deadline.Status.MET,
        )
        for k in range(1, 11)
    ]
    start = today.replace(month=1, day=1)
    opened = [make_complaint(jishou, accepted=max(today - timedelta(days=d), start)) for d in (3, 30, 60)]
    return {"closed": closed, "open": opened}


def _complaint_projection(client):
    html = client.get(reverse("stats-dashboard")).content.decode()
    start = html.index('data-testid="projection-complaint"')
    return html, html[start : html.index('data-testid="figures-complaint"', start)]


def test_the_page_reads_the_stored_projection_and_says_when_it_was_computed(
    director_client, director, this_year, make_complaint, jishou
):
    html, first = _complaint_projection(director_client)
    assert SettlementProjection.objects.filter(series="complaint").exists()  # computed once, stored
    (computed,) = [
        r.computed_at for r in SettlementProjection.objects.filter(series="complaint") if r.scope_ids is None
    ]
    assert f"预测计算于 {timezone.localtime(computed):%H:%M}" in html

    # a new open case: the page keeps the stored projection (no recomputation on the request path)…
    make_complaint(jishou, accepted=timezone.localdate())
    _html, again = _complaint_projection(director_client)
    assert again == first

    # …until the refresh (the Celery task) recomputes it: then the page shows the figures computed on the spot
    assert projection_store.refresh() >= 1
    _html, refreshed = _complaint_projection(director_client)
    assert refreshed != first
    today = timezone.localdate()
    exact = build_report(director, Period.year(today.year), today=today).of("complaint").projection
    stored = build_report(director, Period.year(today.year), today=today, stored_projection=True)
    assert stored.of("complaint").projection.as_dict() == exact.as_dict()
    assert [r.projection.as_dict() for r in stored.of("complaint").rows] == [
        r.projection.as_dict()
        for r in build_report(director, Period.year(today.year), today=today).of("complaint").rows
    ]


def test_a_change_to_a_closed_case_amount_queues_no_recomputation(this_year, monkeypatch):
    queued = []
    monkeypatch.setattr(projection_store, "queue_refresh", lambda: queued.append(1))
    case = type(this_year["closed"][0]).objects.get(pk=this_year["closed"][0].pk)
    case.recovered_amount += 100
    case.recovered_workers += 1
    case.save()
    assert queued == []

    case = type(case).objects.get(pk=case.pk)
    case.closed_at = case.closed_at - timedelta(days=1)  # its closing date moves: the projection reads it
    case.save()
    assert queued == [1]

    opened = type(case).objects.get(pk=this_year["open"][0].pk)
    opened.facts = "补充事实"  # any change to an open case
    opened.save()
    assert queued == [1, 1]


def test_changes_queue_one_refresh_after_commit(this_year, monkeypatch, django_capture_on_commit_callbacks):
    from casework.statistics import tasks

    sent = []
    monkeypatch.setattr(tasks.refresh_projections, "apply_async", lambda **kw: sent.append(kw))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for case in this_year["open"]:
            case.facts = "改"
            case.save()
    assert sent == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert sent == [{"countdown": projection_store.DEBOUNCE}]  # debounced: one task for the three changes


def test_the_cheap_drill_links_are_the_reversed_ones(jishou):
    from datetime import date

    from casework.statistics.registry import all_series
    from casework.statistics.report import DrillLinks, drill_url

    period = Period.range(date(2026, 1, 5), date(2026, 3, 31))
    for series in all_series():
        for jurisdiction in (None, jishou):
            links = DrillLinks(series, period, jurisdiction)
            for code in series.figure_codes():
                assert links(code) == drill_url(series, code, period, jurisdiction)


def test_a_stored_projection_names_twenty_cases_and_counts_the_rest(director, make_complaint, jishou):
    today = timezone.localdate()
    for _ in range(25):
        make_complaint(jishou, accepted=today.replace(month=1, day=1))
    report = build_report(director, Period.year(today.year), today=today, stored_projection=True)
    stored = report.of("complaint").projection
    exact = build_report(director, Period.year(today.year), today=today).of("complaint").projection
    assert len(stored.cases) == projection_store.SHOWN and stored.open_total == len(exact.cases) == 25
    assert stored.action_count == len(exact.action) and stored.reachable == exact.reachable
    assert [c.number for c in stored.action] == [c.number for c in exact.action][: projection_store.SHOWN]
    assert {**stored.as_dict(), "action": None} == {**exact.as_dict(), "action": None}
