"""Staff pages: list order, detail with ledger and totals, import, payment form, projects, risk view, PDFs."""

import io
import subprocess
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from arrears.models import ArrearsCase, ArrearsWorker, Payment
from arrears.services import cases as svc
from arrears.services.projects import project_create
from tests.factories import EmployerFactory
from tests.list_pages import query_counts_as_cases_grow

from .conftest import ago, id_number
from .test_import import good_rows, xlsx

pytestmark = pytest.mark.django_db


def change_url(case, kind: str, name: str) -> str:
    """The kernel's one page endpoint for a change of any registered case type."""
    return reverse("case-change", args=[case.CASE_TYPE, case.pk, kind, name])


def pdf_text(content: bytes) -> str:
    """The PDF's text with all white space removed (lines wrap anywhere in Chinese text)."""
    text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout
    return "".join(text.decode().split())


def test_list_puts_green_channel_first_and_hides_other_counties(client, staff, open_case, add_workers, luxi):
    plain = open_case()
    green = open_case(facts="绿色")
    add_workers(green, [(1, "100")])  # a migrant worker → green channel
    client.force_login(staff["inspector1"])
    page = client.get(reverse("arrears:case-list")).content.decode()
    assert page.index(green.number) < page.index(plain.number)
    client.force_login(staff["luxi_inspector"])
    assert green.number not in client.get(reverse("arrears:case-list")).content.decode()
    assert client.get(reverse("arrears:case-detail", args=[green.pk])).status_code == 404


def test_list_filters_the_cases_with_the_police_and_the_overdue(client, staff, open_case):
    plain, reported, late = open_case(), open_case(facts="报请移送"), open_case(facts="超期")
    ArrearsCase.objects.filter(pk=reported.pk).update(police_status="reported")
    ArrearsCase.objects.update(next_due=ago(-10))
    ArrearsCase.objects.filter(pk=late.pk).update(next_due=ago(1))
    client.force_login(staff["inspector1"])

    def listed(**query) -> set:
        table = client.get(reverse("arrears:case-list"), query).content.decode().split("arrears-table")[1]
        return {c for c in (plain, reported, late) if c.number in table}

    assert listed() == {plain, reported, late}
    assert listed(police="on") == {reported}
    assert listed(overdue="on") == {late}
    assert listed(mine="on") == {plain, reported, late}  # assigned to inspector1


def test_list_query_count_does_not_grow_with_cases(client, staff, open_case, django_assert_max_num_queries):
    for i in range(3):
        open_case(facts=f"案{i}")
    client.force_login(staff["inspector1"])
    with django_assert_max_num_queries(16) as first:
        client.get(reverse("arrears:case-list"))
    for i in range(8):
        open_case(facts=f"又一案{i}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("arrears:case-list"))


def test_open_a_case_from_the_form(client, staff, jishou):
    from tests.factories import make_credit_code

    client.force_login(staff["clerk"])
    response = client.post(
        reverse("arrears:case-create"),
        {
            "jurisdiction": jishou.pk,
            "employer_name": "吉首某劳务公司",
            "employer_credit_code": make_credit_code(),
            "opened_on": ago(0).isoformat(),
            "facts": "拖欠工资",
            "green_channel": "on",
        },
    )
    case = ArrearsCase.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "arrears:case-detail", args=[case.pk]
    )
    assert case.green_channel and case.employer.name == "吉首某劳务公司"


def test_detail_shows_ledger_totals_thresholds_and_masks_personal_data(
    client, staff, open_case, add_workers, pay
):
    case = open_case()
    lines = add_workers(case, [(3, "6000.00"), (2, "1500.50")])
    pay(case, lines[1], "500.25")
    client.force_login(staff["inspector1"])
    page = client.get(reverse("arrears:case-detail", args=[case.pk])).content.decode()
    assert "7,500.50" in page and "500.25" in page and "7,000.25" in page
    assert "拖欠3个月以上且金额6,000.00元，达到本省‘数额较大’标准6,000元" in page
    person = lines[0].person
    assert person.id_number not in page and person.id_number_masked in page
    assert 'data-transition="order_payment"' in page
    assert 'data-testid="payment-form"' in page and "（尚欠6000.00元）" in page  # the lines still owed
    assert 'data-transition="record_full_recovery"' not in page  # driven by payments, never a button
    client.force_login(staff["clerk"])
    page = client.get(reverse("arrears:case-detail", args=[case.pk])).content.decode()
    assert 'data-transition="order_payment"' not in page and 'data-testid="payment-form"' not in page


