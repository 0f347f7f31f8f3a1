"""Open data of closed complaints and wage-arrears cases: groups, suppression under 3, employers named only
where the disclosure rule allows, no personal data anywhere (every party in the database is looked for),
the public page and downloads served from the stored snapshot, the nightly task and the command."""

import csv
import io
import itertools
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from arrears.models import ArrearsCase
from casework.inspection.models import Complaint
from casework.models import Employer, Person
from casework.public import open_data
from tests.factories import EmployerFactory, PersonFactory, make_phone
from tests.statistics.conftest import local

pytestmark = pytest.mark.django_db
_n = itertools.count(1)


def _employer(j):
    return EmployerFactory(jurisdiction=j, phone=make_phone(), legal_representative=f"法人代表{next(_n)}")


def complaint(j, closed, outcome, *, employer=None, workers=1, recovered="0", state="closed"):
    n = next(_n)
    case = Complaint.objects.create(
        number=f"OD{n:05d}",
        year=2026,
        sequence=n,
        jurisdiction=j,
        received_on=date(2026, 1, 2),
        accepted_on=date(2026, 1, 3),
        workplace="某某工地",
        facts=f"投诉事实{n}",
        complainant=PersonFactory(),
        employer=employer or _employer(j),
        closed_at=closed,
        outcome=outcome,
        workers_affected=workers,
        recovered_amount=Decimal(recovered),
        state=state,
    )
    case.co_complainants.set([PersonFactory()])
    return case


def arrears(j, closed, *, recovered, outstanding="0", workers=1, police=""):
    n = next(_n)
    return ArrearsCase.objects.create(
        number=f"ODA{n:05d}",
        year=2026,
        sequence=n,
        jurisdiction=j,
        employer=_employer(j),
        opened_on=date(2026, 1, 5),
        facts="欠薪",
        closed_at=closed,
        total_owed=Decimal(recovered) + Decimal(outstanding),
        total_recovered=Decimal(recovered),
        total_outstanding=Decimal(outstanding),
        worker_count=workers,
        police_status=police,
        state="closed" if closed else "open",
    )


@pytest.fixture
def scenario(jishou, luxi):
    police = [
        complaint(jishou, local(2026, 3, d), "police_transferred", workers=10, recovered="0")
        for d in (3, 9, 20)
    ]
    recovered = [
        complaint(jishou, local(2026, 3, d), "arrears_recovered", workers=2, recovered="1500.25")
        for d in (1, 2, 5, 30)
    ]
    # the last day of March in Beijing time (still 31 March in UTC) and 1 April 00:10 (31 March in UTC)
    complaint(jishou, local(2026, 4, 1, 0, 10), "arrears_recovered", workers=1, recovered="100")
    small = [
        complaint(luxi, local(2026, 2, d), "penalty_imposed", workers=4, recovered="900") for d in (2, 3)
    ]
    complaint(jishou, None, "", state="investigating")  # open: not published
    full = [arrears(jishou, local(2026, 2, d), recovered="20000", workers=5) for d in (1, 10, 11)]
    arrears(jishou, local(2026, 2, 12), recovered="300", outstanding="700", workers=2, police="transferred")
    arrears(jishou, None, recovered="0", outstanding="500")  # open
    return {"police": police, "recovered": recovered, "small": small, "full": full}


def _rows(document):
    return {(r["case_type"], r["county"], r["month_closed"], r["outcome"]): r for r in document["rows"]}


def test_groups_are_counted_small_ones_suppressed_and_only_disclosable_employers_named(
    scenario, jishou, luxi
):
    rows = _rows(open_data.generate())
    police = rows[("投诉举报", jishou.name, "2026-03", "移送公安机关")]
    assert police["cases"] == 3 and police["workers"] == 30 and police["amount_recovered"] == "0.00"
    assert police["employers"] == "；".join(sorted(c.employer.name for c in scenario["police"]))
    recovered = rows[("投诉举报", jishou.name, "2026-03", "追回拖欠工资")]
    assert (
        recovered["cases"] == 4 and recovered["workers"] == 8 and recovered["amount_recovered"] == "6001.00"
    )
    assert recovered["employers"] == "（不公开）"  # a violation found, but not one the rule publishes
    april = rows[("投诉举报", jishou.name, "2026-04", "追回拖欠工资")]  # closed 1 April, Beijing time
    assert april == {**april, "cases": "<3", "workers": None, "amount_recovered": None}
    small = rows[("投诉举报", luxi.name, "2026-02", "已作出行政处罚")]
    assert small["cases"] == "<3" and small["workers"] is None and small["amount_recovered"] is None
    full = rows[("农民工欠薪", jishou.name, "2026-02", "全部追回")]
    assert full["cases"] == 3 and full["workers"] == 15 and full["amount_recovered"] == "60000.00"
    assert full["employers"] == "（不公开）"
    transferred = rows[("农民工欠薪", jishou.name, "2026-02", "移送公安机关")]
    assert transferred["cases"] == "<3" and transferred["employers"] == "（不公开）"  # too small to name
    assert len(rows) == 6  # the open cases are not published


