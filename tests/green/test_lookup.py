"""(c) Looking up progress by case number + the last 6 characters of the ID number."""

import logging
import re
from http.cookies import SimpleCookie

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.inspection import services as svc
from casework.inspection.models import Complaint
from casework.models import PublicLookupLog
from casework.models.public import LookupOutcome
from casework.public import ratelimit
from tests.factories import PersonFactory, make_id_number

from .conftest import strip_csrf

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(register):
    return register()


def look_up(client, number, suffix, follow=False):
    return client.post(reverse("green:lookup"), {"case_number": number, "id_suffix": suffix}, follow=follow)


def test_the_right_suffix_opens_the_progress_page(client, case, worker):
    response = look_up(client, case.number, worker.id_number[-6:], follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [(reverse("green:progress"), 302)]
    assert case.number in html and "已收到您的投诉，正在审查" in html
    assert "收到投诉" in html  # the timeline's first public step
    assert "决定是否受理" in html  # the next deadline, in plain words
    assert "吉首市" in html and "0743-12333" in html
    assert response["Cache-Control"] == "no-store"  # the progress page names the worker's case
    assert PublicLookupLog.objects.get().outcome == LookupOutcome.FOUND


def test_brackets_typed_on_a_phone_and_a_lower_case_x_are_understood(client, register, jishou):
    id_number = make_id_number()
    while not id_number.endswith("X"):
        id_number = make_id_number()
    person = PersonFactory(id_number=id_number)
    case = register(complainant=person)
    typed = case.number.replace("〔", "[").replace("〕", "]").removesuffix("号")
    typed = typed.replace("0001", "1")
    response = look_up(client, typed, person.id_number[-6:].lower(), follow=True)
    assert case.number in response.content.decode()


def test_a_co_complainant_may_look_the_case_up_too(client, register):
    co = PersonFactory()
    case = register(co_complainants=[co])
    response = look_up(client, case.number, co.id_number[-6:], follow=True)
    assert "已收到您的投诉" in response.content.decode()


def test_unknown_case_and_wrong_suffix_get_the_same_answer(client, case, worker):
    wrong = "000000" if worker.id_number[-6:] != "000000" else "111111"
    unknown_number = case.number.replace("〔2026〕", "〔2025〕")
    responses = [look_up(client, unknown_number, worker.id_number[-6:]), look_up(client, case.number, wrong)]
    assert {r.status_code for r in responses} == {200}
    bodies = [
        strip_csrf(r.content.decode()).replace(n, "NUMBER")
        for r, n in zip(responses, [unknown_number, case.number], strict=True)
    ]
    assert bodies[0] == bodies[1]
    assert "没有查到。请核对案件编号和身份证号码后6位是否填对。" in bodies[0]
    assert [h for h in responses[0].headers if h.lower() != "content-length"] == [
        h for h in responses[1].headers if h.lower() != "content-length"
    ]
    assert "sessionid" not in responses[0].cookies and "sessionid" not in responses[1].cookies
    # The log tells staff which it was; the visitor could not.
    outcomes = list(PublicLookupLog.objects.order_by("id").values_list("outcome", flat=True))
    assert outcomes == [LookupOutcome.NOT_FOUND, LookupOutcome.MISMATCH]


def test_no_id_suffix_or_phone_in_the_lookup_log_or_the_application_log(client, case, worker, caplog):
    suffix = worker.id_number[-6:]
    with caplog.at_level(logging.DEBUG):
        look_up(client, case.number, suffix)
        look_up(client, case.number, "12345X")
    for row in PublicLookupLog.objects.values():
        assert suffix not in str(row) and "12345X" not in str(row) and worker.phone not in str(row)
        assert row["ip_prefix"] == "127.0.0.0" and row["case_number_tried"] == case.number
    assert suffix not in caplog.text and "12345X" not in caplog.text and worker.phone not in caplog.text


def test_lookups_are_rate_limited_per_ip_and_reset_with_the_window(
    client, case, worker, settings, monkeypatch
):
    settings.GREEN_RATE_LIMITS = {"lookup_ip": (3, 600), "lookup_case": (100, 3600)}
    clock = {"t": 1_800_000_000.0}
    monkeypatch.setattr(ratelimit, "now", lambda: clock["t"])
    for _ in range(3):
        assert look_up(client, case.number, "000001").status_code == 200
    blocked = look_up(client, case.number, worker.id_number[-6:])  # even the right answer is refused
    assert blocked.status_code == 429 and "操作太频繁了，请10分钟后再试" in blocked.content.decode()
    assert int(blocked["Retry-After"]) <= 600
    assert PublicLookupLog.objects.filter(outcome=LookupOutcome.RATE_LIMITED).count() == 1
    clock["t"] += 600
    assert look_up(client, case.number, worker.id_number[-6:]).status_code == 302


def test_lookups_are_rate_limited_per_case_number_from_any_ip(client, case, worker, settings, monkeypatch):
    settings.GREEN_RATE_LIMITS = {"lookup_ip": (100, 600), "lookup_case": (5, 3600)}
    clock = {"t": 1_800_000_000.0}
    monkeypatch.setattr(ratelimit, "now", lambda: clock["t"])
    for i in range(5):
        response = client.post(
            reverse("green:lookup"),
            {"case_number": case.number, "id_suffix": f"00000{i}"},
            REMOTE_ADDR=f"10.0.{i}.1",
        )
        assert response.status_code == 200
    typed_differently = case.number.replace("〔", "(").replace("〕", ")")
    blocked = client.post(
        reverse("green:lookup"),
        {"case_number": typed_differently, "id_suffix": worker.id_number[-6:]},
        REMOTE_ADDR="10.9.9.9",
    )
    assert blocked.status_code == 429
    # An unknown number is limited in exactly the same way: the limit says nothing about existence.
    unknown = case.number.replace("〔2026〕", "〔2024〕")
    codes = [look_up(client, unknown, "000000").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    clock["t"] += 3600
    assert look_up(client, case.number, worker.id_number[-6:]).status_code == 302


def test_refresh_works_until_leaving(client, case, worker, staff):
    look_up(client, case.number, worker.id_number[-6:])
    assert case.number in client.get(reverse("green:progress")).content.decode()
    svc.complaint_accept(actor=staff["inspector1"], complaint_id=case.pk)
    refreshed = client.get(reverse("green:progress")).content.decode()
    assert "您的投诉已受理" in refreshed and "投诉已受理" in refreshed
    left = client.post(reverse("green:leave"), follow=True)
    assert "已退出查询" in left.content.decode()
    gone = client.get(reverse("green:progress"))
    assert gone.status_code == 302 and gone["Location"] == reverse("green:lookup")


def test_the_verified_marker_expires(client, case, worker, settings):
    look_up(client, case.number, worker.id_number[-6:])
    settings.GREEN_PROGRESS_MAX_AGE = -1
    assert client.get(reverse("green:progress")).status_code == 302


def test_recovered_amount_is_shown_to_the_complainant_once_closed(client, investigating, worker, staff):
    case = investigating()
    svc.complaint_close(
        actor=staff["head"],
        complaint_id=case.pk,
        outcome="arrears_recovered",
        summary="已全额支付",
        recovered_amount="15600",
        recovered_workers=1,
    )
    html = look_up(client, case.number, worker.id_number[-6:], follow=True).content.decode()
    assert "已办结，已为您追回工资" in html and "15600.00" in html
    assert "暂无" in html  # no deadline once closed
    assert "已全额支付" not in html  # the closing note is internal


def test_what_was_in_the_browser_before_the_lookup_grants_nothing_after_it(client, case, worker):
    """No fixation: someone who planted (or copied) the browser's cookies before the worker looked the
    case up cannot see the case with them afterwards."""
    client.get(reverse("green:lookup"))
    client.session.save()
    planted = Client()
    planted.cookies = SimpleCookie({k: m.value for k, m in client.cookies.items()})
    assert look_up(client, case.number, worker.id_number[-6:]).status_code == 302
    assert case.number in client.get(reverse("green:progress")).content.decode()
    assert planted.get(reverse("green:progress")).status_code == 302


def test_a_lookup_writes_no_session_and_leaving_revokes_a_copy_of_the_access_cookie(client, case, worker):
    assert look_up(client, case.number, worker.id_number[-6:]).status_code == 302
    assert not Session.objects.exists() and "sessionid" not in client.cookies
    access = client.cookies["green_access"]
    assert access["httponly"] and access["path"] == "/green/"
    assert worker.id_number[-6:] not in access.value and worker.name not in access.value
    copy = Client()
    copy.cookies = SimpleCookie({"green_access": access.value})
    assert case.number in copy.get(reverse("green:progress")).content.decode()
    client.post(reverse("green:leave"))
    assert copy.get(reverse("green:progress")).status_code == 302


def test_leaving_holds_through_a_cache_flush_and_old_revocations_are_dropped(client, case, worker, settings):
    from datetime import timedelta

    from django.core.cache import cache
    from django.utils import timezone

    from casework.models import PublicGrantRevocation

    look_up(client, case.number, worker.id_number[-6:])
    copy = Client()
    copy.cookies = SimpleCookie({"green_access": client.cookies["green_access"].value})
    stale = PublicGrantRevocation.objects.create(nonce="old", until=timezone.now() - timedelta(seconds=1))
    client.post(reverse("green:leave"))
    cache.clear()  # a flush or an eviction of the cache
    assert copy.get(reverse("green:progress")).status_code == 302
    (kept,) = (
        PublicGrantRevocation.objects.all()
    )  # the expired one dropped, this one kept until the grant's end
    assert kept.nonce != stale.nonce
    expected = timezone.now() + timedelta(seconds=settings.GREEN_PROGRESS_MAX_AGE)
    assert abs((kept.until - expected).total_seconds()) < 60


def test_a_forged_access_cookie_opens_nothing(client, case, worker):
    from django.core import signing

    forged = signing.dumps({"n": "x", "c": [["casework.complaint", case.pk, worker.pk]]}, salt="other")
    client.cookies["green_access"] = forged
    assert client.get(reverse("green:progress")).status_code == 302


def test_a_found_and_a_failed_lookup_do_the_same_queries(client, case, worker, django_assert_num_queries):
    """One query on the number's case type and one lookup-log insert, whichever the answer."""
    client.get(reverse("green:lookup"))
    unknown_number = case.number.replace("〔2026〕", "〔2025〕")
    with django_assert_num_queries(2) as found:
        assert look_up(client, case.number, worker.id_number[-6:]).status_code == 302
    with django_assert_num_queries(2) as mismatch:
        assert look_up(client, case.number, "000000").status_code == 200
    with django_assert_num_queries(2) as unknown:
        assert look_up(client, unknown_number, worker.id_number[-6:]).status_code == 200
    shapes = [[_shape(q["sql"]) for q in c.captured_queries] for c in (found, mismatch, unknown)]
    assert shapes[0] == shapes[1] == shapes[2]
    assert "UNION ALL" in shapes[0][0]  # the complainant, or a co-complainant
    assert "casework_complaint" in shapes[0][0] and "arbitration" not in shapes[0][0]


def test_the_number_says_which_case_type_to_look_in():
    from casework.public.selectors import case_types_for_number

    def labels(number):
        return [t.model_label for t in case_types_for_number(number)]

    assert labels("吉首劳监投〔2026〕0012号") == ["casework.complaint"]
    assert labels("泸溪劳人仲案〔2025〕0003号") == ["arbitration.arbitrationcase"]
    assert labels("州本级劳人调〔2026〕0100号") == ["arbitration.mediationcase"]
    assert labels("龙山欠薪〔2024〕12345号") == ["arrears.arrearscase"]
    # Not the shape of any number issued: every type is asked (and none has it).
    assert len(labels("吉首〔2026〕0012号")) == len(labels("12345")) >= 4


def _shape(sql: str) -> str:
    """The statement without its values: quoted literals and numbers."""
    return re.sub(r"\b\d+\b", "?", re.sub(r"'[^']*'", "?", sql))


def test_complaint_numbers_round_trip_through_the_normaliser():
    from casework.public.selectors import normalise_case_number

    assert normalise_case_number(" 吉首劳监投（2026）12 ") == "吉首劳监投〔2026〕0012号"
    assert normalise_case_number("吉首劳监投【2026】0012号") == "吉首劳监投〔2026〕0012号"
    assert normalise_case_number("吉首劳监投〔2026〕0012号") == "吉首劳监投〔2026〕0012号"
    assert Complaint.NUMBER_FORMAT.format(short="吉首", year=2026, seq=12) == "吉首劳监投〔2026〕0012号"


def _granted(client, cases, person):
    from django.http import HttpResponse

    from casework.public import access
    from casework.public.selectors import CaseRef

    response = HttpResponse()
    access.grant(response, [CaseRef("casework.complaint", c.pk, person.pk) for c in cases])
    client.cookies["green_access"] = response.cookies["green_access"].value


def test_the_progress_page_costs_the_same_queries_for_one_case_or_several(client, register, worker):
    """As after a phone lookup: every case of the worker on one page, each with its stage, deadline and timeline."""
    cases = [register(workplace=f"第{i}个工地") for i in range(3)]
    _granted(client, cases[:1], worker)
    with CaptureQueriesContext(connection) as one:
        html = client.get(reverse("green:progress")).content.decode()
    assert cases[0].number in html and cases[1].number not in html
    _granted(client, cases, worker)
    with CaptureQueriesContext(connection) as three:
        html = client.get(reverse("green:progress")).content.decode()
    assert all(c.number in html for c in cases) and html.count("收到投诉") == 3
    assert html.count('data-testid="next-deadline"><strong>') == 3  # each case's own next deadline
    assert len(three.captured_queries) == len(one.captured_queries)


def test_a_case_the_person_was_taken_off_is_no_longer_shown(client, register, worker):
    mine, theirs = register(), register(complainant=PersonFactory())
    _granted(client, [mine, theirs], worker)  # as if the cookie still named a case the worker is no longer on
    html = client.get(reverse("green:progress")).content.decode()
    assert mine.number in html and theirs.number not in html


@pytest.mark.parametrize(
    "number, suffix",
    [
        ("吉首劳监投〔2026〕0012号", "12345X"),
        ("  吉首劳监投[2026]12  ", " 12345x "),
        ("吉首劳监投〔2026〕0012号", "１２３４５６"),  # full-width digits from a phone keyboard
        ("吉首劳监投〔2026〕0012号", "12 34 56"),
        ("", "123456"),
        ("   ", "123456"),
        ("吉首劳监投〔2026〕0012号", ""),
        ("吉首劳监投〔2026〕0012号", "12345"),
        ("吉首劳监投〔2026〕0012号", "1234567"),
        ("吉首劳监投〔2026〕0012号", "12345Y"),
        ("吉首劳监投〔2026〕0012号", "1 2 3 4 5 6 7"),  # too long as typed
        ("劳" * 60, "123456"),
        ("劳" * 61, "123456"),
    ],
)
def test_the_lookups_quick_check_agrees_with_its_form(number, suffix):
    from casework.public.forms import CaseNumberLookupForm

    data = {"case_number": number, "id_suffix": suffix}
    form = CaseNumberLookupForm(data)
    expected = (form.cleaned_data["case_number"], form.cleaned_data["id_suffix"]) if form.is_valid() else None
    assert CaseNumberLookupForm.valid_values(data) == expected
