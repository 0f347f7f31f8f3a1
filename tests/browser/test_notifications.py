"""The bell and the notifications page in a real browser: see the count, follow an alert, mark read."""

from datetime import date

import pytest

from casework.services import alerts, deadlines

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _no_broker():
    """Send tasks queued by the sweep run in-process, never into a real broker."""
    from config.celery import app

    before, app.conf.task_always_eager = app.conf.task_always_eager, True
    yield
    app.conf.task_always_eager = before


def test_bell_count_notifications_page_and_mark_read(page, login, register, staff):
    overdue = register()
    deadlines.start(overdue, "inspection.accept", on=overdue.received_on, due=date(2026, 12, 8))
    soon = register()
    deadlines.start(soon, "inspection.accept", on=soon.received_on, due=date(2026, 12, 10))
    alerts.sweep(today=date(2026, 12, 9))  # unassigned: the head hears of both

    login(staff["head"])
    bell = page.locator("a.bell")
    assert page.get_by_test_id("unread-count").inner_text() == "2"
    bell.click()
    rows = page.locator("[data-testid=notification-table] tbody tr.unread")
    assert rows.count() == 2
    assert "已超期" in page.locator("[data-testid=notification-table]").inner_text()

    rows.first.get_by_role("button", name="标为已读").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("unread-count").inner_text() == "1"
    assert page.locator("tbody tr.unread").count() == 1 and page.locator("tbody tr.read").count() == 1

    page.locator("tbody tr a", has_text=overdue.number).click()
    page.wait_for_url(page.base + f"/complaints/{overdue.pk}/")
    page.goto(page.base + "/notifications/")
    page.get_by_test_id("read-all").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("unread-count").inner_text() == "0"
    assert "已将1条通知标为已读" in page.locator(".messages").inner_text()
