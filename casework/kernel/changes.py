"""One change request, for pages and the API alike: find the case type and the case, check the write
permission, clean the input, call the type's service.

The order is the contract's: a case the user cannot see is 404 (``CaseNotFound``); a change the user's role
may not make is 403 (``TransitionForbidden``) before the input is read; bad input is a ``ValidationError``
naming its fields (400); the service then checks the state and preconditions under the row lock (409).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from casework.inputs import require_object
from casework.kernel.registry import CaseType
from casework.services.transitions import CaseNotFound, TransitionError, forbidden


class ChangeNotFound(TransitionError):
    """No transition or action of that name on this case type."""

    status_code = 404
    code = "not_found"


@dataclass(frozen=True)
class Change:
    case_type: CaseType
    kind: str  # "transitions" | "actions"
    name: str

    @property
    def label(self) -> str:
        from casework.services.transitions import transition_label

        if self.kind == "actions":
            return str(self.case_type.action(self.name).label)
        return transition_label(self.case_type.model, self.name)

    def service(self):
        if self.kind == "transitions":
            spec = self.case_type.transitions
            return spec.services.get(self.name) if spec else None
        action = self.case_type.action(self.name)
        return action.service if action else None


def find_change(case_type: CaseType, kind: str, name: str) -> Change:
    change = Change(case_type, kind, name)
    if kind not in ("transitions", "actions") or change.service() is None:
        raise ChangeNotFound(f"没有名为“{name}”的操作")
    return change


def visible_case(case_type: CaseType, user, pk):
    case = case_type.visible(user).filter(pk=pk).first()
    if case is None:
        raise CaseNotFound("案件不存在")
    return case


def form_errors(form) -> ValidationError:
    return ValidationError({field: list(errors) for field, errors in form.errors.items()})


def perform(change: Change, *, user, pk: int, data, files=None):
    """Run ``change`` on case ``pk`` for ``user`` with the submitted ``data``; returns the service's result."""
    case = visible_case(change.case_type, user, pk)
    problem = forbidden(case, change.name, user)
    if problem is not None:
        raise problem
    require_object(data)
    if change.kind == "transitions":
        spec = change.case_type.transitions
        form = spec.form(data)
        if not form.is_valid():
            raise form_errors(form)
        kwargs = spec.to_kwargs(change.name, form.cleaned_data, data)
    else:
        action = change.case_type.action(change.name)
        kwargs = {}
        if action.form is not None:
            form = action.form(data, files)
            if not form.is_valid():
                raise form_errors(form)
            kwargs = (
                action.to_kwargs(form.cleaned_data, data) if action.to_kwargs else dict(form.cleaned_data)
            )
    with transaction.atomic():
        return change.service()(actor=user, **{change.case_type.id_kwarg: case.pk}, **kwargs)
