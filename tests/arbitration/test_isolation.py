"""Arbitrators see exactly their cases: tribunal membership grants a case (django-guardian object
permissions) and nothing else does — no page, search, export, PDF or API endpoint reaches another case.
The chair sees the commission's cases; another county's chair sees none of them.
"""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from arbitration.case_file import CASE_FILE_SLUGS
from arbitration.documents import documents_for
from arbitration.models import ArbitrationCase
from arbitration.services import arbitration as svc
from arbitration.services import mediation as msvc
from casework.models import TransitionLog
from casework.selectors.visibility import can_see
from tests.arbitration.conftest import D, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cases(arb_staff, formed, apply):
    """A: tribunal arb1 (presiding), arb2, arb3. B: the same respondent, tribunal arb2, arb3, arb4 —
    heard, suspended once, extended and awarded, so that it has every kind of document."""
    mine = formed()
    chair = arb_staff["chair"]
    other = apply(facts="另一案件")
    svc.arbitration_accept(actor=chair, case_id=other.pk, on=D("2026-01-07"))
    svc.arbitration_serve(actor=chair, case_id=other.pk, on=D("2026-01-08"))
    svc.arbitration_form_tribunal(
        actor=chair,
        case_id=other.pk,
        presiding=arb_staff["arb4"],
        members=[arb_staff["arb2"], arb_staff["arb3"]],
    )
    svc.arbitration_suspend(actor=chair, case_id=other.pk, reason="中止", on=D("2026-01-12"))
    svc.arbitration_resume(actor=chair, case_id=other.pk, reason="恢复", on=D("2026-01-13"))
    svc.arbitration_extend(actor=chair, case_id=other.pk, reason="复杂")
    svc.arbitration_schedule_hearing(
        actor=chair,
        case_id=other.pk,
        hearing_at=at("2026-01-20T09:00"),
        place="庭",
        notice_on=D("2026-01-12"),
    )
    svc.arbitration_hold_hearing(actor=chair, case_id=other.pk, record="笔录")
    item = other.claims.get()
    svc.arbitration_award(
        actor=chair,
        case_id=other.pk,
        items=[{"claim": item.pk, "decision": "upheld", "awarded_amount": "100"}],
        text="t",
    )
    svc.arbitration_close(actor=chair, case_id=other.pk, summary="结案")
    return mine, ArbitrationCase.objects.get(pk=other.pk)


def table(response) -> str:
    html = response.content.decode()
    return html[html.index('data-testid="arbitration-table"') :]


def urls_of(case):
    pk = case.pk
    slugs = [d.slug for d in documents_for(case)] + list(CASE_FILE_SLUGS.values())
    return [
        reverse("arbitration-detail", args=[pk]),
        reverse("arbitration-case-file", args=[pk]),
        *[reverse("arbitration-document", args=[pk, slug]) for slug in slugs],
        f"/api/v1/arbitrations/{pk}/",
    ]


def change_url(case, kind: str, name: str) -> str:
    return reverse("case-change", args=[case.CASE_TYPE, case.pk, kind, name])


def post_urls_of(case):
    pk = case.pk
    return [
        change_url(case, "transitions", "withdraw"),
        change_url(case, "transitions", "archive"),
        change_url(case, "actions", "restart_award_clock"),
        change_url(case, "actions", "add_claim"),
        change_url(case, "actions", "change_tribunal"),
        change_url(case, "actions", "set_representatives"),
        change_url(case, "actions", "record_court_proceedings"),
        f"/api/v1/arbitrations/{pk}/transitions/archive/",
        f"/api/v1/arbitrations/{pk}/actions/record_court_proceedings/",
        f"/api/v1/arbitrations/{pk}/actions/add_claim/",
    ]


def test_an_arbitrator_reaches_every_page_of_their_case_and_no_page_of_another(client, arb_staff, two_cases):
    mine, other = two_cases
    assert len(documents_for(other)) >= 9  # every kind of document exists on the other case
    client.force_login(arb_staff["arb1"])
    for url in (
        reverse("arbitration-detail", args=[mine.pk]),
        reverse("arbitration-document", args=[mine.pk, "acceptance"]),
        f"/api/v1/arbitrations/{mine.pk}/",
    ):
        assert client.get(url).status_code == 200, url
    for url in urls_of(other):
        assert client.get(url).status_code == 404, url
    before = TransitionLog.objects.count()
    for url in post_urls_of(other):
        data = {"reason": "x", "reason_code": "joinder", "filed_on": "2026-03-01", "claim_type": "other"}
        assert client.post(url, data).status_code == 404, url
    assert ArbitrationCase.objects.get(pk=other.pk).state == "closed"
    assert TransitionLog.objects.count() == before


