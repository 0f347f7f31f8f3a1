"""Staff sign-in in a real browser (docs/security.md, item 1): lockout that names no account, TOTP enrolment
and sign-in with a code worked out here from the secret the page shows, sign out everywhere."""

import base64

import pytest
from django_otp.oath import totp

from casework.demo import DEMO_PASSWORD
from casework.roles import Role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def new_page(browser, live_server):
    """Another browser (its own cookies), optionally seen from its own address (through a trusted proxy)."""
    contexts = []

    def make(address: str | None = None):
        headers = {"X-Forwarded-For": address} if address else {}
        context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", extra_http_headers=headers)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.base = live_server.url
        return page

    yield make
    for context in contexts:
        context.close()


def submit_login(page, username, password):
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def code_from_secret(secret_text: str, drift: int = 0) -> str:
    key = base64.b32decode(secret_text.replace(" ", ""))
    return f"{totp(key, step=30, t0=0, digits=6, drift=drift):06d}"


def test_lockout_says_the_same_for_an_account_on_file_and_one_that_is_not(new_page, make_user, settings):
    settings.GREEN_TRUSTED_PROXIES = 1  # each browser below comes from its own address
    user = make_user(Role.CLERK)
    seen = {}
    for username, address in ((user.username, "198.51.100.1"), ("no-such-person", "198.51.100.2")):
        page = new_page(address)
        for attempt in range(settings.AXES_FAILURE_LIMIT):
            submit_login(page, username, "wrong-password-1")
            if attempt < settings.AXES_FAILURE_LIMIT - 1:
                assert page.get_by_role("alert").inner_text() == "用户名或密码不正确，请重新输入。"
        seen[username] = (page.locator("h1").inner_text(), page.get_by_role("alert").inner_text())
    assert seen[user.username] == seen["no-such-person"]
    assert seen[user.username][0] == "登录已暂时锁定"
    assert "该账号或本机地址已被暂时锁定" in seen[user.username][1]

    # The right password, from yet another address: still locked, still not signed in.
    page = new_page("198.51.100.3")
    submit_login(page, user.username, DEMO_PASSWORD)
    assert page.locator("h1").inner_text() == "登录已暂时锁定"
    page.goto(page.base + "/")
    assert page.url.startswith(page.base + "/accounts/login/")


def test_totp_enrolment_then_sign_in_with_a_code(new_page, make_user, settings):
    settings.SECOND_FACTOR_REQUIRED = True
    director = make_user(Role.DIRECTOR, full_name="龙局长")
    page = new_page()
    submit_login(page, director.username, DEMO_PASSWORD)
    page.wait_for_url("**/accounts/second-factor/setup/**")
    assert page.locator("[data-testid=qr] svg").is_visible()  # drawn on the server, no image fetched
    secret = page.get_by_test_id("secret").inner_text()
    page.fill("#id_code", code_from_secret(secret))
    page.click("button.primary")
    page.wait_for_url(page.base + "/")
    assert page.locator("h1").inner_text() == "我的工作"
    page.goto(page.base + "/accounts/")
    assert "已启用" in page.get_by_test_id("second-factor-status").inner_text()
    page.click(".userbox button[type=submit]")  # 退出

    # Signing in again: the password alone opens nothing.
    submit_login(page, director.username, DEMO_PASSWORD)
    page.wait_for_url("**/accounts/second-factor/verify/**")
    page.goto(page.base + "/notifications/")
    assert "/accounts/second-factor/verify/" in page.url
    # The next time step: a code already used is never taken twice.
    page.fill("#id_code", code_from_secret(secret, drift=1))
    page.click("button.primary")
    page.wait_for_url(page.base + "/notifications/")
    assert "龙局长" in page.locator(".userbox").inner_text()


def test_sign_out_everywhere_ends_the_other_browsers_session(new_page, make_user):
    user = make_user(Role.INSPECTOR, full_name="田监察")
    office, phone = new_page(), new_page()
    for page in (office, phone):
        submit_login(page, user.username, DEMO_PASSWORD)
        page.wait_for_url(page.base + "/")

    office.click(".userbox a.who")
    office.wait_for_url(office.base + "/accounts/")
    rows = office.locator("[data-testid=sign-ins] tbody tr")
    assert rows.count() == 2 and "成功" in rows.first.inner_text()
    office.get_by_test_id("sign-out-everywhere").click()
    office.wait_for_url("**/accounts/login/")
    assert "已在所有设备上退出登录" in office.locator(".messages").inner_text()

    phone.goto(phone.base + "/")
    assert phone.url.startswith(phone.base + "/accounts/login/")
    assert phone.locator("h1").inner_text() == "工作人员登录"
