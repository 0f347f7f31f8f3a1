"""The API body of an inspection (the kernel's change endpoints answer with it)."""

from rest_framework import serializers

from casework.kernel.serializers import CaseSerializer, CaseStateMixin, case_fields
from casework.proactive.models import Inspection


class InspectionDetailSerializer(CaseStateMixin, CaseSerializer):
    employer_name = serializers.CharField(source="employer.name", read_only=True)

    class Meta:
        model = Inspection
        fields = case_fields(
            "kind", "employer", "employer_name", "campaign", "draw", "planned_on", "notified_on",
            "inspected_on", "findings", "violations_found", "rectification_due", "outcome",
        )  # fmt: skip
