"""``/api/v1/arrears/``: list with filters, create, retrieve; transitions, workers and payments as
sub-resources. Errors as for complaints: 403 forbidden; 409 wrong state, unmet precondition or a lost
race; 400 bad fields (named; a rejected worker sheet lists its rows); 404 a case the caller cannot see."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django_filters import rest_framework as filters
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from arrears.forms import TransitionForm, transition_kwargs
from arrears.importing import SheetRejected
from arrears.models import ArrearsCase
from arrears.selectors.cases import arrears_list, arrears_visible_to, ledger_lines, payments_of
from arrears.selectors.risk import projects_visible_to
from arrears.services import cases as case_svc
from arrears.services import ledger as ledger_svc
from casework.inspection.api import transition_error_response
from casework.selectors.parties import employers_visible_to
from casework.services.transitions import TransitionError

from .serializers import (
    ArrearsCaseCreateSerializer,
    ArrearsCaseDetailSerializer,
    ArrearsCaseSerializer,
    PaymentCreateSerializer,
    PaymentSerializer,
    WorkerCreateSerializer,
    WorkerSerializer,
)


class ArrearsFilter(filters.FilterSet):
    state = filters.CharFilter()
    jurisdiction = filters.CharFilter(field_name="jurisdiction__code")
    employer = filters.NumberFilter(field_name="employer_id")
    project = filters.NumberFilter(field_name="project_id")
    credit_code = filters.CharFilter(field_name="employer__credit_code")
    green_channel = filters.BooleanFilter()
    police_status = filters.CharFilter()
    opened_from = filters.DateFilter(field_name="opened_on", lookup_expr="gte")
    opened_to = filters.DateFilter(field_name="opened_on", lookup_expr="lte")

    class Meta:
        model = ArrearsCase
        fields = ["state", "jurisdiction", "employer", "project", "green_channel", "police_status"]


class ArrearsCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = ArrearsFilter
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_queryset(self):
        if self.action == "list":
            return arrears_list(self.request.user)
        return arrears_visible_to(self.request.user).select_related("jurisdiction", "employer", "project")

    def get_serializer_class(self):
        return {
            "retrieve": ArrearsCaseDetailSerializer,
            "workers": WorkerSerializer,
            "payments": PaymentSerializer,
        }.get(self.action, ArrearsCaseSerializer)

    def _detail(self, case, code=status.HTTP_200_OK):
        case = self.get_queryset().get(pk=case.pk)
        return Response(
            ArrearsCaseDetailSerializer(case, context={"request": self.request}).data, status=code
        )

    def _case(self, pk) -> ArrearsCase:
        case = arrears_visible_to(self.request.user).filter(pk=pk).first()
        if case is None:
            raise NotFound("案件不存在")
        return case

    def create(self, request):
        serializer = ArrearsCaseCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = request.user
        employer, project = data.get("employer"), data.get("project")
        if employer is not None and not employers_visible_to(user).filter(pk=employer.pk).exists():
            raise ValidationError({"employer": ["不存在或无权使用"]})
        if project is not None and not projects_visible_to(user).filter(pk=project.pk).exists():
            raise ValidationError({"project": ["不存在或无权使用"]})
        try:
            if employer is None:
                case, created = case_svc.arrears_case_from_complaints(
                    actor=user, complaint_ids=data["complaints"], project=project, facts=data["facts"]
                )
            else:
                from casework.inspection.models import Complaint

                complaints = list(Complaint.objects.filter(pk__in=data["complaints"]))
                if len(complaints) != len(set(data["complaints"])):
                    raise ValidationError({"complaints": ["投诉不存在或无权查看"]})
                case = case_svc.arrears_case_open(
                    actor=user,
                    jurisdiction=data["jurisdiction"],
                    employer=employer,
                    project=project,
                    facts=data["facts"],
                    opened_on=data.get("opened_on"),
                    green_channel=data["green_channel"],
                    complaints=complaints,
                )
                created = True
        except TransitionError as exc:
            return transition_error_response(exc)
        return self._detail(case, status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @action(detail=True, methods=["post"], url_path=r"transitions/(?P<name>[a-z_]+)")
    def transitions(self, request, pk=None, name=None):
        service = case_svc.TRANSITION_SERVICES.get(name)
        if service is None:
            raise NotFound(f"没有名为“{name}”的操作")
        payload = request.data.copy() if hasattr(request.data, "copy") else dict(request.data)
        if isinstance(payload.get("approve"), bool):
            payload["approve"] = "yes" if payload["approve"] else "no"
        form = TransitionForm(payload)
        if not form.is_valid():
            raise ValidationError({k: list(v) for k, v in form.errors.items()})
        try:
            with transaction.atomic():
                case = service(
                    actor=request.user, case_id=int(pk), **transition_kwargs(name, form.cleaned_data)
                )
        except TransitionError as exc:
            return transition_error_response(exc)
        return self._detail(case)

    @action(detail=True, methods=["get", "post"])
    def workers(self, request, pk=None):
        case = self._case(pk)
        if request.method == "GET":
            page = self.paginate_queryset(case.workers.select_related("person").order_by("id"))
            return self.get_paginated_response(WorkerSerializer(page, many=True).data)
        serializer = WorkerCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            line = ledger_svc.worker_add(actor=request.user, case_id=case.pk, **serializer.validated_data)
        except TransitionError as exc:
            return transition_error_response(exc)
        return Response(WorkerSerializer(line).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], url_path="workers/import")
    def import_workers(self, request, pk=None):
        """Multipart upload of a worker sheet (field ``file``): all rows or none."""
        case = self._case(pk)
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": ["请上传工人名单（.xlsx或.csv）"]})
        try:
            result = ledger_svc.workers_import(
                actor=request.user, case_id=case.pk, uploaded=upload, filename=upload.name
            )
        except SheetRejected as exc:
            return Response(
                {
                    "error": "invalid",
                    "detail": f"名单有{len(exc.errors)}处错误，未导入任何工人",
                    "fields": {"file": [str(e) for e in exc.errors]},
                    "rows": [e.as_dict() for e in exc.errors],
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        except TransitionError as exc:
            return transition_error_response(exc)
        lines = ledger_lines(result.case)
        return Response(
            {
                "created": result.created,
                "amount": f"{result.amount:.2f}",
                "workers": WorkerSerializer(lines, many=True).data,
            },
            status=status.HTTP_201_CREATED,
        )

    @action(detail=True, methods=["get", "post"])
    def payments(self, request, pk=None):
        case = self._case(pk)
        if request.method == "GET":
            page = self.paginate_queryset(payments_of(case))
            return self.get_paginated_response(PaymentSerializer(page, many=True).data)
        serializer = PaymentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        try:
            payment = ledger_svc.payment_record(
                actor=request.user, case_id=case.pk, line_id=data.pop("line"), **data
            )
        except TransitionError as exc:
            return transition_error_response(exc)
        return Response(PaymentSerializer(payment).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], url_path=r"payments/(?P<payment_pk>\d+)/confirm")
    def confirm_payment(self, request, pk=None, payment_pk=None):
        case = self._case(pk)
        try:
            payment = ledger_svc.payment_confirm(
                actor=request.user,
                case_id=case.pk,
                payment_id=int(payment_pk),
                confirmed_on=request.data.get("confirmed_on") or None,
            )
        except TransitionError as exc:
            return transition_error_response(exc)
        return Response(PaymentSerializer(payment).data)
