"""The dashboard's year-end projection off the request path (casework.statistics.projection_store): the page
reads the stored one with its time and never computes it (a new scope shows a note and queues one prompt
run; one of an earlier day is shown with its date and a refresh queued), a recomputation is queued after
changes to open cases (not after a change to a closed case's amount), and the recomputed figures are those
computed on the spot."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import Deadline, SettlementProjection
from casework.statistics import projection_store, tasks
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


PENDING_NOTE = "年终预测正在计算，请稍后刷新页面。"


@pytest.fixture
def never_computed_on_the_page(monkeypatch):
    """The projection's computation raises: a page that calls it fails."""

    def refuse(*args, **kwargs):
        raise AssertionError("the projection was computed on the page's request")

    monkeypatch.setattr(projection_store, "compute", refuse)
    monkeypatch.setattr("casework.statistics.report.project", refuse)


@pytest.fixture
def queued(monkeypatch, django_capture_on_commit_callbacks):
    """The refresh tasks queued (their ``apply_async`` arguments), the on-commit callbacks run as in a
    request; ``queued.run()`` runs them in this process as the worker would."""
    sent = []
    monkeypatch.setattr(tasks.refresh_projections, "apply_async", lambda **kw: sent.append(kw))

    class Queued(list):
        def run(self):
            for kw in self:
                tasks.refresh_projections.apply(**{k: v for k, v in kw.items() if k != "countdown"})
            self.clear()

    queued = Queued()

    def get(client, url=None):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(url or reverse("stats-dashboard"))
        queued.extend(sent)
        sent.clear()
        return response

    queued.get = get
    return queued


def test_the_first_view_of_a_new_scope_shows_the_rest_at_once_and_queues_one_prompt_refresh(
    director_client, this_year, never_computed_on_the_page, queued
):
    for _ in range(2):  # a second view before the task ran queues nothing more
        response = queued.get(director_client)
        assert response.status_code == 200
        html = response.content.decode()
        assert PENDING_NOTE in html and 'data-testid="projection-complaint-pending"' in html
        assert 'data-testid="projection-complaint"' not in html and "预测计算于" not in html
        assert 'data-testid="figures-complaint"' in html and "<svg" in html  # the rest of the dashboard
    assert queued == [{"kwargs": {"pending_only": True}}]  # prompt (no countdown), and only one
    placeholders = SettlementProjection.objects.filter(series="complaint")
    assert [(r.value, r.computed_at) for r in placeholders] == [(None, None)]


def test_after_the_refresh_runs_the_page_shows_the_projection_with_its_time(
    director_client, director, this_year, make_complaint, jishou, queued
):
    assert PENDING_NOTE in queued.get(director_client).content.decode()
    queued.run()  # the worker runs the prompt task
    html, first = _complaint_projection(director_client)
    assert PENDING_NOTE not in html
    (computed,) = [
        r.computed_at for r in SettlementProjection.objects.filter(series="complaint") if r.scope_ids is None
    ]
    assert f"预测计算于 {timezone.localtime(computed):%H:%M}" in first
    today = timezone.localdate()
    assert f"截至{today:%Y-%m-%d}" in first

    # a new open case: the page keeps the stored projection (no recomputation on the request path)…
    make_complaint(jishou, accepted=timezone.localdate())
    _html, again = _complaint_projection(director_client)
    assert again == first

    # …until the refresh (the Celery task) recomputes it: then the page shows the figures computed on the spot
    assert projection_store.refresh() >= 1
    _html, refreshed = _complaint_projection(director_client)
    assert refreshed != first
    exact = build_report(director, Period.year(today.year), today=today).of("complaint").projection
    stored = build_report(director, Period.year(today.year), today=today, stored_projection=True)
    assert stored.of("complaint").projection.as_dict() == exact.as_dict()
    assert [r.projection.as_dict() for r in stored.of("complaint").rows] == [
        r.projection.as_dict()
        for r in build_report(director, Period.year(today.year), today=today).of("complaint").rows
    ]


