"""Staff pages: application forms, lists by urgency, detail with actions, case file with page counts."""

import io
import subprocess

import pytest
from django.urls import reverse
from pypdf import PdfReader

from arbitration.models import ArbitrationCase, MediationCase
from arbitration.services import arbitration as svc
from tests.arbitration.conftest import D
from tests.factories import PersonFactory, make_credit_code, make_id_number
from tests.list_pages import query_counts_as_cases_grow

pytestmark = pytest.mark.django_db


def form_data(jishou, **overrides):
    data = {
        "jurisdiction": jishou.pk,
        "received_on": "2026-11-23",
        "channel": "window",
        "procedure": "ordinary",
        "respondent_name": "吉首市某劳务有限公司",
        "respondent_credit_code": make_credit_code(),
        "facts": "2026年7月至9月工资未支付",
        "evidence_list": "工资欠条\n考勤表",
        "applicants-TOTAL_FORMS": "3",
        "applicants-INITIAL_FORMS": "0",
        "applicants-0-name": "田大哥",
        "applicants-0-id_number": make_id_number(),
        "applicants-0-phone": "13907435678",
        "applicants-0-is_migrant_worker": "on",
        "applicants-1-name": "龙二妹",
        "applicants-1-id_number": make_id_number(),
        "claims-TOTAL_FORMS": "3",
        "claims-INITIAL_FORMS": "0",
        "claims-0-claim_type": "wages",
        "claims-0-description": "2026年7月至9月工资",
        "claims-0-amount": "18000",
        "claims-1-claim_type": "employment_relation",
        "claims-1-description": "确认劳动关系",
    }
    data.update(overrides)
    return data


def test_application_form_registers_parties_claims_and_the_green_channel(client, arb_staff, jishou):
    client.force_login(arb_staff["chair"])
    response = client.post(reverse("arbitration-create"), form_data(jishou))
    case = ArbitrationCase.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "arbitration-detail", args=[case.pk]
    )
    assert sorted(p.name for p in case.applicants.all()) == ["田大哥", "龙二妹"]
    assert case.respondent.name == "吉首市某劳务有限公司"
    assert [(c.claim_type, c.final) for c in case.claims.all()] == [
        ("wages", True),
        ("employment_relation", False),
    ]
    assert case.green_channel and not case.collective


def test_bulk_applicants_make_a_collective_case(client, arb_staff, jishou):
    client.force_login(arb_staff["chair"])
    lines = "\n".join(f"工友{i} {make_id_number(seq=i)}" for i in range(10))
    client.post(reverse("arbitration-create"), form_data(jishou, bulk_applicants=lines))
    case = ArbitrationCase.objects.get()
    assert case.applicants.count() == 12 and case.collective


def test_bad_id_number_names_the_field_and_saves_nothing(client, arb_staff, jishou):
    client.force_login(arb_staff["chair"])
    good = make_id_number()
    bad = good[:-1] + ("1" if good[-1] != "1" else "2")
    page = client.post(reverse("arbitration-create"), form_data(jishou, **{"applicants-0-id_number": bad}))
    html = page.content.decode()
    assert page.status_code == 200 and "第1名申请人（田大哥）" in html and "校验" in html
    assert ArbitrationCase.objects.count() == 0
    page = client.post(reverse("arbitration-create"), form_data(jishou, **{"claims-0-amount": ""}))
    assert "请填写请求金额" in page.content.decode() and ArbitrationCase.objects.count() == 0


def test_only_the_commission_opens_the_arbitration_form(client, arb_staff, jishou):
    client.force_login(arb_staff["arb1"])
    assert client.get(reverse("arbitration-create")).status_code == 403
    assert client.post(reverse("arbitration-create"), form_data(jishou)).status_code == 403
    client.force_login(arb_staff["director"])
    assert client.post(reverse("mediation-create"), form_data(jishou)).status_code == 403
    assert ArbitrationCase.objects.count() == MediationCase.objects.count() == 0
    client.force_login(arb_staff["mediator"])
    assert client.get(reverse("mediation-create")).status_code == 200


def test_list_is_ordered_by_urgency_without_extra_queries_per_row(
    client, arb_staff, apply, accepted, django_assert_max_num_queries
):
    ordinary = apply(applicants=[PersonFactory(is_migrant_worker=False)])
    green = apply()
    collective = accepted(applicants=PersonFactory.create_batch(10))
    for _ in range(8):
        apply(applicants=PersonFactory.create_batch(2))
    client.force_login(arb_staff["chair"])
    with django_assert_max_num_queries(14):
        html = client.get(reverse("arbitration-list")).content.decode()
    assert html.index(collective.number) < html.index(green.number) < html.index(ordinary.number)
    filtered = client.get(reverse("arbitration-list"), {"collective": "on"}).content.decode()
    assert collective.number in filtered and green.number not in filtered.split("arbitration-table")[1]


