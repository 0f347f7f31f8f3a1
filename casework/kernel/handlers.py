"""Who handles a new case by default: providers registered by apps (the grid of the case's employer gives its
inspectors, ``casework.proactive``), asked by ``register_case`` when a case is registered without assignees.

The kernel knows no provider: an app calls ``register_default_handlers(func)`` from its ``ready``;
``func(case)`` returns the users who should handle ``case`` (an empty list when it has no opinion).

Likewise who answers for an employer (``register_employer_watchers``): the same grid inspectors hear of the
warnings raised about the employers of their grid (``employer_watchers``).
"""

from collections.abc import Callable

_PROVIDERS: list[Callable] = []


def register_default_handlers(provider: Callable) -> Callable:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def default_handlers(case) -> list:
    """The first non-empty answer of the registered providers for the (saved) ``case``."""
    for provider in _PROVIDERS:
        users = list(provider(case) or ())
        if users:
            return users
    return []


# --- who answers for an employer ---------------------------------------------------------------------------
# Providers registered by apps (the grid of an employer gives its inspectors, ``casework.proactive``), asked by
# apps that raise warnings about employers (``arrears.monitoring.evaluate``) for whom to tell besides their own
# audience. ``func(employer_ids)`` returns {employer id: {user id, …}} of active users in one query.
_WATCHERS: list[Callable] = []


def register_employer_watchers(provider: Callable) -> Callable:
    if provider not in _WATCHERS:
        _WATCHERS.append(provider)
    return provider


def employer_watchers(employer_ids) -> dict[int, set[int]]:
    """The users who answer for each of ``employer_ids`` (one query per registered provider, none for none)."""
    ids = sorted({int(i) for i in employer_ids})
    out: dict[int, set[int]] = {}
    if not ids:
        return out
    for provider in _WATCHERS:
        for employer_id, users in (provider(ids) or {}).items():
            out.setdefault(employer_id, set()).update(users)
    return out
