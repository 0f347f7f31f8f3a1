"""The public open-data page on a phone: it fits the screen, shows when it was generated, and the CSV
downloads with the rows the page shows."""

import pytest

from casework.models import Jurisdiction
from casework.public import open_data
from tests.green.test_open_data import complaint
from tests.statistics.conftest import local

pytestmark = pytest.mark.django_db(transaction=True)


def test_open_data_on_a_phone(phone_page):
    jishou = Jurisdiction.objects.get(code="433101")
    for day in (3, 9, 20):
        complaint(jishou, local(2026, 3, day), "police_transferred", workers=10)
    complaint(jishou, local(2026, 3, 4), "no_violation")
    document = open_data.generate()
    page = phone_page
    page.goto(page.base + "/green/open-data/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    stamp = document["generated_at"][:16].replace("T", " ")
    assert stamp in page.get_by_test_id("generated-at").inner_text()
    cards = page.get_by_test_id("open-data-rows").locator("li")
    assert cards.count() == 2
    assert "<3" in page.get_by_test_id("open-data-rows").inner_text()
    with page.expect_download() as info:
        page.get_by_test_id("download-csv").click()
    download = info.value
    assert download.suggested_filename == "closed_cases.csv"
    text = open(download.path(), encoding="utf-8-sig").read()
    assert "移送公安机关" in text and "<3" in text
    page.get_by_test_id("fields-link").click()
    assert "数据字典" in page.locator("h1").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