def test_detail_shows_only_permitted_actions_and_masks_personal_data(client, arb_staff, formed, applicant):
    case = formed()
    client.force_login(arb_staff["arb1"])
    html = client.get(reverse("arbitration-detail", args=[case.pk])).content.decode()
    assert 'data-transition="schedule_hearing"' in html and 'data-transition="extend"' not in html
    assert applicant.id_number not in html and applicant.phone not in html
    assert applicant.id_number_masked in html
    client.force_login(arb_staff["chair"])
    html = client.get(reverse("arbitration-detail", args=[case.pk])).content.decode()
    assert 'data-transition="extend"' in html and "变更仲裁庭组成" in html
    assert "¥24000.00" in html  # the final-award threshold of 吉首 on the filing date


def change(case, name: str, kind: str = "transitions") -> str:
    return reverse("case-change", args=[case.CASE_TYPE, case.pk, kind, name])


def test_transitions_from_the_page(client, arb_staff, apply):
    case = apply()
    client.force_login(arb_staff["chair"])
    url = change(case, "refuse")
    response = client.post(url, {"expected_state": "applied", "reason": ""}, follow=True)
    assert "理由/说明：请填写不予受理的理由" in response.content.decode()
    client.post(
        change(case, "accept"),
        {"expected_state": "applied", "on": "2026-01-06"},
    )
    client.post(change(case, "serve_application"), {"on": "2026-01-07"})
    response = client.post(
        change(case, "form_tribunal"),
        {
            "procedure": "ordinary",
            "presiding": arb_staff["arb1"].pk,
            "members": [arb_staff["arb2"].pk, arb_staff["arb3"].pk],
            "on": "2026-01-08",
        },
        follow=True,
    )
    assert "操作成功" in response.content.decode()
    case.refresh_from_db()
    assert case.state == "tribunal_formed" and case.assignees.count() == 3
    client.force_login(arb_staff["arb2"])
    client.post(
        change(case, "schedule_hearing"),
        {"hearing_at": "2026-01-20T09:30", "place": "第一仲裁庭", "notice_on": "2026-01-12"},
    )
    client.post(
        change(case, "hold_hearing"),
        {"record": "笔录", "applicant_present": "true", "respondent_present": "false"},
    )
    item = case.claims.get()
    response = client.post(
        change(case, "award"),
        {
            "reason": "事实清楚",
            "on": "2026-02-02",
            f"decision_{item.pk}": "upheld",
            f"awarded_{item.pk}": "15600",
        },
        follow=True,
    )
    case.refresh_from_db()
    assert case.state == "awarded", response.content.decode()
    assert case.claims.get().awarded_amount == 15600


def test_representatives_and_restart_from_the_page(client, arb_staff, formed):
    workers = PersonFactory.create_batch(10)
    case = formed(applicants=workers)
    client.force_login(arb_staff["chair"])
    html = client.get(reverse("arbitration-detail", args=[case.pk])).content.decode()
    assert 'data-action="set_representatives"' in html and 'data-action="restart_award_clock"' in html
    client.post(change(case, "set_representatives", "actions"), {"persons": [w.pk for w in workers[:3]]})
    assert case.representatives.count() == 3
    client.post(
        change(case, "restart_award_clock", "actions"), {"reason_code": "joinder", "on": "2026-01-21"}
    )
    assert case.claims.count() == 1
    html = client.get(reverse("arbitration-detail", args=[case.pk])).content.decode()
    assert "重新计算审理期限（追加当事人或第三人）" in html
    assert "2026-03-09" in html


def test_case_file_lists_documents_with_page_counts_and_binds_them(client, arb_staff, heard):
    case = heard()
    svc.arbitration_extend(actor=arb_staff["chair"], case_id=case.pk, reason="复杂")
    client.force_login(arb_staff["arb1"])
    html = client.get(reverse("arbitration-case-file", args=[case.pk])).content.decode()
    assert "归档保管期限：5 年" in html
    assert "开庭通知书（第1次）" in html and "庭审笔录（第1次）" in html and "延期审理审批表" in html
    main = client.get(reverse("arbitration-document", args=[case.pk, "case-file"]))
    reader = PdfReader(io.BytesIO(main.content))
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=main.content, capture_output=True, check=True
    ).stdout.decode()
    assert "卷内目录（正卷）" in text and "仲裁申请登记表" in text and "受理通知书" in text
    # cover and index, then one page per short document: 登记表, 受理, 应诉通知书 (it carries the application
    # copy to the respondent and its service starts the defence period, so it is bound too), 组庭, 开庭通知,
    # 笔录; the 备考表
    assert "应诉通知书" in text
    assert len(reader.pages) == 2 + 6 + 1
    assert "本卷页数" in text and "6页" in text
    internal = client.get(reverse("arbitration-document", args=[case.pk, "internal-file"]))
    internal_text = subprocess.run(
        ["pdftotext", "-", "-"], input=internal.content, capture_output=True, check=True
    ).stdout.decode()
    assert (
        "卷内目录（副卷）" in internal_text
        and "延期审理审批表" in internal_text
        and "受理通知书" not in internal_text
    )


