"""The director opens the statistics dashboard and drills down from a rate to the cases behind it."""

import re
from datetime import date

import pytest

from casework.inspection.models import Complaint
from casework.roles import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_dashboard_drill_down_from_rate_to_cases(page, login, make_user, prefecture, jishou, luxi):
    from tests.statistics.conftest import local

    def case(jurisdiction, n, **fields):
        return Complaint.objects.create(
            number=f"{jurisdiction.short_name}劳监投〔2026〕{n:04d}号",
            year=2026,
            sequence=n,
            jurisdiction=jurisdiction,
            received_on=fields["accepted_on"],
            workplace="工地",
            facts="欠薪",
            **fields,
        )

    closed = case(jishou, 1, accepted_on=date(2026, 1, 5), closed_at=local(2026, 2, 1), state="closed")
    pending = case(jishou, 2, accepted_on=date(2026, 2, 5), state="investigating")
    case(luxi, 3, accepted_on=date(2026, 1, 8), closed_at=local(2026, 1, 30), state="closed")
    director = make_user(Role.DIRECTOR, prefecture)

    login(director)
    page.click("nav >> text=统计分析")
    page.select_option("#id_period", "quarter")
    page.select_option("#id_quarter", "2026-Q1")
    page.click("button:has-text('统计')")
    tile = page.get_by_test_id("rate-complaint-closure")
    assert tile.get_by_test_id("rate-value").inner_text() == "66.7%"  # 2 closed ÷ 3 accepted
    assert tile.get_by_test_id("rate-signal").inner_text() == "未达标"
    assert page.get_by_test_id("series-complaint").get_by_test_id("trend-chart").is_visible()
    # the year-end projection is computed off the request path: the first view says so, and once the
    # background task has run (as the Celery worker does) the page shows it with the time it was computed
    pending_note = page.get_by_test_id("projection-complaint-pending").get_by_test_id("projection-pending")
    assert pending_note.inner_text() == "年终预测正在计算，请稍后刷新页面。"
    from casework.statistics import projection_store

    projection_store.refresh()
    page.reload()
    computed_at = page.get_by_test_id("projection-complaint").get_by_test_id("projection-computed-at")
    assert re.fullmatch(r"预测计算于 \d\d:\d\d", computed_at.inner_text())
    ranking = page.get_by_test_id("ranking-complaint")
    assert "泸溪县" in ranking.locator("tbody tr").first.inner_text()  # 100% ranks first

    # the pending case keeping Jishou below 96%
    page.get_by_test_id(f"ranking-complaint-{jishou.code}").get_by_test_id("pending-link").click()
    assert "期末未结" in page.get_by_test_id("drill-title").inner_text()
    table = page.get_by_test_id("drill-table")
    assert pending.number in table.inner_text() and closed.number not in table.inner_text()
    table.get_by_text(pending.number).click()
    assert page.get_by_test_id("case-state").inner_text() == "调查中"

    # back on the dashboard, the rate's numerator lists the closed cases
    page.go_back()
    page.get_by_test_id("back-to-dashboard").click()
    page.get_by_test_id("rate-complaint-closure").get_by_test_id("rate-numerator").click()
    assert "本期结案" in page.get_by_test_id("drill-title").inner_text()
    assert closed.number in page.get_by_test_id("drill-table").inner_text()
