"""``/api/v1/arrears/``: list with filters, create, retrieve; workers and payments as sub-resources.
``/api/v1/blacklist/``: the credit blacklist entries the caller can see (list, retrieve).

Transitions and the other actions are the kernel's (``/api/v1/arrears/<id>/transitions/<name>/``,
``…/actions/<name>/``). Errors come in the API's one shape (``casework.api.exceptions``): 404 a case the
caller cannot see, 403 a change their role may not make (checked before the input is read), 400 bad fields
(named; a rejected worker sheet also lists its rows), 409 wrong state, unmet precondition or a lost race.
"""

from django.core.exceptions import ValidationError
from django_filters import rest_framework as filters
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from arrears.importing import SheetRejected
from arrears.models import ArrearsCase, BlacklistEntry
from arrears.selectors.blacklist import blacklist_list, blacklist_visible_to
from arrears.selectors.cases import arrears_list, arrears_visible_to, ledger_lines, payments_of
from arrears.selectors.risk import projects_visible_to
from arrears.services import cases as case_svc
from arrears.services import ledger as ledger_svc
from arrears.services.common import may_register
from casework.api.exceptions import error_body
from casework.api.filters import CaseFilterSet, IdFilter
from casework.api.parsers import ObjectJSONParser
from casework.inputs import ID_PATTERN, PK_MAX
from casework.inspection.models import Complaint
from casework.kernel.changes import visible_case
from casework.kernel.registry import case_type_for
from casework.selectors.parties import employers_visible_to
from casework.services.transitions import TransitionForbidden, forbidden

from .serializers import (
    ArrearsCaseCreateSerializer,
    ArrearsCaseDetailSerializer,
    ArrearsCaseSerializer,
    BlacklistEntryDetailSerializer,
    BlacklistEntrySerializer,
    PaymentConfirmSerializer,
    PaymentCreateSerializer,
    PaymentSerializer,
    WorkerCreateSerializer,
    WorkerSerializer,
)


class ArrearsFilter(CaseFilterSet):
    party = "employer"
    from_to = ("opened", "opened_on")
    overdue = None
    project = IdFilter(field_name="project_id")
    police_status = filters.CharFilter()

    class Meta:
        model = ArrearsCase
        fields = ["state", "jurisdiction", "employer", "project", "green_channel", "police_status"]


class ArrearsCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = ArrearsFilter
    parser_classes = [ObjectJSONParser, FormParser, MultiPartParser]
    lookup_value_regex = ID_PATTERN

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

    def _case(self, pk, change: str | None = None) -> ArrearsCase:
        """The case if the caller sees it (404 otherwise) and, for a change, may make it (403 otherwise) —
        both before the request's input is read."""
        case = visible_case(case_type_for(ArrearsCase), self.request.user, pk)
        problem = forbidden(case, change, self.request.user) if change else None
        if problem is not None:
            raise problem
        return case

    def create(self, request):
        if not may_register(request.user):  # before the input is read
            raise TransitionForbidden("只有登记员或监察员可以立欠薪案件")
        serializer = ArrearsCaseCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = request.user
        employer, project = data.get("employer"), data.get("project")
        if employer is not None and not employers_visible_to(user).filter(pk=employer.pk).exists():
            raise ValidationError({"employer": ["不存在或无权使用"]})
        if project is not None and not projects_visible_to(user).filter(pk=project.pk).exists():
            raise ValidationError({"project": ["不存在或无权使用"]})
        if employer is None:
            case, created = case_svc.arrears_case_from_complaints(
                actor=user, complaint_ids=data["complaints"], project=project, facts=data["facts"]
            )
            return self._detail(case, status.HTTP_201_CREATED if created else status.HTTP_200_OK)
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
        return self._detail(case, status.HTTP_201_CREATED)

    @action(detail=True, methods=["get", "post"])
    def workers(self, request, pk=None):
        if request.method == "GET":
            case = self._case(pk)
            page = self.paginate_queryset(case.workers.select_related("person").order_by("id"))
            return self.get_paginated_response(WorkerSerializer(page, many=True).data)
        case = self._case(pk, "add_worker")
        serializer = WorkerCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        line = ledger_svc.worker_add(actor=request.user, case_id=case.pk, **serializer.validated_data)
        return Response(WorkerSerializer(line).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], url_path="workers/import")
    def import_workers(self, request, pk=None):
        """Multipart upload of a worker sheet (field ``file``): all rows or none."""
        case = self._case(pk, "import_workers")
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": ["请上传工人名单（.xlsx或.csv）"]})
        try:
            result = ledger_svc.workers_import(
                actor=request.user, case_id=case.pk, uploaded=upload, filename=upload.name
            )
        except SheetRejected as exc:  # the one error shape, with every bad row besides
            body = error_body(400, exc.summary, fields={"file": [str(e) for e in exc.errors]})
            return Response(
                {**body, "rows": [e.as_dict() for e in exc.errors]}, status=status.HTTP_400_BAD_REQUEST
            )
        return Response(
            {
                "created": result.created,
                "amount": f"{result.amount:.2f}",
                "workers": WorkerSerializer(ledger_lines(result.case), many=True).data,
            },
            status=status.HTTP_201_CREATED,
        )

    @action(detail=True, methods=["get", "post"])
    def payments(self, request, pk=None):
        if request.method == "GET":
            case = self._case(pk)
            page = self.paginate_queryset(payments_of(case))
            return self.get_paginated_response(PaymentSerializer(page, many=True).data)
        case = self._case(pk, "record_payment")
        serializer = PaymentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        payment = ledger_svc.payment_record(
            actor=request.user, case_id=case.pk, line_id=data.pop("line"), **data
        )
        return Response(PaymentSerializer(payment).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], url_path=rf"payments/(?P<payment_pk>{ID_PATTERN})/confirm")
    def confirm_payment(self, request, pk=None, payment_pk=None):
        case = self._case(pk, "confirm_payment")
        payment_id = int(payment_pk)
        if payment_id > PK_MAX or not payments_of(case).filter(pk=payment_id).exists():
            raise NotFound("该笔款项不属于本案")
        serializer = PaymentConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        payment = ledger_svc.payment_confirm(
            actor=request.user,
            case_id=case.pk,
            payment_id=payment_id,
            confirmed_on=serializer.validated_data.get("confirmed_on"),
        )
        return Response(PaymentSerializer(payment).data)


class BlacklistFilter(filters.FilterSet):
    state = filters.CharFilter()
    employer = IdFilter(field_name="employer_id")
    arrears_case = IdFilter(field_name="arrears_case_id")

    class Meta:
        model = BlacklistEntry
        fields = ["state", "employer", "arrears_case"]


class BlacklistEntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Read only: an entry changes through the kernel (``/api/v1/blacklist/<id>/transitions/<name>/``,
    ``…/actions/record_defence/``); the procedure starts on its case (``/api/v1/arrears/<id>/actions/
    blacklist_notice/``)."""

    filterset_class = BlacklistFilter
    lookup_value_regex = ID_PATTERN

    def get_serializer_class(self):
        return BlacklistEntrySerializer if self.action == "list" else BlacklistEntryDetailSerializer

    def get_queryset(self):
        if self.action == "list":
            return blacklist_list(self.request.user)
        return blacklist_visible_to(self.request.user).select_related(
            "employer", "arrears_case", "jurisdiction"
        )