def test_mediation_pages(client, arb_staff, jishou, mediation):
    client.force_login(arb_staff["mediator"])
    data = form_data(jishou, body_kind="township", body_name="乾州街道劳动争议调解委员会", channel="window")
    response = client.post(reverse("mediation-create"), data)
    case = MediationCase.objects.get()
    assert response.status_code == 302 and case.body_name == "乾州街道劳动争议调解委员会"
    html = client.get(reverse("mediation-detail", args=[case.pk])).content.decode()
    assert 'data-transition="accept"' in html and 'data-transition="accept_review"' not in html
    assert "吉首劳人调〔2026〕0001号" in client.get(reverse("mediation-list")).content.decode()


def test_menu_and_my_work(client, arb_staff, formed, mediation):
    case = formed()
    m = mediation()
    client.force_login(arb_staff["arb1"])
    html = client.get(reverse("my-work")).content.decode()
    assert "劳动争议仲裁" in html and reverse("mediation-list") not in html
    assert case.number in html
    client.force_login(arb_staff["mediator"])
    html = client.get(reverse("my-work")).content.decode()
    assert m.number in html and case.number not in html and reverse("arbitration-list") not in html
    client.force_login(arb_staff["chair"])
    html = client.get(reverse("my-work")).content.decode()
    assert m.number in html and case.number in html
    assert D("2026-01-07") == case.accepted_on
    for reader in ("auditor", "director"):  # read-only: they read everything, menu and work sections included
        client.force_login(arb_staff[reader])
        html = client.get(reverse("my-work")).content.decode()
        assert reverse("arbitration-list") in html and reverse("mediation-list") in html, reader
        assert m.number in html and case.number in html, reader


@pytest.mark.parametrize("query", ["", "?q=峒河", "?q=向秀英", "?state=applied"])
@pytest.mark.parametrize("kind", ["arbitration", "mediation"])
def test_list_page_queries_do_not_grow_with_the_cases_shown(client, arb_staff, apply, mediation, kind, query):
    """Respondent and applicant searches included: every row's parties come in the page's own queries."""
    make, viewer = (apply, "chair") if kind == "arbitration" else (mediation, "mediator")
    client.force_login(arb_staff[viewer])
    url = reverse(f"{kind}-list") + query

    def add_cases(n):
        for _ in range(n):
            make(applicants=[PersonFactory(name="向秀英"), PersonFactory()])

    counts, page = query_counts_as_cases_grow(client, url, add_cases)
    assert "第 1 / 2 页" in page
    assert counts[0] == counts[1]


def test_tribunal_claims_and_court_proceedings_from_the_page(client, arb_staff, formed, awarded):
    from django.utils import timezone

    case = formed()
    client.force_login(arb_staff["chair"])
    response = client.post(
        change(case, "change_tribunal", "actions"),
        {
            "presiding": arb_staff["arb4"].pk,
            "members": [arb_staff["arb2"].pk, arb_staff["arb3"].pk],
            "reason": "回避",
        },
        follow=True,
    )
    assert "已变更仲裁庭组成" in response.content.decode()
    assert set(case.assignees.all()) == {arb_staff["arb4"], arb_staff["arb2"], arb_staff["arb3"]}
    client.force_login(arb_staff["arb2"])
    html = client.get(reverse("arbitration-detail", args=[case.pk])).content.decode()
    assert 'data-action="add_claim"' in html and 'data-action="change_tribunal"' not in html
    response = client.post(change(case, "add_claim", "actions"), {"claim_type": "overtime"}, follow=True)
    assert "请填写请求金额" in response.content.decode() and case.claims.count() == 1
    response = client.post(
        change(case, "add_claim", "actions"),
        {"claim_type": "overtime", "amount": "3,200", "description": "休息日加班费", "on": "2026-01-20"},
        follow=True,
    )
    assert "已增加仲裁请求" in response.content.decode()
    assert case.claims.count() == 2 and case.claims.last().amount == 3200
    closed = awarded()
    svc.arbitration_close(actor=arb_staff["chair"], case_id=closed.pk, summary="结案")
    client.force_login(arb_staff["chair"])
    html = client.get(reverse("arbitration-detail", args=[closed.pk])).content.decode()
    assert 'data-action="record_court_proceedings"' in html
    today = timezone.localdate()
    client.post(change(closed, "record_court_proceedings", "actions"), {"filed_on": today.isoformat()})
    closed.refresh_from_db()
    assert closed.court_proceedings_on == today
