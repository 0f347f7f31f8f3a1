"""axe-core over every public and the main staff pages: no serious or critical violation. Public pages also fit
320 px and stay readable with the text at 200 %; after a failed submit the focus is on the error summary.

axe-core comes from npm (package.json at the repo root; ``scripts/install-system-deps.sh`` runs ``npm ci``)."""

import re
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from casework.demo import DEMO_PASSWORD, seed_all
from casework.sms import LoggingSMSBackend
from tests.browser.test_green_channel import fill_complaint
from tests.factories import make_id_number

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
ID_NUMBER = make_id_number(area="433127")


@pytest.fixture(autouse=True)
def _own_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"a11y-browser-{uuid.uuid4().hex}",
        }
    }
    LoggingSMSBackend.sent.clear()


@pytest.fixture(autouse=True)
def _eager_celery(monkeypatch):
    from casework.tasks import send_lookup_code

    monkeypatch.setattr(send_lookup_code, "delay", lambda *args: send_lookup_code.run(*args))


def _context_page(browser, live_server, **options):
    if not AXE.exists():
        pytest.fail(f"{AXE} missing: run scripts/install-system-deps.sh (npm ci)")
    # CSP bypassed so the injected axe script runs on the staff pages too (this context only).
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", bypass_csp=True, **options)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base = live_server.url
    return context, page


@pytest.fixture
def axe_page(browser, live_server):
    context, page = _context_page(browser, live_server)
    yield page
    context.close()


@pytest.fixture
def narrow_page(browser, live_server):
    """The narrowest phone the public pages must serve: 320 CSS px."""
    context, page = _context_page(
        browser, live_server, viewport={"width": 320, "height": 640}, is_mobile=True
    )
    yield page
    context.close()


# At 320 px, and again with the text at 200 % (the root font size doubled, as a browser's text zoom does to
# rem/em sizes): nothing wider than the screen, and no text cut off inside its box in the main content.
LAYOUT_CHECK = """(width) => {
  const found = [];
  if (document.documentElement.scrollWidth > width)
    found.push(`page ${document.documentElement.scrollWidth}px wide at ${width}px`);
  for (const el of document.querySelectorAll('main label, main legend, main p, main a, main button, main h1, main h2, main dt, main dd, main li, main select')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1)
      found.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 20)}" ends at ${Math.round(box.right)}px`);
    const style = getComputedStyle(el);
    if (style.overflow !== 'visible' && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
      found.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 20)}" clipped`);
  }
  return found;
}"""


def layout_problems(page) -> list[str]:
    width = page.viewport_size["width"]  # a mobile browser widens window.innerWidth to fit what overflows
    found = [f"{page.url} at 100%: {p}" for p in page.evaluate(LAYOUT_CHECK, width)]
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    found += [f"{page.url} at 200% text: {p}" for p in page.evaluate(LAYOUT_CHECK, width)]
    page.evaluate("document.documentElement.style.fontSize = ''")
    return found


# Two faults axe rates below "serious" that the issue names: references to ids that do not exist, and empty
# header cells (the statistics totals rows).
OWN_CHECKS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('[aria-describedby], [aria-labelledby]')) {
    for (const attr of ['aria-describedby', 'aria-labelledby']) {
      for (const id of (el.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) found.push(`${attr} -> missing #${id} on ${el.id || el.tagName}`);
      }
    }
  }
  for (const th of document.querySelectorAll('th')) {
    if (!th.textContent.trim() && !th.getAttribute('aria-label')) found.push(`empty <th> in ${th.closest('table').dataset.testid || 'a table'}`);
  }
  return found;
}"""


def axe_violations(page) -> list[str]:
    """The serious and critical violations on the page now, one line each: rule id and the elements."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{page.url}: {problem}" for problem in page.evaluate(OWN_CHECKS)] + [
        f"{page.url}: {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:5]}"
        for v in results
        if v["impact"] in BLOCKING
    ]


class Audit:
    def __init__(self, page, *, layout=False):
        self.page, self.layout, self.found, self.visited = page, layout, [], []

    def check(self, path=None):
        if path is not None:
            response = self.page.goto(self.page.base + path)
            assert response.status == 200, f"{path}: HTTP {response.status}"
        self.visited.append(self.page.url)
        self.found += axe_violations(self.page)
        if self.layout:
            self.found += layout_problems(self.page)

    def first_link(self, path, pattern):
        """Open the list at ``path`` and check the first detail page it links to."""
        self.check(path)
        href = self.page.locator(f"a[href^='{pattern}']").evaluate_all(
            "(els, p) => els.map(e => e.pathname).filter(h => new RegExp('^' + p + '\\\\d+/$').test(h))",
            pattern,
        )
        assert href, f"no detail link like {pattern} on {path}"
        self.check(href[0])

    def assert_clean(self):
        assert not self.found, "accessibility problems:\n" + "\n".join(self.found)


