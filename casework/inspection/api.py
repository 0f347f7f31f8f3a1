"""``/api/v1/complaints/``: list with filters, create, retrieve.

State moves and logged actions are the kernel's: ``POST /api/v1/complaints/<id>/transitions/<name>/`` and
``POST /api/v1/complaints/<id>/actions/<name>/`` (``assign`` with ``{"inspectors": [ids]}``, ``attach``,
``identify_employer``, ``record_statement``; ``casework.inspection.case_type``) and evidence as a multipart
``POST /api/v1/complaints/<id>/evidence/`` (the kernel's ``add_evidence``). Every error
is the API's one shape (``casework.api.exceptions``): 400 bad fields (named), 403 forbidden, 404 a case the
caller cannot see, 409 not from this state or a precondition unmet. Nothing half-written.
"""

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from casework.api.filters import CaseFilterSet
from casework.inputs import (
    ID_PATTERN,
    INT_MAX,
    SMALLINT_MAX,
    WindowDateSerializerField,
    YuanSerializerField,
    bounded_integer,
    parse_id,
)
from casework.inspection import services as svc
from casework.inspection.models import (
    Complaint,
    ComplaintKind,
    IntakeChannel,
    ViolationType,
)
from casework.inspection.selectors import complaint_list, complaints_visible_to
from casework.inspection.services.intake import may_register
from casework.kernel.serializers import CaseSerializer, CaseStateMixin, case_fields
from casework.models import Jurisdiction
from casework.selectors.parties import employers_visible_to, persons_visible_to


class ComplaintFilter(CaseFilterSet):
    party = "employer"

    class Meta:
        model = Complaint
        fields = ["state", "jurisdiction", "employer", "green_channel"]


class ComplaintSerializer(CaseSerializer):
    employer_name = serializers.SerializerMethodField()
    complainant_name = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        yuan_fields = ("arrears_amount", "fine_amount", "recovered_amount")
        fields = case_fields(
            "kind",
            "channel",
            "received_on",
            "employer",
            "employer_name",
            "complainant_name",
            "workplace",
            "project_name",
            "violation_types",
            "arrears_amount",
            "arrears_months",
            "workers_affected",
            "next_due",
            "accepted_on",
            "filed_on",
            "rectification_due",
            "fine_amount",
            "outcome",
            "recovered_amount",
            "recovered_workers",
        )

    def get_employer_name(self, obj) -> str:
        return obj.employer.name if obj.employer_id else obj.employer_name_given

    def get_complainant_name(self, obj) -> str:
        return "匿名" if obj.anonymous else (obj.complainant.name if obj.complainant_id else "")


class ComplaintDetailSerializer(CaseStateMixin, ComplaintSerializer):
    facts = serializers.CharField()

    class Meta(ComplaintSerializer.Meta):
        fields = ComplaintSerializer.Meta.fields + [
            "facts",
            "rectification_items",
            "refusal_reason",
            "transfer_target",
            "closing_summary",
        ]


@extend_schema_field(OpenApiTypes.INT)
class VisiblePartyField(serializers.PrimaryKeyRelatedField):
    """A party's id (a positive integer) that the caller may see; anything else names the field."""

    default_error_messages = {
        "does_not_exist": "不存在或无权使用",
        "incorrect_type": "请填写编号（正整数）",
    }

    def __init__(self, visible, **kwargs):
        self.visible = visible
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.visible(self.context["request"].user)

    def to_internal_value(self, data):
        try:
            parse_id(data)
        except ValidationError:
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


NOT_A_CHOICE = {"invalid_choice": "请从可选项中选择"}  # never the value sent, which may be anything


class ComplaintCreateSerializer(serializers.Serializer):
    jurisdiction = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Jurisdiction.objects.all(),
        error_messages={
            "does_not_exist": "没有这个管辖区域，请填写区划代码（如 433101）",
            "invalid": "请填写管辖区域的区划代码（如 433101）",
        },
    )
    kind = serializers.ChoiceField(
        choices=ComplaintKind.choices, default=ComplaintKind.COMPLAINT, error_messages=NOT_A_CHOICE
    )
    channel = serializers.ChoiceField(
        choices=IntakeChannel.choices, default=IntakeChannel.WINDOW, error_messages=NOT_A_CHOICE
    )
    received_on = WindowDateSerializerField(required=False)
    complainant = VisiblePartyField(persons_visible_to, required=False, allow_null=True)
    employer = VisiblePartyField(employers_visible_to, required=False, allow_null=True)
    employer_name_given = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    workplace = serializers.CharField(max_length=200)
    project_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    facts = serializers.CharField()
    violation_types = serializers.ListField(
        child=serializers.ChoiceField(choices=ViolationType.choices, error_messages=NOT_A_CHOICE),
        allow_empty=True,
        default=list,
    )
    violation_started_on = WindowDateSerializerField(required=False, allow_null=True)
    violation_ended_on = WindowDateSerializerField(required=False, allow_null=True)
    arrears_amount = YuanSerializerField(required=False, allow_null=True)
    arrears_months = bounded_integer(min_value=1, max_value=SMALLINT_MAX, required=False, allow_null=True)
    workers_affected = bounded_integer(min_value=1, max_value=INT_MAX, default=1)
    green_channel = serializers.BooleanField(default=False)


class ComplaintViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = ComplaintFilter
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        if self.action == "list":
            return complaint_list(self.request.user)
        return complaints_visible_to(self.request.user).select_related(
            "jurisdiction", "employer", "complainant"
        )

    def get_serializer_class(self):
        return ComplaintDetailSerializer if self.action == "retrieve" else ComplaintSerializer

    @extend_schema(request=ComplaintCreateSerializer, responses={201: ComplaintDetailSerializer})
    def create(self, request):
        """Register a complaint or report (LIR-IMPL Art 18): the parties by id, as the caller may see them."""
        may_register(request.user)
        serializer = ComplaintCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        case = svc.complaint_register(actor=request.user, **serializer.validated_data)
        return Response(
            ComplaintDetailSerializer(case, context={"request": request}).data, status=status.HTTP_201_CREATED
        )
