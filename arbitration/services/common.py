"""Small checks shared by the mediation and arbitration services; each error names its field."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone

from arbitration.finality import MONETARY_TYPES
from arbitration.models import ClaimItem, ClaimType
from casework.roles import Role
from casework.services.transitions import TransitionForbidden


def require(value, field: str, message: str):
    if value in (None, "", [], ()):
        raise ValidationError({field: [message]})
    return value


def money(value, field: str, *, allow_zero: bool = False) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip()).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: ["请输入正确的金额（元）"]}) from None
    if amount < 0 or (amount == 0 and not allow_zero):
        raise ValidationError({field: ["金额必须大于零" if not allow_zero else "金额不能为负数"]})
    return amount


def act_date(value, field: str = "on", *, not_before: date | None = None, before_label: str = "") -> date:
    """The date an act was done: today by default, never in the future, never before ``not_before``."""
    today = timezone.localdate()
    if value in (None, ""):
        value = today
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise ValidationError({field: ["请填写正确的日期（YYYY-MM-DD）"]}) from None
    if value > today:
        raise ValidationError({field: ["日期不能晚于今天"]})
    if not_before is not None and value < not_before:
        raise ValidationError({field: [f"日期不能早于{before_label}（{not_before:%Y-%m-%d}）"]})
    return value


def clean_application(
    *,
    applicants,
    respondent,
    respondent_name_given: str,
    facts: str,
    facts_message: str,
    claims,
    received_on: date | None,
) -> tuple[list, list[dict], date]:
    """What every mediation or arbitration application needs: applicants, a respondent, facts, valid claims
    and a receipt date not in the future. Returns the de-duplicated applicants, cleaned claims and the date."""
    applicants = list(dict.fromkeys(applicants or []))
    require(applicants, "applicants", "请至少填写一名申请人")
    if respondent is None and not (respondent_name_given or "").strip():
        raise ValidationError({"respondent": ["请选择被申请人，或填写申请人所述的被申请人名称"]})
    require((facts or "").strip(), "facts", facts_message)
    claims = clean_claims(claims)
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": ["收到日期不能晚于今天"]})
    return applicants, claims, received_on


def check_actor(actor, jurisdiction, roles: tuple[Role, ...], message: str) -> None:
    """An application registered by staff: the right role, in the case's jurisdiction. ``actor=None`` is
    a public submission (the green channel) and needs no role."""
    if actor is None:
        return
    if not actor.has_role(*roles):
        raise TransitionForbidden(message)
    if not (actor.sees_all_jurisdictions or jurisdiction.id in actor.jurisdiction_ids):
        raise TransitionForbidden("不能为其他管辖区域登记申请")


def clean_claims(claims, *, field: str = "claims") -> list[dict]:
    """Validate claim items given as dicts (``claim_type``, ``description``, ``amount``)."""
    cleaned = []
    for index, raw in enumerate(claims or [], start=1):
        claim_type = (raw.get("claim_type") or "").strip()
        if claim_type not in ClaimType.values:
            raise ValidationError({field: [f"第{index}项请求：请选择请求类型"]})
        label = ClaimType(claim_type).label
        try:
            amount = money(raw.get("amount"), field)
        except ValidationError:
            raise ValidationError({field: [f"第{index}项请求（{label}）：请输入正确的金额（元）"]}) from None
        if claim_type in MONETARY_TYPES and amount is None:
            raise ValidationError({field: [f"第{index}项请求（{label}）：请填写请求金额"]})
        description = (raw.get("description") or "").strip() or str(label)
        if len(description) > 300:
            raise ValidationError({field: [f"第{index}项请求：请求事项不超过300字"]})
        cleaned.append({"claim_type": claim_type, "description": description, "amount": amount})
    return cleaned


def create_claims(case, claims: list[dict], *, on: date) -> list[ClaimItem]:
    key = "arbitration" if case.CASE_TYPE == "arbitration" else "mediation"
    start = (case.claims.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    items = []
    for offset, data in enumerate(claims):
        item = ClaimItem(**{key: case}, position=start + offset, added_on=on, **data)
        item.full_clean()
        item.save()
        items.append(item)
    return items
