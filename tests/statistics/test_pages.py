"""Dashboard, drill-down lists, the monthly return (Excel) and report (PDF): permissions, figures, queries."""

import subprocess
from datetime import datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from casework.models import Jurisdiction
from casework.roles import Role
from casework.statistics.registry import all_series

pytestmark = pytest.mark.django_db
Q1 = "period=quarter&quarter=2026-Q1"


@pytest.fixture
def director_client(client, director):
    client.force_login(director)
    return client


def test_roles_that_see_statistics(make_user, client, jishou, prefecture):
    allowed = [Role.DIRECTOR, Role.AUDITOR, Role.INSPECTION_HEAD, Role.ARBITRATION_CHAIR, Role.SYSADMIN]
    for role in Role:
        user = make_user(role, prefecture if role in (Role.DIRECTOR, Role.AUDITOR) else jishou)
        client.force_login(user)
        response = client.get(reverse("stats-dashboard"))
        assert response.status_code == (200 if role in allowed else 403), role
        menu = response.status_code == 200 and "统计分析" in response.content.decode()
        assert menu == (role in allowed)


def test_dashboard_shows_rates_against_targets_with_links_to_their_cases(director_client, q1_cases):
    from casework.statistics import projection_store

    first = director_client.get(f"{reverse('stats-dashboard')}?{Q1}").content.decode()
    assert "年终预测正在计算" in first  # a new scope: its projection is computed by the refresh task
    projection_store.refresh()
    response = director_client.get(f"{reverse('stats-dashboard')}?{Q1}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "2026年第一季度" in html
    report = response.context["report"]
    closure = report.of("complaint").total.rate("closure")
    assert closure.display == "44.4%" and closure.signal_label == "未达标"
    assert "目标 96%" in html
    assert closure.numerator_url in html.replace("&amp;", "&")
    assert "figure=closed&from=2026-01-01&to=2026-03-31" in closure.numerator_url
    assert "<svg" in html and "本年累计" in html  # the trend chart, rendered server-side
    assert "预计2026年末结案率" in html or "2026年末实际结案率" in html
    assert "80%区间" in html and "按泊松二项分布" in html  # the projection: a range, its model stated


def test_dashboard_with_a_bad_range_names_the_field(director_client, q1_cases):
    response = director_client.get(reverse("stats-dashboard") + "?period=range&from=2026-03-01&to=2026-02-01")
    assert response.status_code == 200
    assert "截止日期不能早于起始日期" in response.content.decode()
    assert response.context["form"].errors["to"]


def test_drill_down_lists_the_pending_cases_keeping_a_county_below_target(director_client, q1_cases, jishou):
    url = (
        reverse("stats-cases")
        + f"?series=complaint&figure=pending_end&from=2026-01-01&to=2026-03-31&jurisdiction={jishou.code}"
    )
    response = director_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    expected = {q1_cases[k].number for k in "AFGKL"}
    listed = {row["case"].number for row in response.context["rows"]}
    assert listed == expected
    assert f'href="/complaints/{q1_cases["A"].pk}/"' in html
    assert q1_cases["B"].number not in html and q1_cases["J"].number not in html


def test_drill_down_goes_through_visibility(make_user, client, q1_cases, luxi, jishou):
    head = make_user(Role.INSPECTION_HEAD, luxi)
    client.force_login(head)
    base = reverse("stats-cases") + "?series=complaint&figure=caseload&from=2026-01-01&to=2026-03-31"
    assert client.get(base + f"&jurisdiction={jishou.code}").status_code == 404
    response = client.get(base)
    assert [row["case"].number for row in response.context["rows"]] == [q1_cases["J"].number]
    chair = make_user(Role.ARBITRATION_CHAIR, jishou)  # may see statistics, not complaint files
    client.force_login(chair)
    response = client.get(base)
    assert response.status_code == 200 and "您无权查看这类案件的明细" in response.content.decode()


def test_drill_down_rejects_unknown_series_figure_and_bad_dates(director_client):
    base = reverse("stats-cases")
    assert director_client.get(base + "?series=nonsense&figure=closed").status_code == 404
    assert director_client.get(base + "?series=complaint&figure=nonsense").status_code == 404
    response = director_client.get(base + "?series=complaint&figure=closed&from=2026-13-01&to=2026-12-31")
    assert response.status_code == 400 and "YYYY-MM-DD" in response.content.decode()


def test_drill_down_paginates_without_n_plus_one(
    director_client, make_complaint, jishou, django_assert_max_num_queries
):
    from datetime import date

    for day in range(1, 31):
        make_complaint(jishou, accepted=date(2026, 1, day))
    url = reverse("stats-cases") + "?series=complaint&figure=accepted&from=2026-01-01&to=2026-01-31"
    with django_assert_max_num_queries(12):
        response = director_client.get(url)
    assert len(response.context["rows"]) == 25 and response.context["page"].paginator.count == 30


def _dashboard_queries(client, query=""):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("stats-dashboard") + query).status_code == 200
    return len(ctx.captured_queries)


