"""The official returns (人社统MA1, MA2, labour inspection) checked cell by cell against a hand-built first
quarter of 2026: cases placed in time by hand, every expected figure worked out by hand below."""

import itertools
from datetime import date
from decimal import Decimal
from io import BytesIO
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from arbitration.models import ArbitrationCase, ClaimItem, MediationCase
from arrears.models import ArrearsCase
from casework.inspection.models import Complaint
from casework.models import Jurisdiction
from casework.statistics.return_layouts import RETURNS
from tests.factories import EmployerFactory, PersonFactory

from .conftest import local

pytestmark = pytest.mark.django_db
Q1 = {"period": "quarter", "quarter": "2026-Q1"}
D = Decimal
_n = itertools.count(1)


def _common(jurisdiction, accepted):
    n = next(_n)
    return {"number": f"T{n:05d}", "year": 2026, "sequence": n, "jurisdiction": jurisdiction}


def _people(case, count):
    case.applicants.set([PersonFactory() for _ in range(count)])


def mediation(j, accepted, *, closed=None, outcome="", body="commission", applicants=1, claims=()):
    case = MediationCase.objects.create(
        **_common(j, accepted),
        received_on=accepted or date(2026, 1, 2),
        facts="调解测试",
        body_kind=body,
        body_name="调解组织",
        accepted_on=accepted,
        closed_at=closed,
        outcome=outcome,
        state="closed" if closed else ("accepted" if accepted else "applied"),
    )
    _people(case, applicants)
    for amount in claims:
        ClaimItem.objects.create(mediation=case, claim_type="wages", description="工资", amount=D(amount))
    return case


def arbitration(j, accepted, *, closed=None, outcome="", collective=False, applicants=1, claims=()):
    case = ArbitrationCase.objects.create(
        **_common(j, accepted),
        received_on=accepted,
        facts="仲裁测试",
        collective=collective,
        accepted_on=accepted,
        closed_at=closed,
        outcome=outcome,
        state="closed" if closed else "accepted",
    )
    _people(case, applicants)
    for amount in claims:
        ClaimItem.objects.create(arbitration=case, claim_type="wages", description="工资", amount=D(amount))
    return case


def complaint(j, accepted, *, closed=None, outcome="", workers=1, recovered="0", rworkers=0, fine=None):
    return Complaint.objects.create(
        **_common(j, accepted),
        received_on=accepted or date(2026, 1, 2),
        workplace="工地",
        facts="投诉测试",
        accepted_on=accepted,
        closed_at=closed,
        outcome=outcome,
        workers_affected=workers,
        recovered_amount=D(recovered),
        recovered_workers=rworkers,
        fine_amount=None if fine is None else D(fine),
        state="closed" if closed else ("investigating" if accepted else "registered"),
    )


def arrears(j, opened, *, closed=None, recovered="0", workers=0):
    return ArrearsCase.objects.create(
        **_common(j, opened),
        employer=EmployerFactory(jurisdiction=j),
        opened_on=opened,
        facts="欠薪测试",
        closed_at=closed,
        total_owed=D(recovered) + D("100"),
        total_recovered=D(recovered),
        total_outstanding=D("100"),
        worker_count=workers,
        state="closed" if closed else "open",
    )


