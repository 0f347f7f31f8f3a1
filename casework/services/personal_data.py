"""Who may see full ID numbers, phones and addresses, and the log of every time someone does.

The policy, in one place:
  * everyone sees personal data masked (``4331**********123X``, ``138****5678``) in lists, on detail
    pages and in the API;
  * the roles in ``casework.roles.UNMASKED_PERSONAL_DATA_ROLES`` — the people who register parties,
    contact them and serve documents — may ask to reveal the full values of a record they can see;
    each reveal writes one ``UnmaskedView`` row per field shown (who, when, which record, why);
  * everyone else (directors, auditors, arbitrators, administrators without those roles) is refused, and so
    is anyone holding a read-only role (a reveal writes its log rows: ``casework.kernel.writes``);
  * whether the record itself may be seen is the party lists' own rule (``casework.selectors.parties.
    party_visible``), so a party page that opens never answers "您无权查看该记录" to a reveal.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import masking
from casework.kernel.writes import is_read_only
from casework.models import UnmaskedView
from casework.roles import UNMASKED_PERSONAL_DATA_ROLES
from casework.selectors.parties import party_visible

MASKERS = {
    "id_number": masking.mask_id_number,
    "phone": masking.mask_phone,
    "address": masking.mask_address,
}


def may_reveal_personal_data(user) -> bool:
    """Whether the user's role lets them ask for full values (each request is still logged)."""
    if user is None or not user.is_authenticated or not user.is_active or is_read_only(user):
        return False
    return user.has_role(*UNMASKED_PERSONAL_DATA_ROLES)


def masked_personal_data(record) -> dict[str, str]:
    """The record's personal-data fields, masked: what every page and API response shows."""
    return {
        field: MASKERS[field](getattr(record, field)) for field in getattr(record, "PERSONAL_DATA_FIELDS", ())
    }


@transaction.atomic
def reveal_personal_data(*, user, record, purpose: str = "", path: str = "") -> dict[str, str]:
    """Return the full personal-data values of ``record`` and log the view of each non-empty one.

    Raises ``PermissionDenied`` if the record is not visible to the user (the party pages' own rule, so
    this never happens on a page that opened) or, with its own message, if the user's role may not see
    full values.
    """
    if not party_visible(user, record):
        raise PermissionDenied(_("您无权查看该记录"))
    if not may_reveal_personal_data(user):
        raise PermissionDenied(_("您的岗位无权查看完整号码"))
    fields = getattr(record, "PERSONAL_DATA_FIELDS", ())
    values = {field: getattr(record, field) or "" for field in fields}
    content_type = ContentType.objects.get_for_model(record)
    now = timezone.now()
    UnmaskedView.objects.bulk_create(
        UnmaskedView(
            user=user,
            viewed_at=now,
            content_type=content_type,
            object_id=record.pk,
            field_name=field,
            purpose=(purpose or "").strip()[:200],
            path=(path or "")[:300],
        )
        for field, value in values.items()
        if value
    )
    return values


def reveal_history(record, *, limit: int = 10) -> list[dict]:
    """The latest reveals of a record, one entry per reveal: ``{"user", "viewed_at", "fields", "purpose"}``."""
    content_type = ContentType.objects.get_for_model(record)
    rows = (
        UnmaskedView.objects.filter(content_type=content_type, object_id=record.pk)
        .select_related("user")
        .order_by("-viewed_at", "id")[: limit * 3]
    )

    def label(field_name: str) -> str:
        try:
            return str(record._meta.get_field(field_name).verbose_name)
        except FieldDoesNotExist:  # a field since removed: show its stored name
            return field_name

    events: list[dict] = []
    for row in rows:
        last = events[-1] if events else None
        if last and last["user"] == row.user and last["viewed_at"] == row.viewed_at:
            last["fields"].append(label(row.field_name))
            continue
        if len(events) == limit:
            break
        events.append(
            {
                "user": row.user,
                "viewed_at": row.viewed_at,
                "fields": [label(row.field_name)],
                "purpose": row.purpose,
            }
        )
    return events
