"""``/api/v1/mediations/`` and ``/api/v1/arbitrations/``: list with filters, create, retrieve (with the
transitions the caller may take now and the deadlines). Changes go through the kernel's endpoints for every
registered case type (``casework.kernel.api``): ``POST .../{id}/transitions/{name}/`` for state moves and
``POST /api/v1/arbitrations/{id}/actions/{name}/`` for the logged actions (``arbitration.case_type``).

Errors in the API's one shape (``casework.api.exceptions``): 404 a case the caller cannot see — an
arbitrator gets 404 for every case whose tribunal they are not on; 403 a role that may not; 400 bad fields
(named); 409 not allowed from the current state. Nothing half-written. Personal data is never returned in
full (names only here; the persons API masks the rest).
"""

from django.core.exceptions import ValidationError
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from arbitration import selectors
from arbitration.models import (
    ArbitrationCase,
    ArbitrationChannel,
    ArbitrationOutcome,
    ArbitrationState,
    ClaimType,
    MediationBody,
    MediationCase,
    MediationChannel,
    MediationOutcome,
    MediationState,
    Procedure,
)
from arbitration.services import arbitration as arbitration_svc
from arbitration.services import mediation as mediation_svc
from casework.api.filters import CaseFilterSet
from casework.inputs import PAST, WindowDateSerializerField, YuanSerializerField
from casework.kernel.lists import CaseList
from casework.kernel.serializers import (
    LIST_OF_OBJECTS,
    CaseSerializer,
    CaseStateMixin,
    attributes,
    case_fields,
)
from casework.kernel.writes import is_read_only
from casework.models import Employer, Jurisdiction, Person
from casework.roles import Role
from casework.selectors.parties import employers_visible_to, persons_visible_to
from casework.services.transitions import TransitionForbidden


def choice(choices, **kwargs) -> serializers.ChoiceField:
    """A choice field documented by a description rather than an enum: the complaints API has fields of
    the same names (``state``, ``channel``, ``outcome``) with other choices, and drf-spectacular would
    make colliding enum components of them (a deploy-check warning)."""
    values = "、".join(f"{value}（{label}）" for value, label in choices)

    @extend_schema_field({"type": "string", "description": f"取值：{values}"})
    class InlineChoiceField(serializers.ChoiceField):
        pass

    return InlineChoiceField(choices=choices, **kwargs)


class CaseFilter(CaseFilterSet):
    """``q``: the staff list's search box (``arbitration.selectors``)."""

    party = "respondent"
    q = filters.CharFilter(method="filter_q")
    case_list: CaseList

    def filter_q(self, queryset, name, value):
        return self.case_list.searched(queryset, value)


class ArbitrationFilter(CaseFilter):
    collective = filters.BooleanFilter()
    case_list = selectors.ARBITRATION_LIST

    class Meta:
        model = ArbitrationCase
        fields = ["state", "jurisdiction", "respondent", "green_channel", "collective"]


class MediationFilter(CaseFilter):
    case_list = selectors.MEDIATION_LIST

    class Meta:
        model = MediationCase
        fields = ["state", "jurisdiction", "respondent", "green_channel"]


class ClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    position = serializers.IntegerField(read_only=True)
    claim_type = serializers.ChoiceField(choices=ClaimType.choices)
    claim_type_label = serializers.CharField(source="get_claim_type_display", read_only=True)
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    amount = YuanSerializerField(required=False, allow_null=True)
    final = serializers.BooleanField(read_only=True, allow_null=True)
    decision = serializers.CharField(read_only=True)
    awarded_amount = YuanSerializerField(read_only=True, allow_null=True)


class BaseCaseSerializer(CaseSerializer):
    respondent_name = serializers.CharField(read_only=True)
    applicant_names = serializers.SerializerMethodField()

    COMMON = (
        "channel",
        "received_on",
        "respondent",
        "respondent_name",
        "applicant_names",
        "next_due",
        "accepted_on",
        "outcome",
    )

    def get_applicant_names(self, obj) -> list[str]:
        return [p.name for p in obj.applicants.all()]