@pytest.fixture
def scenario(jishou, luxi):
    d = date
    # --- mediation (MA1) ---
    mediation(jishou, d(2025, 12, 10))  # M1: pending at both ends
    mediation(
        jishou,
        d(2025, 12, 20),
        closed=local(2026, 1, 5),
        outcome="agreement",
        applicants=2,
        claims=("1000", "500"),
    )  # M2
    mediation(
        jishou,
        d(2026, 1, 10),
        closed=local(2026, 2, 1),
        outcome="converted",
        body="enterprise",
        claims=("3000",),
    )  # M3
    mediation(jishou, d(2026, 2, 15), body="township", applicants=3)  # M4
    mediation(
        jishou, d(2026, 3, 31), closed=local(2026, 4, 1, 0, 5), outcome="agreement", body="peoples"
    )  # M5
    mediation(
        jishou, d(2026, 3, 1), closed=local(2026, 3, 20), outcome="withdrawn", applicants=2, claims=("800",)
    )  # M6
    mediation(jishou, d(2026, 4, 2))  # M7: accepted after the quarter
    mediation(jishou, None, closed=local(2026, 1, 9), outcome="not_accepted")  # M8: never accepted
    mediation(luxi, d(2026, 1, 5), closed=local(2026, 1, 25), outcome="reviewed", claims=("2000",))  # M9
    mediation(luxi, d(2025, 11, 1), closed=local(2025, 12, 31, 23, 30), outcome="agreement")  # M10
    # --- arbitration (MA2) ---
    arbitration(jishou, d(2025, 12, 1))  # A1
    arbitration(
        jishou,
        d(2026, 1, 10),
        closed=local(2026, 3, 1),
        outcome="award",
        collective=True,
        applicants=10,
        claims=("20000", "5000"),
    )  # A2
    arbitration(
        jishou, d(2026, 2, 1), closed=local(2026, 2, 20), outcome="mediation", applicants=2, claims=("3000",)
    )
    arbitration(
        jishou, d(2025, 12, 15), closed=local(2026, 1, 20), outcome="withdrawn", claims=("100",)
    )  # A4
    arbitration(jishou, d(2026, 3, 10))  # A5
    arbitration(jishou, d(2026, 3, 15), closed=local(2026, 3, 30), outcome="terminated")  # A6
    arbitration(
        luxi, d(2026, 2, 2), closed=local(2026, 3, 3), outcome="award", applicants=3, claims=("4500.50",)
    )
    # --- complaints and arrears (labour inspection) ---
    complaint(jishou, d(2025, 12, 1), workers=5)  # C1
    complaint(
        jishou,
        d(2026, 1, 5),
        closed=local(2026, 2, 10),
        outcome="arrears_recovered",
        workers=8,
        recovered="12000",
        rworkers=8,
    )  # C2
    complaint(jishou, d(2026, 2, 1), closed=local(2026, 3, 15), outcome="penalty_imposed", fine="5000")  # C3
    complaint(
        jishou,
        d(2025, 11, 20),
        closed=local(2026, 1, 10),
        outcome="handling_decision",
        recovered="3000.50",
        rworkers=2,
    )  # C4
    complaint(jishou, d(2026, 3, 1), closed=local(2026, 3, 20), outcome="no_violation", workers=3)  # C5
    complaint(
        jishou, d(2026, 3, 5), closed=local(2026, 3, 25), outcome="police_transferred", workers=20
    )  # C6
    complaint(jishou, None)  # C7: never accepted
    complaint(
        luxi,
        d(2026, 1, 8),
        closed=local(2026, 1, 30),
        outcome="violation_corrected",
        workers=2,
        recovered="800",
        rworkers=2,
    )  # C8
    arrears(jishou, d(2026, 1, 15), closed=local(2026, 3, 1), recovered="50000", workers=12)  # R1
    arrears(jishou, d(2025, 12, 1), closed=local(2026, 2, 1), recovered="10000.50", workers=3)  # R2
    arrears(jishou, d(2026, 2, 10), workers=4)  # R3
    arrears(luxi, d(2026, 3, 31), workers=1)  # R4


# The expected tables, worked out by hand from the scenario above (column 1, 2, 3 …).
EXPECTED = {
    "ma1": {
        # pending start M1 M2; accepted M3 M4 M5 M6; applicants 1+3+1+2; by body: enterprise M3, township M4,
        # commission M6, peoples M5; closed M2 M3 M6: agreed M2, not agreed M3, withdrawn M6;
        # claims 1500+3000+800; pending end M1 M4 M5
        "433101": [2, 4, 7, 1, 1, 1, 1, 3, 1, 1, 1, D("5300.00"), 3],
        "433122": [0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, D("2000.00"), 0],
    },
    "ma2": {
        # pending start A1 A4; accepted A2 A3 A5 A6; collective A2; applicants 10+2+1+1, collective 10;
        # closed A2 A3 A4 A6: mediation A3, award A2, other A4 A6; claims 25000+3000+100; pending end A1 A5
        "433101": [2, 4, 1, 14, 10, 4, 1, 1, 2, D("28100.00"), 2],
        "433122": [0, 1, 0, 3, 0, 1, 0, 1, 0, D("4500.50"), 0],
    },
    "ls": {
        # complaints: pending start C1 C4; accepted C2 C3 C5 C6 (8+1+3+20 workers); closed C2-C6: corrected C2,
        # decision C4, penalty C3, police C6, no finding C5; recovered 12000+3000.50 for 8+2 workers; fine 5000;
        # pending end C1. Arrears: opened R1 R3; closed R1 R2, 50000+10000.50 recovered, 12+3 workers.
        "433101": [2, 4, 32, 5, 1, 1, 1, 1, 1, D("15000.50"), 10, D("5000.00"), 1, 2, 2, D("60000.50"), 15],
        "433122": [0, 1, 2, 1, 1, 0, 0, 0, 0, D("800.00"), 2, D("0.00"), 0, 1, 0, D("0.00"), 0],
    },
}