def _cold_dashboard_queries(client):
    """The queries of a cold view of a new scope: no stored projection (a placeholder is stored for the
    refresh task; the page computes none)."""
    from casework.models import SettlementProjection

    SettlementProjection.objects.all().delete()
    cache.clear()  # sessions are in the database
    return _dashboard_queries(client)


def test_dashboard_queries_do_not_grow_with_cases_or_jurisdictions(director_client, make_complaint, jishou):
    from datetime import date

    make_complaint(jishou, accepted=date(2026, 1, 5))
    _dashboard_queries(director_client)  # warm caches (content types, sessions)
    assert _dashboard_queries(director_client) < _cold_dashboard_queries(director_client)  # projection kept
    few = _cold_dashboard_queries(director_client)
    parent = jishou.parent
    for n in range(6):
        extra = Jurisdiction.objects.create(
            code=f"43319{n}",
            name=f"测试区{n}",
            short_name=f"测{n}",
            level="county",
            parent=parent,
            sort_order=50 + n,
        )
        for day in range(1, 6):
            make_complaint(extra, accepted=date(2026, 2, day))
            make_complaint(jishou, accepted=date(2025, 12, day), closed=None)
    many = _cold_dashboard_queries(director_client)
    assert many == few
    # session, user, permissions, jurisdictions…, then per series: figures, late closures, overdue, by month,
    # and for the projection: the stored one looked up and (none yet) a placeholder stored in a savepoint
    assert few <= 8 + 8 * len(all_series())


def test_monthly_return_excel(director_client, q1_cases, jishou):
    response = director_client.get(reverse("stats-return-xlsx") + "?month=2026-03")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(BytesIO(response.content))
    assert wb.sheetnames[0] == "封面"
    cover = "\n".join(str(c.value) for c in wb["封面"]["A"] if c.value)
    assert "2026年3月" in cover and "统计期内结案数 ÷（期初未结案件数 + 统计期内受理案件数）" in cover
    ws = next(wb[name] for name in wb.sheetnames if "投诉" in name)
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(r for r in rows if r[0] == "管辖区域")
    col = {name: i for i, name in enumerate(header)}
    tables = [i for i, r in enumerate(rows) if r[0] == "管辖区域"]
    assert len(tables) == 2  # the month, then the year to date
    month_rows = rows[tables[0] + 1 : tables[1]]
    jishou_march = next(r for r in month_rows if r[0] == jishou.name)
    # March in Jishou: pending on 1 March A, E, F, L; accepted G, K; closed E → 1 ÷ 6
    assert [jishou_march[col[k]] for k in ("期初未结", "本期受理", "本期结案", "期末未结")] == [4, 2, 1, 5]
    assert float(jishou_march[col["投诉案件结案率（%）"]]) == pytest.approx(0.167)
    ytd_total = next(r for r in rows[tables[1] :] if r[0] == "合计")
    # 1 January to 31 March = the first quarter: 4 ÷ 9
    assert float(ytd_total[col["投诉案件结案率（%）"]]) == pytest.approx(0.444)
    assert ytd_total[col["追回金额（元）"]] == pytest.approx(6200.50)


def test_monthly_return_bad_month_is_400(director_client):
    response = director_client.get(reverse("stats-return-xlsx") + "?month=2026-13")
    assert response.status_code == 400 and "YYYY-MM" in response.content.decode()


