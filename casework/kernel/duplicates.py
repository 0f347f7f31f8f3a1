"""Whether two cases (of any type) may report the same arrears: what they share, scored out of 100.

A case type says what it knows through ``Facts`` (employer's credit code and name, project, the worker's ID
number and phone, the period and the amount); ``score`` compares two of them. Clues and complaints both use it
(``casework.clues.merging``, ``casework.inspection.duplicates``).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from casework.kernel.employers import normalised_employer_name

# What a candidate shares with the case, and how much each counts (out of 100).
WEIGHTS = {
    "credit_code": 35,
    "employer_name": 25,  # only when the credit codes do not decide it
    "project": 15,
    "worker_id": 20,
    "phone": 10,
    "period": 10,
    "amount": 10,
}
LABELS = {
    "credit_code": "信用代码相同",
    "employer_name": "单位名称相同",
    "project": "同一项目",
    "worker_id": "同一反映人身份证",
    "phone": "同一联系电话",
    "period": "欠薪期间重叠",
    "amount": "金额相近",
}
MIN_SCORE = 25  # the same employer by name alone is worth a look


@dataclass
class Facts:
    credit_code: str = ""
    employer_name: str = ""
    project: str = ""
    worker_id: str = ""
    phone: str = ""
    period_from: datetime.date | None = None
    period_to: datetime.date | None = None
    amount: Decimal | None = None


def _overlap(a: Facts, b: Facts) -> bool:
    if not (a.period_from and b.period_from):
        return False
    a_to, b_to = a.period_to or a.period_from, b.period_to or b.period_from
    return a.period_from <= b_to and b.period_from <= a_to


def _close_amounts(a, b) -> bool:
    if a is None or b is None or not (a and b):
        return False
    return abs(a - b) <= max(a, b) * Decimal("0.1")


def score(case: Facts, other: Facts) -> tuple[int, list[str]]:
    """(points, the reasons in Chinese) for what ``other`` shares with ``case``."""
    shared = []
    name = normalised_employer_name(case.employer_name)
    if case.credit_code and case.credit_code == other.credit_code:
        shared.append("credit_code")
    elif name and name == normalised_employer_name(other.employer_name):
        shared.append("employer_name")
    if case.project and case.project == other.project:
        shared.append("project")
    if case.worker_id and case.worker_id == other.worker_id:
        shared.append("worker_id")
    if case.phone and case.phone == other.phone:
        shared.append("phone")
    if _overlap(case, other):
        shared.append("period")
    if _close_amounts(case.amount, other.amount):
        shared.append("amount")
    return sum(WEIGHTS[k] for k in shared), [LABELS[k] for k in shared]