def _expected_total(code):
    rows = EXPECTED[code].values()
    return [sum(values) for values in zip(*rows, strict=True)]


@pytest.fixture
def director_client(client, director):
    client.force_login(director)
    return client


def _url(name, code, **params):
    return f"{reverse(name, args=[code])}?{urlencode({**Q1, **params})}"


@pytest.mark.parametrize("code", ["ma1", "ma2", "ls"])
def test_each_cell_of_the_return_matches_the_hand_computation(
    director_client, scenario, code, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        response = director_client.get(_url("stats-return", code))
    assert response.status_code == 200
    spec = RETURNS[code]
    rows = {name: [cell["value"] for cell in row["cells"]] for name, row in _rows_by_code(response).items()}
    for jurisdiction in Jurisdiction.objects.all():
        expected = EXPECTED[code].get(jurisdiction.code, [0] * len(spec.columns))
        assert rows[jurisdiction.code] == expected, jurisdiction.code
    assert [cell["value"] for cell in response.context["total"]] == _expected_total(code)


def _rows_by_code(response):
    by_name = {j.name: j.code for j in Jurisdiction.objects.all()}
    return {by_name[row["name"]]: row for row in response.context["rows"]}


@pytest.mark.parametrize("code", ["ma1", "ma2", "ls"])
def test_every_cell_links_to_the_cases_behind_it(
    director_client, scenario, code, django_assert_max_num_queries
):
    """Each case-count cell's list holds exactly as many cases as the cell says; every cell is a link."""
    response = director_client.get(_url("stats-return", code))
    html = response.content.decode().replace("&amp;", "&")
    spec = RETURNS[code]
    rows = _rows_by_code(response)
    checked = 0
    for row in [rows["433101"], rows["433122"], {"cells": response.context["total"]}]:
        for cell in row["cells"]:
            assert f'href="{cell["url"]}"' in html
            if cell["column"].measure != "count":
                continue
            with django_assert_max_num_queries(14):
                listed = director_client.get(cell["url"])
            assert listed.status_code == 200
            assert listed.context["page"].paginator.count == cell["value"], (cell["column"].no, cell["url"])
            checked += 1
    assert checked == 3 * sum(1 for c in spec.columns if c.measure == "count")


def test_a_cells_list_names_its_cases(director_client, scenario):
    response = director_client.get(_url("stats-return-cases", "ma2", column=9, jurisdiction="433101"))
    html = response.content.decode()
    numbers = sorted(row["case"].number for row in response.context["rows"])
    expected = sorted(
        ArbitrationCase.objects.filter(outcome__in=["withdrawn", "terminated"]).values_list(
            "number", flat=True
        )
    )
    assert numbers == expected and len(numbers) == 2
    assert "人社统MA2号 第9栏 其他方式" in html
    assert all(row["case"].get_absolute_url() in html for row in response.context["rows"])


@pytest.mark.parametrize("code", ["ma1", "ma2", "ls"])
def test_the_workbook_has_the_same_cells_in_the_official_layout(director_client, scenario, code):
    response = director_client.get(_url("stats-return-download", code))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    ws = load_workbook(BytesIO(response.content)).active
    spec = RETURNS[code]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert spec.form_no in values[1][0] and "2026年第一季度" in values[0][0]
    numbers_row = next(i for i, row in enumerate(values) if row[0] == "甲")
    assert values[numbers_row][1 : len(spec.columns) + 1] == [c.no for c in spec.columns]
    assert values[numbers_row - 1][1 : len(spec.columns) + 1] == [str(c.label) for c in spec.columns]
    by_name = {row[0]: row[1 : len(spec.columns) + 1] for row in values[numbers_row + 1 :] if row[0]}
    names = {j.code: j.name for j in Jurisdiction.objects.all()}
    for jcode, expected in EXPECTED[code].items():
        assert [D(str(v)) for v in by_name[names[jcode]]] == [D(str(v)) for v in expected]
    assert [D(str(v)) for v in by_name["合计"]] == [D(str(v)) for v in _expected_total(code)]
    assert any("现行正式表式未能核实" in str(row[0]) for row in values)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"period": "quarter", "month": "2026-01"}, "统计期类型为 quarter"),
        ({"period": "month", "month": "2026-01", "year": "2026"}, "只能指定一个统计期"),
        ({"period": "week"}, "统计期类型应为"),
        ({"quarter": "2026-Q5"}, "季度格式"),
        ({"quarter": "2026-Q1", "from": "2026-01-01"}, "不认识的参数"),
        ({"quarter": "2026-Q1", "jurisdiction": "999999"}, "没有这个管辖区域"),
    ],
)
def test_unknown_or_contradictory_parameters_are_refused(director_client, query, message):
    for name in ("stats-return", "stats-return-download", "stats-return-cases"):
        extra = {"column": 1} if name == "stats-return-cases" else {}
        url = f"{reverse(name, args=['ma1'])}?{urlencode({**query, **extra})}"
        response = director_client.get(url)
        assert response.status_code == 400, (name, query)
        assert message in response.content.decode()


