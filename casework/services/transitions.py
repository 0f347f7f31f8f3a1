"""The one way a case changes: ``case_transition`` for a state move, ``case_action`` for any other change.

    with case_transition(Complaint, pk, "accept", actor=user, expected_state="registered") as step:
        ...validate the payload (raise ValidationError to abort, nothing is written)...
        step.fire()                      # runs the django-fsm transition method
        step.case.accepted_on = today    # side effects on the case
        step.details["deadline"] = ...   # recorded in the log entry
        step.on_commit(send_notice)      # outbound effects after commit

    with case_action(Complaint, pk, "assign", actor=user) as step:
        ...validate, then change the case or its related rows...
        step.details["inspectors"] = [...]

Inside one database transaction each locks the case row, checks visibility (404), the user's write
permission for that case type and change (403, ``casework.kernel.writes`` — before the input or the state is
looked at), then, for a transition, the expected state (409), whether the move is possible from the current
state and its preconditions (each carrying a Chinese ``message``); the body runs; the case is saved (a
transition) and the hash-chained log entry appended. Any exception rolls everything back; ``on_commit``
effects run only after the commit.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition

from casework.kernel.handlers import default_handlers
from casework.kernel.writes import is_read_only, may_write
from casework.permissions import condition  # noqa: F401  (re-exported)
from casework.selectors.visibility import can_see
from casework.services.audit import append_entry
from casework.services.case_numbers import assign_number


class TransitionError(Exception):
    status_code = 409
    code = "transition_error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CaseNotFound(TransitionError):
    status_code = 404
    code = "not_found"


class TransitionForbidden(TransitionError, PermissionDenied):
    status_code = 403
    code = "forbidden"


class TransitionNotAvailable(TransitionError):
    """Not possible from the case's current state."""

    code = "invalid_state"


class PreconditionFailed(TransitionError):
    code = "precondition_failed"


class TransitionConflict(TransitionError):
    """Someone else changed the case first."""

    code = "conflict"


def transition_label(model, name: str) -> str:
    method = getattr(model, name, None)
    meta = getattr(method, "_django_fsm", None)
    if meta:
        for t in meta.transitions.values():
            if t.custom.get("label"):
                return t.custom["label"]
    return name


def _transition_for(case, name: str):
    method = getattr(case, name, None)
    meta = getattr(method, "_django_fsm", None)
    if meta is None:
        raise TransitionNotAvailable(f"没有名为“{name}”的操作")
    return method, meta, meta.get_transition(case.state) if meta.has_transition(case.state) else None


def _case_type(model):
    from casework.kernel.registry import case_type_for

    found = case_type_for(model)
    if found is None:
        raise TransitionNotAvailable(f"{model._meta.verbose_name}未登记为案件类型")
    return found


def forbidden(case, name: str, user) -> TransitionForbidden | None:
    """403 if ``user`` may not make change ``name`` on ``case`` (a transition or an action), whatever its state."""
    if user is None or may_write(user, _case_type(type(case)), name, case):
        return None
    kind = _case_type(type(case)).action(name)
    label = kind.label if kind is not None else transition_label(type(case), name)
    return TransitionForbidden(f"您无权对本案执行“{label}”")


def blocking_reason(case, name: str, user) -> TransitionError | None:
    """Why ``user`` cannot take transition ``name`` on ``case`` now (None if they can): permission first."""
    _method, _meta, t = _transition_for(case, name)
    label = transition_label(type(case), name)
    problem = forbidden(case, name, user)
    if problem is not None:
        return problem
    if t is None:
        return TransitionNotAvailable(f"案件当前状态为“{case.get_state_display()}”，不能{label}")
    if user is not None and not t.has_perm(case, user):
        return TransitionForbidden(f"您无权对本案执行“{label}”")
    for cond in t.conditions:
        if not cond(case):
            return PreconditionFailed(getattr(cond, "message", f"不满足“{label}”的条件"))
    return None


def available_transitions(case, user) -> list[dict]:
    """The transitions this user may take on this case now, for buttons and the API."""
    field = type(case)._meta.get_field("state")
    out = []
    if is_read_only(user):
        return out
    for t in field.get_all_transitions(type(case)):
        if t.source not in (case.state, "*") or t.name in {x["name"] for x in out}:
            continue
        if t.has_perm(case, user) and all(cond(case) for cond in t.conditions):
            out.append(
                {
                    "name": t.name,
                    "label": t.custom.get("label", t.name),
                    "style": t.custom.get("style", ""),
                    "form": t.custom.get("form", ""),
                }
            )
    return out


@dataclass
class TransitionStep:
    case: object
    name: str
    label: str
    from_state: str
    actor: object
    reason: str = ""
    details: dict = field(default_factory=dict)
    public: bool = False
    fired: bool = False
    _after_commit: list = field(default_factory=list)

    def fire(self, *args, **kwargs):
        result = getattr(self.case, self.name)(*args, **kwargs)
        self.fired = True
        return result

    def on_commit(self, func: Callable[[], None]) -> None:
        self._after_commit.append(func)


