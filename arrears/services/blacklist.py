"""The credit blacklist (人社部令第45号): notice, defence, listing decision, early removal, expiry.

Same pattern as the case transitions: one function per step, ``case_transition`` on ``BlacklistEntry``
(row lock, visibility, permission, preconditions, hash-chained log); the notice (an action of the arrears
case) and the defence (an action of the entry) through ``case_action``. The decisions are noted in the
arrears case's own log in the decision's transaction.
"""

import logging
from functools import partial

from django.core.exceptions import ValidationError
from django.utils import timezone

from arrears import conf
from arrears.models import ArrearsCase, BlacklistEntry, BlacklistState, Grounds
from arrears.models.blacklist import listing_end
from arrears.selectors.thresholds import evaluate_crime_thresholds
from casework.deadlines.compute import compute_due
from casework.inputs import PAST, parse_date, require_value
from casework.services import deadlines
from casework.services.transitions import (
    PreconditionFailed,
    TransitionError,
    case_action,
    note_on_related_case,
    register_case,
)

from .common import move

logger = logging.getLogger(__name__)
_move = partial(move, BlacklistEntry)  # (name, id, actor, expected_state, reason=, public=)
DEFENCE = "blacklist.defence"
ACTIVE = [BlacklistState.NOTICED, BlacklistState.LISTED, BlacklistState.REMOVAL_APPLIED]
# The arrears case's log notes these decisions on its blacklist entry, in the decision's transaction.
CASE_NOTES = {
    "decide_listing": ("blacklist_listed", "列入失信联合惩戒名单"),
    "decide_not_to_list": ("blacklist_not_listed", "决定不予列入失信名单"),
    "approve_removal": ("blacklist_removed", "提前移出失信名单"),
}


def _note_on_case(step) -> None:
    """The entry's decision (``step`` of ``case_transition``: its role already checked) noted in its arrears
    case's log — the case row locked for its hash chain, in the decision's own transaction."""
    name, label = CASE_NOTES[step.name]
    note_on_related_case(
        ArrearsCase,
        step.case.arrears_case_id,
        name=name,
        label=label,
        actor=step.actor,
        details={"blacklist_entry": step.case.number},
    )


def _check_notice(case: ArrearsCase, grounds: str, noticed_on) -> None:
    """人社部令第45号 Art 5: only after an order to pay went unpaid past its deadline, and only if the arrears
    reach the crime threshold or caused a mass or extreme incident; one running procedure per case."""
    assessment = evaluate_crime_thresholds(case)
    if not assessment.order_ignored:
        raise PreconditionFailed(f"不能列入失信名单：{assessment.order_reason}（人社部令第45号第五条）")
    if case.payment_due is not None and noticed_on <= case.payment_due:
        raise ValidationError({"noticed_on": ["告知日期应在责令支付期限届满之后"]})
    if grounds == Grounds.THRESHOLD and not assessment.amount_met:
        raise PreconditionFailed("欠薪数额未达到认定拒不支付劳动报酬罪的数额标准，不能以此事由列入")
    if BlacklistEntry.objects.filter(arrears_case=case, state__in=ACTIVE).exists():
        raise PreconditionFailed("本案已有进行中的失信名单程序")


def blacklist_give_notice(
    *,
    actor,
    case_id: int,
    grounds: str,
    facts: str,
    responsible_persons: str = "",
    noticed_on=None,
) -> BlacklistEntry:
    """告知: tell the employer in writing that it is to be listed, why, and that it may defend itself."""
    if grounds not in Grounds.values:
        raise ValidationError({"grounds": ["请选择列入事由"]})
    require_value((facts or "").strip(), "facts", "请填写失信事实")
    noticed_on = parse_date(noticed_on, "noticed_on", window=PAST) or timezone.localdate()
    with case_action(ArrearsCase, case_id, "blacklist_notice", actor=actor) as step:
        case = step.case
        _check_notice(case, grounds, noticed_on)
        days = conf.get("ARREARS_BLACKLIST_DEFENCE_WORKING_DAYS")
        due = compute_due(DEFENCE, noticed_on, jurisdiction=case.jurisdiction_id, period=days).due
        entry = BlacklistEntry(
            jurisdiction=case.jurisdiction,
            arrears_case=case,
            employer=case.employer,
            responsible_persons=(responsible_persons or "").strip(),
            grounds=grounds,
            facts=facts.strip(),
            noticed_on=noticed_on,
            defence_due=due,
        )
        register_case(
            entry,
            actor=actor,
            label="送达列入失信联合惩戒名单告知书",
            reason=facts,
            details={"defence_days": days, "defence_due": due, "arrears_case": case.number},
            public=False,
            year=noticed_on.year,
        )
        entry.assignees.set(case.assignees.all())
        deadlines.start(entry, DEFENCE, on=noticed_on, period=days)
        step.details["blacklist_entry"] = entry.number
    return entry


