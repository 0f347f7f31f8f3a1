"""Who hears of a deadline alert: the case's assignees, their unit head, the director.

Resolved in bulk for a batch of alerts (a fixed number of queries per batch, whatever its size):
  * assignees — ``Case.assignees`` of each case, read from each case model's through table;
  * unit heads — active users holding the head role of the case type (``head_roles_for``) in the
    case's jurisdiction (not above it: a head at 州本级 cannot open a county's cases);
  * directors — active users holding ``Role.DIRECTOR`` in the case's jurisdiction or any unit above it
    (the prefecture bureau's directors oversee every county).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from casework.models import Jurisdiction, User
from casework.roles import Role

# The head who answers for a case type's deadlines. A case model may instead declare
# ``ALERT_HEAD_ROLES = (Role.X, ...)``; unknown types fall back to DEFAULT_HEAD_ROLES.
HEAD_ROLES_BY_CASE_TYPE: dict[str, tuple[Role, ...]] = {
    "complaint": (Role.INSPECTION_HEAD,),
    "arrears": (Role.INSPECTION_HEAD,),
    "arbitration": (Role.ARBITRATION_CHAIR,),
    "mediation": (Role.ARBITRATION_CHAIR,),
}
DEFAULT_HEAD_ROLES: tuple[Role, ...] = (Role.INSPECTION_HEAD, Role.ARBITRATION_CHAIR)


def head_roles_for(model) -> tuple[Role, ...]:
    declared = getattr(model, "ALERT_HEAD_ROLES", None)
    if declared:
        return tuple(declared)
    return HEAD_ROLES_BY_CASE_TYPE.get(getattr(model, "CASE_TYPE", ""), DEFAULT_HEAD_ROLES)


@dataclass
class StaffDirectory:
    """Role holders by jurisdiction and the jurisdiction tree, loaded once per sweep (two queries)."""

    holders: dict[str, dict[int, set[int]]] = field(default_factory=dict)  # role → jurisdiction → users
    parents: dict[int, int | None] = field(default_factory=dict)

    @classmethod
    def load(cls, roles: set[Role]) -> "StaffDirectory":
        by_label = {role.label: role.value for role in roles}
        holders: dict[str, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
        rows = User.objects.filter(is_active=True, groups__name__in=list(by_label)).values_list(
            "pk", "groups__name", "jurisdictions__id"
        )
        for user_id, group_name, jurisdiction_id in rows:
            if jurisdiction_id is not None and group_name in by_label:
                holders[by_label[group_name]][jurisdiction_id].add(user_id)
        parents = dict(Jurisdiction.objects.values_list("id", "parent_id"))
        return cls(holders=holders, parents=parents)

    def chain(self, jurisdiction_id: int) -> list[int]:
        """The jurisdiction and every unit above it, nearest first."""
        out, current = [], jurisdiction_id
        while current is not None and current not in out:
            out.append(current)
            current = self.parents.get(current)
        return out

    def heads(self, jurisdiction_id: int, roles: tuple[Role, ...]) -> set[int]:
        return set().union(*(self.holders.get(role.value, {}).get(jurisdiction_id, set()) for role in roles))

    def directors(self, jurisdiction_id: int) -> set[int]:
        by_jurisdiction = self.holders.get(Role.DIRECTOR.value, {})
        return set().union(*(by_jurisdiction.get(jid, set()) for jid in self.chain(jurisdiction_id)))


def all_head_roles(models) -> set[Role]:
    roles = {Role.DIRECTOR}
    for model in models:
        roles.update(head_roles_for(model))
    return roles


def assignees_by_case(model, case_ids) -> dict[int, set[int]]:
    """Active assignees of each case of ``model`` (one query on its through table, for any number of cases)."""
    from django.db.models.expressions import RawSQL

    from casework.services.json_rows import id_set

    m2m = model._meta.get_field("assignees")
    through = m2m.remote_field.through
    case_col, user_col = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    out: dict[int, set[int]] = defaultdict(set)
    rows = through.objects.filter(
        **{f"{case_col}_id__in": RawSQL(*id_set(case_ids)), f"{user_col}__is_active": True}
    )
    for case_id, user_id in rows.values_list(f"{case_col}_id", f"{user_col}_id"):
        out[case_id].add(user_id)
    return out