def test_monthly_pdf_report_has_chinese_text_the_chart_and_an_embedded_font(
    director_client, q1_cases, tmp_path
):
    response = director_client.get(reverse("stats-report-pdf") + "?month=2026-03")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "2026年3月劳动保障案件办理情况统计报告" in text.replace(" ", "")
    assert "投诉案件结案率" in text and "吉首市" in text
    assert "44.4%" in text  # the first quarter's rate in Jishou + Luxi (year to date)
    assert "目标 96%" in text  # drawn by the SVG chart
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all(" yes " in line for line in cjk)  # embedded


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("period=quarter&quarter=2026-Q5", "季度"),
        ("period=month&quarter=2026-Q1", "quarter"),  # contradictory: a month asked for with a quarter
        ("month=2026-03&quarter=2026-Q1", "不能同时"),
        ("period=week", "month、quarter 或 year"),
        ("month=2026-03&colour=red", "colour"),  # unknown parameter
        ("month=2026-03&as_of=TOMORROW", "不能晚于今天"),
        ("month=2026-03&as_of=2026-02-01", "不能早于"),
    ],
)
def test_return_refuses_unknown_or_contradictory_parameters(director_client, query, field):
    from django.utils import timezone

    tomorrow = timezone.localdate() + timedelta(days=1)
    query = query.replace("TOMORROW", tomorrow.isoformat())
    for name in ("stats-return-xlsx", "stats-report-pdf"):
        response = director_client.get(reverse(name) + "?" + query)
        assert response.status_code == 400, (name, query)
        assert field in response.content.decode()


def test_quarterly_return_is_the_quarter_not_december(director_client, q1_cases, jishou):
    """The measured failure: ``period=quarter&quarter=2026-Q1`` returned December's monthly return."""
    response = director_client.get(reverse("stats-return-xlsx") + "?period=quarter&quarter=2026-Q1")
    assert response.status_code == 200
    wb = load_workbook(BytesIO(response.content))
    cover = "\n".join(str(c.value) for c in wb["封面"]["A"] if c.value)
    assert "统计季报" in cover and "2026年第一季度（2026-01-01 至 2026-03-31）" in cover
    assert "数据截至：2026-03-31" in cover
    ws = next(wb[name] for name in wb.sheetnames if "投诉" in name)
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(r for r in rows if r[0] == "管辖区域")
    col = {name: i for i, name in enumerate(header)}
    jishou_q1 = next(r for r in rows if r[0] == jishou.name)
    # Q1 in Jishou (test_figures.test_jishou_q1_hand_computed): 4 pending, 4 accepted, 3 closed, 5 pending
    assert [jishou_q1[col[k]] for k in ("期初未结", "本期受理", "本期结案", "期末未结")] == [4, 4, 3, 5]


def test_an_export_as_of_a_past_day_is_reproduced_later(director_client, q1_cases):
    url = reverse("stats-return-xlsx") + "?month=2026-03&as_of=2026-03-31"

    def cells(response):
        wb = load_workbook(BytesIO(response.content))
        return [
            [c.value for c in row]
            for ws in wb.worksheets
            for row in ws.iter_rows()
            if not str(row[0].value or "").startswith("生成时间")
        ]

    first = cells(director_client.get(url))
    assert any("数据截至：2026-03-31" in str(r[0]) for r in first)
    q1_cases["A"].closed_at = datetime(2026, 4, 20, tzinfo=ZoneInfo("Asia/Shanghai"))
    q1_cases["A"].save()  # closed after the as-of day: ignored
    assert cells(director_client.get(url)) == first


def test_the_ranking_shows_each_county_with_its_counts_linked_and_its_name_escaped(
    director_client, q1_cases, jishou, luxi
):
    jishou.name = "吉首<市>&"
    jishou.save(update_fields=["name"])
    response = director_client.get(f"{reverse('stats-dashboard')}?{Q1}")
    html = response.content.decode()
    complaint = response.context["report"].of("complaint")
    row = next(r for r in complaint.rows if r.jurisdiction.pk == jishou.pk)
    start = html.index(f'data-testid="ranking-complaint-{jishou.code}"')
    cells = html[start : html.index("</tr>", start)]
    assert "<td>吉首&lt;市&gt;&amp;</td>" in cells and "吉首<市>" not in html
    assert cells.startswith(f'data-testid="ranking-complaint-{jishou.code}"><td>{row.rank}</td>')
    pending = row.figures.figure("pending_end")
    assert pending.value == 5  # A, F, G, K and L (closed in May)
    assert f'<a href="{pending.url.replace("&", "&amp;")}" data-testid="pending-link">5</a>' in cells
    overdue = row.figures.figure("overdue")
    assert f'class="overdue">{overdue.value}</a>' in cells and overdue.value >= 1
    closure = row.figures.rate("closure")
    assert f'title="{closure.numerator} ÷ {closure.denominator}">{closure.display}</a>' in cells
    assert f'<span class="tag {closure.signal_css}">{closure.signal_label}</span>' in cells