def test_green_channel_target_is_shorter_and_shown(client, staff, open_case, add_workers, settings):
    settings.ARREARS_TARGETS = {
        "payment_order": {"green_channel": 2, "standard": 10},
        "resolution": {"green_channel": 20, "standard": 60},
    }
    case = open_case(opened_on=ago(0))
    add_workers(case, [(1, "100")])
    client.force_login(staff["inspector1"])
    page = client.get(reverse("arrears:case-detail", args=[case.pk])).content.decode()
    assert "立案后 2 个工作日内" in page


def test_import_page_reports_bad_rows_and_imports_nothing(client, staff, open_case):
    case = open_case()
    rows = good_rows(3)
    rows[1][3] = "0"
    client.force_login(staff["clerk"])
    page = client.post(
        reverse("arrears:worker-import", args=[case.pk]), {"file": xlsx(rows)}
    ).content.decode()
    assert "第 3 行" in page and "欠薪月数" in page and "未导入任何工人" in page
    assert ArrearsWorker.objects.count() == 0
    response = client.post(reverse("arrears:worker-import", args=[case.pk]), {"file": xlsx(good_rows(3))})
    assert response.status_code == 302 and ArrearsWorker.objects.count() == 3


def test_template_download(client, staff):
    client.force_login(staff["clerk"])
    response = client.get(reverse("arrears:worker-template"))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).active["A1"].value == "姓名"


def test_payment_form_records_and_names_bad_fields(client, staff, open_case, add_workers):
    case = open_case()
    (line,) = add_workers(case, [(3, "1000.00")])
    client.force_login(staff["inspector1"])
    url = change_url(case, "actions", "record_payment")
    data = {"line": line.pk, "amount": "1000.01", "paid_on": ago(1).isoformat(), "payer_kind": "employer"}
    response = client.post(url, data, follow=True)
    assert "金额（元）：超过该工人尚欠的1,000.00元" in response.content.decode()
    assert Payment.objects.count() == 0
    client.post(url, {**data, "amount": "1000"})
    case.refresh_from_db()
    assert case.total_recovered == Decimal("1000.00") and case.state == "fully_recovered"


def test_transition_from_the_page(client, staff, open_case, add_workers):
    case = open_case()
    add_workers(case, [(3, "1000.00")])
    client.force_login(staff["inspector1"])
    client.post(
        change_url(case, "transitions", "order_payment"),
        {"expected_state": "open", "period": "10", "items": "十日内支付", "served_on": ago(0).isoformat()},
    )
    case.refresh_from_db()
    assert case.state == "payment_ordered"
    response = client.post(
        change_url(case, "transitions", "order_payment"),
        {"expected_state": "open", "period": "10", "items": "again"},
        follow=True,
    )
    assert "已被他人处理" in response.content.decode()


