"""Typical cases: proposed from a closed case, refused while the text names a party, approved by the head,
published on the public pages (list, detail, JSON feed) without personal data, withdrawn again."""

import json

import pytest
from django.core.exceptions import ValidationError

from casework.inspection.models import Complaint
from casework.models import TransitionLog
from casework.services.transitions import PreconditionFailed, TransitionForbidden
from casework.typical import services as typical
from casework.typical.models import TypicalCase
from tests.factories import PersonFactory
from tests.fixtures_typical import STORY, assert_no_personal_data

LIST, FEED = "/green/typical-cases/", "/green/typical-cases/feed.json"


def propose(case, actor, text=STORY, **kw):
    return typical.propose(Complaint, case.pk, actor=actor, title="欠薪案", text=text, **kw)


def test_an_open_case_cannot_be_proposed(investigating, staff):
    with pytest.raises(PreconditionFailed, match="办结后"):
        propose(investigating(), staff["inspector1"])


@pytest.mark.parametrize(
    "leak, shown",
    [
        (lambda w: f"农民工{w.name}被欠薪", "当事人姓名"),
        (lambda w: f"身份证{w.id_number}", "身份证号码"),
        (lambda w: f"电话 {w.phone[:3]} {w.phone[3:7]}-{w.phone[7:]}", "手机号码"),
    ],
    ids=["name", "id-number", "phone-with-spaces"],
)
def test_a_text_naming_a_worker_is_refused_without_echoing_the_value(closed, staff, worker, leak, shown):
    case = closed()
    with pytest.raises(ValidationError) as refused:
        propose(case, staff["inspector1"], text=STORY + leak(worker))
    message = " ".join(refused.value.message_dict["text"])
    assert shown in message
    assert worker.id_number not in message and worker.phone not in message
    assert not TypicalCase.objects.exists()


def test_a_co_complainant_counts_as_a_party_too(closed, staff):
    other = PersonFactory()
    case = closed()
    case.co_complainants.add(other)
    with pytest.raises(ValidationError):
        propose(case, staff["inspector1"], text=f"{STORY}{other.name}")


def test_the_employer_is_named_only_when_the_proposer_says_the_rules_allow_it(closed, staff, employer):
    case = closed()
    with pytest.raises(ValidationError, match="用人单位名称"):
        propose(case, staff["inspector1"], text=f"{employer.name}拖欠工资")
    proposed = propose(case, staff["inspector1"], text=f"{employer.name}拖欠工资", names_employer=True)
    assert proposed.names_employer


def test_only_the_head_approves_and_approval_scans_again(closed, staff):
    case = closed()
    late_party = PersonFactory(name="龙小妹")
    proposed = propose(case, staff["inspector1"], text=STORY + "龙小妹")
    with pytest.raises(TransitionForbidden):
        typical.approve(Complaint, case.pk, actor=staff["inspector1"], typical=proposed.pk)
    case.co_complainants.add(late_party)  # a party added after the proposal
    with pytest.raises(ValidationError):
        typical.approve(Complaint, case.pk, actor=staff["head"], typical=proposed.pk)
    assert TypicalCase.objects.get().status == "proposed"


def test_a_typical_case_of_another_case_is_not_found(closed, staff):
    first, second = closed(), closed()
    proposed = propose(first, staff["inspector1"])
    with pytest.raises(ValidationError):
        typical.approve(Complaint, second.pk, actor=staff["head"], typical=proposed.pk)


def test_published_cases_are_on_the_public_pages_without_login_or_personal_data(client, published):
    shown = published()
    page = client.get(LIST)
    assert page.status_code == 200 and shown.title in page.content.decode()
    detail = client.get(f"{LIST}{shown.pk}/")
    assert STORY in detail.content.decode()
    assert shown.case_number not in detail.content.decode()
    feed = client.get(FEED)
    items = json.loads(feed.content)["items"]
    assert [i["title"] for i in items] == [shown.title] and items[0]["url"].endswith(f"{LIST}{shown.pk}/")
    for response in (page, detail, feed):
        assert response["Cache-Control"] == "no-store"
        assert "default-src 'none'" in response["Content-Security-Policy"]
        assert_no_personal_data(response.content.decode())


def test_a_proposal_is_not_public_until_approved(client, closed, staff):
    proposed = propose(closed(), staff["inspector1"])
    assert client.get(f"{LIST}{proposed.pk}/").status_code == 404
    assert json.loads(client.get(FEED).content)["items"] == []


def test_withdrawn_cases_leave_the_page_and_feed_but_the_record_and_log_stay(client, published, staff):
    shown = published()
    typical.withdraw(Complaint, shown.object_id, actor=staff["head"], typical=shown.pk, reason="当事人异议")
    assert client.get(f"{LIST}{shown.pk}/").status_code == 404
    assert shown.title not in client.get(LIST).content.decode()
    assert json.loads(client.get(FEED).content)["items"] == []
    record = TypicalCase.objects.get()
    assert record.status == "withdrawn" and record.withdraw_reason == "当事人异议"
    names = list(TransitionLog.objects.filter(object_id=shown.object_id).values_list("transition", flat=True))
    assert names[-3:] == ["propose_typical", "approve_typical", "withdraw_typical"]
    with pytest.raises(PreconditionFailed):
        typical.withdraw(Complaint, shown.object_id, actor=staff["head"], typical=shown.pk, reason="再次")


def test_the_case_page_card_and_the_staff_list(client, closed, staff):
    case = closed()
    client.force_login(staff["inspector1"])
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-action="propose_typical"' in page
    client.post(f"/cases/complaint/{case.pk}/actions/propose_typical/", {"title": "欠薪案", "text": STORY})
    proposed = TypicalCase.objects.get()
    client.force_login(staff["head"])
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-action="approve_typical"' in page
    client.post(f"/cases/complaint/{case.pk}/actions/approve_typical/", {"typical": proposed.pk})
    assert TypicalCase.objects.get().is_published
    listing = client.get("/typical-cases/").content.decode()
    assert case.number in listing
    client.force_login(staff["luxi_head"])
    assert case.number not in client.get("/typical-cases/").content.decode()
