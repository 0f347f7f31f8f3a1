"""Real-browser tests: Playwright for Python driving Debian's chromium (never a downloaded browser)."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _restore_migrated_data(transactional_db, migrated_data):
    """Put back the migration-seeded rows that an earlier live-server test's flush removed."""
    from django.core import serializers
    from django.db import connection, transaction

    from casework.models import Jurisdiction

    if Jurisdiction.objects.exists():
        return
    # Tables that post_migrate refilled after the flush (content types, permissions, role groups) are
    # left as they are; every other captured row is saved again.
    refilled, deferred = {}, []
    with transaction.atomic(), connection.constraint_checks_disabled():
        for obj in serializers.deserialize("json", migrated_data, handle_forward_references=True):
            model = type(obj.object)
            if model not in refilled:
                refilled[model] = model._base_manager.exists()
            if not refilled[model]:
                obj.save()
                if obj.deferred_fields:
                    deferred.append(obj)
        for obj in deferred:
            obj.save_deferred_fields()


@pytest.fixture(scope="session")
def _playwright():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: run scripts/install-system-deps.sh")
    # The Django test server runs in another thread; Playwright's sync API keeps an event loop in
    # this one, which Django would otherwise take for async context.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base = live_server.url
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        accept_downloads=True,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base = live_server.url
    yield page
    context.close()


@pytest.fixture
def login(page):
    def do_login(user, password="Demo#2026"):
        page.goto(page.base + "/accounts/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_url(page.base + "/")
        return page

    return do_login
