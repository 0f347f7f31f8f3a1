"""Reusable permission checks for django-fsm transitions: ``permission=has_role(Role.X, ...)``.

A transition's permission callable gets ``(case, user)``. Visibility (jurisdiction, grants) is checked
separately by the transition service; these checks add the role and, where needed, the assignment.
"""

from casework.roles import Role


def has_role(*roles: Role):
    def check(case, user) -> bool:
        return bool(user and user.is_authenticated and user.has_role(*roles))

    check.roles = roles
    return check


def assigned_with_role(*roles: Role, heads: tuple[Role, ...] = ()):
    """The user has one of ``roles`` and is assigned to the case — or holds one of ``heads``."""

    def check(case, user) -> bool:
        if not (user and user.is_authenticated):
            return False
        if heads and user.has_role(*heads):
            return True
        if not user.has_role(*roles):
            return False
        return user.is_superuser or case.assignees.filter(pk=user.pk).exists()

    check.roles = roles + heads
    return check


def condition(message: str):
    """Mark a django-fsm condition with the Chinese reason shown when it is not met."""

    def decorate(func):
        func.message = message
        return func

    return decorate
