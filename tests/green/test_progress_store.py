"""The progress page's cost: one query when the case's progress record is current (the kernel rebuilds it after
each change commits), a constant few to build a missing or outdated record, and the same page as computed afresh
for every case type on the green channel."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from casework.inspection import services as svc
from casework.models import PublicProgressRecord
from casework.public import progress_store, selectors
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


def test_the_progress_page_reads_one_query_when_the_record_is_current(
    client, register, worker, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The record, built when the case's registration committed, is read with the check of the grant: one query,
    from the first view on. No write: the lookup was logged by its POST."""
    with django_capture_on_commit_callbacks(execute=True):
        case = register()
    assert PublicProgressRecord.objects.filter(case_pk=case.pk, version=case.audit_head).exists()
    client.post(reverse("green:lookup"), {"case_number": case.number, "id_suffix": worker.id_number[-6:]})
    with django_assert_num_queries(1):
        first = _progress(client)
    with django_assert_num_queries(1):
        again = _progress(client)
    assert case.number in first and "收到投诉" in first
    assert first == again.replace(_csrf(again), _csrf(first))


def test_a_missing_record_is_built_on_the_first_view_and_read_after(
    client, register, worker, django_assert_num_queries
):
    """Who is on the case (with the record if current), the case, its deadlines, its timeline, the record
    written; then one query."""
    case = register()  # (on-commit callbacks do not run in a test's transaction: no record is built)
    assert not PublicProgressRecord.objects.exists()
    _grant(client, [(case, worker)])
    with django_assert_num_queries(5):
        first = _progress(client)
    with django_assert_num_queries(1):
        again = _progress(client)
    assert case.number in first and first == again.replace(_csrf(again), _csrf(first))


def _csrf(html: str) -> str:

    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_one_case_or_several_cost_the_same_queries(
    client, register, worker, django_assert_num_queries, django_capture_on_commit_callbacks
):
    cases = [register(workplace=f"第{i}个工地") for i in range(3)]
    progress_store.refresh("casework.complaint", [cases[0].pk])
    _grant(client, [(cases[0], worker)])
    with django_assert_num_queries(1):
        _progress(client)
    _grant(client, [(c, worker) for c in cases])
    with django_assert_num_queries(5):  # two of the three without a record
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


def test_a_record_of_an_older_version_is_never_shown(client, register, worker, staff):
    """A change whose refresh did not run (here: on-commit callbacks do not run in this test's transaction) leaves
    the record at the old version: the page builds the facts afresh and stores them at the new one."""
    case = register()
    _grant(client, [(case, worker)])
    assert "已收到您的投诉，正在审查" in _progress(client)
    svc.complaint_accept(actor=staff["inspector1"], complaint_id=case.pk)
    case.refresh_from_db()
    assert not PublicProgressRecord.objects.filter(case_pk=case.pk, version=case.audit_head).exists()
    html = _progress(client)
    assert "投诉已受理" in html and "已收到您的投诉，正在审查" not in html
    assert PublicProgressRecord.objects.get(case_pk=case.pk).version == case.audit_head


def test_the_record_holds_no_personal_data_and_each_person_sees_only_their_amount(
    client,
    worker,
    open_case,  # noqa: F811
    add_workers,  # noqa: F811
    pay,  # noqa: F811
):
    arrears = open_case()
    first, second = add_workers(arrears, [(3, "9000.00"), (2, "4000.00")])
    pay(arrears, first, "1234.50")
    assert progress_store.refresh("arrears.arrearscase", [arrears.pk]) == 1
    record = PublicProgressRecord.objects.get(case_label="arrears.arrearscase", case_pk=arrears.pk)
    for person in (first.person, second.person):
        assert person.id_number[-6:] not in record.facts and person.name not in record.facts
        assert not person.phone or person.phone not in record.facts
    shown = {}
    for line in (first, second):
        (item,), _sms = progress_store.progress_for(
            [CaseRef("arrears.arrearscase", arrears.pk, line.person.pk)]
        )
        shown[line.person.pk] = item.amount_recovered
    assert shown == {first.person.pk: Decimal("1234.50"), second.person.pk: Decimal("0.00")}
    assert progress_store.refresh("arrears.arrearscase", [arrears.pk]) == 0  # current: nothing to build


def test_the_units_phone_is_read_fresh_with_the_record(client, register, worker, django_assert_num_queries):
    case = register()
    _grant(client, [(case, worker)])
    _progress(client)  # the record built
    case.jurisdiction.phone = "0743-7654321"
    case.jurisdiction.save(update_fields=["phone"])
    with django_assert_num_queries(1):
        assert "0743-7654321" in _progress(client)


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
        PublicProgressRecord.objects.all().delete()
        built, _sms = progress_store.progress_for([ref])
        stored, _sms = progress_store.progress_for([ref])
        assert PublicProgressRecord.objects.count() == 1
        assert afresh == built == stored and len(afresh) == 1, ref.label
    every = selectors.public_progress_list(selectors.matches_for_refs(refs))
    assert progress_store.progress_for(refs)[0] == every


def test_after_a_change_commits_the_workers_progress_page_is_one_query(
    client, register, worker, staff, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """The kernel rebuilds the record once the change commits: the worker an SMS brings to the page reads it."""
    case = register()
    _grant(client, [(case, worker)])
    assert "已收到您的投诉，正在审查" in _progress(client)
    with django_capture_on_commit_callbacks(execute=True):
        svc.complaint_accept(actor=staff["inspector1"], complaint_id=case.pk)
    with django_assert_num_queries(1):
        html = _progress(client)
    assert "投诉已受理" in html and "已收到您的投诉，正在审查" not in html


def test_the_progress_card_escapes_what_it_shows_and_writes_dates_in_chinese():
    from datetime import date
    from decimal import Decimal

    from casework.public.selectors import PublicProgress
    from casework.templatetags.green_progress import progress_card

    item = PublicProgress(
        number="吉人社<b>监投",
        type_label="投诉",
        received_on=date(2026, 3, 5),
        stage="调查中 & <i>取证</i>",
        timeline=[(date(2026, 3, 5), "登记<script>")],
        next_deadline=date(2026, 11, 30),
        next_deadline_text="作出处理决定",
        unit_name="吉首市人社局",
        unit_phone='0743-"1"',
        amount_recovered=Decimal("1200.50"),
        label="casework.complaint",
        case_pk=7,
    )
    html = progress_card(item)
    assert "<b>" not in html and "<i>" not in html and "<script>" not in html
    assert "吉人社&lt;b&gt;监投" in html and "调查中 &amp; &lt;i&gt;取证&lt;/i&gt;" in html
    assert (
        "登记于2026年3月5日" in html and '<span class="g-date">2026年3月5日</span> 登记&lt;script&gt;' in html
    )
    assert "<strong>2026年11月30日</strong>前作出处理决定" in html
    assert "<strong>1200.50</strong> 元" in html
    assert 'href="tel:0743-&quot;1&quot;"' in html
    assert 'href="/green/case/casework.complaint/7/"' in html
