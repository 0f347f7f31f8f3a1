"""Importing the national platform's export and 12345 work orders: good, bad and repeated files."""

from datetime import date
from decimal import Decimal

import pytest

from casework.clues.importing import ClueSheetRejected, clues_import
from casework.clues.models import Clue
from casework.models import Deadline, TransitionLog
from casework.services.transitions import TransitionForbidden

from .conftest import HOTLINE_HEADER, NATIONAL_HEADER, national_row, xlsx

pytestmark = pytest.mark.django_db


def run(staff, jishou, channel, data, name="export.xlsx", who="clerk"):
    return clues_import(actor=staff[who], jurisdiction=jishou, channel=channel, data=data, filename=name)


def test_a_good_national_export_is_imported_with_every_field_and_its_reply_deadline(
    staff, jishou, credit_code
):
    data = xlsx(NATIONAL_HEADER, [national_row(i, code=credit_code) for i in range(1, 4)], title="线索导出")

    result = run(staff, jishou, "national_platform", data)

    assert len(result.created) == 3 and result.message == "已导入3条线索"
    clue = Clue.objects.get(external_ref="GZQX2026000001")
    assert clue.channel == "national_platform" and clue.state == "registered"
    assert clue.received_on == date(2026, 11, 2) and clue.amount == Decimal("15600.50")
    assert (clue.period_from, clue.period_to, clue.workers) == (date(2026, 8, 1), date(2026, 10, 31), 3)
    assert clue.employer_credit_code == credit_code and clue.number.startswith("吉首")
    deadline = Deadline.objects.get(object_id=clue.pk, rule="clue.reply.national_platform")
    assert deadline.due_on == date(2026, 11, 16)  # 10 working days from Mon 2 Nov


def test_a_file_imported_again_changes_nothing_and_says_so(staff, jishou, credit_code):
    data = xlsx(NATIONAL_HEADER, [national_row(i, code=credit_code) for i in range(1, 3)])
    run(staff, jishou, "national_platform", data)
    logs = TransitionLog.objects.count()

    again = run(staff, jishou, "national_platform", data)

    assert again.created == [] and again.message == "文件中的2条线索此前均已导入，未作任何更改"
    assert Clue.objects.count() == 2 and TransitionLog.objects.count() == logs
    more = xlsx(NATIONAL_HEADER, [national_row(i, code=credit_code) for i in range(1, 4)])
    third = run(staff, jishou, "national_platform", more)
    assert len(third.created) == 1 and "2条此前已导入" in third.message


def test_a_bad_file_imports_nothing_and_names_every_bad_row(staff, jishou, credit_code):
    rows = [
        national_row(1, code=credit_code),
        national_row(2, code=credit_code, id="433101198501010000"),  # check digit wrong
        national_row(3, code="91433101MA4P00000X", amount="6000.005"),
        national_row(4, code=credit_code, ref="", facts=""),
        national_row(5, code=credit_code, ref="GZQX2026000001"),  # repeated in the file
        national_row(6, code=credit_code, to=date(2026, 7, 1)),  # ends before it starts
    ]

    with pytest.raises(ClueSheetRejected) as err:
        run(staff, jishou, "national_platform", xlsx(NATIONAL_HEADER, rows))

    found = {(e.row, e.column) for e in err.value.errors}
    assert (3, "反映人身份证号") in found
    assert (4, "统一社会信用代码") in found and (4, "欠薪金额（元）") in found
    assert (5, "线索编号") in found and (5, "问题描述") in found
    assert (6, "线索编号") in found and (7, "欠薪结束时间") in found
    assert all(e.reason for e in err.value.errors) and "未导入任何线索" in err.value.summary
    assert Clue.objects.count() == 0


def test_files_that_cannot_be_read_are_refused_in_chinese(staff, jishou):
    with pytest.raises(ClueSheetRejected) as err:
        run(staff, jishou, "national_platform", b"\x00\x01garbage", name="x.xls")
    assert "xls" in err.value.errors[0].reason
    with pytest.raises(ClueSheetRejected) as err:
        run(staff, jishou, "national_platform", xlsx(["姓名", "金额"], [["张三", 1]]))
    assert "找不到表头" in err.value.errors[0].reason


def test_twelve345_work_orders_from_csv_in_gbk(staff, jishou):
    lines = [
        ",".join(HOTLINE_HEADER),
        "GD20261101001,2026/11/03 10:00,石大勇,0743-8222333,吉首某劳务公司,乾州,讨薪",
    ]
    data = "\n".join(lines).encode("gb18030")

    result = run(staff, jishou, "hotline_12345", data, name="工单.csv")

    clue = result.created[0]
    assert clue.channel == "hotline_12345" and clue.external_ref == "GD20261101001"
    assert clue.reporter_phone == "0743-8222333" and clue.received_on == date(2026, 11, 3)


def test_only_staff_of_the_jurisdiction_import(staff, jishou, credit_code):
    data = xlsx(NATIONAL_HEADER, [national_row(1, code=credit_code)])
    for who in ("auditor", "luxi_inspector", "arbitrator"):
        with pytest.raises(TransitionForbidden):
            run(staff, jishou, "national_platform", data, who=who)
    assert not Clue.objects.exists()


def test_the_import_page_shows_the_row_errors_and_then_the_result(client, staff, credit_code, jishou):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff["clerk"])
    bad = xlsx(NATIONAL_HEADER, [national_row(1, code=credit_code, amount="abc")])
    page = client.post(
        "/clues/import/",
        {
            "jurisdiction": jishou.pk,
            "channel": "national_platform",
            "file": SimpleUploadedFile("a.xlsx", bad),
        },
    )
    assert page.status_code == 200 and "第2行" not in page.content.decode()  # a table, not text
    assert "欠薪金额（元）" in page.content.decode() and "未导入任何线索" in page.content.decode()
    good = xlsx(NATIONAL_HEADER, [national_row(1, code=credit_code)])
    done = client.post(
        "/clues/import/",
        {
            "jurisdiction": jishou.pk,
            "channel": "national_platform",
            "file": SimpleUploadedFile("a.xlsx", good),
        },
        follow=True,
    )
    assert "已导入1条线索" in done.content.decode()