def test_the_csv_holds_the_same_rows_with_the_dictionary_headers(scenario, client):
    open_data.generate()
    response = client.get(reverse("green:open-data-csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "no-store" and "Content-Security-Policy" in response
    reader = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert reader[0] == [str(f.label) for f in open_data.FIELDS]
    assert len(reader) == 7
    suppressed = [row for row in reader[1:] if row[4] == "<3"]
    assert len(suppressed) == 3 and all(row[5] == "" and row[6] == "" for row in suppressed)


def _every_party_secret() -> list[str]:
    """Names, ID numbers and phones of every person, and everything identifying an employer that may not be
    named (its name, credit code, phone, legal representative)."""
    secrets = []
    for person in Person.objects.all():
        secrets += [person.name, person.id_number, person.phone]
    named = {name for row in open_data.stored_document()["rows"] for name in row["employers"].split("；")}
    for employer in Employer.objects.all():
        secrets += [employer.legal_representative, employer.phone]
        if employer.name not in named:
            secrets += [employer.name, employer.credit_code]
    return [s for s in secrets if s]


def test_no_personal_data_in_any_open_data_file_or_page(scenario, client):
    open_data.generate()
    published = {
        "csv": client.get(reverse("green:open-data-csv")).content.decode("utf-8-sig"),
        "json": client.get(reverse("green:open-data-json")).content.decode(),
        "page": client.get(reverse("green:open-data")).content.decode(),
        "fields": client.get(reverse("green:open-data-fields")).content.decode(),
    }
    secrets = _every_party_secret()
    assert len(secrets) > 40  # complainants, co-complainants, employers: the scan has something to find
    for where, text in published.items():
        leaked = [s for s in secrets if s in text]
        assert not leaked, (where, leaked)
    # and the scan does find a name when one is published: the disclosed employers are there
    assert all(c.employer.name in published["csv"] for c in scenario["police"])
    assert not any(c.number in published["json"] for c in Complaint.objects.all())


def test_the_page_shows_the_snapshot_and_its_generation_time_without_login(scenario, client, settings):
    response = client.get(reverse("green:open-data"))
    assert response.status_code == 200 and "公开数据尚未生成" in response.content.decode()
    assert client.get(reverse("green:open-data-csv")).status_code == 404
    call_command("generate_open_data", stdout=io.StringIO())
    document = open_data.stored_document()
    response = client.get(reverse("green:open-data"))
    html = response.content.decode()
    assert document["generated_at"][:16].replace("T", " ") in html
    assert "移送公安机关" in html and "&lt;3" in html
    assert response["Cache-Control"] == "no-store" and "script-src" not in response["Content-Security-Policy"]
    assert "<script" not in html
    # served from the snapshot: a case closed after generation is not there until the next run
    complaint(Employer.objects.first().jurisdiction, local(2026, 5, 1), "no_violation")
    assert "2026-05" not in client.get(reverse("green:open-data-json")).content.decode()
    call_command("generate_open_data", stdout=io.StringIO())
    assert "2026-05" in client.get(reverse("green:open-data-json")).content.decode()


def test_the_data_dictionary_lists_every_field_with_its_meaning(client):
    import html as html_lib

    html = html_lib.unescape(client.get(reverse("green:open-data-fields")).content.decode())
    for field in open_data.FIELDS:
        assert field.name in html and str(field.label) in html and str(field.meaning) in html
    assert "人社部令第29号" in html


def test_the_json_carries_the_dictionary(scenario, client):
    open_data.generate()
    document = json.loads(client.get(reverse("green:open-data-json")).content)
    assert [f["name"] for f in document["fields"]] == [f.name for f in open_data.FIELDS]
    assert all(set(row) == {f.name for f in open_data.FIELDS} for row in document["rows"])


def test_the_nightly_task_is_scheduled_and_generates(scenario):
    call_command("setup_schedules", stdout=io.StringIO())
    task = PeriodicTask.objects.get(task="casework.tasks.generate_open_data")
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == (
        "2",
        "30",
        "Asia/Shanghai",
    )
    from casework.tasks import generate_open_data

    assert generate_open_data.apply().get() == 6
    assert open_data.stored_document() is not None
