"""Decisions: a mediation statement (调解书, ARB-RULES Art 72), partial awards and the award, split by
finality (LDMAL Arts 43, 47; ARB-RULES Arts 49–50)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

from arbitration.finality import amount_tested, case_threshold, claim_is_final, missing_minimum_wage
from arbitration.models import ArbitrationCase, ArbitrationOutcome, Award, ClaimDecision
from arbitration.services.arbitration.base import AWARD, transition
from arbitration.services.common import act_on
from casework.inputs import parse_id, parse_yuan, require_text
from casework.services import deadlines


def arbitration_mediate(
    *, actor, case_id, terms: str, signed_on=None, expected_state=None
) -> ArbitrationCase:
    """调解书: effective once both parties sign it (ARB-RULES Art 72)."""
    terms = require_text(terms, "terms", "请填写调解书的内容（协议事项）")
    with transition("mediate", case_id, actor, "", expected_state, public=True) as step:
        case = step.case
        signed_on = act_on(signed_on, "signed_on", after=case.accepted_on, after_label="受理日期")
        step.fire()
        case.mediation_terms, case.mediation_signed_on = terms, signed_on
        case.outcome = ArbitrationOutcome.MEDIATION
        deadlines.meet(case, AWARD, on=signed_on)
        deadlines.cancel(case)
        step.details["signed_on"] = signed_on
    return step.case


@dataclass(frozen=True)
class Decision:
    """The decision on one claim item as submitted: its id, the result and the amount awarded (yuan)."""

    claim: int
    decision: str
    amount: Decimal | None


def _decision(entry, index: int) -> Decision:
    if not isinstance(entry, dict):
        raise ValidationError({"items": [f"第{index}项裁决：格式不正确"]})
    try:
        claim = parse_id(entry.get("claim"), "items")
    except ValidationError:
        raise ValidationError({"items": ["请求事项不存在或已经裁决"]}) from None
    try:
        amount = parse_yuan(entry.get("awarded_amount"), allow_zero=True)
    except ValidationError as exc:
        raise ValidationError({"items": [f"第{index}项裁决金额：{exc.messages[0]}"]}) from None
    decision = entry.get("decision")
    return Decision(claim, decision if isinstance(decision, str) else "", amount)


def parse_decisions(items) -> list[Decision]:
    """The submitted decisions (a list of ``{"claim", "decision", "awarded_amount"}``), each readable."""
    if not isinstance(items, list | tuple):
        raise ValidationError({"items": ["请逐项填写裁决结果"]})
    if not items:
        raise ValidationError({"items": ["请对至少一项请求作出裁决"]})
    decisions = [_decision(entry, index) for index, entry in enumerate(items, start=1)]
    if len({d.claim for d in decisions}) != len(decisions):
        raise ValidationError({"items": ["同一请求事项不能重复裁决"]})
    return decisions


def _decide_item(item, decision: Decision) -> None:
    if decision.decision not in ClaimDecision.values:
        raise ValidationError({"items": [f"第{item.position}项请求：请选择裁决结果"]})
    amount = None if decision.decision == ClaimDecision.DISMISSED else decision.amount
    if decision.decision != ClaimDecision.DISMISSED and item.amount is not None and amount is None:
        raise ValidationError({"items": [f"第{item.position}项请求：请填写裁决金额"]})
    if amount is not None and item.amount is not None and amount > item.amount:
        raise ValidationError({"items": [f"第{item.position}项请求：裁决金额不能超过请求金额"]})
    item.decision, item.awarded_amount = decision.decision, amount


def _chosen_items(case, decisions: list[Decision], kind: str) -> list:
    """The undecided claim items decided now, with their decisions set (not yet saved)."""
    undecided = {item.pk: item for item in case.claims.filter(decision="")}
    chosen = []
    for decision in decisions:
        item = undecided.get(decision.claim)
        if item is None:
            raise ValidationError({"items": ["请求事项不存在或已经裁决"]})
        _decide_item(item, decision)
        chosen.append(item)
    if kind == Award.Kind.FINAL and len(chosen) != len(undecided):
        raise ValidationError({"items": ["作出裁决时须对全部未决请求作出裁决；部分请求可先行裁决"]})
    if kind == Award.Kind.PARTIAL and len(chosen) == len(undecided):
        raise ValidationError({"items": ["先行裁决只能针对部分请求；全部请求请直接作出裁决"]})
    return chosen


def _decide(case, decisions: list[Decision], *, actor, kind: str, on: date, text: str) -> list[Award]:
    """Record the decision on each item and issue one award document per finality (ARB-RULES Art 50)."""
    threshold = case_threshold(case)
    if threshold is None:
        raise ValidationError({"items": [missing_minimum_wage(case.jurisdiction, case.received_on)]})
    groups: dict[str, list] = {Award.Finality.FINAL: [], Award.Finality.NON_FINAL: []}
    for item in _chosen_items(case, decisions, kind):
        item.final = claim_is_final(item.claim_type, amount_tested(item), threshold)
        groups[Award.Finality.FINAL if item.final else Award.Finality.NON_FINAL].append(item)
    sequence = case.awards.count()
    awards = []
    for finality, items in groups.items():
        if not items:
            continue
        sequence += 1
        award = Award.objects.create(
            case=case,
            sequence=sequence,
            kind=kind,
            finality=finality,
            issued_on=on,
            text=text,
            created_by=actor,
        )
        for item in items:
            item.award = award
            item.save(update_fields=["decision", "awarded_amount", "final", "award"])
        awards.append(award)
    return awards


def arbitration_partial_award(
    *, actor, case_id, items, text: str, on=None, expected_state=None
) -> ArbitrationCase:
    """先行裁决: decide the items whose facts are already clear (LDMAL Art 43; ARB-RULES Art 49)."""
    text = require_text(text, "text", "请填写裁决理由")
    decisions = parse_decisions(items)
    with transition("partial_award", case_id, actor, text, expected_state) as step:
        case = step.case
        on = act_on(on, after=case.accepted_on, after_label="受理日期")
        step.fire()
        awards = _decide(case, decisions, actor=actor, kind=Award.Kind.PARTIAL, on=on, text=text)
        step.details["awards"] = [a.title for a in awards]
    return step.case


def arbitration_award(*, actor, case_id, items, text: str, on=None, expected_state=None) -> ArbitrationCase:
    """裁决: every remaining item decided; final and non-final items go into separate documents."""
    text = require_text(text, "text", "请填写裁决理由")
    decisions = parse_decisions(items)
    with transition("award", case_id, actor, text, expected_state, public=True) as step:
        case = step.case
        on = act_on(on, after=case.accepted_on, after_label="受理日期")
        step.fire()
        awards = _decide(case, decisions, actor=actor, kind=Award.Kind.FINAL, on=on, text=text)
        case.outcome = ArbitrationOutcome.AWARD
        deadlines.meet(case, AWARD, on=on)
        deadlines.cancel(case)
        step.details["awards"] = [a.title for a in awards]
    return step.case
