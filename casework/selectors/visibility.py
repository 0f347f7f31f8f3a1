"""Which records a staff member may see. Every list, search, export, PDF and API endpoint uses this.

The rule, for any model with a ``jurisdiction`` foreign key:
  * a user sees a record in one of their jurisdictions if their role carries the model's global
    ``view`` permission (clerks, inspectors, heads, mediators, the arbitration chair, directors…);
  * directors, auditors and administrators of the prefecture bureau see every jurisdiction;
  * besides, a user sees any single record granted to them with django-guardian (an assigned
    arbitrator, a case shared with another county) — that is the only way an arbitrator sees a case.
A model may narrow the rule with a ``restrict_visibility(user, queryset)`` classmethod.

The query shape matters at scale (docs/performance.md). The usual user — county staff whose grants, if any,
are all on cases of their own counties — gets the plain jurisdiction filter, which the list indexes serve in
order. Only grants on cases elsewhere add an ``OR`` (written so that PostgreSQL still answers it from indexes).
Whether there are such grants comes from ``User.access``: the same query that reads the user's jurisdictions,
so choosing the shape costs no query of its own.
"""

from django.apps import apps
from django.db.models import Case, F, IntegerField, Model, Q, QuerySet, Value, When
from django.db.models.functions import Cast
from guardian.utils import get_group_obj_perms_model, get_user_obj_perms_model

from casework.selectors.search import in_subquery


def _view_perm(model: type[Model]) -> str:
    return f"{model._meta.app_label}.view_{model._meta.model_name}"


def _grant_tables(model: type[Model]) -> dict[str, type[Model]]:
    """Where guardian keeps the model's object permissions, granted to a user and to a group."""
    return {"user": get_user_obj_perms_model(model), "group": get_group_obj_perms_model(model)}


def _grants_of(user, model: type[Model], table: type[Model], source: str) -> QuerySet:
    """The object permission rows that let ``user`` view objects of ``model``, from ``table``."""
    rows = table.objects.filter(permission__codename=f"view_{model._meta.model_name}")
    if table.objects.is_generic():  # one table for every model
        rows = rows.filter(
            content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name
        )
    return rows.filter(user_id=user.pk) if source == "user" else rows.filter(group__user=user.pk)


def _granted_pks(rows: QuerySet, model: type[Model], table: type[Model]) -> QuerySet:
    """The primary keys of the granted objects, as a one-column queryset."""
    if not table.objects.is_generic():
        return rows.values("content_object_id")
    return rows.annotate(granted_pk=Cast("object_pk", type(model._meta.pk)())).values("granted_pk")