def test_a_cell_list_refuses_an_unknown_column_and_an_unknown_return_is_not_found(director_client):
    response = director_client.get(_url("stats-return-cases", "ma1", column=14))
    assert response.status_code == 400 and "栏目（column）应为本表的列号之一" in response.content.decode()
    response = director_client.get(_url("stats-return-cases", "ma1", column="x"))
    assert response.status_code == 400
    assert director_client.get(_url("stats-return", "nope")).status_code == 404


def test_column_parameter_only_on_the_cell_list(director_client):
    response = director_client.get(_url("stats-return", "ma1", column=1))
    assert response.status_code == 400 and "不认识的参数" in response.content.decode()


def test_returns_need_the_statistics_permission(client, make_user, jishou):
    from casework.roles import Role

    client.force_login(make_user(Role.INSPECTOR, jishou))
    assert client.get(_url("stats-return", "ma1")).status_code == 403
    assert client.get(_url("stats-return-download", "ma1")).status_code == 403
    assert client.get(_url("stats-return-cases", "ma1", column=1)).status_code == 403


def test_a_county_head_sees_only_the_county(client, make_user, jishou, scenario):
    from casework.roles import Role

    client.force_login(make_user(Role.INSPECTION_HEAD, jishou))
    response = client.get(_url("stats-return", "ls"))
    assert [row["name"] for row in response.context["rows"]] == [jishou.name]
    assert [cell["value"] for cell in response.context["total"]] == EXPECTED["ls"]["433101"]


def test_month_and_year_returns(director_client, scenario):
    """January alone: MA2 accepted A2 (10 applicants, collective); closed A4 (withdrawn, claim 100)."""
    response = director_client.get(
        f"{reverse('stats-return', args=['ma2'])}?{urlencode({'period': 'month', 'month': '2026-01'})}"
    )
    jishou = _rows_by_code(response)["433101"]
    assert [c["value"] for c in jishou["cells"]] == [2, 1, 1, 10, 10, 1, 0, 0, 1, D("100.00"), 2]
    assert "2026年1月" in response.content.decode()
    response = director_client.get(f"{reverse('stats-return', args=['ma2'])}?year=2026")
    assert [c["value"] for c in _rows_by_code(response)["433101"]["cells"]][:2] == [2, 4]
