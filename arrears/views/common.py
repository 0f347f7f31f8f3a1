"""What the arrears pages share: the write check before a page reads its input, and service errors as
page messages (as the kernel's ``case-change`` shows them)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from arrears.models import ArrearsCase
from casework.kernel.changes import visible_case
from casework.kernel.registry import case_type_for
from casework.services.transitions import CaseNotFound, TransitionError, forbidden


def writable_case(user, pk, change: str) -> ArrearsCase:
    """The case, if ``user`` sees it (404) and may make ``change`` on it (403)."""
    try:
        case = visible_case(case_type_for(ArrearsCase), user, pk)
    except CaseNotFound:
        raise Http404 from None
    problem = forbidden(case, change, user)
    if problem is not None:
        raise PermissionDenied(problem.message)
    return case


def report_errors(request, exc: Exception, labels: dict | None = None) -> None:
    """A ValidationError names its fields in Chinese; a TransitionError carries its message; 404 stays 404."""
    labels = labels or {}
    if isinstance(exc, TransitionError):
        if exc.status_code == 404:
            raise Http404 from None
        messages.error(request, exc.message)
        return
    if isinstance(exc, ValidationError):
        for field, errors in getattr(exc, "message_dict", {"": exc.messages}).items():
            label = labels.get(field, "")
            messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))


def add_form_errors(form, exc: ValidationError, aliases: dict | None = None) -> None:
    aliases = aliases or {}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            name = aliases.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
