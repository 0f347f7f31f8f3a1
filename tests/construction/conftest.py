import datetime
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from openpyxl import Workbook

from arrears.monitoring.evaluate import previous_month
from arrears.services.projects import project_create
from tests.factories import EmployerFactory, make_id_number

MONTH = previous_month()


def id_number(i: int) -> str:
    return make_id_number("433101", datetime.date(1985, 1, 1) + timedelta(days=i), seq=(2 * i + 1) % 1000)


def xlsx(header: list, rows: list[list], name: str = "sheet.xlsx") -> io.BytesIO:
    """An uploaded .xlsx with text cells, as a clerk would fill the template."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


ROSTER_HEADER = ["姓名", "身份证号码", "约定日工资(元)", "进场日期", "签订劳动合同(是/否)"]
ATTENDANCE_HEADER = ["身份证号码", "姓名", "月份", "出勤天数"]
PAY_HEADER = ["身份证号码", "姓名", "月份", "实发工资(元)", "发放日期", "发放方式", "工人签字(是/否)"]


def roster_rows(n: int, *, daily_wage: str = "300") -> list[list]:
    entered = (MONTH - timedelta(days=40)).isoformat()
    return [[f"工人{i}", id_number(i), daily_wage, entered, "是"] for i in range(n)]


def attendance_rows(n: int, days: str = "22") -> list[list]:
    return [[id_number(i), f"工人{i}", MONTH.strftime("%Y-%m"), days] for i in range(n)]


def pay_rows(indices, amount: str = "6600") -> list[list]:
    paid_on = (MONTH + timedelta(days=40)).isoformat()
    if datetime.date.fromisoformat(paid_on) > datetime.date.today():
        paid_on = datetime.date.today().isoformat()
    return [
        [id_number(i), f"工人{i}", MONTH.strftime("%Y-%m"), amount, paid_on, "专户代发", "是"]
        for i in indices
    ]


@pytest.fixture
def project(staff, jishou):
    """A project in 吉首 started before the month, with a notice board, a deposit and a main contractor."""
    return project_create(
        actor=staff["clerk"],
        jurisdiction=jishou,
        name="吉首市某安置房项目",
        location="吉首市乾州街道",
        main_contractor=EmployerFactory(jurisdiction=jishou),
        subcontractor=EmployerFactory(jurisdiction=jishou),
        started_on=MONTH - timedelta(days=60),
        rights_notice_board=True,
        wage_deposit_amount=Decimal("100000"),
    )
