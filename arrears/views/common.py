"""What the arrears pages share: the write check before a page reads its input, and a refusal's text."""

from django.core.exceptions import PermissionDenied
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


def error_text(exc: Exception) -> str:
    """A refusal's Chinese text: a TransitionError's message, a ValidationError's messages joined."""
    return (
        exc.message if isinstance(exc, TransitionError) else "；".join(getattr(exc, "messages", [str(exc)]))
    )