class ClaimsDetailMixin(CaseStateMixin):
    """A case's claims, with the transitions the caller may take now and the deadlines (the kernel's)."""

    claims = ClaimSerializer(many=True, read_only=True)


class ArbitrationSerializer(BaseCaseSerializer):
    state = choice(ArbitrationState.choices, read_only=True)
    channel = choice(ArbitrationChannel.choices, read_only=True)
    outcome = choice(ArbitrationOutcome.choices, read_only=True)

    class Meta:
        model = ArbitrationCase
        fields = case_fields(*BaseCaseSerializer.COMMON, "procedure", "collective", "complex")


class ArbitrationDetailSerializer(ClaimsDetailMixin, ArbitrationSerializer):
    tribunal = serializers.SerializerMethodField()
    awards = serializers.SerializerMethodField()
    representatives = serializers.SerializerMethodField()
    retention_years = serializers.IntegerField(read_only=True)
    from_mediation = serializers.SlugRelatedField(slug_field="number", read_only=True)

    class Meta(ArbitrationSerializer.Meta):
        fields = ArbitrationSerializer.Meta.fields + [
            "facts",
            "evidence_list",
            "missing_materials",
            "served_on",
            "defence_received_on",
            "tribunal_formed_on",
            "extended",
            "refusal_reason",
            "mediation_terms",
            "outcome_reason",
            "closing_summary",
            "target_accept_by",
            "target_close_by",
            "from_mediation",
            "retention_years",
            "claims",
            "tribunal",
            "awards",
            "representatives",
        ]

    @LIST_OF_OBJECTS
    def get_tribunal(self, obj):
        return [{"user": m.user_id, "name": str(m.user), "role": m.role} for m in selectors.tribunal_of(obj)]

    @LIST_OF_OBJECTS
    def get_awards(self, obj):
        return [
            {
                **attributes(a, "sequence", "kind", "finality", "issued_on", "title"),
                "items": [i.pk for i in a.items.all()],
            }
            for a in obj.awards.all()
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_representatives(self, obj):
        return [r.person.name for r in obj.representatives.all()]


class MediationSerializer(BaseCaseSerializer):
    state = choice(MediationState.choices, read_only=True)
    channel = choice(MediationChannel.choices, read_only=True)
    outcome = choice(MediationOutcome.choices, read_only=True)

    class Meta:
        model = MediationCase
        fields = case_fields(*BaseCaseSerializer.COMMON, "body_kind", "body_name")


class MediationDetailSerializer(ClaimsDetailMixin, MediationSerializer):
    arbitration_case = serializers.SerializerMethodField()
    retention_years = serializers.IntegerField(read_only=True)

    class Meta(MediationSerializer.Meta):
        fields = MediationSerializer.Meta.fields + [
            "facts",
            "evidence_list",
            "agreement_on",
            "agreement_terms",
            "failure_reason",
            "review_requested_on",
            "review_issued_on",
            "closing_summary",
            "target_close_by",
            "arbitration_case",
            "retention_years",
            "claims",
        ]

    def get_arbitration_case(self, obj) -> str | None:
        linked = ArbitrationCase.objects.filter(from_mediation=obj).values_list("number", flat=True).first()
        return linked


# Messages that never echo what was sent (a list or an object would show as a Python repr).
NOT_FOUND = {
    "does_not_exist": "记录不存在",
    "invalid": "请填写正确的编号",
    "incorrect_type": "请填写正确的编号",
}


class ApplicationSerializer(serializers.Serializer):
    jurisdiction = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Jurisdiction.objects.all(),
        error_messages={**NOT_FOUND, "does_not_exist": "管辖区域不存在，请填写行政区划代码（如 433101）"},
    )
    received_on = WindowDateSerializerField(window=PAST, required=False)
    applicants = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(),
        many=True,
        allow_empty=False,
        error_messages={**NOT_FOUND, "does_not_exist": "申请人不存在或无权使用"},
    )
    respondent = serializers.PrimaryKeyRelatedField(
        queryset=Employer.objects.all(),
        required=False,
        allow_null=True,
        error_messages={**NOT_FOUND, "does_not_exist": "被申请人不存在或无权使用"},
    )
    respondent_name_given = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200
    )
    claims = ClaimSerializer(many=True, required=False, default=list)
    facts = serializers.CharField()
    evidence_list = serializers.CharField(required=False, allow_blank=True, default="")
    green_channel = serializers.BooleanField(default=False)


