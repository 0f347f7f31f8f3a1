"""Assigning the staff who handle a case (承办人员): one service for every case type.

Inspection cases need at least two inspectors (LIR Art 16: 劳动保障监察员进行调查、检查，不得少于两人);
a case type states its own minimum and which roles may be assigned. The unit head's right to assign is the
case type's ``assign`` action (``casework.kernel.writes``), checked by ``case_action`` with the row locked.
"""

from django.core.exceptions import ValidationError

from casework.roles import Role
from casework.services.transitions import PreconditionFailed, case_action


def case_assign(
    model,
    pk,
    *,
    actor,
    users: list,
    roles: tuple[Role, ...],
    minimum: int = 1,
    minimum_message: str = "",
    label: str = "指派承办人员",
):
    """Set the case's assignees to ``users`` (each holding one of ``roles`` in the case's jurisdiction)."""
    with case_action(model, pk, "assign", actor=actor, label=label) as step:
        case = step.case
        if not case.is_open:
            raise PreconditionFailed("案件已办结，不能再指派")
        bad = [
            u
            for u in users
            if not u.is_active
            or not u.has_role(*roles)
            or not (u.sees_all_jurisdictions or case.jurisdiction_id in u.jurisdiction_ids)
        ]
        if bad:
            raise ValidationError({"inspectors": [f"{'、'.join(map(str, bad))}不是本辖区的承办人员"]})
        if len(set(users)) < minimum:
            raise ValidationError({"inspectors": [minimum_message or f"至少指派{minimum}名承办人员"]})
        case.assignees.set(users)
        step.details["assignees"] = [str(u) for u in users]
    return case
