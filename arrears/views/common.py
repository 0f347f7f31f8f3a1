"""Turning service errors into page messages (the same as the complaint pages)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404

from casework.services.transitions import TransitionError


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
