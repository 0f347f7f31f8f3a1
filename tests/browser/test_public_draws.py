"""The public draw pages at phone width in a real browser: hashes, seed and results readable, no personal data."""

import re

import pytest

from casework.proactive.models import Draw
from casework.proactive.services import draws
from tests.proactive.conftest import area, people  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture
def published(area):  # noqa: F811
    draw = draws.draw_announce(
        actor=area.head, title="双随机抽查（浏览器测试）", jurisdiction=area.north.jurisdiction,
        quotas={"433101": 3}, seed_source="公开字符串",
    )  # fmt: skip
    draws.draw_publish_seed(actor=area.head, draw_id=draw.pk, value="20261210-517")
    draws.draw_run(actor=area.head, draw_id=draw.pk)
    return draws.draw_publish_results(actor=area.head, draw_id=draw.pk)


def test_public_draw_page_on_a_phone(phone_page, published, area, people):  # noqa: F811
    page = phone_page
    page.goto(page.base + "/public/draws/")
    page.get_by_role("link", name=published.title).click()
    page.wait_for_url(re.compile(rf"/public/draws/{published.pk}/$"))
    assert page.get_by_test_id("seed").inner_text() == published.seed
    assert page.get_by_test_id("inputs-hash").inner_text() == published.inputs_sha256
    results = page.get_by_test_id("draw-results")
    assert results.locator("li").count() == 3
    # nothing wider than the phone's screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    text = page.content()
    for person in people:
        for value in (person.name, person.id_number, person.phone):
            assert not value or value not in text
    for employer in area.employers:
        assert employer.legal_representative not in text
    assert Draw.objects.get(pk=published.pk).state == "published"
