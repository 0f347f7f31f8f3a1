"""``/api/v1/employers/`` and ``/api/v1/persons/``: list (``?q=`` search, paginated), create, retrieve, update.

The serializers run the same identifier checks as the pages and write through the same services, so
a wrong check digit is HTTP 400 naming the field, a duplicate ID number or credit code is HTTP 400
naming the field ("已存在"), and a record in a county the caller cannot see is HTTP 404.

Personal data (ID number, phone, address) is accepted in full but only ever returned masked
(``id_number_masked`` …). ``POST /api/v1/persons/{id}/reveal/`` returns the full values to the roles
allowed to see them and logs the view; everyone else gets HTTP 403.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import DjangoModelPermissions
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.settings import api_settings

from casework import validators
from casework.inputs import ID_PATTERN
from casework.models import Employer, Industry, Jurisdiction, Person
from casework.selectors.parties import (
    employers_visible_to,
    persons_visible_to,
    search_employers,
    search_persons,
)
from casework.selectors.visibility import jurisdictions_for
from casework.services import parties as services
from casework.services.personal_data import (
    masked_personal_data,
    may_reveal_personal_data,
    reveal_personal_data,
)


class ModelPermissionsWithView(DjangoModelPermissions):
    """Model permissions where reading needs ``view_<model>`` too (arbitrators may read, not write)."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


class ViewPermissionOnly(DjangoModelPermissions):
    """For POST actions that only read (reveal): the view permission suffices here."""

    perms_map = {method: ["%(app_label)s.view_%(model_name)s"] for method in DjangoModelPermissions.perms_map}


def _check_field(validator, value, *, empty=""):
    if value in (None, ""):
        return empty
    try:
        return validator(value)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.messages) from exc


class _PartySerializer(serializers.ModelSerializer):
    jurisdiction = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Jurisdiction.objects.filter(is_active=True),
        required=False,
        help_text="管辖区域/登记地的行政区划代码，如 433101；本人只有一个管辖区域时可省略",
    )
    jurisdiction_name = serializers.CharField(source="jurisdiction.name", read_only=True, default="")

    @property
    def _user(self):
        return self.context["request"].user

    def validate_jurisdiction(self, jurisdiction):
        if not jurisdictions_for(self._user).filter(pk=jurisdiction.pk).exists():
            raise serializers.ValidationError(_("您不能在该管辖区域登记"))
        return jurisdiction

    def validate(self, attrs):
        if self.instance is None and not attrs.get("jurisdiction"):
            mine = list(jurisdictions_for(self._user)[:2])
            if len(mine) != 1:
                raise serializers.ValidationError({"jurisdiction": [_("请填写管辖区域")]})
            attrs["jurisdiction"] = mine[0]
        return attrs

    def _call(self, func, **kwargs):
        # Services raise Django ValidationError keyed by field; the API's exception handler turns it
        # into HTTP 400 {"fields": {...}}. Re-raise as DRF's so serializer.save() callers see it too.
        try:
            return func(actor=self._user, **kwargs)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            ) from exc