def test_lists_search_export_and_api_list_show_only_the_arbitrators_cases(client, arb_staff, two_cases):
    mine, other = two_cases
    client.force_login(arb_staff["arb1"])
    page = client.get(reverse("arbitration-list")).content.decode()
    assert mine.number in page and other.number not in page
    for q in (other.number, other.respondent.credit_code, other.applicants.get().name):
        found = table(client.get(reverse("arbitration-list"), {"q": q}))
        assert other.number not in found
        assert (mine.number in found) == (q != other.number)  # same respondent and applicant as mine
    sheet = load_workbook(io.BytesIO(client.get(reverse("arbitration-export")).content)).active
    numbers = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert numbers == [mine.number]
    body = client.get("/api/v1/arbitrations/", {"q": other.number}).json()
    assert body["count"] == 0
    assert [c["number"] for c in client.get("/api/v1/arbitrations/").json()["results"]] == [mine.number]
    work = client.get(reverse("my-work")).content.decode()
    assert mine.number in work and other.number not in work


def test_api_transition_on_someone_elses_case_is_not_found(client, arb_staff, two_cases):
    _mine, other = two_cases
    client.force_login(arb_staff["arb1"])
    response = client.post(
        f"/api/v1/arbitrations/{other.pk}/transitions/archive/", {}, content_type="application/json"
    )
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_leaving_the_tribunal_takes_the_case_away(client, arb_staff, two_cases):
    mine, _other = two_cases
    a1, a4 = arb_staff["arb1"], arb_staff["arb4"]
    assert can_see(a1, mine) and not can_see(a4, mine)
    svc.arbitration_change_tribunal(
        actor=arb_staff["chair"],
        case_id=mine.pk,
        presiding=a4,
        members=[arb_staff["arb2"], arb_staff["arb3"]],
        reason="麻仲裁申请回避",
    )
    assert not can_see(a1, mine) and can_see(a4, mine)
    client.force_login(a1)
    assert client.get(reverse("arbitration-detail", args=[mine.pk])).status_code == 404
    assert a4 in ArbitrationCase.objects.get(pk=mine.pk).assignees.all()


def test_the_chair_sees_the_commissions_cases_and_no_other_county(client, arb_staff, two_cases):
    mine, other = two_cases
    assert can_see(arb_staff["chair"], mine) and can_see(arb_staff["chair"], other)
    assert can_see(arb_staff["director"], other)
    assert not can_see(arb_staff["luxi_chair"], other)
    assert not can_see(arb_staff["luxi_arbitrator"], mine)
    assert not can_see(arb_staff["inspector"], mine)
    assert not can_see(arb_staff["mediator"], mine)
    client.force_login(arb_staff["luxi_chair"])
    assert client.get(reverse("arbitration-detail", args=[other.pk])).status_code == 404
    assert client.get(f"/api/v1/arbitrations/{other.pk}/").status_code == 404


def test_an_arbitrator_sees_no_mediation_case_but_the_one_they_review(client, arb_staff, mediation):
    reviewed, untouched = mediation(), mediation()
    mediator, chair, reviewer = arb_staff["mediator"], arb_staff["chair"], arb_staff["arb2"]
    msvc.mediation_accept(actor=mediator, case_id=reviewed.pk, on=D("2026-02-05"))
    msvc.mediation_reach_agreement(actor=mediator, case_id=reviewed.pk, terms="支付工资", on=D("2026-02-06"))
    msvc.mediation_request_review(actor=mediator, case_id=reviewed.pk, on=D("2026-02-09"))
    msvc.mediation_accept_review(actor=chair, case_id=reviewed.pk, reviewer=reviewer, on=D("2026-02-10"))
    client.force_login(reviewer)
    assert client.get(reverse("mediation-detail", args=[reviewed.pk])).status_code == 200
    assert client.get(reverse("mediation-detail", args=[untouched.pk])).status_code == 404
    assert client.get(f"/api/v1/mediations/{untouched.pk}/").status_code == 404
    assert [c["number"] for c in client.get("/api/v1/mediations/").json()["results"]] == [reviewed.number]
    client.force_login(arb_staff["arb1"])
    assert client.get("/api/v1/mediations/").json()["count"] == 0
    assert client.get(reverse("mediation-document", args=[reviewed.pk, "agreement"])).status_code == 404
