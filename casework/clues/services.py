"""Registering a clue and every change of its lifecycle, each through the kernel (``case_transition``): triage
(open a case through the case type's registered opener, attach to an existing case, transfer, not accept —
each with its reason), the reply (核处结论, from the configured outcome types, meeting the channel's reply
deadline) and closing. Importing whole files: ``casework.clues.importing``; merging: ``casework.clues.merging``.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casework import validators
from casework.clues.models import Channel, Clue, ClueState, ReplyOutcome
from casework.clues.replies import filled_template
from casework.deadlines.clue_periods import reply_rule_name
from casework.inputs import INT_MAX, PAST, parse_date, parse_int, parse_yuan, require_text, require_value
from casework.kernel.employers import case_by_number, same_employer
from casework.kernel.intake import CaseIntake, open_case_from
from casework.kernel.writes import is_read_only
from casework.models import Employer
from casework.roles import Role
from casework.services import deadlines
from casework.services.transitions import (
    PreconditionFailed,
    TransitionForbidden,
    case_transition,
    note_on_related_case,
    register_case,
)

REGISTER_ROLES = (Role.CLERK, Role.INSPECTOR, Role.INSPECTION_HEAD)


def may_register(actor, jurisdiction=None) -> None:
    """Staff register clues in their own jurisdictions (403 otherwise, before the input is read)."""
    if actor is None:
        return
    if is_read_only(actor) or not actor.has_role(*REGISTER_ROLES):
        raise TransitionForbidden("只有登记员或监察员可以登记线索")
    if jurisdiction is not None and not (
        actor.sees_all_jurisdictions or jurisdiction.id in actor.jurisdiction_ids
    ):
        raise TransitionForbidden("不能为其他管辖区域登记线索")


def _optional(check, value, field: str) -> str:
    text = (value or "").strip() if isinstance(value, str) else ("" if value is None else str(value))
    if not text:
        return ""
    try:
        return check(text)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


def _reporter_phone(value) -> str:
    try:
        return validators.validate_mobile(value)
    except ValidationError:
        return validators.validate_phone(value)


class _Errors:
    """Every problem of a clue's particulars, collected so that a row reports all of them at once."""

    def __init__(self):
        self.found: dict[str, list[str]] = {}

    def read(self, field: str, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ValidationError as exc:
            messages = exc.message_dict.get(field) if hasattr(exc, "error_dict") else exc.messages
            self.found.setdefault(field, []).extend(messages or exc.messages)
            return None


def _text(raw, field: str, limit: int) -> str:
    text = raw.get(field) or ""
    text = text.strip() if isinstance(text, str) else str(text)
    if len(text) > limit:
        raise ValidationError({field: [f"不能超过{limit}个字"]})
    return text


def clue_values(**raw) -> dict:
    """A clue's particulars read and checked, as stored; every problem named by its field at once."""
    errors = _Errors()
    values = {
        "external_ref": errors.read("external_ref", _text, raw, "external_ref", 64),
        "received_on": errors.read(
            "received_on", parse_date, raw.get("received_on"), "received_on", window=PAST
        )
        or timezone.localdate(),
        "reporter_name": errors.read("reporter_name", _text, raw, "reporter_name", 50),
        "reporter_id_number": errors.read(
            "reporter_id_number",
            _optional,
            validators.validate_id_number,
            raw.get("reporter_id_number"),
            "reporter_id_number",
        ),
        "reporter_phone": errors.read(
            "reporter_phone", _optional, _reporter_phone, raw.get("reporter_phone"), "reporter_phone"
        ),
        "employer_name": errors.read("employer_name", _text, raw, "employer_name", 200),
        "employer_credit_code": errors.read(
            "employer_credit_code",
            _optional,
            validators.validate_credit_code,
            raw.get("employer_credit_code"),
            "employer_credit_code",
        ),
        "project_name": (errors.read("project_name", _text, raw, "project_name", 10**6) or "")[:200],
        "workplace": (errors.read("workplace", _text, raw, "workplace", 10**6) or "")[:200],
        "facts": errors.read("facts", require_text, raw.get("facts"), "facts", "请填写反映内容"),
        "amount": errors.read("amount", parse_yuan, raw.get("amount"), "amount"),
        "workers": errors.read(
            "workers",
            parse_int,
            1 if raw.get("workers") in (None, "") else raw.get("workers"),
            "workers",
            minimum=1,
            maximum=INT_MAX,
        ),
        "period_from": errors.read(
            "period_from", parse_date, raw.get("period_from"), "period_from", window=PAST
        ),
        "period_to": errors.read("period_to", parse_date, raw.get("period_to"), "period_to", window=PAST),
    }
    if values["period_from"] and values["period_to"] and values["period_to"] < values["period_from"]:
        errors.found.setdefault("period_to", []).append("欠薪期间的结束日期不能早于开始日期")
    if not (values["employer_name"] or values["employer_credit_code"] or "employer_name" in errors.found):
        errors.found.setdefault("employer_name", []).append("请填写被反映单位名称")
    if errors.found:
        raise ValidationError(errors.found)
    return values


@transaction.atomic
def clue_register(*, actor, jurisdiction, channel: str, green_channel: bool = False, **raw) -> Clue:
    """Register a clue and start its channel's reply deadline (``casework.deadlines.clue_periods``).

    A clue already registered under the same channel reference is returned as it is (a re-import changes
    nothing); see ``existing``."""
    may_register(actor, jurisdiction)
    if channel not in Channel.values:
        raise ValidationError({"channel": ["请选择来源渠道"]})
    values = clue_values(**raw)
    if values["external_ref"]:
        found = Clue.objects.filter(channel=channel, external_ref=values["external_ref"]).first()
        if found is not None:
            return found
    employer = None
    if values["employer_credit_code"]:
        employer = Employer.objects.filter(credit_code=values["employer_credit_code"]).first()
    clue = Clue(
        jurisdiction=jurisdiction,
        channel=channel,
        employer=employer,
        green_channel=green_channel or channel == Channel.GREEN_CHANNEL,
        **values,
    )
    register_case(
        clue,
        actor=actor,
        label="登记线索",
        details={"channel": channel, "external_ref": values["external_ref"]},
        public=False,
        year=clue.received_on.year,
    )
    deadlines.start(clue, reply_rule_name(channel), on=clue.received_on)
    return clue


# --- triage -----------------------------------------------------------------------------------------------
def intake_of(clue: Clue) -> CaseIntake:
    return CaseIntake(
        jurisdiction=clue.jurisdiction,
        source="clue",
        source_label=f"{clue.get_channel_display()}线索",
        number=clue.number,
        channel=clue.channel,
        received_on=clue.received_on,
        facts=clue.facts,
        reporter_name=clue.reporter_name,
        reporter_id_number=clue.reporter_id_number,
        reporter_phone=clue.reporter_phone if len(clue.reporter_phone) == 11 else "",
        employer=clue.employer,
        employer_name=clue.employer_name,
        project_name=clue.project_name,
        workplace=clue.workplace,
        amount=clue.amount,
        workers=clue.workers,
        period_from=clue.period_from,
        period_to=clue.period_to,
        green_channel=clue.green_channel,
    )


def _identify_employer(clue: Clue, actor) -> None:
    """The registered employer of a clue whose credit code is known (registered now if need be)."""
    if clue.employer_id is None and clue.employer_credit_code:
        from casework.services.parties import employer_get_or_create_by_credit_code

        clue.employer, _created = employer_get_or_create_by_credit_code(
            credit_code=clue.employer_credit_code,
            actor=actor,
            name=clue.employer_name,
            jurisdiction=clue.jurisdiction,
        )


def _link(step, case, verb: str) -> None:
    clue = step.case
    clue.linked_type = ContentType.objects.get_for_model(case)
    clue.linked_id, clue.linked_number = case.pk, case.number
    clue.triaged_on = timezone.localdate()
    step.details.update({"case": case.number, "case_type": type(case).CASE_TYPE})
    note_on_related_case(
        type(case),
        case.pk,
        name="clue",
        label=f"{verb}线索",
        actor=step.actor,
        details={"clue": clue.number, "channel": clue.channel, "external_ref": clue.external_ref},
    )


def clue_open_case(*, actor, clue_id: int, kind: str, reason: str = "", expected_state=None) -> Clue:
    """立案办理: a case of the chosen type opened from the clue by that type's registered opener."""
    with case_transition(
        Clue, clue_id, "open_case", actor=actor, reason=reason, expected_state=expected_state
    ) as step:
        require_value(kind, "kind", "请选择立案办理的案件类型")
        _identify_employer(step.case, actor)
        case = open_case_from(kind, actor=actor, intake=intake_of(step.case))
        _link(step, case, "转入")
    return step.case


def clue_attach(*, actor, clue_id: int, case_number: str, reason: str = "", expected_state=None) -> Clue:
    """并入已有案件: the clue joins an open case (any type) about the same employer; another employer's case
    is refused (409)."""
    with case_transition(
        Clue, clue_id, "attach", actor=actor, reason=reason, expected_state=expected_state
    ) as step:
        number = require_value((case_number or "").strip(), "case_number", "请填写要并入的案件编号")
        case = case_by_number(actor, number)
        if case is None or case == step.case:
            raise ValidationError({"case_number": ["没有这个案件，或您无权查看"]})
        if not case.is_open:
            raise PreconditionFailed(f"案件{case.number}已办结，不能并入")
        same = same_employer(step.case, case)
        if same is None:
            raise PreconditionFailed("线索或案件的被反映单位尚未查明，不能并入")
        if not same:
            raise PreconditionFailed(f"案件{case.number}的用人单位与本线索的被反映单位不是同一单位，不能并入")
        _link(step, case, "并入")
    return step.case


def clue_transfer(*, actor, clue_id: int, target: str, reason: str = "", expected_state=None) -> Clue:
    """转办: to another county's bureau or another authority (the target and the reason are recorded)."""
    with case_transition(
        Clue, clue_id, "transfer", actor=actor, reason=reason, expected_state=expected_state
    ) as step:
        step.case.transfer_target = require_text(target, "target", "请填写转办对象（区县人社局或其他部门）")[
            :100
        ]
        step.case.triage_reason = require_text(reason, "reason", "请填写转办理由")
        step.case.triaged_on = timezone.localdate()
        step.details["target"] = step.case.transfer_target
    return step.case


def clue_refuse(*, actor, clue_id: int, reason: str = "", expected_state=None) -> Clue:
    """不予受理, with the reason (not in the bureau's remit, no wage arrears, nothing to go on…)."""
    with case_transition(
        Clue, clue_id, "refuse", actor=actor, reason=reason, expected_state=expected_state
    ) as step:
        step.case.triage_reason = require_text(reason, "reason", "请填写不予受理的理由")
        step.case.triaged_on = timezone.localdate()
    return step.case


# --- reply and close ------------------------------------------------------------------------------------
def clue_reply(
    *,
    actor,
    clue_id: int,
    outcome,
    reply_text: str = "",
    replied_on=None,
    reason: str = "",
    expected_state=None,
) -> Clue:
    """答复核处结论: the outcome type and the reply (its template filled from the clue when left blank); the
    channel's reply deadline is met, on time or late."""
    with case_transition(
        Clue, clue_id, "reply", actor=actor, reason=reason, expected_state=expected_state
    ) as step:
        clue = step.case
        if not isinstance(outcome, ReplyOutcome):
            outcome = ReplyOutcome.objects.filter(code=outcome, active=True).first()
        clue.outcome = require_value(outcome, "outcome", "请选择核处结论")
        clue.replied_on = parse_date(replied_on, "replied_on", window=PAST) or timezone.localdate()
        if clue.replied_on < clue.received_on:
            raise ValidationError({"replied_on": ["答复日期不能早于收到日期"]})
        clue.reply_text = (reply_text or "").strip() or filled_template(clue, outcome)
        if not clue.reply_text:
            raise ValidationError({"reply_text": ["请填写答复内容"]})
        met = deadlines.meet(clue, reply_rule_name(clue.channel), on=clue.replied_on)
        clue.replied_on_time = met is None or clue.replied_on <= met.due_on
        step.details.update({"outcome": outcome.code, "on_time": clue.replied_on_time})
    return step.case


def clue_close(*, actor, clue_id: int, reason: str = "", expected_state=None) -> Clue:
    with case_transition(
        Clue, clue_id, "close", actor=actor, reason=reason, expected_state=expected_state
    ) as step:
        step.case.closed_at = timezone.now()
    return step.case


TRIAGE_STATES = (ClueState.OPENED, ClueState.ATTACHED, ClueState.TRANSFERRED, ClueState.NOT_ACCEPTED)
