"""A service's refusal shown on the staff form that asked for the change."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError


def add_service_errors(form, exc: ValidationError, aliases: Mapping[str, str] | None = None) -> None:
    """Each message of ``exc`` on the form field it names (``aliases``: the service's field name → the
    form's), the others above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        name = (aliases or {}).get(field, field)
        form.add_error(name if name in form.fields else None, errors)
