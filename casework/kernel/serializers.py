"""What every case type's API shows the same way: in a list, the case's number, jurisdiction, state, green
channel and times (``CaseSerializer``, ``case_fields``); in a detail besides, the transitions the caller may
take now and the statutory deadlines with extensions and days not counted (``CaseStateMixin``)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casework.inputs import YuanSerializerField
from casework.selectors.deadlines import deadline_rows
from casework.services.transitions import available_transitions

# A method field's schema: a list of objects (a case's deadlines, claims, targets...).
LIST_OF_OBJECTS = extend_schema_field(serializers.ListField(child=serializers.DictField()))


def attributes(obj, *names: str) -> dict:
    """``{name: obj.<name>}``: an object of a method field's answer (a target, an award, an assessment)."""
    return {name: getattr(obj, name) for name in names}


# What names a case in every list: its id and number, jurisdiction, state and the state's label.
CASE_HEAD = ("id", "number", "jurisdiction", "state", "state_label")


def case_fields(*own: str) -> list[str]:
    """A case list's ``Meta.fields``: the kernel's (``CaseSerializer``) around the type's ``own``."""
    return [*CASE_HEAD, "green_channel", *own, "closed_at", "created_at"]


class CaseSerializer(serializers.ModelSerializer):
    """A case as a list shows it: the jurisdiction by its 区划代码, the state with its label, amounts in yuan
    as strings ("6000.50")."""

    # A type declares its model, ``fields = case_fields(...its own...)`` and its amounts in ``yuan_fields``.

    jurisdiction = serializers.SlugRelatedField(slug_field="code", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    def build_field(self, field_name, info, model_class, nested_depth):
        if field_name in getattr(self.Meta, "yuan_fields", ()):
            return YuanSerializerField, {"read_only": True}
        return super().build_field(field_name, info, model_class, nested_depth)


def deadline_data(case) -> list[dict]:
    return [
        {
            "rule": r["deadline"].rule,
            "title": r["deadline"].title,
            "due": r["deadline"].due_on,
            "status": r["deadline"].status,
            "provisional": r["deadline"].provisional,
            "article": r["deadline"].article,
            "extensions": r["deadline"].extensions,
            "paused_days": r["deadline"].paused_days,
            "overdue": r["overdue"],
        }
        for r in deadline_rows(case)
    ]


class CaseStateMixin(serializers.Serializer):
    """``transitions`` and ``deadlines`` of a case detail (mixed into each type's detail serializer)."""

    # Added to the detail's ``Meta.fields`` (``get_field_names``).

    STATE_FIELDS = ("transitions", "deadlines")

    transitions = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()

    def get_field_names(self, declared_fields, info):
        names = list(super().get_field_names(declared_fields, info))
        return names + [name for name in self.STATE_FIELDS if name not in names]

    @LIST_OF_OBJECTS
    def get_transitions(self, obj):
        return available_transitions(obj, self.context["request"].user)

    @LIST_OF_OBJECTS
    def get_deadlines(self, obj):
        return deadline_data(obj)
