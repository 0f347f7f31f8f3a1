"""Serializers of ``/api/v1/arrears/``. Money goes out as strings ("6000.00") and comes in as strings or whole
numbers (``casework.inputs.YuanSerializerField``: a JSON fraction is a binary float, refused rather than
rounded); dates inside their windows, integers inside their columns' ranges."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from arrears.models import (
    ArrearsCase,
    ArrearsWorker,
    BlacklistEntry,
    BlacklistState,
    ConstructionProject,
    PayerKind,
    Payment,
)
from arrears.models.cases import AUTO_TRANSITIONS
from arrears.models.ledger import MAX_MONTHS
from arrears.money import yuan
from arrears.selectors.cases import internal_targets
from arrears.selectors.thresholds import evaluate_crime_thresholds
from casework.inputs import PK_MAX, WindowDateSerializerField, YuanSerializerField, bounded_integer
from casework.kernel.serializers import (
    CASE_HEAD,
    LIST_OF_OBJECTS,
    CaseSerializer,
    CaseStateMixin,
    attributes,
    case_fields,
)
from casework.models import Employer, Jurisdiction


def _id(**kwargs):
    return bounded_integer(min_value=1, max_value=PK_MAX, **kwargs)


class ArrearsCaseSerializer(CaseSerializer):
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    project_name = serializers.SerializerMethodField()
    police_status_label = serializers.CharField(source="get_police_status_display", read_only=True)

    class Meta:
        model = ArrearsCase
        yuan_fields = ("total_owed", "total_recovered", "total_outstanding")
        fields = case_fields(
            "employer",
            "employer_name",
            "project",
            "project_name",
            "opened_on",
            "worker_count",
            "total_owed",
            "total_recovered",
            "total_outstanding",
            "next_due",
            "payment_due",
            "police_status",
            "police_status_label",
        )

    def get_project_name(self, obj) -> str:
        return obj.project.name if obj.project_id else ""


class ArrearsCaseDetailSerializer(CaseStateMixin, ArrearsCaseSerializer):
    complaints = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    targets = serializers.SerializerMethodField()
    crime_assessment = serializers.SerializerMethodField()

    class Meta(ArrearsCaseSerializer.Meta):
        yuan_fields = ArrearsCaseSerializer.Meta.yuan_fields + (
            "payment_order_amount",
            "compensation_base",
            "compensation_amount",
        )
        fields = ArrearsCaseSerializer.Meta.fields + [
            "facts",
            "complaints",
            "targets",
            "crime_assessment",
            "payment_ordered_on",
            "payment_order_period",
            "payment_order_amount",
            "payment_order_items",
            "fully_recovered_on",
            "compensation_ordered_on",
            "compensation_percent",
            "compensation_base",
            "compensation_amount",
            "police_reported_on",
            "police_decided_at",
            "police_transfer_due_at",
            "police_transferred_at",
            "police_authority",
            "unrecoverable_reason",
            "closing_summary",
        ]

    @LIST_OF_OBJECTS
    def get_transitions(self, obj):
        # Partial and full recovery follow the payments; they are never a button or an API call.
        return [t for t in super().get_transitions(obj) if t["name"] not in AUTO_TRANSITIONS]

    @LIST_OF_OBJECTS
    def get_targets(self, obj):
        return [
            attributes(t, "key", "title", "working_days", "due", "met_on", "overdue")
            for t in internal_targets(obj)
        ]

    @extend_schema_field(serializers.DictField())
    def get_crime_assessment(self, obj):
        a = evaluate_crime_thresholds(obj)
        return {
            **attributes(
                a, "met", "amount_met", "individual_met", "group_met", "order_ignored", "summary", "reasons"
            ),
            "threshold": None
            if a.threshold is None
            else {
                "province": a.threshold.province,
                "per_worker_amount": yuan(a.threshold.per_worker_amount),
                "total_amount": yuan(a.threshold.total_amount),
                "effective_from": a.threshold.effective_from,
                "confirmed": a.threshold.confirmed,
            },
            "workers": [{"line": w.line.pk, "met": w.met, "reason": w.reason} for w in a.workers],
        }


def _record(queryset, what: str, **kwargs):
    """A record by its id, with Chinese messages that never echo the value sent."""
    missing = f"{what}不存在"
    return serializers.PrimaryKeyRelatedField(
        queryset=queryset,
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": missing, "incorrect_type": f"请以编号指定{what}"},
        **kwargs,
    )


class ArrearsCaseCreateSerializer(serializers.Serializer):
    jurisdiction = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Jurisdiction.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": "管辖区域不存在", "invalid": "请以区划代码指定管辖区域"},
    )
    employer = _record(Employer.objects.all(), "用人单位")
    project = _record(ConstructionProject.objects.all(), "工程建设项目")
    facts = serializers.CharField(required=False, allow_blank=True, default="")
    opened_on = WindowDateSerializerField(required=False, allow_null=True)
    green_channel = serializers.BooleanField(default=False)
    complaints = serializers.ListField(child=_id(), required=False, default=list, max_length=500)

    def validate(self, attrs):
        if attrs.get("employer") is None and not attrs.get("complaints"):
            raise serializers.ValidationError({"employer": ["请指定欠薪用人单位，或给出来源投诉"]})
        if attrs.get("employer") is not None:
            if attrs.get("jurisdiction") is None:
                raise serializers.ValidationError({"jurisdiction": ["请指定管辖区域"]})
            if not attrs.get("facts"):
                raise serializers.ValidationError({"facts": ["请填写欠薪事实"]})
        return attrs


class WorkerSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.name", read_only=True)
    id_number_masked = serializers.CharField(source="person.id_number_masked", read_only=True)
    phone_masked = serializers.CharField(source="person.phone_masked", read_only=True)
    is_migrant_worker = serializers.BooleanField(source="person.is_migrant_worker", read_only=True)
    amount_owed = YuanSerializerField(read_only=True)
    recovered = YuanSerializerField(read_only=True)
    outstanding = YuanSerializerField(read_only=True)

    class Meta:
        model = ArrearsWorker
        fields = [
            "id",
            "person",
            "name",
            "id_number_masked",
            "phone_masked",
            "is_migrant_worker",
            "months_unpaid",
            "amount_owed",
            "recovered",
            "outstanding",
            "source",
        ]


class WorkerCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    id_number = serializers.CharField(max_length=30)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    months_unpaid = bounded_integer(min_value=1, max_value=MAX_MONTHS)
    amount_owed = YuanSerializerField()
    is_migrant_worker = serializers.BooleanField(default=True)


class PaymentSerializer(serializers.ModelSerializer):
    worker_name = serializers.CharField(source="line.person.name", read_only=True)
    payer_label = serializers.CharField(source="get_payer_kind_display", read_only=True)
    recorded_by = serializers.StringRelatedField(read_only=True)
    amount = YuanSerializerField(read_only=True)

    class Meta:
        model = Payment
        fields = [
            "id",
            "line",
            "worker_name",
            "amount",
            "paid_on",
            "payer_kind",
            "payer_label",
            "reference",
            "confirmed_by_worker",
            "confirmed_on",
            "note",
            "recorded_by",
            "recorded_at",
        ]


class PaymentCreateSerializer(serializers.Serializer):
    line = _id()
    amount = YuanSerializerField()
    paid_on = WindowDateSerializerField()
    payer_kind = serializers.ChoiceField(choices=PayerKind.choices)
    reference = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    confirmed_by_worker = serializers.BooleanField(default=False)
    confirmed_on = WindowDateSerializerField(required=False, allow_null=True)


class PaymentConfirmSerializer(serializers.Serializer):
    confirmed_on = WindowDateSerializerField(required=False, allow_null=True)


class BlacklistEntrySerializer(CaseSerializer):
    """An entry of the credit blacklist (失信联合惩戒名单) as the list shows it."""

    # A plain string in the schema: a second choice set named "state" needs an ENUM_NAME_OVERRIDES entry.
    state = serializers.CharField(read_only=True, help_text=" / ".join(BlacklistState.values))
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    arrears_case_number = serializers.CharField(source="arrears_case.number", read_only=True)

    class Meta:
        model = BlacklistEntry
        fields = [
            *CASE_HEAD,
            "arrears_case",
            "arrears_case_number",
            "employer",
            "employer_name",
            "grounds",
            "noticed_on",
            "defence_due",
            "defence_received_on",
            "listed_on",
            "listed_until",
            "removal_applied_on",
            "removed_on",
        ]


class BlacklistEntryDetailSerializer(CaseStateMixin, BlacklistEntrySerializer):
    """An entry as its detail and the kernel's change endpoints answer it (``/api/v1/blacklist/<id>/…``)."""