def test_a_projection_of_yesterday_is_shown_with_its_date_and_a_refresh_queued(
    director_client, this_year, queued, monkeypatch
):
    queued.get(director_client)
    queued.run()
    queued.get(director_client)
    assert queued == []  # today's projection: nothing to queue
    yesterday = timezone.localdate() - timedelta(days=1)
    late = timezone.make_aware(datetime.combine(yesterday, time(23, 55)))
    SettlementProjection.objects.update(as_of=yesterday, computed_at=late, last_viewed=yesterday)

    monkeypatch.setattr(projection_store, "compute", lambda *a, **kw: pytest.fail("computed on the page"))
    response = queued.get(director_client)
    html = response.content.decode()
    assert f"预测计算于 {yesterday.month:02d}月{yesterday.day}日 23:55" in html
    assert PENDING_NOTE not in html
    assert queued == [{"countdown": projection_store.DEBOUNCE}]  # the debounced refresh, on commit
    # still among the scopes the refresh recomputes
    assert set(SettlementProjection.objects.values_list("last_viewed", flat=True)) == {timezone.localdate()}


def test_the_refresh_computes_placeholders_one_run_at_a_time(director, this_year):
    from django.core.cache import cache

    today = timezone.localdate()
    build_report(director, Period.year(today.year), today=today, stored_projection=True)
    pending = SettlementProjection.objects.filter(value__isnull=True)
    assert pending.exists()
    cache.add(projection_store.REFRESH_LOCK, "another worker", 60)
    assert projection_store.refresh(pending_only=True) is None  # another run holds the lock: nothing done
    assert pending.exists()
    cache.delete(projection_store.REFRESH_LOCK)
    assert projection_store.refresh(pending_only=True) == SettlementProjection.objects.count()
    assert not pending.exists()
    assert set(SettlementProjection.objects.values_list("as_of", flat=True)) == {today}


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
    first = build_report(director, Period.year(today.year), today=today, stored_projection=True)
    assert first.of("complaint").projection_pending  # a new scope: computed by the refresh
    projection_store.refresh()
    report = build_report(director, Period.year(today.year), today=today, stored_projection=True)
    stored = report.of("complaint").projection
    exact = build_report(director, Period.year(today.year), today=today).of("complaint").projection
    assert len(stored.cases) == projection_store.SHOWN and stored.open_total == len(exact.cases) == 25
    assert stored.action_count == len(exact.action) and stored.reachable == exact.reachable
    assert [c.number for c in stored.action] == [c.number for c in exact.action][: projection_store.SHOWN]
    assert {**stored.as_dict(), "action": None} == {**exact.as_dict(), "action": None}


def test_the_page_reads_every_series_projection_in_one_query_and_stores_new_placeholders_in_one(
    director, this_year, django_assert_max_num_queries
):
    from casework.statistics.registry import all_series

    today = timezone.localdate()
    shown = [s for s in all_series() if any(r.projectable for r in s.rates)]
    assert len(shown) > 1
    scopes = [(s, next(r for r in s.rates if r.projectable), None, [1], today.year) for s in shown]
    with django_assert_max_num_queries(2):  # the read, the placeholders' insert
        kept = projection_store.stored_many(scopes, today=today)
    assert [k.pending for k in kept] == [True] * len(shown)
    assert SettlementProjection.objects.filter(value__isnull=True).count() == len(shown)

    # one of them computed meanwhile, another back to a placeholder: each is read as it is, none stored twice
    projection_store.refresh(pending_only=True)
    computed = SettlementProjection.objects.get(series=shown[0].code)
    SettlementProjection.objects.filter(series=shown[1].code).update(value=None, computed_at=None)
    again = projection_store.stored_many(scopes, today=today)
    assert again[0].value is not None and again[0].computed_at == computed.computed_at
    assert again[1].pending
    assert SettlementProjection.objects.count() == len(shown)
