"""(a) Filing a wage complaint on the public pages, with the Django test client (no JavaScript)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from casework.inspection.models import Complaint, ComplaintState, IntakeChannel
from casework.models import Employer, Evidence, Person, PublicSubmission, TransitionLog
from casework.sms import LoggingSMSBackend
from tests.factories import PersonFactory, make_credit_code

from .conftest import JPEG, form_key, photo

pytestmark = pytest.mark.django_db


def test_form_offers_the_counties_and_a_one_time_token(client):
    page = client.get(reverse("green:complaint"))
    html = page.content.decode()
    assert page.status_code == 200
    for county in [
        "吉首市",
        "泸溪县",
        "凤凰县",
        "花垣县",
        "保靖县",
        "古丈县",
        "永顺县",
        "龙山县",
        "湘西经济开发区",
    ]:
        assert f">{county}</option>" in html
    assert ">不清楚</option>" in html
    assert len(form_key(page)) >= 20
    assert form_key(client.get(reverse("green:complaint"))) != form_key(page)  # fresh every time


def test_a_complaint_lands_in_the_county_queue_flagged_green_with_its_photo(
    submit, complaint_data, jishou, django_capture_on_commit_callbacks
):
    data = complaint_data()
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(data, photos=[photo(), photo("欠条.jpg", JPEG)])
    case = Complaint.objects.get()
    assert response.redirect_chain[-1][0].startswith("/green/receipt/")
    assert case.jurisdiction == jishou and case.green_channel and case.channel == IntakeChannel.GREEN_CHANNEL
    assert case.state == ComplaintState.REGISTERED
    assert case.complainant.name == "田秀兰" and case.complainant.is_migrant_worker
    assert case.arrears_amount == Decimal("18000.00") and case.arrears_months == 3
    assert case.workers_affected == 3 and "彭大哥、石二哥" in case.facts
    assert case.violation_started_on.isoformat() == "2026-07-01"
    assert case.employer is None and case.employer_name_given == "吉首市某劳务有限公司"
    assert case.next_due is not None  # the 5-working-day acceptance clock runs
    first = TransitionLog.objects.filter(object_id=case.pk).first()
    assert first.actor is None and first.public
    evidence = Evidence.objects.filter(object_id=case.pk)
    assert evidence.count() == 2 and all(e.submitted_publicly and e.category == "photo" for e in evidence)
    assert PublicSubmission.objects.get().object_id == case.pk
    html = response.content.decode()
    assert case.number in html and "您的投诉已登记" in html and "0743-12333" in html
    assert list(LoggingSMSBackend.sent) == [
        (
            "13974301234",
            f"【湘西人社】您的投诉已登记，案件编号{case.number}。"
            "可凭案件编号和身份证号码后6位在绿色通道查询办理进度。",
        )
    ]


def test_not_knowing_the_county_sends_it_to_the_prefecture_queue(submit, complaint_data, prefecture):
    submit(complaint_data(county="unknown"))
    assert Complaint.objects.get().jurisdiction == prefecture


def test_a_valid_credit_code_registers_the_employer(submit, complaint_data, jishou):
    code = make_credit_code()
    submit(complaint_data(employer_credit_code=code.lower()))
    case = Complaint.objects.get()
    assert case.employer == Employer.objects.get(credit_code=code)
    assert case.employer.jurisdiction == jishou


def test_a_double_submit_returns_the_same_receipt_and_makes_one_case(client, complaint_data):
    page = client.get(reverse("green:complaint"))
    payload = {**complaint_data(), "submission_key": form_key(page)}
    first = client.post(reverse("green:complaint"), payload)
    second = client.post(reverse("green:complaint"), payload)
    assert Complaint.objects.count() == 1 and PublicSubmission.objects.count() == 1
    number = Complaint.objects.get().number
    assert number in client.get(first["Location"]).content.decode()
    assert number in client.get(second["Location"]).content.decode()
    assert len(LoggingSMSBackend.sent) <= 1


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("id_number", "433127199001011235", "身份证号码不对：校验位错误，请逐位核对号码"),
        ("id_number", "43312719900101", "身份证号码不对：长度应为18位，当前为14位"),
        ("phone", "0743-8123456", "手机号码不对：这是固定电话号码"),
        ("arrears_amount", "八千", "请填写数字，如 8000"),
        ("arrears_amount", "0", "欠的钱数要大于0"),
        ("arrears_months", "", "请填写：一共欠了几个月工资"),
        ("county", "", "请选择：在哪个县市干活"),
        ("employer_credit_code", "91433101MA4L0000X0", "统一社会信用代码不对"),
        ("start_month", "明年", "请按“2026年7月”这样填写月份"),
    ],
)
def test_bad_input_gets_plain_words_and_keeps_what_was_typed(submit, complaint_data, field, value, message):
    data = complaint_data(**{field: value})
    response = submit(data, follow=False)
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert "您填的内容都还在" in html
    assert 'value="吉首市乾州街道安置房工地"' in html and "老板说年底再给" in html  # input kept
    assert Complaint.objects.count() == 0 and Person.objects.count() == 0


def test_bad_photo_is_refused_and_the_worker_is_told_to_choose_photos_again(submit, complaint_data):
    response = submit(complaint_data(), photos=[photo("病毒.exe", b"MZ\x90\x00")], follow=False)
    html = response.content.decode()
    assert "“病毒.exe”不是照片" in html and "照片需要重新选择一次" in html
    response = submit(complaint_data(), photos=[photo("假照片.png", b"GIF89a" + b"\x00" * 20)], follow=False)
    assert "文件内容与扩展名" in response.content.decode()
    assert Complaint.objects.count() == 0 and Evidence.objects.count() == 0


def test_photo_size_and_count_limits(submit, complaint_data, settings):
    settings.GREEN_PHOTO_MAX_BYTES = 1024
    response = submit(complaint_data(), photos=[photo(content=JPEG + b"0" * 2048)], follow=False)
    assert "不能超过" in response.content.decode()
    settings.GREEN_MAX_PHOTOS = 2
    response = submit(complaint_data(), photos=[photo(), photo(), photo()], follow=False)
    assert "最多只能传2张" in response.content.decode()
    assert Complaint.objects.count() == 0


RECEIPT_TOKEN = re.compile(r"/green/receipt/[^/\"]+/")
CASE_NUMBER = re.compile(r"[^\s<>“”]*〔\d{4}〕\d+号")


def same_shape(html: str, number: str = "") -> str:
    """A receipt page with the case number and the receipt link's token blanked."""
    html = html.replace(number, "NUMBER") if number else html
    return RECEIPT_TOKEN.sub("/green/receipt/TOKEN/", html)


