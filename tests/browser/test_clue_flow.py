"""Clues in a real browser: import a national-platform export, triage one clue as a complaint, merge a
duplicate and unmerge it, answer and download the channel's reply file."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from casework.clues.models import Clue
from tests.clues.conftest import NATIONAL_HEADER, national_row, xlsx
from tests.factories import make_credit_code

pytestmark = pytest.mark.django_db(transaction=True)


def act(page, name, **fields):
    page.locator(f"details:has(form[data-transition='{name}']) summary").click()
    form = page.locator(f"form[data-transition='{name}']")
    for field, value in fields.items():
        target = form.locator(f"[name='{field}']")
        if field in ("kind", "outcome"):
            target.select_option(value)
        else:
            target.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_import_triage_merge_unmerge_reply_and_export(page, login, staff, jishou, tmp_path):
    code = make_credit_code("433101", "MA4P24680")
    sample = tmp_path / "线索导出.xlsx"
    sample.write_bytes(xlsx(NATIONAL_HEADER, [national_row(i, code=code) for i in (1, 2)]))
    login(staff["inspector1"])

    page.goto(page.base + "/clues/import/")
    page.select_option("#id_channel", "national_platform")
    page.set_input_files("#id_file", str(sample))
    page.click("button:has-text('导入')")
    assert "已导入2条线索" in page.locator(".messages").inner_text()
    first, second = Clue.objects.order_by("pk")

    # the second clue is a duplicate of the first: the page shows it, the inspector merges it
    page.goto(page.base + f"/clues/{second.pk}/")
    assert page.locator(f"[data-candidate='{first.number}']").count() == 1
    act(page, "merge", into=first.number)
    assert page.get_by_test_id("case-state").inner_text() == "已合并"
    assert page.get_by_test_id("merged-into").inner_text() == first.number
    act(page, "unmerge", reason="经核实为不同班组")
    assert page.get_by_test_id("case-state").inner_text() == "待分办"

    # the first is opened as a complaint, answered, and the reply file downloaded
    page.goto(page.base + f"/clues/{first.pk}/")
    act(page, "open_case", kind="complaint")
    assert page.get_by_test_id("case-state").inner_text() == "已立案办理"
    complaint_number = page.get_by_test_id("linked-case").inner_text()
    assert complaint_number.startswith("吉首劳监投")
    act(page, "reply", outcome="case_filed")
    assert page.get_by_test_id("outcome").inner_text() == "已立案查处"

    page.goto(page.base + "/clues/")
    page.locator("summary:has-text('导出核处结论')").click()
    with page.expect_download() as download:
        page.locator("[data-testid=reply-export] button").click()
    saved = Path(download.value.path()).read_bytes()
    rows = list(load_workbook(io.BytesIO(saved)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("线索编号", "被反映单位名称", "核处结论")
    assert rows[1][0] == first.external_ref and rows[1][2] == "已立案查处" and complaint_number in rows[1][3]