class ArbitrationApplicationSerializer(ApplicationSerializer):
    channel = choice(ArbitrationChannel.choices, default=ArbitrationChannel.WINDOW)
    procedure = serializers.ChoiceField(choices=Procedure.choices, default=Procedure.ORDINARY)
    complex = serializers.BooleanField(default=False)


class MediationApplicationSerializer(ApplicationSerializer):
    channel = choice(MediationChannel.choices, default=MediationChannel.WINDOW)
    body_kind = serializers.ChoiceField(choices=MediationBody.choices, default=MediationBody.COMMISSION)
    body_name = serializers.CharField(required=False, allow_blank=True, default="")


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """List, retrieve and register applications; every change to a case is the kernel's endpoint."""

    list_selector = None
    visible_selector = None
    detail_serializer = None
    application_serializer = None
    apply_service = None
    register_roles: tuple[Role, ...] = ()
    register_message = ""

    def get_queryset(self):
        user = self.request.user
        if self.action == "list":
            return type(self).list_selector(user)
        return (
            type(self)
            .visible_selector(user)
            .select_related("jurisdiction", "respondent")
            .prefetch_related("applicants")
        )

    def get_serializer_class(self):
        return self.detail_serializer if self.action == "retrieve" else self.serializer_class

    def create(self, request):
        user = request.user
        if is_read_only(user) or not user.has_role(*self.register_roles):  # 403 before the body is read
            raise TransitionForbidden(self.register_message)
        serializer = self.application_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        visible_people = persons_visible_to(user)
        if any(not visible_people.filter(pk=p.pk).exists() for p in data["applicants"]):
            raise ValidationError({"applicants": ["申请人不存在或无权使用"]})
        respondent = data.get("respondent")
        if respondent is not None and not employers_visible_to(user).filter(pk=respondent.pk).exists():
            raise ValidationError({"respondent": ["被申请人不存在或无权使用"]})
        data["claims"] = [dict(c) for c in data.get("claims") or []]
        case = type(self).apply_service(actor=user, **data)
        case = type(self).visible_selector(user).get(pk=case.pk)
        body = self.detail_serializer(case, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class ArbitrationViewSet(CaseViewSet):
    filterset_class = ArbitrationFilter
    serializer_class = ArbitrationSerializer
    detail_serializer = ArbitrationDetailSerializer
    application_serializer = ArbitrationApplicationSerializer
    list_selector = staticmethod(selectors.arbitration_list)
    visible_selector = staticmethod(selectors.arbitrations_visible_to)
    apply_service = staticmethod(arbitration_svc.arbitration_apply)
    register_roles = (Role.ARBITRATION_CHAIR,)
    register_message = "只有仲裁委员会工作人员可以登记仲裁申请"


class MediationViewSet(CaseViewSet):
    filterset_class = MediationFilter
    serializer_class = MediationSerializer
    detail_serializer = MediationDetailSerializer
    application_serializer = MediationApplicationSerializer
    list_selector = staticmethod(selectors.mediation_list)
    visible_selector = staticmethod(selectors.mediations_visible_to)
    apply_service = staticmethod(mediation_svc.mediation_apply)
    register_roles = (Role.MEDIATOR, Role.ARBITRATION_CHAIR)
    register_message = "只有调解员或仲裁委员会工作人员可以登记调解申请"
