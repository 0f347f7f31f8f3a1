"""The staff deadline calculator page."""

import pytest
from django.urls import reverse

from casework.roles import Role

pytestmark = pytest.mark.django_db

URL = "/deadlines/calculator/"


@pytest.fixture
def staff(client, make_user, jishou):
    client.force_login(make_user(Role.INSPECTOR, jishou))
    return client


def test_login_required(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_empty_form_defaults_to_the_users_county_and_lists_the_rules(staff):
    page = staff.get(URL).content.decode()
    assert "期限计算器" in page
    assert '<option value="433101" selected>吉首市</option>' in page
    assert "全国（不含地方节假日）" in page
    assert "仲裁审理期限（45日（自然日））" in page
    assert "《劳动保障监察条例》第十七条" in page  # the rules table
    assert 'data-testid="deadline-result"' not in page


def test_menu_has_the_calculator(staff):
    page = staff.get(reverse("my-work")).content.decode()
    assert f'href="{URL}"' in page and "期限计算器" in page


def test_result_shows_due_date_article_and_skipped_holidays(staff):
    page = staff.get(
        URL, {"rule": "inspection.accept", "start": "2026-09-18", "jurisdiction": "433101"}
    ).content
    page = page.decode()
    assert 'data-date="2026-09-29"' in page and "2026年9月29日（周二）" in page
    assert "《关于实施〈劳动保障监察条例〉若干规定》第十八条" in page
    assert "2026年9月20日（周日）湘西州成立纪念日" in page
    assert "2026年9月25日（周五）中秋节" in page
    assert 'data-testid="jurisdiction">吉首市<' in page
    assert "尚未公布" not in page


def test_calendar_period_explains_the_roll_forward(staff):
    page = staff.get(
        URL, {"rule": "arbitration.award", "start": "2025-08-20", "jurisdiction": ""}
    ).content.decode()
    assert 'data-date="2025-10-09"' in page
    assert 'data-testid="jurisdiction">全国（不含地方节假日）<' in page
    assert "期间最后一日 2025年10月4日 为休息日" in page
    assert "顺延跳过的休息日" in page


def test_provisional_warning_for_2027(staff):
    page = staff.get(URL, {"rule": "arbitration.award", "start": "2026-12-01"}).content.decode()
    assert 'data-date="2027-01-15"' in page
    assert "2027年国务院放假安排尚未公布，按周末推算，仅供参考" in page
    assert "暂定" in page


def test_bad_input_is_shown_on_the_form_in_chinese(staff):
    page = staff.get(URL, {"rule": "arbitration.accept", "start": "2026-02-30"}).content.decode()
    assert "日期格式应为 YYYY-MM-DD。" in page and 'data-testid="deadline-result"' not in page
    page = staff.get(
        URL, {"rule": "arbitration.accept", "start": "2026-03-02", "extensions": "1"}
    ).content.decode()
    assert "该期限不得延长。" in page
    page = staff.get(URL, {"rule": "no.such", "start": "2026-03-02"}).content.decode()
    assert "no.such" in page and 'data-testid="deadline-result"' not in page


def test_wage_arrears_in_employment(staff):
    page = staff.get(
        URL, {"rule": "arbitration.limitation", "start": "2025-03-01", "wage_arrears_in_employment": "on"}
    ).content.decode()
    assert "不受仲裁时效限制" in page


def test_page_loads_the_calendar_in_a_few_queries(staff, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        staff.get(URL, {"rule": "inspection.investigate", "start": "2026-08-20", "jurisdiction": "433101"})
