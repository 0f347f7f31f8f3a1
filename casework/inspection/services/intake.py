"""Intake of complaints and reports: registering one, attaching a further complainant to an open case, and
naming the registered employer a complaint is about before it is accepted."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casework.inputs import INT_MAX, PAST, SMALLINT_MAX, parse_date, parse_int, parse_yuan, require_text
from casework.inspection.models import Complaint, ComplaintKind, ComplaintState, IntakeChannel, ViolationType
from casework.inspection.services.common import ACCEPT
from casework.kernel.writes import is_read_only
from casework.models import Employer, Jurisdiction, Person
from casework.roles import Role
from casework.services import deadlines
from casework.services.parties import (
    employer_get_or_create_by_credit_code,
    person_get_or_create_by_id_number,
)
from casework.services.transitions import (
    PreconditionFailed,
    TransitionForbidden,
    case_action,
    register_case,
    submitted_case,
)
from casework.validators import normalise_credit_code

INTAKE_ROLES = (Role.CLERK, Role.INSPECTOR, Role.INSPECTION_HEAD)
# What the complainant reports about the violation (the intake form's fields; a transfer copies them all).
REPORTED_FIELDS = (
    "workplace",
    "project_name",
    "facts",
    "violation_types",
    "violation_started_on",
    "violation_ended_on",
    "arrears_amount",
    "arrears_months",
    "workers_affected",
)


def may_register(actor, jurisdiction: Jurisdiction | None = None) -> None:
    """Staff register complaints in their own jurisdictions (403 otherwise, before the input is read);
    a public submission has no actor."""
    if actor is None:
        return
    if is_read_only(actor) or not actor.has_role(*INTAKE_ROLES):
        raise TransitionForbidden("只有登记员或监察员可以登记投诉举报")
    if jurisdiction is None:
        return
    if not (actor.sees_all_jurisdictions or jurisdiction.id in actor.jurisdiction_ids):
        raise TransitionForbidden("不能为其他管辖区域登记投诉")


def _intake_facts(
    *,
    kind,
    complainant,
    employer,
    employer_name_given,
    violation_types,
    received_on,
    violation_started_on,
    violation_ended_on,
    arrears_amount,
    arrears_months,
    workers_affected,
) -> dict:
    """The registration's figures and dates, read with ``casework.inputs`` (each error names its field)."""
    if kind == ComplaintKind.COMPLAINT and complainant is None:
        raise ValidationError({"complainant": ["投诉须登记投诉人身份；匿名请按举报登记"]})
    unknown = set(violation_types) - set(ViolationType.values)
    if unknown:
        raise ValidationError({"violation_types": [f"未知的违法类型：{'、'.join(sorted(unknown))}"]})
    if employer is None and not employer_name_given:
        raise ValidationError({"employer": ["请选择被投诉单位，或填写投诉人所述的单位名称"]})
    started = parse_date(violation_started_on, "violation_started_on", window=PAST)
    ended = parse_date(violation_ended_on, "violation_ended_on", window=PAST)
    if started and ended and ended < started:
        raise ValidationError({"violation_ended_on": ["终了日期不能早于开始日期"]})
    wages = ViolationType.WAGE_ARREARS in violation_types
    if wages and arrears_amount in (None, ""):
        raise ValidationError({"arrears_amount": ["拖欠工资的投诉请填写欠薪金额"]})
    return {
        "received_on": parse_date(received_on, "received_on", window=PAST) or timezone.localdate(),
        "violation_started_on": started,
        "violation_ended_on": ended,
        "arrears_amount": parse_yuan(arrears_amount, "arrears_amount"),
        "arrears_months": parse_int(arrears_months, "arrears_months", minimum=1, maximum=SMALLINT_MAX),
        "workers_affected": parse_int(
            1 if workers_affected is None else workers_affected,
            "workers_affected",
            minimum=1,
            maximum=INT_MAX,
        ),
    }


@transaction.atomic
def complaint_register(
    *,
    actor,
    jurisdiction: Jurisdiction,
    facts: str,
    workplace: str,
    kind: str = ComplaintKind.COMPLAINT,
    channel: str = IntakeChannel.WINDOW,
    received_on: date | None = None,
    complainant=None,
    co_complainants=(),
    employer=None,
    employer_name_given: str = "",
    project_name: str = "",
    violation_types=(),
    violation_started_on=None,
    violation_ended_on=None,
    arrears_amount=None,
    arrears_months=None,
    workers_affected: int = 1,
    green_channel: bool = False,
    submission_key: str | None = None,
) -> Complaint:
    """Register a complaint or report and start the 5-working-day acceptance clock (LIR-IMPL Art 18)."""
    may_register(actor, jurisdiction)
    if existing := submitted_case(Complaint, submission_key):
        return existing
    figures = _intake_facts(
        kind=kind,
        complainant=complainant,
        employer=employer,
        employer_name_given=employer_name_given,
        violation_types=violation_types,
        received_on=received_on,
        violation_started_on=violation_started_on,
        violation_ended_on=violation_ended_on,
        arrears_amount=arrears_amount,
        arrears_months=arrears_months,
        workers_affected=workers_affected,
    )
    complaint = Complaint(
        jurisdiction=jurisdiction,
        kind=kind,
        channel=channel,
        anonymous=complainant is None,
        complainant=complainant,
        employer=employer,
        employer_name_given=employer_name_given or (employer.name if employer else ""),
        workplace=workplace,
        project_name=project_name,
        facts=facts,
        violation_types=list(violation_types),
        green_channel=green_channel or channel == IntakeChannel.GREEN_CHANNEL,
        submission_key=submission_key,
        **figures,
    )
    register_case(
        complaint,
        actor=actor,
        label="登记" + complaint.get_kind_display(),
        details={"channel": channel},
        public=True,
        year=complaint.received_on.year,
    )
    if co_complainants:
        complaint.co_complainants.set(co_complainants)
    deadlines.start(complaint, ACCEPT, on=complaint.received_on)
    return complaint


