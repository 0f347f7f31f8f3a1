"""Headers (docs/security.md, item 2): a Content-Security-Policy without inline script on every staff page,
and ``Cache-Control: no-store`` on everything a signed-in user is sent.

The crawl signs in as the demo administrator on the demo data and follows every same-site link it finds
(staff pages, case pages, PDFs, exports, the admin, the API's browsable pages and docs)."""

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings as django_settings

from casework.demo import seed_all

ROOT = Path(__file__).resolve().parents[2]
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}  # data, never run


class InlineScriptFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")
        if tag == "script" and not values.get("src") and values.get("type") not in DATA_SCRIPT_TYPES:
            self.found.append("<script> without src")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])


def inline_scripts(html: str) -> tuple[list[str], list[str]]:
    finder = InlineScriptFinder()
    finder.feed(html)
    return finder.found, finder.links


def test_no_template_carries_inline_script():
    offenders = {}
    for folder in [ROOT / "templates", *ROOT.glob("*/templates"), *ROOT.glob("casework/*/templates")]:
        for template in folder.rglob("*.html"):
            text = template.read_text()
            # template tags stand in for attribute values; the parser only needs the markup
            found, _links = inline_scripts(re.sub(r"{[%{#].*?[%}#]}", "x", text, flags=re.S))
            if found:
                offenders[str(template.relative_to(ROOT))] = found
    assert offenders == {}


def test_the_finder_finds_inline_script():
    assert inline_scripts('<select onchange="this.form.submit()"></select>')[0]
    assert inline_scripts("<script>alert(1)</script>")[0]
    assert inline_scripts('<a href="javascript:alert(1)">x</a>')[0]
    assert not inline_scripts('<script src="/static/js/app.js" defer></script>')[0]
    assert not inline_scripts('<script type="application/json" id="drf_csrf">{}</script>')[0]


SKIP = ("/accounts/logout/", "/accounts/sign-out-everywhere/", "/i18n/", "/green/", "/admin/logout/")
SLOW = (".pdf", "export", "/download", "case-file")  # a few of each kind are enough


@pytest.mark.django_db
def test_every_staff_page_has_a_policy_without_inline_script_and_is_not_cached(client, settings):
    settings.SECOND_FACTOR_REQUIRED = False
    users = seed_all()
    client.force_login(users["admin"])
    start = ["/", "/accounts/", "/admin/", "/api/v1/docs/", "/api/v1/notifications/", "/api/v1/persons/"]
    queue, seen, slow = deque(start), set(start), 0
    problems, pages = [], 0
    while queue and pages < 260:
        url = queue.popleft()
        accept = "text/html" if url.startswith("/api/") else "*/*"
        response = client.get(url, HTTP_ACCEPT=accept)
        pages += 1
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
            continue
        if response.get("Cache-Control") != "no-store":
            problems.append(f"{url}: Cache-Control {response.get('Cache-Control')!r}")
        if not response.get("Content-Type", "").startswith("text/html") or response.status_code >= 300:
            continue
        policy = response.get("Content-Security-Policy", "")
        if (
            "script-src 'self'" not in policy
            or "unsafe-inline" in policy.split("script-src")[1].split(";")[0]
        ):
            problems.append(f"{url}: CSP {policy!r}")
        found, links = inline_scripts(response.content.decode())
        problems += [f"{url}: {item}" for item in found]
        for link in links:
            target = urldefrag(link)[0]
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path.startswith("/") or target in seen:
                continue
            if target.startswith(SKIP) or target.startswith(django_settings.STATIC_URL):
                continue
            if any(marker in target for marker in SLOW):
                if slow >= 8:
                    continue
                slow += 1
            seen.add(target)
            queue.append(target)
    assert problems == []
    assert pages >= 60  # the crawl really went through the site
