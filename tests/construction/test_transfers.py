"""Labour-cost transfers (人工费用拨付, MWWR Art 24) imported from a sheet: all rows or none, each bad row named."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from arrears.models import LabourCostTransfer
from arrears.monitoring.imports import transfer_import
from casework.services.transitions import TransitionError
from casework.sheet_import import SheetRejected

from .conftest import MONTH, xlsx

HEADER = ["所属月份", "拨付金额(元)", "拨付日期", "银行流水号"]


def _on() -> str:
    return MONTH.replace(day=20).isoformat()


def test_a_good_sheet_records_every_transfer_in_yuan(staff, project):
    rows = [
        [MONTH.strftime("%Y-%m"), "120000.10", _on(), "LS001"],
        [MONTH.strftime("%Y-%m"), 30000.2, _on(), ""],
    ]

    result = transfer_import(actor=staff["clerk"], project_id=project.pk, uploaded=xlsx(HEADER, rows))

    assert result.rows == 2 and result.months == [MONTH]
    transfers = list(LabourCostTransfer.objects.filter(project=project).order_by("amount"))
    assert [t.amount for t in transfers] == [Decimal("30000.20"), Decimal("120000.10")]
    assert transfers[1].reference == "LS001" and transfers[1].recorded_by == staff["clerk"]


def test_bad_rows_are_named_and_nothing_is_recorded(staff, project):
    transfer_import(
        actor=staff["clerk"],
        project_id=project.pk,
        uploaded=xlsx(HEADER, [[MONTH.strftime("%Y-%m"), "1000", _on(), "LS-OLD"]]),
    )
    rows = [
        [MONTH.strftime("%Y-%m"), "5000", _on(), "LS100"],
        ["2026-13", "0", "明天", ""],
        [MONTH.strftime("%Y-%m"), "5000", _on(), "LS100"],  # repeated in the file
        [MONTH.strftime("%Y-%m"), "800", _on(), "LS-OLD"],  # already recorded
    ]

    with pytest.raises(SheetRejected) as exc:
        transfer_import(actor=staff["clerk"], project_id=project.pk, uploaded=xlsx(HEADER, rows))

    found = {(e.row, e.column) for e in exc.value.errors}
    assert {(3, "所属月份"), (3, "拨付金额(元)"), (3, "拨付日期")} <= found
    assert (4, "银行流水号") in found and (5, "银行流水号") in found
    assert LabourCostTransfer.objects.filter(project=project).count() == 1


def test_only_staff_who_register_may_import(staff, project):
    rows = [[MONTH.strftime("%Y-%m"), "5000", _on(), ""]]
    with pytest.raises(TransitionError):
        transfer_import(actor=staff["auditor"], project_id=project.pk, uploaded=xlsx(HEADER, rows))
    assert not LabourCostTransfer.objects.exists()


def test_the_page_imports_and_offers_the_template(client, staff, project):
    client.force_login(staff["clerk"])
    template = client.get(reverse("arrears:monitoring-template", args=["transfer"]))
    sheet = load_workbook(
        io.BytesIO(b"".join(template.streaming_content if template.streaming else [template.content]))
    )
    assert [c.value for c in sheet.worksheets[0][1]] == HEADER

    url = reverse("arrears:monitoring-import", args=[project.pk, "transfer"])
    bad = client.post(url, {"file": xlsx(HEADER, [["2026-13", "1", _on(), ""]], "拨付.xlsx")})
    assert bad.status_code == 400 and "所属月份" in bad.content.decode()
    good = client.post(
        url, {"file": xlsx(HEADER, [[MONTH.strftime("%Y-%m"), "5000", _on(), ""]], "拨付.xlsx")}
    )
    assert good.status_code == 302 and LabourCostTransfer.objects.get().amount == Decimal("5000.00")
