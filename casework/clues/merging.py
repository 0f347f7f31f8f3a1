"""Duplicate clues: the candidates for one clue, scored, and merging one clue into another and back.

A duplicate (the same arrears reported twice, through two channels or by two workers) is merged into the clue
that goes on (合并): its state becomes "merged", its reply deadline stops, both logs record it. Until the clue
it went into is closed it can be unmerged (撤销合并): it returns to the state it had, its reply deadline runs
again from its own receipt. Both rows are locked in primary-key order before either is read, so two users
merging and unmerging the same pair at once wait for each other instead of crossing (PostgreSQL row locks).
Only clues about the same employer merge (credit code; folded name where a code is missing). The locking, the
checks and both logs' entries are the kernel's (``casework.kernel.merging``).
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from casework.clues.models import OPEN_CLUE_STATES, Clue, ClueState
from casework.deadlines.clue_periods import reply_rule_name
from casework.kernel import duplicates
from casework.kernel.duplicates import MIN_SCORE, Facts
from casework.kernel.employers import normalised_employer_name, same_employer
from casework.kernel.merging import MergeWords, merge_step, merge_target, unmerge_step
from casework.masking import mask_id_number, mask_name, mask_phone
from casework.services import deadlines

WORDS = MergeWords(
    noun="线索", party="被反映单位", log_key="clue", closed_states=frozenset({ClueState.CLOSED})
)

MAX_CANDIDATES = 20


@dataclass
class Candidate:
    clue: Clue
    score: int
    reasons: list[str]

    @property
    def reporter(self) -> str:
        """Who reported it, masked: a surname, the ID number's ends, the phone's ends."""
        c = self.clue
        parts = [
            mask_name(c.reporter_name),
            mask_id_number(c.reporter_id_number),
            mask_phone(c.reporter_phone),
        ]
        return " ".join(p for p in parts if p) or "匿名"


def facts(clue: Clue) -> Facts:
    """What a clue tells the kernel's duplicate scoring."""
    return Facts(
        credit_code=clue.employer_credit_code,
        employer_name=clue.employer_name,
        project=clue.project_name,
        worker_id=clue.reporter_id_number,
        phone=clue.reporter_phone,
        period_from=clue.period_from,
        period_to=clue.period_to,
        amount=clue.amount,
    )


def score(clue: Clue, other: Clue) -> tuple[int, list[str]]:
    return duplicates.score(facts(clue), facts(other))


def candidates(clue: Clue, visible) -> list[Candidate]:
    """Open clues the user sees that may report the same arrears, best first (one query)."""
    core = normalised_employer_name(clue.employer_name)
    near = Q(pk__in=[])
    for column, value in (
        ("employer_credit_code", clue.employer_credit_code),
        ("reporter_id_number", clue.reporter_id_number),
        ("reporter_phone", clue.reporter_phone),
        ("project_name", clue.project_name),
        ("employer_name__contains", core[:8]),
    ):
        if value:
            near |= Q(**{column: value})
    others = (
        visible.filter(near, state__in=OPEN_CLUE_STATES, merged_into__isnull=True)
        .exclude(pk=clue.pk)
        .exclude(state=ClueState.MERGED)
        .select_related("jurisdiction")
        .order_by("-received_on", "-pk")[:200]
    )
    found = []
    for other in others:
        points, reasons = score(clue, other)
        if points >= MIN_SCORE and same_employer(clue, other) is not False:
            found.append(Candidate(other, points, reasons))
    found.sort(key=lambda c: (-c.score, -c.clue.pk))
    return found[:MAX_CANDIDATES]


def clue_merge(*, actor, clue_id: int, into, reason: str = "", expected_state=None) -> Clue:
    """合并: clue ``clue_id`` (the duplicate) goes into clue ``into`` (its number or id)."""
    from casework.clues.selectors import clues_visible_to

    with transaction.atomic():
        target = merge_target(clues_visible_to(actor) if actor else Clue.objects.all(), into, WORDS)
        with merge_step(
            Clue, clue_id, target, actor=actor, words=WORDS, reason=reason, expected_state=expected_state
        ) as step:
            deadlines.cancel(step.case, [reply_rule_name(step.case.channel)])
        return step.case


def clue_unmerge(*, actor, clue_id: int, reason: str = "", expected_state=None) -> Clue:
    """撤销合并: the clue returns to the state it had, before the clue it went into is closed."""
    with unmerge_step(
        Clue, clue_id, actor=actor, words=WORDS, reason=reason, expected_state=expected_state
    ) as step:
        clue = step.case
        if clue.replied_on is None:
            deadlines.start(clue, reply_rule_name(clue.channel), on=clue.received_on)
    return step.case
