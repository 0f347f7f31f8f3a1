"""Which records a staff member may see. Every list, search, export, PDF and API endpoint uses this.

The rule, for any model with a ``jurisdiction`` foreign key:
  * a user sees a record in one of their jurisdictions if their role carries the model's global
    ``view`` permission (clerks, inspectors, heads, mediators, the arbitration chair, directors…);
  * directors, auditors and administrators of the prefecture bureau see every jurisdiction;
  * besides, a user sees any single record granted to them with django-guardian (an assigned
    arbitrator, a case shared with another county) — that is the only way an arbitrator sees a case.
A model may narrow the rule with a ``restrict_visibility(user, queryset)`` classmethod.
"""

from django.db.models import Model, QuerySet
from guardian.shortcuts import get_objects_for_user


def _view_perm(model: type[Model]) -> str:
    return f"{model._meta.app_label}.view_{model._meta.model_name}"


def visible_to(user, queryset: QuerySet, *, large_list: bool = False) -> QuerySet:
    model = queryset.model
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    perm = _view_perm(model)
    if user.has_perm(perm):
        if user.sees_all_jurisdictions:
            by_role = queryset
        else:
            by_role = queryset.filter(jurisdiction_id__in=user.jurisdiction_ids)
        restrict = getattr(model, "restrict_visibility", None)
        if restrict is not None:
            by_role = restrict(user, by_role)
    else:
        by_role = queryset.none()
    if not getattr(model, "object_permissions_enabled", False):
        return by_role
    granted = get_objects_for_user(
        user, perm, klass=queryset, accept_global_perms=False, with_superuser=False
    )
    if large_list and not granted.exists():
        # Paginated case lists (``large_list=True``): when the user has no object-level grant — the usual
        # case — return the role filter itself, not "pk IN (…) OR pk IN (…)", so that the database can use
        # the jurisdiction and ordering indexes; the OR-of-subqueries shape scanned the whole case table for
        # every page and its count (docs/performance.md). It costs one EXISTS query, hence opt-in.
        return by_role
    return queryset.filter(pk__in=by_role.values("pk")) | queryset.filter(pk__in=granted.values("pk"))


def can_see(user, obj: Model) -> bool:
    return visible_to(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def jurisdictions_for(user):
    """The jurisdictions a user works in (all of them for prefecture-wide roles)."""
    from casework.models import Jurisdiction

    qs = Jurisdiction.objects.filter(is_active=True)
    if user.is_superuser or user.sees_all_jurisdictions:
        return qs
    return qs.filter(id__in=user.jurisdiction_ids)
