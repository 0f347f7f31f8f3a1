"""The progress page's cost: a constant, small number of queries, the rows cached per version of the case, and
the same page as computed afresh for every case type on the green channel."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from casework.inspection import services as svc
from casework.public import progress_cache, selectors
from casework.public.registry import case_type_for, public_case_types
from casework.public.selectors import CaseRef
from tests.arbitration.conftest import accepted, applicant, apply, arb_staff, formed, mediation, respondent  # noqa: F401
from tests.arrears.conftest import add_workers, open_case, pay  # noqa: F401
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _grant(client, pairs):
    from django.http import HttpResponse

    from casework.public import access

    response = HttpResponse()
    access.grant(response, [CaseRef(case_type_for(c).model_label, c.pk, p.pk) for c, p in pairs])
    client.cookies["green_access"] = response.cookies["green_access"].value


def _progress(client):
    return client.get(reverse("green:progress")).content.decode()


def test_the_progress_page_reads_four_queries_first_and_one_after(
    client, register, worker, django_assert_num_queries
):
    """First view: who is on the cases now (with each case's version), the cases, their deadlines, their public
    timelines. Refreshed: the first of those only. No write: the lookup was logged by its POST."""
    case = register()
    client.post(reverse("green:lookup"), {"case_number": case.number, "id_suffix": worker.id_number[-6:]})
    with django_assert_num_queries(4):
        first = _progress(client)
    with django_assert_num_queries(1):
        again = _progress(client)
    assert case.number in first and "收到投诉" in first
    assert first == again.replace(_csrf(again), _csrf(first))


def _csrf(html: str) -> str:
    import re

    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_one_case_or_several_cost_the_same_queries(client, register, worker, django_assert_num_queries):
    cases = [register(workplace=f"第{i}个工地") for i in range(3)]
    _grant(client, [(cases[0], worker)])
    with django_assert_num_queries(4):
        _progress(client)
    _grant(client, [(c, worker) for c in cases])
    with django_assert_num_queries(4):  # two of the three not cached yet
        html = _progress(client)
    with django_assert_num_queries(1):
        again = _progress(client)
    assert again == html.replace(_csrf(html), _csrf(again))
    assert all(c.number in html for c in cases) and html.count("收到投诉") == 3


def test_a_change_to_the_case_shows_at_once(client, register, worker, staff):
    case = register()
    _grant(client, [(case, worker)])
    assert "已收到您的投诉，正在审查" in _progress(client)
    svc.complaint_accept(actor=staff["inspector1"], complaint_id=case.pk)
    html = _progress(client)
    assert "已收到您的投诉，正在审查" not in html and "投诉已受理" in html


def test_a_person_taken_off_the_case_sees_it_no_more_even_when_cached(client, register, worker):
    co = PersonFactory()
    case = register(co_complainants=[co])
    _grant(client, [(case, co)])
    assert case.number in _progress(client)
    case.co_complainants.remove(co)  # (a repair without a log entry: the check still reads who is on it now)
    response = client.get(reverse("green:progress"))
    assert response.status_code == 302 and response["Location"] == reverse("green:lookup")


def test_the_sms_choice_shows_at_once_on_a_cached_page(client, register, worker):
    case = register()
    _grant(client, [(case, worker)])
    assert "不再接收办理进度短信" in _progress(client)
    client.post(reverse("green:milestone-sms"), {"receive": "0"})
    assert "恢复接收办理进度短信" in _progress(client)


def test_cache_keys_name_no_case_or_person(client, register, worker):
    case = register()
    ref = CaseRef("casework.complaint", case.pk, worker.pk)
    key = progress_cache._key(ref, case.audit_head)
    assert re.fullmatch(r"green:progress:[0-9a-f]{32}", key)  # a keyed hash: nothing to read back
    assert key != progress_cache._key(ref, "another version")


def test_every_case_type_shows_the_same_rows_cached_or_computed_afresh(
    client,
    register,
    worker,
    open_case,  # noqa: F811
    add_workers,  # noqa: F811
    apply,  # noqa: F811
    mediation,  # noqa: F811
    applicant,  # noqa: F811
):
    arrears = open_case()
    (line,) = add_workers(arrears, [(3, "9000.00")])
    cases = [(register(), worker), (arrears, line.person), (apply(), applicant), (mediation(), applicant)]
    assert {type(c)._meta.label_lower for c, _p in cases} == {t.model_label for t in public_case_types()}
    refs = [CaseRef(case_type_for(c).model_label, c.pk, p.pk) for c, p in cases]
    for ref in refs:
        afresh = selectors.public_progress_list(selectors.matches_for_refs([ref]))
        cache.clear()
        first, _sms = progress_cache.progress_for([ref])
        cached, _sms = progress_cache.progress_for([ref])
        assert afresh == first == cached and len(afresh) == 1, ref.label
    every = selectors.public_progress_list(selectors.matches_for_refs(refs))
    assert progress_cache.progress_for(refs)[0] == every


def test_no_cache_when_turned_off(client, register, worker, settings, django_assert_num_queries):
    settings.GREEN_PROGRESS_CACHE_SECONDS = 0
    case = register()
    _grant(client, [(case, worker)])
    _progress(client)
    with django_assert_num_queries(4):
        _progress(client)


def test_after_a_milestone_sms_the_workers_progress_page_is_one_query(
    client, register, worker, staff, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """The SMS brings the worker to the lookup: its task puts the case's new rows in the cache before sending."""
    case = register()
    _grant(client, [(case, worker)])
    assert "已收到您的投诉，正在审查" in _progress(client)
    with django_capture_on_commit_callbacks(execute=True):
        svc.complaint_accept(actor=staff["inspector1"], complaint_id=case.pk)
    with django_assert_num_queries(1):
        html = _progress(client)
    assert "投诉已受理" in html and "已收到您的投诉，正在审查" not in html
