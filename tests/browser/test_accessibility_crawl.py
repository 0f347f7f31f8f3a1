"""axe-core over every staff page, found by crawling rather than from a hand list that goes stale (issue 23
item 4): the director's links breadth-first from "/", then an inspector's (the case pages with the handler's
action forms). Each Django URL pattern is audited once; the crawl must reach every pattern in ``MUST_REACH``.
Then an empty staff create form: the error state passes axe and the focus is on the error summary."""

import time
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from casework.demo import DEMO_PASSWORD, seed_all
from tests.browser.test_accessibility import (  # noqa: F401  (_own_cache, _eager_celery: autouse fixtures)
    Audit,
    _context_page,
    _eager_celery,
    _own_cache,
)

pytestmark = pytest.mark.django_db(transaction=True)

CAP = 120  # pages audited at most, both users together
# Not crawled: Django's admin, the JSON API, downloads, sign-out, and the public/claimant/helper pages (audited
# at 320 px by test_accessibility, test_claimant_page and test_assisted_filing).
SKIP_PREFIXES = (
    "/admin/",
    "/api/",
    "/accounts/logout/",
    "/green/",
    "/public/",
    "/assisted/",
    "/static/",
    "/media/",
)
SKIP_SUFFIXES = (".xlsx", ".csv", ".pdf", ".json", "/download/")
# Patterns the crawl must reach: if a link disappears, or the crawl stops early, this fails.
MUST_REACH = {
    "",
    "accounts/",
    "stats/",
    "stats/returns/<slug:code>/",
    "deadlines/calculator/",
    "notifications/",
    "notifications/preferences/",
    "supervision/",
    "typical-cases/",
    "parties/employers/",
    "parties/employers/<int:pk>/",
    "complaints/",
    "complaints/new/",
    "complaints/<int:pk>/",
    "clues/",
    "clues/new/",
    "clues/<int:pk>/",
    "clues/import/",
    "arrears/",
    "arrears/new/",
    "arrears/<int:pk>/",
    "arrears/projects/",
    "arrears/projects/<int:pk>/",
    "arrears/monitoring/",
    "arrears/warnings/",
    "arrears/blacklist/",
    "mediations/",
    "mediations/<int:pk>/",
    "arbitrations/",
    "arbitrations/new/",
    "mediations/new/",
    "arbitrations/<int:pk>/",
    "proactive/inspections/",
    "proactive/grids/",
    "proactive/draws/",
}
# Case pages whose forms depend on who handles the case: audited again as the inspector.
# A link that answers 403/404 fails the test too (e.g. the statistics page naming a case the viewer cannot open).
# The director sees every list; the inspector and the arbitration chair handle cases and register them: the
# action and create forms.
CRAWLERS = ("director", "inspector1", "chair")
CASE_LISTS = ("/complaints/", "/arrears/", "/arbitrations/", "/mediations/", "/clues/")

LINKS = "els => els.map(a => a.origin === location.origin ? a.pathname + a.search : null).filter(Boolean)"


def route_of(path: str) -> str | None:
    path = urlsplit(path).path
    if path.startswith(SKIP_PREFIXES) or path.endswith(SKIP_SUFFIXES):
        return None
    try:
        return resolve(path).route
    except Resolver404:
        return None


def log_in(page, username: str) -> None:
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base + "/")


def crawl(audit: Audit, start: list[str], audited: set[str], budget: int) -> list[str]:
    """Breadth-first over same-origin links from ``start``, one page per URL pattern; audit each pattern not in
    ``audited`` yet (the pages seen before are still opened, for their links)."""
    page, queue, visited, done = audit.page, deque((path, "start") for path in start), set(), []
    while queue and len(done) < budget:
        path, linked_from = queue.popleft()
        route = route_of(path)
        if route is None or route in visited:
            continue
        visited.add(route)
        response = page.goto(page.base + path)
        if response.status != 200:
            audit.found.append(f"{path} (linked from {linked_from}): HTTP {response.status}")
            continue
        if route not in audited:
            audited.add(route)
            audit.check()
            done.append(route)
        queue.extend((link, path) for link in page.locator("a[href]").evaluate_all(LINKS))
    return done


def first_details(page) -> list[str]:
    found = []
    for path in CASE_LISTS:
        page.goto(page.base + path)
        links = page.locator(f"main a[href^='{path}']").evaluate_all(
            "(els, p) => els.map(e => e.pathname).filter(h => new RegExp('^' + p + '\\\\d+/$').test(h))", path
        )
        found += links[:1]
    return found


def test_every_staff_page_found_by_crawling_passes_axe(browser, live_server):
    seed_all()
    started, audited, found = time.monotonic(), set(), []
    pages: list[str] = []
    for username in CRAWLERS:
        context, page = _context_page(browser, live_server)
        audit = Audit(page)
        log_in(page, username)
        details = first_details(page)
        # A case page shows the forms of what this user may do on it: audited again for each user.
        audited -= {route_of(path) for path in details}
        pages += crawl(audit, [*details, "/"], audited, CAP - len(pages))
        found += audit.found
        context.close()
    elapsed = time.monotonic() - started
    print(f"\naxe crawl: {len(pages)} pages in {elapsed:.0f}s:\n  " + "\n  ".join(pages))
    missing = sorted(MUST_REACH - audited)
    assert not found and not missing, "\n".join(found + [f"crawl did not reach {missing}"] * bool(missing))


def test_an_empty_staff_create_form_shows_errors_that_pass_axe(browser, live_server):
    seed_all()
    context, page = _context_page(browser, live_server)
    audit = Audit(page)
    log_in(page, "inspector1")
    page.goto(page.base + "/complaints/new/")
    page.locator("main form button.primary[type=submit]").click()
    page.get_by_test_id("form-errors").wait_for()
    assert page.evaluate("document.activeElement.dataset.testid") == "form-errors"
    audit.check()
    context.close()
    audit.assert_clean()
