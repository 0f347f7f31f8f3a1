"""What every case type's staff page shows the same way: the frame (the kernel's action panel
``casework/case/transitions.html``, the deadlines, the timeline) and the assign card
(``casework/case/assign.html``)."""

from django.utils import timezone

from casework.kernel.registry import case_type_for
from casework.kernel.writes import may_write
from casework.selectors.deadlines import deadline_rows
from casework.selectors.links import links_for
from casework.selectors.staff import staff_of
from casework.selectors.timeline import timeline_for


def case_page_context(case, transitions, *, transition_fields: str, form_class) -> dict:
    """The frame: ``transitions`` (those the user may take now) with the type's per-transition fields template
    and its transition form, the deadlines, the timeline."""
    return {
        "case": case,
        "transitions": transitions,
        "transition_fields": transition_fields,
        "form": form_class(initial={"expected_state": case.state}),
        "deadlines": deadline_rows(case),
        "timeline": timeline_for(case),
        "links": links_for(case),
        "today": timezone.localdate(),
    }


def assign_card(case, user, roles) -> dict:
    """``assignable``: the staff of ``roles`` in the case's jurisdiction, when the case is open and the user
    may assign (the type's ``assign`` action); ``assigned_ids``: who is assigned now."""
    may_assign = case.is_open and may_write(user, case_type_for(case), "assign")
    return {
        "assignable": staff_of(case.jurisdiction, roles) if may_assign else [],
        "assigned_ids": {u.pk for u in case.assignees.all()},
    }
