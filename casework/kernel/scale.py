"""What a case type gives ``manage.py seed_scale`` (the benchmark dataset): its ``CaseType.scale_seed``.

    register_case_type(CaseType(..., scale_seed=ScaleSeed(
        share=0.10, open_states=("open", "payment_ordered"), closed_states=("closed",),
        deadline_rule="arrears.payment_order", deadline_title="责令支付期限",
        worker_role=Role.INSPECTOR, head_role=Role.INSPECTION_HEAD,
        fields=arrears_fields, children=(ArrearsWorker, Payment),
    )))

The loader (``casework.scale``) writes what every case has — number, jurisdiction, state, dates, assignees,
the hash-chained log, the running or met deadline, past alerts — and asks the type for the rest:
``fields(case)`` returns the type's own columns of the case row given a ``SeedCase`` (the case being made:
its id, state, dates, a party drawn from the pool, the random generator), and may add rows to its
``children`` tables (``case.table(Model).add({...})``, which returns the new row's id). ``children`` are
the other tables the type fills, parents first (an ``applicants`` many-to-many table, ledger lines…); each
must have a foreign key to the case model, by which ``--reset`` deletes the scale rows.

The kernel never imports a case type: it reads the seeds from the registry. Until a type's registration
names its ``scale_seed``, a module ``<app>.scale_seed`` with ``SCALE_SEEDS = {case type code: ScaleSeed}``
supplies it (``scale_seeds``).
"""

import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.utils.module_loading import autodiscover_modules

from casework.roles import Role


@dataclass(frozen=True)
class SeedCase:
    """The case being generated, as the type's ``fields`` hook sees it."""

    rng: random.Random
    pk: int
    state: str
    is_open: bool
    handled: bool  # past its first state and not closed before anyone handled it: has assignees
    received: date
    accepted: date | None
    closed_at: datetime | None
    person_id: int  # drawn from the scale party pool
    employer_id: int
    person_ids: list[int]  # the whole pool (ledger lines draw several)
    table: Callable[[type], Any]  # Model → the loader's table of it (``.add(values) -> id``)


def _one(rng: random.Random) -> int:
    return 1


@dataclass(frozen=True)
class ScaleSeed:
    """A case type's part of the benchmark dataset."""

    share: float  # of all generated cases (the shares of the registered types are normalised)
    open_states: tuple[str, ...]  # the first is the state a case is registered in
    closed_states: tuple[str, ...]
    deadline_rule: str  # the open case's running deadline (casework.deadlines.rules)
    deadline_title: str
    worker_role: Role  # assignees are drawn from the county's staff with this role
    head_role: Role  # alerted when nobody is assigned
    fields: Callable[[SeedCase], dict]  # the type's own columns (and child rows)
    children: tuple[type, ...] = ()  # other tables the hook fills, parents first
    early_closings: frozenset[str] = frozenset()  # closings before anyone handled the case
    assignee_count: Callable[[random.Random], int] = _one


def _discovered() -> dict[str, ScaleSeed]:
    """``SCALE_SEEDS`` of the installed apps' ``scale_seed`` modules (Django's own autodiscovery)."""
    autodiscover_modules("scale_seed")
    seeds: dict[str, ScaleSeed] = {}
    for config in apps.get_app_configs():
        module = sys.modules.get(f"{config.name}.scale_seed")
        seeds.update(getattr(module, "SCALE_SEEDS", {}) if module else {})
    return seeds


def scale_seeds() -> list[tuple[Any, ScaleSeed]]:
    """(case type, seed) of every registered case type that has one, in registration order."""
    from casework.kernel.registry import case_types

    found = None
    out = []
    for case_type in case_types():
        seed = case_type.scale_seed
        if seed is None:
            found = _discovered() if found is None else found
            seed = found.get(case_type.code)
        if seed is not None:
            out.append((case_type, seed))
    return out
