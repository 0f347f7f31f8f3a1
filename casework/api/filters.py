"""Query filters every API list shares."""

from django import forms
from django_filters import rest_framework as filters

from casework.inputs import PK_MAX


class IdFilter(filters.NumberFilter):
    """A record id in a query: a whole number within the key's range (anything else is a 400, never a 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", PK_MAX)
        super().__init__(*args, **kwargs)
