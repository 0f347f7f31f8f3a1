"""Query filters every API list shares."""

from django import forms
from django.utils import timezone
from django_filters import rest_framework as filters

from casework.inputs import PK_MAX


class IdFilter(filters.NumberFilter):
    """A record id in a query: a whole number within the key's range (anything else is a 400, never a 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", PK_MAX)
        super().__init__(*args, **kwargs)


class CaseFilterSet(filters.FilterSet):
    """The query filters of a case type's API list: ``state``, ``jurisdiction`` (区划代码), ``green_channel``,
    ``overdue`` (open and past the next statutory deadline), a date range ``<from_to[0]>_from``/``_to`` on
    the column ``from_to[1]`` and the type's party: its id (``?<party>=``) and its ``credit_code``.

    A type subclasses it with ``party``, ``from_to`` if not the received date, its ``Meta.model`` and its own
    filters; a filter it does not offer is set to ``None``.
    """

    state = filters.CharFilter()
    jurisdiction = filters.CharFilter(field_name="jurisdiction__code")
    green_channel = filters.BooleanFilter()
    overdue = filters.BooleanFilter(method="filter_overdue")

    party = ""  # the case's party column (a foreign key to Employer): "employer", "respondent"
    from_to = ("received", "received_on")

    @classmethod
    def get_filters(cls):
        declared = super().get_filters()
        if not cls.party:
            return declared
        prefix, column = cls.from_to
        return {
            **declared,
            cls.party: IdFilter(field_name=f"{cls.party}_id"),
            "credit_code": filters.CharFilter(field_name=f"{cls.party}__credit_code"),
            f"{prefix}_from": filters.DateFilter(field_name=column, lookup_expr="gte"),
            f"{prefix}_to": filters.DateFilter(field_name=column, lookup_expr="lte"),
        }

    def filter_overdue(self, queryset, name, value):
        if value:
            return queryset.filter(state__in=queryset.model.OPEN_STATES, next_due__lt=timezone.localdate())
        return queryset
