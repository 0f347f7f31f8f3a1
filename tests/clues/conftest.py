import io
from datetime import date

import pytest
from openpyxl import Workbook

from casework.clues.services import clue_register
from tests.factories import make_credit_code, make_id_number

NATIONAL_HEADER = [
    "线索编号",
    "反映时间",
    "反映人姓名",
    "反映人身份证号",
    "联系电话",
    "被反映单位名称",
    "统一社会信用代码",
    "项目名称",
    "欠薪发生地",
    "欠薪人数",
    "欠薪金额（元）",
    "欠薪开始时间",
    "欠薪结束时间",
    "问题描述",
]
HOTLINE_HEADER = ["工单编号", "来电时间", "来电人", "来电号码", "被反映对象", "事发地址", "诉求内容"]


def xlsx(header, rows, *, title: str | None = None) -> bytes:
    """A sample file as the channel exports it (openpyxl), with an optional title line above the header."""
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def national_row(n: int, *, code: str, name: str = "湘西峒河建设有限公司", **over) -> list:
    values = {
        "ref": f"GZQX2026{n:06d}",
        "at": "2026-11-02 09:30:00",
        "reporter": f"彭务工{n}",
        "id": make_id_number("433101", date(1985, 1, 1), seq=n),
        "phone": "13907431234",
        "employer": name,
        "code": code,
        "project": "乾州安置房二期",
        "place": "吉首市乾州街道",
        "workers": 3,
        "amount": 15600.5,
        "from": date(2026, 8, 1),
        "to": date(2026, 10, 31),
        "facts": "钢筋班组三个月工资未发",
    }
    values.update(over)
    return list(values.values())


@pytest.fixture
def credit_code():
    return make_credit_code("433101", "MA4P12345")


@pytest.fixture
def new_clue(staff, jishou, credit_code):
    def make(**over):
        data = dict(
            actor=staff["clerk"],
            jurisdiction=jishou,
            channel="national_platform",
            external_ref="",
            received_on=date(2026, 11, 20),
            reporter_name="彭务工",
            reporter_id_number=make_id_number("433101", date(1990, 5, 5), seq=11),
            reporter_phone="13907430001",
            employer_name="湘西峒河建设有限公司",
            employer_credit_code=credit_code,
            project_name="乾州安置房二期",
            facts="钢筋班组三个月工资未发",
            amount="15600.00",
            workers=3,
        )
        data.update(over)
        return clue_register(**data)

    return make
