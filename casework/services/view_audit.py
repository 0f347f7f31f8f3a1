"""The view audit: every open of a case page, a document PDF, an evidence file or an export by staff is recorded
(who, when, which case, what) — without a write inside the request's transaction.

Rows go through the kernel's ``BufferedLog`` (as the green channel's lookup log does): with the Redis cache, one
RPUSH, moved to ``CaseView`` every minute by Celery beat (``casework.tasks.flush_view_audit``); otherwise one
INSERT in autocommit (after the commit when called inside a transaction). Settings: ``VIEW_AUDIT_BUFFER``,
``VIEW_AUDIT_BUFFER_MAX``, ``VIEW_AUDIT_ASYNC_COMMIT``.

Who reads it: auditors (everything), the case types' head roles (the types they head, in their jurisdictions),
superusers — ``/audit/views/`` (``casework.views.view_audit``).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from casework.kernel.buffered_log import BufferedLog
from casework.models import CaseView
from casework.models.view_audit import ViewKind
from casework.roles import Role

LOG = BufferedLog(
    CaseView,
    "casework:view-audit",
    buffer_setting="VIEW_AUDIT_BUFFER",
    max_setting="VIEW_AUDIT_BUFFER_MAX",
    async_setting="VIEW_AUDIT_ASYNC_COMMIT",
)


def record_view(
    request, case=None, what: str = ViewKind.PAGE, *, label: str = "", case_type: str = ""
) -> None:
    """Record that ``request.user`` opened ``what`` of ``case`` (a list export: ``case=None``, its type code
    as ``case_type``). Anonymous requests (the green channel) are not staff opens and are not recorded."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    row = {
        "user_id": user.pk,
        "at": timezone.now().isoformat(),
        "what": str(what),
        "case_type": case_type or (getattr(case, "CASE_TYPE", "") if case is not None else ""),
        "content_type_id": ContentType.objects.get_for_model(case).pk if case is not None else None,
        "object_id": case.pk if case is not None else None,
        "case_number": (getattr(case, "number", "") or "")[:60] if case is not None else "",
        "jurisdiction_id": getattr(case, "jurisdiction_id", None) if case is not None else None,
        "label": (label or "")[:200],
    }
    LOG.append(row)


def flush() -> int:
    return LOG.flush()


def head_types(user) -> list[str]:
    """The case types (codes) ``user`` heads."""
    from casework.kernel.registry import case_types

    return [t.code for t in case_types() if t.head_roles and user.has_role(*t.head_roles)]


def may_read(user) -> bool:
    return bool(
        user.is_authenticated and (user.is_superuser or user.has_role(Role.AUDITOR) or head_types(user))
    )


def readable_by(user) -> QuerySet:
    """The view records ``user`` may read: all for auditors and superusers; a head's: the types they head, in
    their jurisdictions (list exports of those types included)."""
    rows = CaseView.objects.select_related("user")
    if user.is_superuser or user.has_role(Role.AUDITOR):
        return rows
    types = head_types(user)
    if not types:
        return rows.none()
    rows = rows.filter(case_type__in=types)
    if not user.sees_all_jurisdictions:
        rows = rows.filter(Q(jurisdiction_id__in=user.jurisdiction_ids) | Q(jurisdiction_id=None, user=user))
    return rows
