import pytest

from casework.roles import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_logs_in_and_sees_my_work(page, login, make_user, jishou):
    user = make_user(Role.INSPECTOR, jishou, full_name="田监察")
    login(user)
    assert page.locator("h1").inner_text() == "我的工作"
    assert "吉首市" in page.content()
    assert "田监察" in page.locator(".userbox").inner_text()


def test_wrong_password_stays_on_login_with_message(page, make_user):
    user = make_user(Role.CLERK)
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "wrong-password")
    page.click("button[type=submit]")
    assert page.get_by_role("alert").inner_text() == "用户名或密码不正确，请重新输入。"
