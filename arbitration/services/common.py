"""What the mediation and arbitration services share: applications, claims, dates of acts; each error names
its field. Amounts, dates and ids are read with the kernel's input types (``casework.inputs``)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from arbitration.finality import MONETARY_TYPES, WAGE_TYPES
from arbitration.models import ArbitrationChannel, ClaimItem, ClaimType, MediationChannel
from casework.inputs import PAST, parse_date, parse_yuan, require_text
from casework.kernel.writes import is_read_only
from casework.roles import Role
from casework.services import deadlines
from casework.services.notify_public import notify_applicants
from casework.services.transitions import TransitionForbidden, register_case


def act_on(value, field: str = "on", *, after: date | None = None, after_label: str = "") -> date:
    """The date an act was done (``PAST`` window): today when not given, never before ``after`` — the date of
    the step it follows, named by ``after_label`` in the message."""
    on = parse_date(value, field, window=PAST) or timezone.localdate()
    if after is not None and on < after:
        raise ValidationError({field: [f"日期不能早于{after_label}（{after:%Y-%m-%d}）"]})
    return on


def is_green(applicants, claims, channel: str) -> bool:
    """Green channel: a migrant worker's wage dispute (or a green-channel submission)."""
    if channel in (ArbitrationChannel.GREEN_CHANNEL, MediationChannel.GREEN_CHANNEL):
        return True
    migrant = any(p.is_migrant_worker for p in applicants)
    return migrant and any(c["claim_type"] in WAGE_TYPES for c in claims)


@dataclass
class Application:
    """A mediation or arbitration application, read and checked: the fields both case types set alike,
    the applicants (de-duplicated) and the claims."""

    fields: dict
    applicants: list
    claims: list[dict]


def read_application(
    *,
    channels,
    facts_message: str,
    jurisdiction,
    applicants,
    facts: str,
    channel: str,
    respondent=None,
    respondent_name_given: str = "",
    claims=(),
    evidence_list: str = "",
    received_on=None,
    green_channel: bool = False,
    submission_key: str | None = None,
) -> Application:
    """What every application needs: applicants, a respondent (chosen or named), facts, valid claims, a
    receipt date not in the future (today by default) and a channel of ``channels``."""
    applicants = list(dict.fromkeys(applicants or []))
    if not applicants:
        raise ValidationError({"applicants": ["请至少填写一名申请人"]})
    respondent_name = (respondent_name_given or "").strip() or (respondent.name if respondent else "")
    if not respondent_name:
        raise ValidationError({"respondent": ["请选择被申请人，或填写申请人所述的被申请人名称"]})
    facts = require_text(facts, "facts", facts_message)
    claims = clean_claims(claims)
    if channel not in channels.values:
        raise ValidationError({"channel": ["未知的申请渠道"]})
    fields = {
        "jurisdiction": jurisdiction,
        "channel": channel,
        "received_on": act_on(received_on, "received_on"),
        "respondent": respondent,
        "respondent_name_given": respondent_name,
        "facts": facts,
        "evidence_list": (evidence_list or "").strip(),
        "green_channel": green_channel or is_green(applicants, claims, channel),
        "submission_key": submission_key or None,
    }
    return Application(fields, applicants, claims)


def check_actor(actor, jurisdiction, roles: tuple[Role, ...], message: str) -> None:
    """An application registered by staff: the right role (never a read-only one), in the case's
    jurisdiction. ``actor=None`` is a public submission (the green channel) and needs no role."""
    if actor is None:
        return
    if is_read_only(actor) or not actor.has_role(*roles):
        raise TransitionForbidden(message)
    if not (actor.sees_all_jurisdictions or jurisdiction.id in actor.jurisdiction_ids):
        raise TransitionForbidden("不能为其他管辖区域登记申请")


def _claim(raw, index: int, field: str) -> dict:
    if not isinstance(raw, dict):
        raise ValidationError({field: [f"第{index}项请求：格式不正确"]})
    claim_type = raw.get("claim_type")
    claim_type = claim_type.strip() if isinstance(claim_type, str) else ""
    if claim_type not in ClaimType.values:
        raise ValidationError({field: [f"第{index}项请求：请选择请求类型"]})
    label = ClaimType(claim_type).label
    try:
        amount = parse_yuan(raw.get("amount"))
    except ValidationError as exc:
        raise ValidationError({field: [f"第{index}项请求（{label}）：{exc.messages[0]}"]}) from None
    if claim_type in MONETARY_TYPES and amount is None:
        raise ValidationError({field: [f"第{index}项请求（{label}）：请填写请求金额"]})
    description = raw.get("description")
    description = (description.strip() if isinstance(description, str) else "") or str(label)
    if len(description) > 300:
        raise ValidationError({field: [f"第{index}项请求：请求事项不超过300字"]})
    return {"claim_type": claim_type, "description": description, "amount": amount}


def clean_claims(claims, *, field: str = "claims") -> list[dict]:
    """Validate claim items given as dicts (``claim_type``, ``description``, ``amount`` in yuan)."""
    if claims is None:
        return []
    if not isinstance(claims, list | tuple):
        raise ValidationError({field: ["请以列表的形式提供仲裁（调解）请求"]})
    return [_claim(raw, index, field) for index, raw in enumerate(claims, start=1)]


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


def register_application(case, application: Application, *, actor, label: str, details: dict, rule: str):
    """Number and log the new case (a public step), attach its applicants and claims, start ``rule``'s
    period on the receipt date."""
    details = {"channel": case.channel, "green_channel": case.green_channel, **details}
    register_case(case, actor=actor, label=label, details=details, public=True, year=case.received_on.year)
    case.applicants.set(application.applicants)
    create_claims(case, application.claims, on=case.received_on)
    deadlines.start(case, rule, on=case.received_on)
    return case


# --- the steps of an application both case types take alike (inside their transition's ``with``) ---------
def accept_application(step, on) -> date:
    """受理 on ``on`` (today when not given, never before the receipt): the applicants are told once the
    acceptance is committed. Returns the date, from which the type starts its periods."""
    case = step.case
    on = act_on(on, after=case.received_on, after_label="收到申请日期")
    step.fire()
    notify_applicants(step.case, "accepted")
    case.accepted_on = on
    return on


def refuse_application(step, reason: str, outcome: str, *, meet: str | None = None) -> None:
    """不予受理 for ``reason``: the case ends with ``outcome``, the period ``meet`` (if any) is met that day
    and every other one stops; the applicants are told."""
    step.fire()
    notify_applicants(step.case, "not_accepted")
    case = step.case
    case.refusal_reason, case.outcome, case.closed_at = reason, outcome, timezone.now()
    if meet:
        deadlines.meet(case, meet)
    deadlines.cancel(case)


def close_application(step, summary: str) -> None:
    """结案 with the closing opinion ``summary``: the periods stop, the applicants are told."""
    step.fire()
    notify_applicants(step.case, "closed")
    step.case.closing_summary, step.case.closed_at = summary, timezone.now()
    deadlines.cancel(step.case)