def _without_numbers(html: str) -> str:
    return same_shape(CASE_NUMBER.sub("NUMBER", html))


def test_a_different_name_for_a_registered_id_number_is_filed_with_a_note_for_staff(submit, complaint_data):
    """No oracle: the page answers as for an ID number never seen; staff see the mismatch on the new case."""
    registered = PersonFactory(name="向秀英")
    mismatch = submit(complaint_data(id_number=registered.id_number, name="张三"))
    unknown = submit(complaint_data(name="张三"))
    pages = [r.content.decode() for r in (mismatch, unknown)]
    cases = list(Complaint.objects.order_by("id"))
    assert len(cases) == 2 and all(r.status_code == 200 for r in (mismatch, unknown))
    masked = [same_shape(p, c.number) for p, c in zip(pages, cases, strict=True)]
    assert masked[0] == masked[1] and "您的投诉已登记" in pages[0]
    assert "向秀英" not in pages[0] and "向*" not in pages[0] and "不一样" not in pages[0]
    assert cases[0].complainant == registered  # one ID number is one person
    registered.refresh_from_db()
    assert registered.name == "向秀英"
    note = TransitionLog.objects.get(object_id=cases[0].pk, transition="green_name_mismatch")
    assert not note.public and "张三" in str(note.details) and "姓名" in note.transition_label
    assert not TransitionLog.objects.filter(object_id=cases[1].pk, transition="green_name_mismatch").exists()


def test_the_application_forms_answer_the_same_for_a_registered_id_number(client, complaint_data):
    registered = PersonFactory(name="向秀英")
    for code in ("mediation", "arbitration"):
        pages = []
        for id_number in (registered.id_number, complaint_data()["id_number"]):
            url = reverse("green:apply", args=[code])
            key = form_key(client.get(url))
            data = {
                **complaint_data(id_number=id_number, name="张三"),
                "claims": "支付工资",
                "facts": "欠薪三个月",
                "submission_key": key,
            }
            response = client.post(url, data, follow=True)
            assert response.status_code == 200 and "不一样" not in response.content.decode(), code
            pages.append(response.content.decode())
        pages = [_without_numbers(p) for p in pages]
        assert pages[0] == pages[1], code


def test_a_registered_person_keeps_their_phone_and_staff_are_told(submit, complaint_data):
    registered = PersonFactory(name="田秀兰", phone="13911112222")
    submit(complaint_data(id_number=registered.id_number, phone="13974301234"))
    case = Complaint.objects.get()
    assert case.complainant == registered
    registered.refresh_from_db()
    assert registered.phone == "13911112222"  # a typed phone never redirects someone's SMS
    assert "手机号码与已登记的号码不同" in case.facts


def test_a_missing_or_forged_token_asks_to_submit_again_with_a_fresh_one(client, complaint_data):
    response = client.post(reverse("green:complaint"), {**complaint_data(), "submission_key": "x"})
    html = response.content.decode()
    assert "页面已过期，请再点一次提交" in html and len(form_key(response)) >= 20
    assert Complaint.objects.count() == 0


def test_submissions_are_rate_limited_per_ip(client, complaint_data, settings):
    settings.GREEN_RATE_LIMITS = {"submit_ip": (2, 3600)}
    for _ in range(2):
        page = client.get(reverse("green:complaint"))
        client.post(reverse("green:complaint"), {**complaint_data(), "submission_key": form_key(page)})
    page = client.get(reverse("green:complaint"))
    response = client.post(reverse("green:complaint"), {**complaint_data(), "submission_key": form_key(page)})
    assert response.status_code == 429 and "操作太频繁了" in response.content.decode()
    assert "Retry-After" in response
    assert Complaint.objects.count() == 2


@pytest.mark.parametrize(
    "typed,amount",
    [("8000", "8000.00"), ("8,000元", "8000.00"), ("￥８０００.５", "8000.50"), (" 1 2000 ", "12000.00")],
)
def test_amounts_are_read_as_workers_type_them(typed, amount):
    from casework.public.forms import parse_money

    assert str(parse_money(typed)) == amount


@pytest.mark.parametrize(
    "typed,message",
    [("八千", "请填写数字"), ("8000.555", "两位小数"), ("-8000", "负数"), ("1000000000", "不能超过")],
)
def test_amounts_that_are_not_amounts_say_why_in_plain_words(typed, message):
    from django.core.exceptions import ValidationError

    from casework.public.forms import parse_money

    with pytest.raises(ValidationError) as err:
        parse_money(typed)
    assert message in err.value.messages[0]
