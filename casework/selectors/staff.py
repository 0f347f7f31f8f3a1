"""Staff who may be given a case: the choices of assign and tribunal forms."""

from django.db.models import QuerySet

from casework.models import User


def staff_of(jurisdiction, roles) -> QuerySet[User]:
    """The active users holding one of ``roles`` in ``jurisdiction``, by name."""
    return (
        User.objects.filter(
            is_active=True, jurisdictions=jurisdiction, groups__name__in=[role.label for role in roles]
        )
        .distinct()
        .order_by("full_name", "username")
    )
