"""Records that point at a case of any type by content type + id (a supervision, a typical case): those of the
cases a user can see, and each row's link to its case — for lists that show every type at a constant cost."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from casework.kernel.registry import case_type, case_types


def of_visible_cases(user, queryset: QuerySet, *, codes=None) -> QuerySet:
    """``queryset`` (a model with ``content_type``/``object_id``) narrowed to the cases ``user`` can see: one
    subquery per registered case type (or per type in ``codes``), each with the type's own visibility."""
    condition = None
    for registered in case_types():
        if codes is not None and registered.code not in codes:
            continue
        part = Q(
            content_type=ContentType.objects.get_for_model(registered.model),
            object_id__in=registered.visible(user).values("pk"),
        )
        condition = part if condition is None else condition | part
    return queryset.none() if condition is None else queryset.filter(condition)


def with_case_links(rows) -> list:
    """The rows (each with ``case_type`` code and ``object_id``) given ``case_url`` and ``case_type_label``,
    built from the registry without reading the cases."""
    out = []
    for row in rows:
        registered = case_type(row.case_type)
        row.case_url = registered.detail_url(row.object_id) if registered else ""
        row.case_type_label = registered.label if registered else row.case_type
        out.append(row)
    return out
