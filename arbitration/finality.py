"""Final awards (一裁终局), LDMAL Art 47 — the one place the rule is written down.

An award on a claim is final when
  * the claim is for labour remuneration (incl. overtime pay), work-injury medical costs, economic
    compensation or damages, **and** the amount is at most 12 × the local monthly minimum wage — tested
    item by item (法释〔2020〕26号 Art 19), the amount awarded once decided, the amount claimed until then;
  * or the dispute is over national labour standards on working hours, rest and leave or social
    insurance — whatever the amount.
Everything else (confirming an employment relation, other claims) is non-final. "Local" is the case's
jurisdiction; the minimum wage is the one in force on the filing date (``received_on``).
"""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from arbitration.models import ClaimType, MinimumWage

THRESHOLD_MONTHS = 12
FINAL_UP_TO_THRESHOLD = frozenset(
    {
        ClaimType.WAGES,
        ClaimType.OVERTIME,
        ClaimType.INJURY_MEDICAL,
        ClaimType.ECONOMIC_COMPENSATION,
        ClaimType.DAMAGES,
    }
)
FINAL_REGARDLESS_OF_AMOUNT = frozenset(
    {ClaimType.WORKING_HOURS, ClaimType.REST_LEAVE, ClaimType.SOCIAL_INSURANCE}
)
MONETARY_TYPES = FINAL_UP_TO_THRESHOLD
WAGE_TYPES = frozenset({ClaimType.WAGES, ClaimType.OVERTIME})  # a wage dispute, for the green channel


MINIMUM_WAGE_ADMIN = "admin:arbitration_minimumwage_changelist"


def missing_minimum_wage(jurisdiction, on_date: date) -> str:
    """What to tell the user when no minimum wage covers a date: the place, the date and where to enter it."""
    from django.urls import reverse

    return _(
        "%(place)s在%(date)s没有有效的月最低工资标准，无法判断是否终局裁决；"
        "请系统管理员在后台“月最低工资标准”（%(url)s）补录该日期适用的标准"
    ) % {"place": jurisdiction, "date": on_date.isoformat(), "url": reverse(MINIMUM_WAGE_ADMIN)}


class MinimumWageMissing(LookupError):
    def __init__(self, jurisdiction, on_date: date):
        self.message = missing_minimum_wage(jurisdiction, on_date)
        super().__init__(self.message)


def minimum_wage_on(jurisdiction, on_date: date) -> MinimumWage | None:
    """The row in force in ``jurisdiction`` on ``on_date`` (the latest one starting on or before it)."""
    return (
        MinimumWage.objects.filter(jurisdiction=jurisdiction, effective_from__lte=on_date)
        .order_by("-effective_from")
        .first()
    )


def minimum_wages_on(on_date: date) -> dict[int, Decimal]:
    """Every jurisdiction's monthly minimum wage in force on ``on_date`` (one query); registered with the kernel
    (``casework.minimum_wages``) for apps that must not import this one."""
    rows = (
        MinimumWage.objects.filter(effective_from__lte=on_date)
        .order_by("jurisdiction_id", "-effective_from")
        .values_list("jurisdiction_id", "monthly_amount")
    )
    out: dict[int, Decimal] = {}
    for jurisdiction_id, amount in rows:
        out.setdefault(jurisdiction_id, amount)
    return out


def final_award_threshold(jurisdiction, on_date: date) -> Decimal:
    """12 × the monthly minimum wage of ``jurisdiction`` on ``on_date``; raises ``MinimumWageMissing``."""
    row = minimum_wage_on(jurisdiction, on_date)
    if row is None:
        raise MinimumWageMissing(jurisdiction, on_date)
    return row.monthly_amount * THRESHOLD_MONTHS


def claim_is_final(claim_type: str, amount: Decimal | None, threshold: Decimal) -> bool:
    if claim_type in FINAL_REGARDLESS_OF_AMOUNT:
        return True
    if claim_type in FINAL_UP_TO_THRESHOLD:
        return amount is not None and amount <= threshold
    return False


def amount_tested(item) -> Decimal | None:
    """The amount that decides finality: the one awarded once there is a decision, else the one claimed."""
    if item.decision:
        return item.awarded_amount if item.awarded_amount is not None else Decimal("0")
    return item.amount


def case_threshold(case) -> Decimal | None:
    try:
        return final_award_threshold(case.jurisdiction, case.received_on)
    except MinimumWageMissing:
        return None


def refresh_finality(case) -> Decimal | None:
    """Recompute ``ClaimItem.final`` for every claim of an arbitration case; returns the threshold used."""
    threshold = case_threshold(case)
    for item in case.claims.all():
        final = None if threshold is None else claim_is_final(item.claim_type, amount_tested(item), threshold)
        if item.final != final:
            item.final = final
            item.save(update_fields=["final"])
    return threshold
