"""``/api/v1/clues/``: list with filters and retrieve; personal data masked.

Triage, reply, merge and unmerge are the kernel's: ``POST /api/v1/clues/<id>/transitions/<name>/`` with
``open_case`` ``{"kind": "complaint"|"arrears"}``, ``attach`` ``{"case_number": "..."}``, ``transfer``
``{"target": "...", "reason": "..."}``, ``refuse`` ``{"reason": "..."}``, ``reply`` ``{"outcome": "<code>"}``,
``merge`` ``{"into": "<clue number or id>"}``, ``unmerge``. Errors in the API's one shape.
"""

from django_filters import rest_framework as filters
from rest_framework import mixins, serializers, viewsets

from casework.api.filters import CaseFilterSet
from casework.clues.models import Channel, Clue
from casework.clues.selectors import clue_list, clues_visible_to
from casework.inputs import ID_PATTERN
from casework.kernel.serializers import CaseSerializer, CaseStateMixin, case_fields


class ClueFilter(CaseFilterSet):
    party = "employer"
    channel = filters.ChoiceFilter(choices=Channel.choices)

    class Meta:
        model = Clue
        fields = ["state", "jurisdiction", "employer", "green_channel", "channel"]


class ClueSerializer(CaseSerializer):
    employer_name = serializers.CharField(source="employer_label", read_only=True)
    reporter = serializers.SerializerMethodField()
    outcome = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Clue
        yuan_fields = ("amount",)
        fields = case_fields(
            "channel",
            "external_ref",
            "received_on",
            "reporter",
            "employer",
            "employer_name",
            "employer_credit_code",
            "project_name",
            "amount",
            "workers",
            "next_due",
            "linked_number",
            "transfer_target",
            "outcome",
            "replied_on",
            "replied_on_time",
        )

    def get_reporter(self, obj) -> dict:
        return {
            "name": obj.reporter_name,
            "id_number": obj.reporter_id_masked,
            "phone": obj.reporter_phone_masked,
        }


class ClueDetailSerializer(CaseStateMixin, ClueSerializer):
    merged_into = serializers.SlugRelatedField(slug_field="number", read_only=True)

    class Meta(ClueSerializer.Meta):
        fields = ClueSerializer.Meta.fields + [
            "facts",
            "workplace",
            "period_from",
            "period_to",
            "triage_reason",
            "reply_text",
            "merged_into",
        ]


class ClueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = ClueFilter
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        if self.action == "list":
            return clue_list(self.request.user).select_related("employer")
        return clues_visible_to(self.request.user).select_related(
            "jurisdiction", "employer", "outcome", "merged_into"
        )

    def get_serializer_class(self):
        return ClueDetailSerializer if self.action == "retrieve" else ClueSerializer
