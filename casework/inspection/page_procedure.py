"""What the complaint page shows of the procedure: the investigation's records, the findings, the penalty
procedure (statement, hearing) and the handling decision, and which of their actions the user may take
(each form posts to the kernel's ``case-change``)."""

from django.urls import reverse

from casework.inspection import documents as docs
from casework.inspection.models import INVESTIGATION_STATES, ComplaintState
from casework.inspection.procedure_models import LegalBasis, RecordKind
from casework.kernel.registry import case_type_for
from casework.kernel.writes import may_write
from casework.models import User
from casework.roles import Role


def _presiding_choices(case):
    """Staff of the case's county who may preside: inspectors and heads who did not investigate it."""
    labels = [Role.INSPECTOR.label, Role.INSPECTION_HEAD.label]
    assigned = [u.pk for u in case.assignees.all()]
    return (
        User.objects.filter(is_active=True, groups__name__in=labels, jurisdictions=case.jurisdiction_id)
        .exclude(pk__in=assigned)
        .distinct()
        .order_by("pk")
    )


def procedure_context(case, user) -> dict:
    registered = case_type_for(case)

    def may(name: str) -> bool:
        return may_write(user, registered, name)

    records = docs.records_of(case)
    procedure, handling = docs.procedure(case), docs.handling(case)
    investigating = case.state in INVESTIGATION_STATES
    noticed = case.state == ComplaintState.PENALTY_NOTICED and procedure is not None
    decided = case.state == ComplaintState.DECIDED and handling is not None and handling.amount > 0
    return {
        "records": [
            {"record": r, "url": reverse("complaint-document", args=[case.pk, r.slug])} for r in records
        ],
        "record_kinds": RecordKind.choices,
        "findings": docs.findings(case),
        "procedure": procedure,
        "handling": handling,
        "legal_bases": LegalBasis.objects.filter(active=True) if investigating else [],
        "can_record_investigation": investigating and may("record_investigation"),
        "can_record_findings": investigating and bool(records) and may("record_findings"),
        "can_request_hearing": noticed
        and procedure.hearing_right
        and not procedure.hearing_requested
        and may("request_hearing"),
        "can_notify_hearing": noticed
        and procedure.hearing_requested
        and procedure.hearing_held_on is None
        and may("notify_hearing"),
        "presiding_choices": _presiding_choices(case) if noticed and procedure.hearing_requested else [],
        "can_hold_hearing": noticed
        and procedure.hearing_at is not None
        and procedure.hearing_held_on is None
        and may("hold_hearing"),
        "can_record_payment": decided and may("record_payment"),
        "can_order_compensation": decided
        and handling.compensation_amount is None
        and may("order_compensation"),
    }