# --- attach -----------------------------------------------------------------------------------------------
PERSON_FIELDS = {
    "name": "complainant_name",
    "id_number": "complainant_id_number",
    "phone": "complainant_phone",
}


def _same_employer(case: Complaint, employer) -> None:
    """A further complaint joins a case only if it is about that case's employer (one credit code)."""
    code = employer.credit_code if isinstance(employer, Employer) else normalise_credit_code(employer or "")
    if case.employer_id is None:
        raise ValidationError({"employer": ["本案被投诉单位尚未查明，不能并入新的投诉"]})
    if not code:
        raise ValidationError({"employer": ["请填写新投诉所涉单位的统一社会信用代码"]})
    if code != case.employer.credit_code:
        # Not a matter of input: the case is another employer's, whatever is typed (409, not 400).
        raise PreconditionFailed(
            f"新投诉所涉单位与本案被投诉单位（{case.employer.name}）不是同一单位，不能并入"
        )


def _complainant(complainant, case: Complaint, actor) -> Person:
    """The further complainant: a ``Person`` already found, or their particulars found or registered by
    ID number (one ID number is one person) in the case's jurisdiction."""
    if isinstance(complainant, Person):
        return complainant
    details = complainant or {}
    try:
        person, _created = person_get_or_create_by_id_number(
            id_number=details.get("id_number") or "",
            name=details.get("name") or "",
            phone=details.get("phone") or "",
            jurisdiction=case.jurisdiction,
            actor=actor,
        )
    except ValidationError as exc:
        errors = getattr(exc, "message_dict", {"id_number": exc.messages})
        raise ValidationError({PERSON_FIELDS.get(k, k): v for k, v in errors.items()}) from None
    return person


def complaint_attach(
    *,
    actor,
    complaint_id: int,
    complainant,
    employer,
    facts: str = "",
    arrears_amount=None,
    workers_affected=1,
) -> Complaint:
    """并入: a further complaint about an open case's employer joins that case instead of opening another.

    ``complainant`` is a ``Person`` or ``{"name", "id_number", "phone"}``; ``employer`` the new complaint's
    ``Employer`` or its credit code, which must be the case's.
    """
    with case_action(Complaint, complaint_id, "attach", actor=actor, reason=(facts or "").strip()) as step:
        case = step.case
        amount = parse_yuan(arrears_amount, "arrears_amount")
        added = parse_int(workers_affected, "workers_affected", minimum=0, maximum=INT_MAX) or 0
        _same_employer(case, employer)
        if not case.is_open:
            raise PreconditionFailed("只能并入尚未办结的案件")
        person = _complainant(complainant, case, actor)
        if person.pk != case.complainant_id:
            case.co_complainants.add(person)
        case.workers_affected += added
        if amount is not None:
            case.arrears_amount = (case.arrears_amount or Decimal("0")) + amount
        case.save(update_fields=["workers_affected", "arrears_amount", "updated_at"])
        step.details.update(
            {
                "complainant": person.pk,
                "workers_added": added,
                "arrears_added": None if amount is None else str(amount),
            }
        )
    return step.case


# --- the employer ---------------------------------------------------------------------------------------
BEFORE_ACCEPTANCE = (ComplaintState.REGISTERED, ComplaintState.SUPPLEMENT_REQUESTED)


def complaint_identify_employer(
    *,
    actor,
    complaint_id: int,
    employer: Employer | None = None,
    credit_code: str = "",
    name: str = "",
    legal_representative: str = "",
) -> Complaint:
    """Name the registered employer a complaint is about, before acceptance.

    An identifiable employer is a condition of acceptance (LIR-IMPL Art 18); a worker complaining online
    often knows only a name ("包工头张某"), so the inspector looks the employer up and records it here —
    either an ``Employer`` or its credit code, which finds the registered employer or registers it (one
    credit code is one employer) in the same transaction as the change and its log entry.
    """
    with case_action(Complaint, complaint_id, "identify_employer", actor=actor) as step:
        case = step.case
        if employer is None:
            require_text(credit_code, "credit_code", "请填写被投诉单位的统一社会信用代码")
        if case.state not in BEFORE_ACCEPTANCE:
            raise PreconditionFailed("只能在受理前确定被投诉单位")
        if employer is None:
            employer, _created = employer_get_or_create_by_credit_code(
                credit_code=credit_code,
                name=(name or "").strip() or case.employer_name_given,
                legal_representative=(legal_representative or "").strip(),
                jurisdiction=case.jurisdiction,
                actor=actor,
            )
        case.employer = employer
        case.save(update_fields=["employer", "updated_at"])
        step.details.update({"employer": employer.pk, "name": employer.name})
    return step.case