class EmployerSerializer(_PartySerializer):
    credit_code = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, help_text="统一社会信用代码（GB 32100），18位"
    )
    phone = serializers.CharField(required=False, allow_blank=True)
    industry = serializers.ChoiceField(choices=Industry.choices, required=False)
    industry_display = serializers.CharField(source="get_industry_display", read_only=True)

    class Meta:
        model = Employer
        fields = [
            "id",
            "name",
            "credit_code",
            "legal_representative",
            "address",
            "jurisdiction",
            "jurisdiction_name",
            "industry",
            "industry_display",
            "phone",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate_credit_code(self, value):
        return _check_field(validators.validate_credit_code, value, empty=None)

    def validate_phone(self, value):
        return _check_field(validators.validate_phone, value)

    def create(self, validated_data):
        return self._call(services.employer_create, **validated_data)

    def update(self, instance, validated_data):
        return self._call(services.employer_update, employer=instance, **validated_data)


class PersonSerializer(_PartySerializer):
    id_number = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="居民身份证号码（GB 11643），18位；只写，返回时见 id_number_masked",
    )
    phone = serializers.CharField(
        write_only=True, required=False, allow_blank=True, help_text="手机号码；只写"
    )
    address = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=200, help_text="现住址；只写"
    )
    id_number_masked = serializers.SerializerMethodField()
    phone_masked = serializers.SerializerMethodField()
    address_masked = serializers.SerializerMethodField()
    reveal_url = serializers.SerializerMethodField(
        help_text="可查看完整号码的岗位：POST 此地址取得完整值（每次查看均记录）；其他岗位为 null"
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "id_number",
            "id_number_masked",
            "phone",
            "phone_masked",
            "address",
            "address_masked",
            "hometown",
            "is_migrant_worker",
            "jurisdiction",
            "jurisdiction_name",
            "reveal_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def get_id_number_masked(self, person) -> str:
        return person.id_number_masked

    def get_phone_masked(self, person) -> str:
        return person.phone_masked

    def get_address_masked(self, person) -> str:
        return person.address_masked

    def get_reveal_url(self, person) -> str | None:
        request = self.context.get("request")
        if request is None or not may_reveal_personal_data(request.user):
            return None
        return reverse("api-person-reveal", kwargs={"pk": person.pk}, request=request)

    def to_internal_value(self, data):
        # A client that sends back the masked value it was given means "unchanged".
        if self.instance is not None and hasattr(data, "items"):
            masked = masked_personal_data(self.instance)
            data = {
                key: value
                for key, value in data.items()
                if not (key in masked and masked[key] and value == masked[key])
            }
        return super().to_internal_value(data)

    def validate_id_number(self, value):
        return _check_field(validators.validate_id_number, value, empty=None)

    def validate_phone(self, value):
        return _check_field(validators.validate_mobile, value)

    def create(self, validated_data):
        return self._call(services.person_create, **validated_data)

    def update(self, instance, validated_data):
        return self._call(services.person_update, person=instance, **validated_data)


_SEARCH = OpenApiParameter(
    "q", OpenApiTypes.STR, description="名称/姓名包含，或完整的统一社会信用代码、身份证号码、电话号码"
)


class _PartyViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    # the project's defaults first (signed in, no helper accounts), then the model permissions
    permission_classes = [*api_settings.DEFAULT_PERMISSION_CLASSES, ModelPermissionsWithView]
    lookup_value_regex = ID_PATTERN  # any other id is a 404 (casework.inputs)


@extend_schema_view(list=extend_schema(parameters=[_SEARCH]))
class EmployerViewSet(_PartyViewSet):
    serializer_class = EmployerSerializer
    queryset = Employer.objects.none()  # for the permission class and schema; see get_queryset

    def get_queryset(self):
        employers = employers_visible_to(self.request.user)
        if self.action == "list":
            employers = search_employers(employers, self.request.query_params.get("q"))
        return employers


@extend_schema_view(list=extend_schema(parameters=[_SEARCH]))
class PersonViewSet(_PartyViewSet):
    serializer_class = PersonSerializer
    queryset = Person.objects.none()

    def get_queryset(self):
        persons = persons_visible_to(self.request.user)
        if self.action == "list":
            persons = search_persons(persons, self.request.query_params.get("q"))
        return persons

    @extend_schema(
        request=inline_serializer("RevealRequest", {"purpose": serializers.CharField(required=False)}),
        responses=inline_serializer(
            "RevealResponse",
            {
                "id_number": serializers.CharField(),
                "phone": serializers.CharField(),
                "address": serializers.CharField(),
            },
        ),
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="reveal",
        url_name="reveal",
        permission_classes=[*api_settings.DEFAULT_PERMISSION_CLASSES, ViewPermissionOnly],
    )
    def reveal(self, request, pk=None):
        """显示完整号码: the full ID number, phone and address; every call is logged."""
        person = self.get_object()
        values = reveal_personal_data(
            user=request.user, record=person, purpose=str(request.data.get("purpose", "")), path=request.path
        )
        return Response(values, headers={"Cache-Control": "no-store"})
