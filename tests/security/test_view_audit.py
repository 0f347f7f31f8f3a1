"""The staff view audit: every open of a case page, PDF, evidence file or export is recorded, outside the
request's transaction (buffered in Redis where the cache is Redis), readable per case and per user by auditors
and heads, with filters and an Excel export (issue 16, item 9)."""

import io
import os
import uuid
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from casework.models import CaseView
from casework.public import ratelimit
from casework.services import view_audit
from casework.services.evidence import attach_evidence

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%test\n"
REDIS_URL = os.environ.get("CACHE_URL", "") if os.environ.get("CACHE_URL", "").startswith("redis") else ""


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """The test client, each request committed as outside a test (the tests run in one transaction, in which
    the view audit's direct INSERT waits for the commit)."""

    class Committing:
        def __getattr__(self, name):
            return getattr(client, name)

        def get(self, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return client.get(*args, **kwargs)

    return Committing()


def opened(**filters):
    return list(
        CaseView.objects.filter(**filters).order_by("id").values_list("user__username", "what", "case_number")
    )


def test_each_kind_of_open_is_recorded(client, register, staff):
    case = register()
    evidence = attach_evidence(
        case=case,
        uploaded_file=SimpleUploadedFile("工资条.pdf", PDF),
        category="wage_record",
        actor=staff["clerk"],
    )
    clerk = staff["clerk"]
    client.force_login(clerk)
    assert client.get(case.get_absolute_url()).status_code == 200
    assert client.get(reverse("complaint-document", args=[case.pk, "registration"])).status_code == 200
    assert client.get(reverse("evidence-download", args=[evidence.pk])).status_code == 200
    rows = CaseView.objects.filter(user=clerk).order_by("id")
    assert [(r.what, r.case_number, r.case_type) for r in rows] == [
        ("page", case.number, "complaint"),
        ("pdf", case.number, "complaint"),
        ("evidence", case.number, "complaint"),
    ]
    assert rows[2].label == "工资条.pdf" and rows[0].object_id == case.pk


def test_a_refused_open_is_not_recorded_and_the_public_is_not_staff(client, register, staff):
    case = register()
    client.force_login(staff["luxi_inspector"])  # another county: 404
    assert client.get(case.get_absolute_url()).status_code == 404
    assert not CaseView.objects.exists()


def test_recorded_after_the_transaction_not_inside_it(
    rf, register, staff, django_capture_on_commit_callbacks
):
    """Called inside a transaction (an atomic view), the row is written only once it commits."""
    from django.db import transaction

    case = register()
    request = rf.get("/")
    request.user = staff["clerk"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            view_audit.record_view(request, case)
            assert not CaseView.objects.exists()
    assert len(callbacks) == 1
    callbacks[0]()
    assert CaseView.objects.count() == 1


def record(user, case, what="page", days_ago=0):
    CaseView.objects.create(
        user=user,
        at=timezone.now() - timedelta(days=days_ago),
        what=what,
        case_type=case.CASE_TYPE,
        content_type=ContentType.objects.get_for_model(case),
        object_id=case.pk,
        case_number=case.number,
        jurisdiction_id=case.jurisdiction_id,
    )


def test_case_page_links_to_its_view_audit_for_auditors_and_heads_only(client, register, staff):
    case = register()
    for who, sees in [("auditor", True), ("head", True), ("inspector1", False), ("clerk", False)]:
        client.force_login(staff[who])
        page = client.get(case.get_absolute_url()).content.decode()
        assert ('data-testid="case-view-audit"' in page) is sees, who
        audit = client.get(reverse("view-audit"))
        assert audit.status_code == (200 if sees else 404), who


def test_filters_per_case_user_kind_and_dates(client, register, staff):
    first, second = register(), register()
    record(staff["clerk"], first)
    record(staff["clerk"], second, "pdf")
    record(staff["inspector1"], first, "evidence", days_ago=10)
    client.force_login(staff["auditor"])
    url = reverse("view-audit")

    def numbers(**params):
        page = client.get(url, params)
        return [(v.user.username, v.what, v.case_number) for v in page.context["page"]]

    assert len(numbers()) == 3
    assert {n for _u, _w, n in numbers(case_type="complaint", case=first.pk)} == {first.number}
    assert numbers(user=staff["inspector1"].pk) == [(staff["inspector1"].username, "evidence", first.number)]
    assert [w for _u, w, _n in numbers(what="pdf")] == ["pdf"]
    today = timezone.localdate()
    assert len(numbers(date_from=today.isoformat(), date_to=today.isoformat())) == 2
    assert numbers(date_to=(today - timedelta(days=5)).isoformat()) == [
        (staff["inspector1"].username, "evidence", first.number)
    ]
    assert client.get(url, {"date_from": "not a date"}).status_code == 200  # a form error, not a 500


def test_a_county_head_reads_only_the_types_and_counties_they_head(
    client, register, staff, luxi_employer_worker
):
    from casework.inspection import services as svc

    employer, worker = luxi_employer_worker
    jishou_case = register()
    luxi_case = svc.complaint_register(
        actor=staff["luxi_inspector"],
        jurisdiction=employer.jurisdiction,
        complainant=worker,
        employer=employer,
        workplace="泸溪",
        facts="x",
        received_on=timezone.localdate(),
    )
    record(staff["clerk"], jishou_case)
    record(staff["luxi_inspector"], luxi_case)
    client.force_login(staff["head"])  # 吉首 inspection head
    seen = [v.case_number for v in client.get(reverse("view-audit")).context["page"]]
    assert jishou_case.number in seen and luxi_case.number not in seen


def test_excel_export_and_constant_queries(client, register, staff, django_assert_max_num_queries):
    case = register()
    for _ in range(3):
        record(staff["clerk"], case)
    client.force_login(staff["auditor"])
    url = reverse("view-audit")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(30):
        record(staff["inspector1"], case, "pdf")
    with django_assert_max_num_queries(len(few)):
        client.get(url)
    response = client.get(url, {"format": "xlsx", "what": "pdf"})
    assert response["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("时间", "查看人", "用户名", "查看内容")
    assert len(rows) == 31 and all(r[5] == case.number for r in rows[1:])


def test_exports_are_recorded(client, staff, make_user, jishou):
    from casework.roles import Role

    chair = make_user(Role.ARBITRATION_CHAIR, jishou)
    client.force_login(chair)
    assert client.get(reverse("arbitration-export")).status_code == 200
    assert opened() == [(chair.username, "export", "")]
    assert CaseView.objects.get().case_type == "arbitration"


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    yield
    cache = caches["default"]
    client = ratelimit.redis_client(cache)
    for key in client.keys(f"{cache.key_prefix}:*"):
        client.delete(key)


@pytest.mark.postgres
@pytest.mark.skipif(not REDIS_URL, reason="needs Redis (set CACHE_URL=redis://…)")
@pytest.mark.usefixtures("redis_cache")
def test_with_redis_an_open_writes_nothing_to_the_database_until_the_flush(client, register, staff):
    case = register()
    client.force_login(staff["clerk"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(case.get_absolute_url()).status_code == 200
    assert not [q for q in queries if "casework_caseview" in q["sql"]]
    assert not CaseView.objects.exists()
    assert view_audit.flush() == 1
    assert opened() == [(staff["clerk"].username, "page", case.number)]
    assert view_audit.flush() == 0
