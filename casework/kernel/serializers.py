"""What every case type's API detail shows the same way: the transitions the caller may take now and the
statutory deadlines (with extensions and days not counted)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casework.selectors.deadlines import deadline_rows
from casework.services.transitions import available_transitions


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

    transitions = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_transitions(self, obj):
        return available_transitions(obj, self.context["request"].user)

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_deadlines(self, obj):
        return deadline_data(obj)
