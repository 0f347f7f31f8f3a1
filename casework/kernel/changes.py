"""One change request, for pages and the API alike: find the case type and the case, check the write
permission, clean the input, call the type's service.

The order is the contract's: a case the user cannot see is 404 (``CaseNotFound``); a change the user's role
may not make is 403 (``TransitionForbidden``) before the input is read; bad input is a ``ValidationError``
naming its fields (400); the service then checks the state and preconditions under the row lock (409).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from casework.inputs import malformed_fields, require_object
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


def cleaned(form_class, data, files=None) -> dict:
    """The change's input cleaned by its form; a JSON value of the wrong kind for a field (a list where text
    goes, an object where a date goes) is refused naming the field, whatever form the case type wrote."""
    malformed = malformed_fields(form_class, data)
    if malformed:
        raise ValidationError({name: ["格式不正确，请按说明填写"] for name in malformed})
    form = form_class(data, files)
    if not form.is_valid():
        raise form_errors(form)
    return form.cleaned_data


def perform(change: Change, *, user, pk: int, data, files=None):
    """Run ``change`` on case ``pk`` for ``user`` with the submitted ``data``; returns the service's result."""
    case = visible_case(change.case_type, user, pk)
    problem = forbidden(case, change.name, user)
    if problem is not None:
        raise problem
    require_object(data)
    if change.kind == "transitions":
        spec = change.case_type.transitions
        kwargs = spec.to_kwargs(change.name, cleaned(spec.form, data), data)
    else:
        action = change.case_type.action(change.name)
        kwargs = {}
        if action.form is not None:
            data_cleaned = cleaned(action.form, data, files)
            kwargs = action.to_kwargs(data_cleaned, data) if action.to_kwargs else dict(data_cleaned)
    with transaction.atomic():
        return change.service()(actor=user, **{change.case_type.id_kwarg: case.pk}, **kwargs)