def blacklist_record_defence(*, actor, entry_id: int, text: str, received_on=None) -> BlacklistEntry:
    """陈述、申辩 received: recorded, and the defence deadline is met."""
    require_value((text or "").strip(), "text", "请填写陈述申辩的内容")
    with case_action(BlacklistEntry, entry_id, "record_defence", actor=actor, reason=text.strip()) as step:
        entry = step.case
        if entry.state != BlacklistState.NOTICED:
            raise PreconditionFailed("只有告知后、作出决定前可以登记陈述申辩")
        received_on = (
            parse_date(received_on, "received_on", window=PAST, not_before=entry.noticed_on)
            or timezone.localdate()
        )
        entry.defence_received_on, entry.defence_text = received_on, text.strip()
        entry.save(update_fields=["defence_received_on", "defence_text", "updated_at"])
        deadlines.meet(entry, DEFENCE, on=received_on)
        step.details.update({"received_on": received_on, "in_time": received_on <= entry.defence_due})
    return entry


def blacklist_decide_listing(*, actor, entry_id: int, reason: str, decided_on=None, expected_state=None):
    """列入决定: on the list from the decision date for three years (until the corresponding day)."""
    require_value((reason or "").strip(), "reason", "请填写列入决定的事实、理由和依据")
    with _move("decide_listing", entry_id, actor, expected_state, reason=reason) as step:
        entry = step.case
        decided_on = (
            parse_date(decided_on, "decided_on", window=PAST, not_before=entry.noticed_on)
            or timezone.localdate()
        )
        if entry.defence_received_on is None and decided_on <= entry.defence_due:
            raise ValidationError({"decided_on": ["陈述申辩期限届满后才能作出列入决定"]})
        step.fire()
        entry.listed_on, entry.listed_until = decided_on, listing_end(decided_on)
        entry.decision_reason = reason.strip()
        deadlines.meet(entry, DEFENCE)
        step.details.update({"listed_on": entry.listed_on, "listed_until": entry.listed_until})
        _note_on_case(step)
    return step.case


def blacklist_decide_not_to_list(*, actor, entry_id: int, reason: str, expected_state=None):
    require_value((reason or "").strip(), "reason", "请填写不予列入的理由")
    with _move("decide_not_to_list", entry_id, actor, expected_state, reason=reason) as step:
        step.fire()
        step.case.decision_reason, step.case.closed_at = reason.strip(), timezone.now()
        deadlines.cancel(step.case)
        _note_on_case(step)
    return step.case


def blacklist_apply_for_removal(
    *, actor, entry_id: int, commitment: str, applied_on=None, expected_state=None
):
    """提前移出申请: wages paid, six months run since, and a written credit commitment (信用修复承诺)."""
    require_value((commitment or "").strip(), "commitment", "请填写当事人的信用承诺")
    applied_on = parse_date(applied_on, "applied_on", window=PAST) or timezone.localdate()
    with _move("apply_for_removal", entry_id, actor, expected_state, reason=commitment) as step:
        step.fire()
        step.case.removal_applied_on, step.case.credit_commitment = applied_on, commitment.strip()
    return step.case


def blacklist_approve_removal(*, actor, entry_id: int, reason: str = "", expected_state=None):
    with _move("approve_removal", entry_id, actor, expected_state, reason=reason) as step:
        step.fire()
        entry = step.case
        entry.removed_on, entry.removal_reason, entry.closed_at = timezone.localdate(), reason, timezone.now()
        step.details["removed_on"] = entry.removed_on
        _note_on_case(step)
    return step.case


def blacklist_refuse_removal(*, actor, entry_id: int, reason: str, expected_state=None):
    require_value((reason or "").strip(), "reason", "请填写不予提前移出的理由")
    with _move("refuse_removal", entry_id, actor, expected_state, reason=reason) as step:
        step.fire()
    return step.case


def blacklist_expire(*, actor=None, entry_id: int, expected_state=None):
    """The three years are over: the entry leaves the list (the sweep runs it without a user)."""
    with _move("expire", entry_id, actor, expected_state) as step:
        step.fire()
        step.case.removed_on, step.case.closed_at = step.case.leaves_list_on, timezone.now()
    return step.case


def blacklist_expire_due() -> int:
    """Expire every entry whose three years are over (run daily by arrears.tasks)."""
    today = timezone.localdate()
    due = BlacklistEntry.objects.filter(
        state__in=[BlacklistState.LISTED, BlacklistState.REMOVAL_APPLIED], listed_until__lt=today
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        try:
            blacklist_expire(actor=None, entry_id=pk)
        except TransitionError as exc:  # changed meanwhile (removed early…): leave it, report, go on
            logger.warning("blacklist entry %s not expired: %s", pk, exc.message)
            continue
        count += 1
    return count


TRANSITION_SERVICES = {
    "decide_listing": blacklist_decide_listing,
    "decide_not_to_list": blacklist_decide_not_to_list,
    "apply_for_removal": blacklist_apply_for_removal,
    "approve_removal": blacklist_approve_removal,
    "refuse_removal": blacklist_refuse_removal,
    "expire": blacklist_expire,
}
