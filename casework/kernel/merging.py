"""Merging a duplicate case into the case that goes on (合并) and back (撤销合并), for any case type whose model
has a ``merge`` and an ``unmerge`` transition and mixes in ``casework.models.merging.MergeableCase`` (the
``merged_into`` foreign key to itself and ``state_before_merge``).

    with merge_step(Clue, clue_id, target, actor=user, words=CLUE_WORDS) as step:
        ...stop the duplicate's own deadlines...

Both rows are locked in primary-key order before either is read, so two users merging a pair into each other,
or merging and unmerging it, at once wait for each other instead of crossing (PostgreSQL row locks): one wins,
the other is refused with a Chinese 409, never a cycle or a deadlock. Only cases against the same employer
merge (``casework.kernel.employers.same_employer``); a case already closed or merged elsewhere takes none; a
case others were merged into is not merged itself. The merge and the unmerge are logged on the duplicate (the
transition) and noted in the log of the case it went into (``merge_in``/``merge_out``): both histories kept.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from casework.inputs import require_value
from casework.kernel.employers import same_employer
from casework.services.transitions import (
    PreconditionFailed,
    TransitionStep,
    case_transition,
    note_on_related_case,
)


@dataclass(frozen=True)
class MergeWords:
    """How a case type names its cases in the merge's messages and log notes."""

    noun: str  # 线索, 投诉
    party: str  # 被反映单位, 被投诉单位
    log_key: str  # the duplicate's number in the target's log note: {"clue": "…"}
    closed_states: frozenset[str]  # a case in one of these takes no merge and lets none go


def merge_target(visible, number_or_pk, words: MergeWords):
    """The case a duplicate goes into, by its number or id, among the cases the user sees (else a 400)."""
    value = require_value(str(number_or_pk or "").strip(), "into", f"请填写要并入的{words.noun}编号")
    by_pk = Q(pk=int(value)) if value.isdigit() and len(value) < 18 else Q(pk__in=[])
    found = visible.filter(Q(number=value) | by_pk).first()
    if found is None:
        raise ValidationError({"into": [f"没有这个{words.noun}，或您无权查看"]})
    return found


def _note(model, target_pk: int, case, *, name: str, label: str, actor, words: MergeWords) -> None:
    details = {words.log_key: case.number}
    note_on_related_case(model, target_pk, name=name, label=label, actor=actor, details=details)


def lock_pair(model, pk_a: int, pk_b: int) -> None:
    """Both cases' rows locked, in primary-key order (every merge and unmerge takes them in the same order)."""
    rows = model._default_manager.select_for_update().filter(pk__in=sorted({pk_a, pk_b})).order_by("pk")
    list(rows.values_list("pk"))


def check_merge(case, target, words: MergeWords) -> None:
    """Why ``case`` may not go into ``target`` (a 400 or a 409 with a Chinese message), else nothing."""
    noun = words.noun
    if target.pk == case.pk:
        raise ValidationError({"into": [f"不能并入本{noun}自身"]})
    if target.state in words.closed_states or target.state == "merged" or target.merged_into_id:
        raise PreconditionFailed(f"{noun}{target.number}已办结或已并入其他{noun}，不能并入")
    if type(case)._default_manager.filter(merged_into=case.pk).exists():
        raise PreconditionFailed(f"已有{noun}并入本{noun}，请先撤销那些合并")
    same = same_employer(case, target)
    if same is None:
        raise PreconditionFailed(f"{words.party}尚未查明，不能合并")
    if not same:
        raise PreconditionFailed(f"{noun}{target.number}的{words.party}与本{noun}不是同一单位，不能合并")


@contextmanager
def merge_step(
    model, pk: int, target, *, actor, words: MergeWords, reason: str = "", expected_state=None
) -> Iterator[TransitionStep]:
    """合并 case ``pk`` into ``target`` (a case of the same model the actor sees): the pair locked, checked,
    the duplicate's ``merged_into`` and ``state_before_merge`` set; the body stops its deadlines."""
    with transaction.atomic():
        lock_pair(model, pk, target.pk)
        with case_transition(
            model, pk, "merge", actor=actor, reason=reason, expected_state=expected_state
        ) as step:
            target = model._default_manager.get(pk=target.pk)  # as locked
            case = step.case
            check_merge(case, target, words)
            case.state_before_merge = case.state
            case.merged_into = target
            step.details.update({"into": target.number, "previous_state": case.state})
            yield step
            _note(
                model,
                target.pk,
                case,
                name="merge_in",
                label=f"并入重复{words.noun}",
                actor=actor,
                words=words,
            )


@contextmanager
def unmerge_step(
    model, pk: int, *, actor, words: MergeWords, reason: str = "", expected_state=None
) -> Iterator[TransitionStep]:
    """撤销合并 while the case it went into is open: the duplicate back in the state it had (the transition's
    return value); the body restarts its deadlines."""
    with transaction.atomic():
        merged_into = model._default_manager.filter(pk=pk).values_list("merged_into_id", flat=True).first()
        if merged_into:
            lock_pair(model, pk, merged_into)
        with case_transition(
            model, pk, "unmerge", actor=actor, reason=reason, expected_state=expected_state
        ) as step:
            case = step.case
            target = case.merged_into
            if target is None or target.pk != merged_into:
                raise PreconditionFailed(f"{words.noun}已被他人处理，请刷新后重试")
            if target.state in words.closed_states:
                raise PreconditionFailed(f"{words.noun}{target.number}已办结，不能撤销合并")
            step.fire()
            case.merged_into = None
            case.state_before_merge = ""
            step.details.update({"from": target.number})
            yield step
            _note(
                model,
                target.pk,
                case,
                name="merge_out",
                label=f"撤销并入的{words.noun}",
                actor=actor,
                words=words,
            )