def load_access(user):
    """``User.access``: the user's jurisdictions and, for each case model, whether they hold object-level
    grants — and whether any of the granted cases lies outside their jurisdictions. One ``UNION ALL`` query,
    kept small because it runs on every request that lists or checks a case: any object permission counts
    (the grants that ``visible_to`` then reads are the ``view`` ones), so no join to the permission tables.
    """
    from casework.models.users import Access, User

    own = User.jurisdictions.through.objects.filter(user_id=user.pk)
    groups = User.groups.through.objects.filter(user_id=user.pk).values("group_id")
    # All columns as expressions: values_list() puts plain field names before expressions, whatever the order.
    parts = [own.values_list(F("jurisdiction_id"), F("jurisdiction__level"), Value(""), Value(""), Value(0))]
    for model in apps.get_models():
        if not getattr(model, "object_permissions_enabled", False):
            continue
        for source, table in _grant_tables(model).items():
            rows = (
                table.objects.filter(user_id=user.pk)
                if source == "user"
                else table.objects.filter(group_id__in=groups)
            )
            if table.objects.is_generic():
                rows = rows.filter(
                    content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name
                )
                outside = Value(1)  # no join to the case: count every grant as lying elsewhere
            else:
                outside = Case(
                    When(content_object__jurisdiction_id__in=own.values("jurisdiction_id"), then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            label = model._meta.label_lower
            # Value(0), not NULL: under DISTINCT an untyped NULL becomes text, not the id's type.
            parts.append(
                rows.values_list(Value(0), Value(""), Value(label), Value(source), outside).distinct()
            )
    jurisdictions, levels, grants = set(), set(), set()
    for jurisdiction_id, level, label, source, outside in parts[0].union(*parts[1:], all=True):
        if label:
            grants.add((label, source, bool(outside)))
        else:
            jurisdictions.add(jurisdiction_id)
            levels.add(level)
    return Access(frozenset(jurisdictions), "prefecture" in levels, frozenset(grants))


def jurisdiction_scope(user, model) -> frozenset[int] | None:
    """The jurisdictions whose cases of ``model`` are all that ``visible_to`` shows ``user`` (a county's
    staff), or None when what they see is not bounded by jurisdiction alone (the whole prefecture, grants on
    cases elsewhere, a model narrowing the role's view, no role to see the type): a hint for narrowing an
    index read (``search_index.indexed_search``), never a substitute for ``visible_to``."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return None
    if not user.has_perm(_view_perm(model)) or user.sees_all_jurisdictions:
        return None
    if getattr(model, "restrict_visibility", None) is not None:
        return None
    if getattr(model, "object_permissions_enabled", False) and user.access.grant_sources(
        model, outside_only=True
    ):
        return None
    return frozenset(user.jurisdiction_ids)


def visible_to(user, queryset: QuerySet) -> QuerySet:
    model = queryset.model
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    perm = _view_perm(model)
    by_role = None  # the condition the user's role gives, None when the role gives nothing
    restricted = False
    if user.has_perm(perm):
        if user.sees_all_jurisdictions:
            by_role = Q()
        else:
            by_role = Q(jurisdiction_id__in=user.jurisdiction_ids)
        restrict = getattr(model, "restrict_visibility", None)
        if restrict is not None:
            by_role = Q(pk__in=restrict(user, queryset.filter(by_role)).values("pk"))
            restricted = True
    if by_role == Q() or not getattr(model, "object_permissions_enabled", False):
        return queryset.none() if by_role is None else queryset.filter(by_role)
    if by_role is not None and not restricted:
        # Grants on cases the role already shows add nothing; whether the user holds any elsewhere is read
        # with their jurisdictions (``User.access``), so the usual answer — none — costs no query.
        sources = user.access.grant_sources(model, outside_only=True)
    else:
        # The grants are all the user sees (an arbitrator), or the model narrows the role's view: ask the
        # grant tables themselves, never a possibly older answer.
        sources = {"user", "group"}
    if not sources:
        return queryset.none() if by_role is None else queryset.filter(by_role)
    condition = Q() if by_role is None else by_role
    for source, table in _grant_tables(model).items():
        if source in sources:
            granted = _granted_pks(_grants_of(user, model, table, source), model, table)
            condition |= Q(in_subquery("pk", granted))
    return queryset.filter(condition)


def forget_access(sender, instance, **kwargs) -> None:
    """A grant was saved: the user object it was granted to (if it is at hand) reads its access again.

    ``User.access`` lives as long as the user object — a request — so this matters only where one object
    outlives a grant (a script, a test, the demo seeding); connected in ``CaseworkConfig.ready``.
    """
    user = instance._state.fields_cache.get("user")  # never a query: only the object the grant was made with
    if user is not None:
        user.__dict__.pop("access", None)


def connect_access_signals() -> None:
    from django.db.models.signals import post_save
    from guardian.models import UserObjectPermissionBase

    for model in apps.get_models():
        if issubclass(model, UserObjectPermissionBase):
            post_save.connect(
                forget_access, sender=model, dispatch_uid=f"casework.forget_access.{model._meta.label_lower}"
            )


def can_see(user, obj: Model) -> bool:
    return visible_to(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def jurisdictions_for(user):
    """The jurisdictions a user works in (all of them for prefecture-wide roles)."""
    from casework.models import Jurisdiction

    qs = Jurisdiction.objects.filter(is_active=True)
    if user.is_superuser or user.sees_all_jurisdictions:
        return qs
    return qs.filter(id__in=user.jurisdiction_ids)
