"""``/api/v1/complaints/``: list with filters, create, retrieve; transitions as sub-resources.

Errors: 403 forbidden; 409 not allowed from the current state, preconditions unmet, or a concurrent
transition that lost; 400 bad fields (named); 404 a case the caller cannot see. Nothing half-written.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from casework.inspection import services as svc
from casework.inspection.forms import TransitionForm, transition_kwargs
from casework.inspection.models import Complaint, ComplaintKind, IntakeChannel, ViolationType
from casework.inspection.selectors import complaint_list, complaints_visible_to
from casework.models import Employer, Jurisdiction, Person
from casework.selectors.deadlines import deadline_rows
from casework.selectors.visibility import visible_to
from casework.services.transitions import TransitionError, available_transitions


class TransitionFailed(Exception):
    pass


def transition_error_response(exc: TransitionError) -> Response:
    raise exc  # answered by casework.api.exceptions in the API's one error shape


class ComplaintFilter(filters.FilterSet):
    state = filters.CharFilter()
    jurisdiction = filters.CharFilter(field_name="jurisdiction__code")
    employer = filters.NumberFilter(field_name="employer_id")
    credit_code = filters.CharFilter(field_name="employer__credit_code")
    received_from = filters.DateFilter(field_name="received_on", lookup_expr="gte")
    received_to = filters.DateFilter(field_name="received_on", lookup_expr="lte")
    green_channel = filters.BooleanFilter()
    overdue = filters.BooleanFilter(method="filter_overdue")

    class Meta:
        model = Complaint
        fields = ["state", "jurisdiction", "employer", "green_channel"]

    def filter_overdue(self, queryset, name, value):
        from django.utils import timezone

        from casework.inspection.models import OPEN_COMPLAINT_STATES

        if value:
            return queryset.filter(state__in=OPEN_COMPLAINT_STATES, next_due__lt=timezone.localdate())
        return queryset


class ComplaintSerializer(serializers.ModelSerializer):
    jurisdiction = serializers.SlugRelatedField(slug_field="code", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    employer_name = serializers.SerializerMethodField()
    complainant_name = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "id",
            "number",
            "kind",
            "channel",
            "jurisdiction",
            "state",
            "state_label",
            "green_channel",
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
            "closed_at",
            "created_at",
        ]

    def get_employer_name(self, obj) -> str:
        return obj.employer.name if obj.employer_id else obj.employer_name_given

    def get_complainant_name(self, obj) -> str:
        return "匿名" if obj.anonymous else (obj.complainant.name if obj.complainant_id else "")


class ComplaintDetailSerializer(ComplaintSerializer):
    facts = serializers.CharField()
    transitions = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()

    class Meta(ComplaintSerializer.Meta):
        fields = ComplaintSerializer.Meta.fields + [
            "facts",
            "transitions",
            "deadlines",
            "rectification_items",
            "refusal_reason",
            "transfer_target",
            "closing_summary",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_transitions(self, obj):
        return available_transitions(obj, self.context["request"].user)

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_deadlines(self, obj):
        return [
            {
                "rule": r["deadline"].rule,
                "title": r["deadline"].title,
                "due": r["deadline"].due_on,
                "status": r["deadline"].status,
                "provisional": r["deadline"].provisional,
                "article": r["deadline"].article,
                "overdue": r["overdue"],
            }
            for r in deadline_rows(obj)
        ]


class ComplaintCreateSerializer(serializers.Serializer):
    jurisdiction = serializers.SlugRelatedField(slug_field="code", queryset=Jurisdiction.objects.all())
    kind = serializers.ChoiceField(choices=ComplaintKind.choices, default=ComplaintKind.COMPLAINT)
    channel = serializers.ChoiceField(choices=IntakeChannel.choices, default=IntakeChannel.WINDOW)
    received_on = serializers.DateField(required=False)
    complainant = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, allow_null=True
    )
    employer = serializers.PrimaryKeyRelatedField(
        queryset=Employer.objects.all(), required=False, allow_null=True
    )
    employer_name_given = serializers.CharField(required=False, allow_blank=True, default="")
    workplace = serializers.CharField()
    project_name = serializers.CharField(required=False, allow_blank=True, default="")
    facts = serializers.CharField()
    violation_types = serializers.ListField(
        child=serializers.ChoiceField(choices=ViolationType.choices), allow_empty=True, default=list
    )
    violation_started_on = serializers.DateField(required=False, allow_null=True)
    violation_ended_on = serializers.DateField(required=False, allow_null=True)
    arrears_amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    arrears_months = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    workers_affected = serializers.IntegerField(default=1, min_value=1)
    green_channel = serializers.BooleanField(default=False)


class ComplaintViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = ComplaintFilter

    def get_queryset(self):
        if self.action == "list":
            return complaint_list(self.request.user)
        return complaints_visible_to(self.request.user).select_related(
            "jurisdiction", "employer", "complainant"
        )

    def get_serializer_class(self):
        return ComplaintDetailSerializer if self.action == "retrieve" else ComplaintSerializer

    def create(self, request):
        serializer = ComplaintCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        user = request.user
        for key, model in (("complainant", Person), ("employer", Employer)):
            obj = data.get(key)
            if obj is not None and not visible_to(user, model.objects.filter(pk=obj.pk)).exists():
                raise ValidationError({key: ["不存在或无权使用"]})
        try:
            case = svc.complaint_register(actor=user, **data)
        except TransitionError as exc:
            return transition_error_response(exc)
        return Response(
            ComplaintDetailSerializer(case, context={"request": request}).data, status=status.HTTP_201_CREATED
        )

    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        """The unit head assigns the inspectors: ``{"inspectors": [user ids]}`` (at least two, LIR Art 16)."""
        from casework.models import User

        ids = request.data.get("inspectors")
        if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
            raise ValidationError({"inspectors": ["请以用户编号列表的形式提供承办监察员"]})
        try:
            case = svc.complaint_assign(
                actor=request.user, complaint_id=int(pk), inspectors=list(User.objects.filter(pk__in=ids))
            )
        except TransitionError as exc:
            return transition_error_response(exc)
        return Response(ComplaintDetailSerializer(case, context={"request": request}).data)

    @action(detail=True, methods=["post"])
    def statement(self, request, pk=None):
        """The employer's statement and defence after the prior notice (LIR Art 19)."""
        try:
            svc.complaint_record_statement(
                actor=request.user,
                complaint_id=int(pk),
                statement=str(request.data.get("statement", "")),
                hearing_requested=bool(request.data.get("hearing_requested")),
            )
        except TransitionError as exc:
            return transition_error_response(exc)
        except Complaint.DoesNotExist:
            raise NotFound("案件不存在") from None
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["post"], url_path=r"transitions/(?P<name>[a-z_]+)")
    def transitions(self, request, pk=None, name=None):
        service = svc.TRANSITION_SERVICES.get(name)
        if service is None:
            raise NotFound(f"没有名为“{name}”的操作")
        form = TransitionForm(request.data)
        if not form.is_valid():
            raise ValidationError({k: list(v) for k, v in form.errors.items()})
        try:
            with transaction.atomic():
                case = service(
                    actor=request.user, complaint_id=int(pk), **transition_kwargs(name, form.cleaned_data)
                )
        except TransitionError as exc:
            return transition_error_response(exc)
        return Response(ComplaintDetailSerializer(case, context={"request": request}).data)
