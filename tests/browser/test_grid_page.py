"""The grid page in a real browser: a grid inspector opens their grid from the list, sees the construction-site
wage warning of an employer of the grid (and not the other grid's), follows it to the project's monitoring page;
the page passes axe-core."""

import re

import pytest

from arrears.models import ConstructionProject
from casework.demo import DEMO_PASSWORD
from tests.browser.test_accessibility import axe_page, axe_violations  # noqa: F401  (axe_page: fixture)
from tests.proactive.conftest import area  # noqa: F401  (fixture)
from tests.proactive.test_grid_page import north_and_south, raise_warnings, site

pytestmark = pytest.mark.browser


def test_a_grid_inspector_sees_and_follows_the_grids_warnings(axe_page, area):  # noqa: F811
    north, south = north_and_south(area)
    ours = site(area, "乾州安置房项目", main_contractor=north[0])
    site(area, "镇溪医院项目", main_contractor=south[0])
    raise_warnings(*ConstructionProject.objects.all())

    page = axe_page  # CSP bypassed in this context only, for the injected axe-core script
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", area.inspectors[0].username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(page.base + "/")
    page.goto(page.base + "/proactive/grids/")
    page.get_by_role("link", name=area.north.name).click()
    page.wait_for_url(re.compile(rf"/proactive/grids/{area.north.pk}/$"))
    warnings = page.get_by_test_id("grid-warnings")
    assert "乾州安置房项目" in warnings.inner_text() and north[0].name in warnings.inner_text()
    assert "镇溪医院项目" not in warnings.inner_text()
    assert axe_violations(page) == []
    warnings.get_by_role("link").first.click()
    page.wait_for_url(re.compile(rf"/arrears/projects/{ours.pk}/monitoring/$"))
