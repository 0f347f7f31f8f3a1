"""Who handles a new case by default: providers registered by apps (the grid of the case's employer gives its
inspectors, ``casework.proactive``), asked by ``register_case`` when a case is registered without assignees.

The kernel knows no provider: an app calls ``register_default_handlers(func)`` from its ``ready``;
``func(case)`` returns the users who should handle ``case`` (an empty list when it has no opinion).
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
