"""A staff member finds the calculator in the menu and computes a deadline in a real browser."""

import pytest

from casework.roles import Role


@pytest.mark.django_db(transaction=True)
def test_calculator_from_the_menu(page, login, make_user, jishou, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    login(make_user(Role.INSPECTOR, jishou))
    page.click("nav >> text=期限计算器")
    page.select_option("#id_rule", "inspection.accept")
    page.fill("#id_start", "2026-09-18")
    page.click("button.primary")
    due = page.get_by_test_id("due")
    assert due.get_attribute("data-date") == "2026-09-29"  # 吉首: 9/20–21 local holiday, 9/25–27 Mid-Autumn
    assert "湘西州成立纪念日" in page.get_by_test_id("skipped").inner_text()
    page.select_option("#id_jurisdiction", "")
    page.click("button.primary")
    assert page.get_by_test_id("due").get_attribute("data-date") == "2026-09-24"
