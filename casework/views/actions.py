"""Run a service from a staff page: success or a clear Chinese message, never a half-done change."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404

from casework.services.transitions import TransitionError


def run_action(request, func, *, success: str, labels: dict | None = None) -> bool:
    """Call ``func()``; report the outcome with ``messages``. 404 for cases the user cannot see."""
    labels = labels or {}
    try:
        func()
    except ValidationError as exc:
        for field, errors in getattr(exc, "message_dict", {"": exc.messages}).items():
            label = labels.get(field, "")
            messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))
    except TransitionError as exc:
        if exc.status_code == 404:
            raise Http404 from None
        messages.error(request, exc.message)
    except ObjectDoesNotExist:
        raise Http404 from None
    else:
        messages.success(request, success)
        return True
    return False