def test_documents_are_pdfs_with_the_case_number(client, staff, open_case, add_workers, ordered, pay):
    case = open_case()
    lines = add_workers(case, [(3, "6000.00")])
    ordered(case)
    svc.arrears_report_to_police(actor=staff["inspector1"], case_id=case.pk, reason="涉嫌拒不支付劳动报酬罪")
    svc.arrears_decide_police_transfer(actor=staff["head"], case_id=case.pk, approve=True, reason="同意")
    pay(case, lines[0], "1000.00")
    from casework.documents.services import issue_document

    numbers = {
        slug: issue_document(type(case), case.pk, actor=staff["inspector1"], slug=slug).number
        for slug in ("payment-order", "police-transfer")
    }
    client.force_login(staff["inspector1"])
    case.refresh_from_db()
    texts = {}
    for slug in ("payment-order", "police-transfer", "payment-confirmation"):
        response = client.get(reverse("arrears:case-document", args=[case.pk, slug]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        texts[slug] = pdf_text(response.content)
        # issued documents carry their own 文号; the confirmation form names the case
        assert (numbers.get(slug) or case.number) in "".join(texts[slug].split())
    assert "吉人社监责〔" in numbers["payment-order"] and "吉人社监移〔" in numbers["police-transfer"]
    assert "（执法证号43310120260001）" in "".join(texts["payment-order"].split())
    assert "责令支付通知书" in texts["payment-order"] and "6,000.00" in texts["payment-order"]
    assert "移送书" in texts["police-transfer"] and "吉首市公安局" in texts["police-transfer"]
    assert "工资支付确认表" in texts["payment-confirmation"] and "1,000.00" in texts["payment-confirmation"]
    assert lines[0].person.id_number not in texts["payment-confirmation"]


def test_document_not_yet_available_is_404(client, staff, open_case):
    case = open_case()
    client.force_login(staff["inspector1"])
    assert client.get(reverse("arrears:case-document", args=[case.pk, "payment-order"])).status_code == 404


def test_project_pages_mask_the_wage_account(client, staff, jishou, employer):
    client.force_login(staff["clerk"])
    from tests.factories import make_credit_code

    response = client.post(
        reverse("arrears:project-create"),
        {
            "jurisdiction": jishou.pk,
            "name": "吉首市安置房三期",
            "location": "乾州",
            "main_contractor_name": "湘西某建工集团",
            "main_contractor_credit_code": make_credit_code(),
            "wage_account_bank": "农业银行",
            "wage_account_number": "6228 4800 1234 5678 901",
            "wage_deposit_amount": "200000",
            "rights_notice_board": "on",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "6228 **** 8901" in page and "6228480012345678901" not in page
    assert "200,000.00" in page


def test_risk_view_aggregates_per_employer_and_project_in_a_fixed_number_of_queries(
    client, staff, jishou, employer, open_case, add_workers, pay, register, django_assert_max_num_queries
):
    main = EmployerFactory(jurisdiction=jishou)
    project = project_create(
        actor=staff["clerk"],
        jurisdiction=jishou,
        name="项目甲",
        location="乾州",
        main_contractor=main,
        subcontractor=employer,
    )
    a = open_case(project=project)
    lines = add_workers(a, [(3, "1000.00"), (3, "2000.00")])
    pay(a, lines[0], "400.00")
    b = open_case(facts="第二案")
    add_workers(b, [(3, "500.00")], start=10)
    register()
    register()
    for i in range(5):  # more employers: the query count must not grow with them
        other = EmployerFactory(jurisdiction=jishou)
        c = open_case(employer=other, facts=f"其他{i}")
        add_workers(c, [(1, "10.00")], start=100 + i)
    client.force_login(staff["inspector1"])
    with django_assert_max_num_queries(14):
        page = client.get(reverse("arrears:risk")).content.decode()
    row = page[page.index(employer.name) :]
    row = row[: row.index("</tr>")]
    cells = [c.split(">")[-1] for c in row.split("</td>")]
    assert cells[1:6] == [
        "2",
        "2",
        "3,500.00",
        "400.00",
        "3,100.00",
    ]  # complaints, cases, owed, recovered, outstanding
    page = client.get(reverse("arrears:risk"), {"by": "project"}).content.decode()
    assert "项目甲" in page and "3,000.00" in page


def test_quarterly_public_list_export(client, staff, open_case, add_workers, ordered):
    case = open_case(opened_on=ago(40))
    add_workers(case, [(3, "6000.00")])
    ordered(case, served_days_ago=20)
    small = open_case(facts="小额")
    add_workers(small, [(1, "100.00")], start=10)
    ordered(small, served_days_ago=20)
    served = ago(20)
    client.force_login(staff["inspector1"])
    query = {"year": served.year, "quarter": (served.month - 1) // 3 + 1}
    page = client.get(reverse("arrears:public-list"), query).content.decode()
    assert case.number in page and small.number not in page
    response = client.get(reverse("arrears:public-list"), {**query, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert len(values) == 1
    assert values[0][1] == case.employer.name and values[0][2] == case.employer.credit_code
    assert values[0][3] == case.employer.legal_representative and "6,000.00" in values[0][4]


def test_my_work_lists_arrears_cases(client, staff, open_case, make_user, jishou):
    from casework.roles import Role

    case = open_case()
    unassigned = svc.arrears_case_open(
        actor=staff["clerk"], jurisdiction=jishou, employer=case.employer, facts="新案"
    )
    client.force_login(staff["head"])
    page = client.get(reverse("my-work")).content.decode()
    assert case.number in page and unassigned.number in page
    client.force_login(staff["inspector1"])  # assigned to the first; nobody's on the second yet
    page = client.get(reverse("my-work")).content.decode()
    assert case.number in page and unassigned.number in page
    client.force_login(make_user(Role.INSPECTOR, jishou))  # neither is theirs; the new one is open to take
    page = client.get(reverse("my-work")).content.decode()
    assert case.number not in page and unassigned.number in page


def test_a_worker_from_another_county_is_visible_through_the_case(client, staff, open_case, luxi):
    from arrears.services.ledger import worker_add
    from tests.factories import PersonFactory

    person = PersonFactory(jurisdiction=luxi)
    url = reverse("parties:person-detail", args=[person.pk])
    client.force_login(staff["inspector1"])
    assert client.get(url).status_code == 404
    case = open_case()
    worker_add(
        actor=staff["inspector1"],
        case_id=case.pk,
        name=person.name,
        id_number=person.id_number,
        months_unpaid=2,
        amount_owed="100",
    )
    assert client.get(url).status_code == 200


def test_bad_upload_name_gets_a_clear_message(client, staff, open_case):
    case = open_case()
    client.force_login(staff["clerk"])
    bad = SimpleUploadedFile("old.xls", b"\xd0\xcf\x11\xe0")
    page = client.post(reverse("arrears:worker-import", args=[case.pk]), {"file": bad}).content.decode()
    assert "xlsx" in page and ArrearsWorker.objects.count() == 0
    assert id_number(0)  # the helper is importable for other modules


def test_blacklist_pages_and_documents(client, staff, jishou, employer, add_workers):
    import datetime

    from arrears.models import Grounds

    case = svc.arrears_case_open(
        actor=staff["clerk"],
        jurisdiction=jishou,
        employer=employer,
        facts="欠薪",
        opened_on=datetime.date(2026, 8, 1),
    )
    svc.arrears_assign(
        actor=staff["head"], case_id=case.pk, inspectors=[staff["inspector1"], staff["inspector2"]]
    )
    add_workers(case, [(3, "7000.00")])
    svc.arrears_order_payment(
        actor=staff["inspector1"],
        case_id=case.pk,
        period=15,
        items="支付",
        served_on=datetime.date(2026, 8, 3),
    )
    client.force_login(staff["inspector1"])
    response = client.post(
        change_url(case, "actions", "blacklist_notice"),
        {
            "grounds": Grounds.THRESHOLD,
            "facts": "拖欠工资逾期未付",
            "noticed_on": "2026-09-30",
            "responsible_persons": "法定代表人 张建国",
        },
        follow=True,
    )
    entry = case.blacklist_entries.get()
    assert "已启动失信名单程序" in response.content.decode()
    entry_url = reverse("arrears:blacklist-detail", args=[entry.pk])
    assert entry_url in response.content.decode()  # the case page links the new entry
    page = client.get(entry_url).content.decode()
    assert "2026-10-13" in page and 'data-transition="decide_listing"' not in page  # inspectors do not decide
    notice = pdf_text(client.get(reverse("arrears:blacklist-document", args=[entry.pk, "notice"])).content)
    assert "2026年10月13日" in notice and "陈述、申辩" in notice
    assert client.get(reverse("arrears:blacklist-document", args=[entry.pk, "decision"])).status_code == 404
    client.force_login(staff["head"])
    client.post(
        change_url(entry, "transitions", "decide_listing"),
        {"expected_state": "noticed", "reason": "逾期未申辩", "decided_on": "2026-10-14"},
    )
    entry.refresh_from_db()
    assert entry.listed_until == datetime.date(2029, 10, 14)
    decision = pdf_text(
        client.get(reverse("arrears:blacklist-document", args=[entry.pk, "decision"])).content
    )
    assert "2029年10月14日" in decision and employer.name in decision
    assert entry.number in client.get(reverse("arrears:blacklist-list")).content.decode()
    risk = client.get(reverse("arrears:risk"), {"listed": "on"}).content.decode()
    assert employer.name in risk and "列入名单" in risk


def test_public_progress_shows_a_worker_only_their_own_money(open_case, add_workers, pay):
    from arrears.selectors.public import public_progress
    from tests.factories import PersonFactory

    case = open_case()
    mine, other = add_workers(case, [(3, "5000.00"), (2, "3000.00")])
    pay(case, mine, "1200.00", confirmed_by_worker=True)
    pay(case, mine, "300.00")
    pay(case, other, "3000.00")
    progress = public_progress(case, mine.person)
    assert (progress.amount_owed, progress.amount_recovered, progress.outstanding) == (
        Decimal("5000.00"),
        Decimal("1500.00"),
        Decimal("3500.00"),
    )
    assert progress.confirmed_recovered == Decimal("1200.00") and progress.case_number == case.number
    assert public_progress(case, PersonFactory()) is None


def test_api_list_query_count_does_not_grow(staff, open_case, django_assert_max_num_queries):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(staff["inspector1"])
    for i in range(3):
        open_case(facts=f"案{i}")
    with django_assert_max_num_queries(12) as first:
        client.get("/api/v1/arrears/")
    for i in range(6):
        open_case(facts=f"又{i}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get("/api/v1/arrears/").json()["count"] == 9


def test_project_detail_lists_the_roster_with_masked_ids(
    client, staff, jishou, employer, open_case, add_workers
):
    project = project_create(
        actor=staff["clerk"], jurisdiction=jishou, name="项目乙", location="吉首", subcontractor=employer
    )
    case = open_case(project=project)
    (line,) = add_workers(case, [(2, "3000.00")])
    client.force_login(staff["inspector1"])
    page = client.get(reverse("arrears:project-detail", args=[project.pk])).content.decode()
    assert (
        line.person.name in page
        and line.person.id_number_masked in page
        and line.person.id_number not in page
    )
    assert case.number in page


@pytest.mark.parametrize("query", ["", "?q=欠薪", "?state=open"])
def test_list_page_queries_do_not_grow_with_the_cases_shown(client, staff, open_case, employer, query):
    client.force_login(staff["inspector1"])
    url = reverse("arrears:case-list") + query

    def add_cases(n):
        for i in range(n):
            open_case(facts=f"案{i}")

    counts, page = query_counts_as_cases_grow(client, url, add_cases)
    assert "第 1 / 2 页" in page
    assert counts[0] == counts[1]


def test_evidence_is_uploaded_through_the_kernel_on_both_case_pages(
    client, staff, open_case, make_user, prefecture
):
    from casework.models import Evidence
    from casework.roles import Role

    case = open_case()
    url = reverse("case-evidence-upload", args=["arrears", case.pk])
    client.force_login(staff["inspector1"])
    page = client.get(reverse("arrears:case-detail", args=[case.pk])).content.decode()
    assert f'action="{url}"' in page
    pdf = SimpleUploadedFile("工资条.pdf", b"%PDF-1.4\n%test\n")
    response = client.post(url, {"category": "other", "description": "8月工资条", "file": pdf}, follow=True)
    assert "证据材料已上传" in response.content.decode() and "工资条.pdf" in response.content.decode()
    assert Evidence.objects.count() == 1
    client.force_login(make_user(Role.AUDITOR, prefecture))
    page = client.get(reverse("arrears:case-detail", args=[case.pk])).content.decode()
    assert "工资条.pdf" in page and f'action="{url}"' not in page  # seen, not added to
    pdf = SimpleUploadedFile("又一份.pdf", b"%PDF-1.4\n%test\n")
    client.post(url, {"category": "other", "file": pdf})
    assert Evidence.objects.count() == 1
