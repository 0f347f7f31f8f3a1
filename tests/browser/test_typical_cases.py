"""Typical cases on a phone: the public list, a case, the feed — fitting the screen, with no party's data in
any response the browser receives, and a withdrawn case gone."""

import pytest

from casework.inspection.models import Complaint
from casework.typical import services as typical
from tests.fixtures_typical import STORY, personal_values

pytestmark = pytest.mark.django_db(transaction=True)


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_worker_reads_typical_cases_on_a_phone_and_no_response_shows_a_party(phone_page, published, staff):
    page = phone_page
    shown = published()
    secret = personal_values()
    assert secret  # the database has parties to leak
    bodies = []
    page.on("response", lambda r: bodies.append((r.url, r.text())) if r.ok and "/green/" in r.url else None)

    page.goto(page.base + "/green/")
    page.click("text=典型案例")
    page.wait_for_url("**/green/typical-cases/")
    assert page.locator(f"[data-testid=typical-{shown.pk}]").is_visible()
    assert fits_the_screen(page)
    page.click(f"text={shown.title}")
    page.wait_for_url(f"**/green/typical-cases/{shown.pk}/")
    assert STORY in page.locator("[data-testid=typical-detail]").inner_text()
    assert fits_the_screen(page)
    page.goto(page.base + "/green/typical-cases/feed.json")
    assert shown.title in page.content()

    assert len(bodies) >= 4
    for url, body in bodies:
        leaked = [v for v in secret if v in body]
        assert not leaked, f"{url} shows {leaked}"

    typical.withdraw(Complaint, shown.object_id, actor=staff["head"], typical=shown.pk, reason="撤回")
    page.goto(page.base + "/green/typical-cases/")
    assert page.locator(f"[data-testid=typical-{shown.pk}]").count() == 0
    response = page.goto(page.base + f"/green/typical-cases/{shown.pk}/")
    assert response.status == 404
