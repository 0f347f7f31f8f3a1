"""合并 and 撤销合并 of complaints already registered: a duplicate (the same arrears complained of twice, by the
same worker or by two of one crew) goes into the complaint that goes on, until that one is closed.

The kernel's merge (``casework.kernel.merging``) locks both rows, refuses another employer's complaint or a
closed one (409), sets ``merged_into`` and ``state_before_merge`` and notes the merge in both logs. Here: the
duplicate's running deadlines stop counting (paused, their rules recorded in the merge's log entry) and run
again on unmerge, the paused days not counted; its complainant and workers show on the target's page.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from casework.inspection.models import OPEN_COMPLAINT_STATES, Complaint, ComplaintState
from casework.kernel.merging import MergeWords, merge_step, merge_target, unmerge_step
from casework.models import Deadline, TransitionLog
from casework.services import deadlines

WORDS = MergeWords(
    noun="投诉",
    party="被投诉单位",
    log_key="complaint",
    closed_states=frozenset(set(ComplaintState.values) - set(OPEN_COMPLAINT_STATES)),
)


def complaint_merge(*, actor, complaint_id: int, into, reason: str = "", expected_state=None) -> Complaint:
    """合并: complaint ``complaint_id`` (the duplicate) goes into complaint ``into`` (its number or id)."""
    from casework.inspection.selectors import complaints_visible_to

    visible = complaints_visible_to(actor) if actor else Complaint.objects.all()
    target = merge_target(visible, into, WORDS)
    with merge_step(
        Complaint,
        complaint_id,
        target,
        actor=actor,
        words=WORDS,
        reason=reason,
        expected_state=expected_state,
    ) as step:
        today = timezone.localdate()
        running = deadlines.open_deadlines(step.case).filter(status=Deadline.Status.OPEN)
        paused = [d.rule for d in running]
        for rule in paused:
            deadlines.pause(step.case, rule, on=today)
        step.details["paused_deadlines"] = paused
    return step.case


def _paused_by_merge(complaint: Complaint) -> list[str]:
    """The rules the complaint's last merge paused (from that merge's log entry)."""
    entry = (
        TransitionLog.objects.filter(
            content_type=ContentType.objects.get_for_model(Complaint),
            object_id=complaint.pk,
            transition="merge",
        )
        .order_by("-id")
        .values_list("details", flat=True)
        .first()
    )
    return list((entry or {}).get("paused_deadlines", []))


def complaint_unmerge(*, actor, complaint_id: int, reason: str = "", expected_state=None) -> Complaint:
    """撤销合并: the complaint returns to the state it had and its deadlines run again."""
    with unmerge_step(
        Complaint, complaint_id, actor=actor, words=WORDS, reason=reason, expected_state=expected_state
    ) as step:
        today = timezone.localdate()
        resumed = _paused_by_merge(step.case)
        for rule in resumed:
            deadlines.resume(step.case, rule, on=today)
        step.details["resumed_deadlines"] = resumed
    return step.case
