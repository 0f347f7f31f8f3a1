"""``POST /cases/<type>/<id>/<transitions|actions>/<name>/`` from a staff page: the change, then back to the
case page with a Chinese message saying what happened or what is wrong (nothing half-done)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from casework.kernel.changes import find_change, perform
from casework.kernel.registry import case_type
from casework.services.transitions import TransitionError


def _labels(change) -> dict:
    spec = (
        change.case_type.transitions if change.kind == "transitions" else change.case_type.action(change.name)
    )
    form = spec.form() if spec is not None and spec.form is not None else None
    return {name: str(field.label or "") for name, field in form.fields.items()} if form else {}


@login_required
@require_POST
def case_change(request, code: str, pk: int, kind: str, name: str):
    registered = case_type(code)
    if registered is None:
        raise Http404
    try:
        change = find_change(registered, kind, name)
    except TransitionError:
        raise Http404 from None
    try:
        perform(change, user=request.user, pk=pk, data=request.POST, files=request.FILES)
    except ValidationError as exc:
        labels = _labels(change)
        for field, errors in getattr(exc, "message_dict", {"": exc.messages}).items():
            label = labels.get(field, "")
            messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))
    except TransitionError as exc:
        if exc.status_code == 404:
            raise Http404 from None
        messages.error(request, exc.message)
    else:
        action = registered.action(name) if kind == "actions" else None
        messages.success(request, action.success if action else "操作成功")
    return redirect(registered.detail_url(pk))