def serve_a_document(users):
    """Send one demo complaint's rectification order by electronic service; return the SMS link path."""
    from casework.documents.electronic import send_electronic_service
    from casework.documents.services import issue_document, record_service_address
    from casework.inspection import services as svc
    from casework.inspection.models import Complaint

    inspector = users["inspector1"]
    case = Complaint.objects.filter(state="investigating", assignees=inspector).first()
    svc.complaint_order_rectification(
        actor=inspector,
        complaint_id=case.pk,
        due_on=timezone.localdate() + timedelta(days=10),
        items="支付工资",
    )
    issued = issue_document(Complaint, case.pk, actor=inspector, slug="rectification-order")
    address = record_service_address(
        Complaint, case.pk, actor=inspector, recipient="张建国", id_number="43310119800101019X",
        phone="13907430000", signed_on=timezone.localdate(), electronic_consent=True,
    )  # fmt: skip
    send_electronic_service(Complaint, case.pk, actor=inspector, document=issued.pk, address=address.pk)
    (message,) = [text for phone, text in LoggingSMSBackend.sent if phone == "13907430000"]
    return re.search(r"https?://[^/\s]+(/\S+)", message).group(1)


def test_public_pages_pass_axe_and_fit_320px_with_text_at_200_percent(narrow_page):
    users = seed_all()
    e_service = serve_a_document(users)
    page, audit = narrow_page, Audit(narrow_page, layout=True)
    for path in ("/green/", "/green/complaint/", "/green/apply/", "/green/lookup/", "/green/lookup/phone/"):
        audit.check(path)
    page.goto(page.base + "/green/apply/")
    apply_forms = page.locator("main a[href^='/green/apply/']").evaluate_all(
        "els => els.map(e => e.pathname)"
    )
    assert apply_forms
    for path in apply_forms:
        audit.check(path)
    audit.check("/green/open-data/")
    audit.check("/green/open-data/fields/")
    audit.check(e_service)
    audit.first_link("/public/draws/", "/public/draws/")

    # a failed submit: the error summary has the focus and passes axe too
    page.goto(page.base + "/green/complaint/")
    page.get_by_test_id("submit").click()
    page.get_by_test_id("form-errors").wait_for()
    assert page.evaluate("document.activeElement.dataset.testid") == "form-errors"
    audit.check()

    # a complaint filed: its receipt, then its progress page after the lookup
    fill_complaint(page, ID_NUMBER)
    page.get_by_test_id("submit").click()
    number = page.get_by_test_id("case-number").inner_text()
    audit.check()
    page.goto(page.base + "/green/lookup/")
    page.fill("#id_case_number", number)
    page.fill("#id_id_suffix", ID_NUMBER[-6:])
    page.get_by_test_id("lookup-submit").click()
    page.get_by_test_id("stage").wait_for()
    audit.check()
    audit.assert_clean()


STAFF_LISTS = [
    # (list page, detail-link prefix or None)
    ("/complaints/", "/complaints/"),
    ("/arrears/", "/arrears/"),
    ("/arbitrations/", "/arbitrations/"),
    ("/mediations/", "/mediations/"),
    ("/clues/", "/clues/"),
    ("/arrears/projects/", "/arrears/projects/"),
    ("/parties/employers/", "/parties/employers/"),
    ("/proactive/draws/", "/proactive/draws/"),
]
STAFF_PAGES = [
    "/",
    "/stats/",
    "/deadlines/calculator/",
    "/deadlines/calculator/?rule=inspection.accept&start=2026-09-18",  # a result
    "/deadlines/calculator/?rule=inspection.accept&start=2026-13-40",  # a mistake
    "/notifications/",
    "/notifications/preferences/",
    "/accounts/",
    "/arrears/monitoring/",
    "/arrears/warnings/",
    "/arrears/risk/",
    "/arrears/blacklist/",
    "/proactive/inspections/",
    "/stats/clues/",
]


def test_staff_pages_pass_axe(axe_page):
    seed_all()
    page, audit = axe_page, Audit(axe_page)
    audit.check("/accounts/login/")
    page.fill("#id_username", "director")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base + "/")
    for path in STAFF_PAGES:
        audit.check(path)
    for path, prefix in STAFF_LISTS:
        audit.first_link(path, prefix)
        if prefix == "/arrears/projects/":
            audit.check(page.url.removeprefix(page.base) + "monitoring/")
    audit.check("/stats/returns/ma1/")  # the official returns: every form the tabs link to
    returns = page.locator("a[href^='/stats/returns/']").evaluate_all("els => els.map(e => e.pathname)")
    others = sorted(
        {p for p in returns if re.fullmatch(r"/stats/returns/[\w-]+/", p)} - {"/stats/returns/ma1/"}
    )
    assert others
    for path in others:
        audit.check(path)
    audit.assert_clean()
