"""Who may change what: write permission by case type, action and role, decided here for every change.

A change is a state move (a django-fsm transition: its roles are its ``permission``'s) or an action of the
case type's registration (``CaseType.all_actions``: its own — assign, statement, claims… — and the kernel's
common ones, such as evidence). Either way the user must hold one of the roles the change names; a user with
a read-only role (``READ_ONLY_ROLES``: the auditor) never writes, whatever else they hold. The check runs
before the input is read and before the case's state is looked at, so a refused user learns nothing from
the answer but "无权" (403) — and only for a case they can see (404 otherwise).

``write_matrix()`` is the whole table (shown to administrators at *系统管理 → 写操作权限*); the test
``tests/kernel/test_write_matrix.py`` walks every registered case type × role × change through it.
"""

from dataclasses import dataclass

from casework.roles import READ_ONLY_ROLES, Role


def _fsm_transitions(model, name: str) -> list:
    field = model._meta.get_field("state")
    return [t for t in field.get_all_transitions(model) if t.name == name]


def transition_roles(model, name: str) -> tuple[Role, ...] | None:
    """The roles a django-fsm transition's ``permission`` names (None: no such transition)."""
    found = _fsm_transitions(model, name)
    if not found:
        return None
    roles: list[Role] = []
    for t in found:
        for role in getattr(t.permission, "roles", ()):
            if role not in roles:
                roles.append(role)
    return tuple(roles)


def change_roles(case_type, name: str) -> tuple[Role, ...] | None:
    """The roles that may make change ``name`` (a transition or an action) on ``case_type``; None if unknown."""
    action = case_type.action(name)
    if action is not None:
        return tuple(action.roles)
    return transition_roles(case_type.model, name)


def is_read_only(user) -> bool:
    return bool(user and not user.is_superuser and user.role_codes & {r.value for r in READ_ONLY_ROLES})


def may_write(user, case_type, name: str, case=None) -> bool:
    """Whether ``user`` holds a role that may make change ``name`` on cases of ``case_type``.

    For a transition whose permission also needs the user to be assigned (``assigned_with_role``), pass the
    case: its own permission callable decides. ``user=None`` is the system itself (a public submission, a
    scheduled task), which the services allow explicitly.
    """
    if user is None:
        return True
    if not (user.is_authenticated and user.is_active) or is_read_only(user):
        return False
    roles = change_roles(case_type, name)
    if not roles or not user.has_role(*roles):
        return False
    if case is not None and case_type.action(name) is None:
        return any(t.has_perm(case, user) for t in _fsm_transitions(case_type.model, name))
    return True


@dataclass(frozen=True)
class MatrixRow:
    case_type: str
    case_label: str
    name: str
    label: str
    kind: str  # "transition" | "action"
    roles: frozenset[str]


def write_matrix() -> list[MatrixRow]:
    """Every change of every registered case type with the roles that may make it."""
    from casework.kernel.registry import case_types
    from casework.services.transitions import transition_label

    rows = []
    for ct in case_types():
        field = ct.model._meta.get_field("state")
        names = list(dict.fromkeys(t.name for t in field.get_all_transitions(ct.model)))
        for name in names:
            roles = transition_roles(ct.model, name) or ()
            rows.append(
                MatrixRow(
                    ct.code,
                    ct.label,
                    name,
                    transition_label(ct.model, name),
                    "transition",
                    frozenset(r.value for r in roles),
                )
            )
        for action in ct.all_actions():
            rows.append(
                MatrixRow(
                    ct.code,
                    ct.label,
                    action.name,
                    str(action.label),
                    "action",
                    frozenset(r.value for r in action.roles),
                )
            )
    return rows