def _log(step, *, from_state: str) -> None:
    """The step's hash-chained log entry (the case in its state after the change), then its effects queued
    for after the commit — the end of every ``case_transition`` and ``case_action``."""
    append_entry(
        case=step.case,
        transition=step.name,
        label=step.label,
        from_state=from_state,
        to_state=step.case.state,
        actor=step.actor,
        reason=step.reason,
        details=step.details,
        public=step.public,
    )
    for func in step._after_commit:
        transaction.on_commit(func)


def lock_case(model, pk):
    try:
        return model._default_manager.select_for_update().select_related("jurisdiction").get(pk=pk)
    except model.DoesNotExist:
        raise CaseNotFound("案件不存在") from None


@contextmanager
def case_transition(
    model, pk, name: str, *, actor, reason: str = "", expected_state: str | None = None, public: bool = False
) -> Iterator[TransitionStep]:
    with transaction.atomic():
        case = lock_case(model, pk)
        if actor is not None and not can_see(actor, case):
            raise CaseNotFound("案件不存在")
        problem = forbidden(case, name, actor)
        if problem is not None:
            raise problem
        if expected_state is not None and case.state != expected_state:
            raise TransitionConflict(
                f"案件已被他人处理，当前状态为“{case.get_state_display()}”，请刷新后重试"
            )
        problem = blocking_reason(case, name, actor)
        if problem is not None:
            raise problem
        step = TransitionStep(
            case=case,
            name=name,
            label=transition_label(model, name),
            from_state=case.state,
            actor=actor,
            reason=reason,
            public=public,
        )
        yield step
        if not step.fired:
            step.fire()
        try:
            case.save()
        except ConcurrentTransition:
            raise TransitionConflict("案件已被他人处理，请刷新后重试") from None
        _log(step, from_state=step.from_state)


@dataclass
class ActionStep:
    """What a ``case_action`` body sees and fills in: the locked case and the log entry's content."""

    case: object
    name: str
    label: str
    actor: object
    reason: str = ""
    details: dict = field(default_factory=dict)
    public: bool = False
    _after_commit: list = field(default_factory=list)

    def on_commit(self, func: Callable[[], None]) -> None:
        self._after_commit.append(func)


@contextmanager
def case_action(
    model, pk, name: str, *, actor, label: str = "", reason: str = "", details=None, public: bool = False
) -> Iterator[ActionStep]:
    """A logged change that is not a state move: lock, visibility, write permission, then the body's change
    and its log entry in one transaction; effects on commit. ``actor=None`` is the system itself."""
    with transaction.atomic():
        case = lock_case(model, pk)
        if actor is not None and not can_see(actor, case):
            raise CaseNotFound("案件不存在")
        action = _case_type(model).action(name)
        label = label or (str(action.label) if action is not None else name)
        if actor is not None and not may_write(actor, _case_type(model), name):
            raise TransitionForbidden(f"您无权对本案执行“{label}”")
        step = ActionStep(
            case=case,
            name=name,
            label=label,
            actor=actor,
            reason=reason,
            details=dict(details or {}),
            public=public,
        )
        yield step
        _log(step, from_state=case.state)


def note_on_related_case(model, pk, *, name: str, label: str, actor, details: dict) -> None:
    """A change made through one case noted in another case's log (a complaint linked to an arrears case, a
    blacklist decision on its arrears case): that case's row locked for its hash chain, the entry written in
    the caller's transaction. Call only inside a ``case_transition``/``case_action`` whose permission check
    covers the change."""
    related = lock_case(model, pk)
    append_entry(
        case=related,
        transition=name,
        label=label,
        from_state=related.state,
        to_state=related.state,
        actor=actor,
        details=details,
    )


def submitted_case(model, submission_key: str | None):
    """The case already registered from this form submission, if any: a double submit (two clicks, a retried
    request) returns it instead of registering the same application twice."""
    if not submission_key:
        return None
    return model.objects.filter(submission_key=submission_key).first()


def register_case(
    case,
    *,
    actor,
    label: str = "登记",
    reason: str = "",
    details=None,
    public: bool = True,
    year: int | None = None,
):
    """Save a new case with its number and the first log entry. Call inside ``transaction.atomic``."""
    with transaction.atomic():
        assign_number(case, year=year or timezone.localdate().year)
        case.full_clean(exclude=["assignees", "state"])  # a protected FSM field is never re-assigned
        case.save()
        handlers = default_handlers(case)
        if handlers:  # e.g. the inspectors of the employer's grid (casework.kernel.handlers)
            case.assignees.set(handlers)
            details = {**(details or {}), "default_handlers": [str(u) for u in handlers]}
        append_entry(
            case=case,
            transition="register",
            label=label,
            from_state="",
            to_state=case.state,
            actor=actor,
            reason=reason,
            details=details or {},
            public=public,
        )
    return case
