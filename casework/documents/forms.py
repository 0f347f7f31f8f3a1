"""The input of the kernel's document actions (every case type that declares documents, page and API)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from casework import validators
from casework.inputs import WindowDateField
from casework.models import ServiceMethod

PAPER_METHODS = [(v, label) for v, label in ServiceMethod.choices if v != ServiceMethod.ELECTRONIC]


class IssueForm(forms.Form):
    slug = forms.CharField(
        label=_("文书"), max_length=60, error_messages={"required": _("请选择要签发的文书")}
    )


class ServiceForm(forms.Form):
    document = forms.IntegerField(
        label=_("文书"), min_value=1, max_value=2**62, error_messages={"required": _("请选择文书")}
    )
    method = forms.ChoiceField(
        label=_("送达方式"),
        choices=PAPER_METHODS,
        error_messages={"required": _("请选择送达方式"), "invalid_choice": _("请选择送达方式")},
    )
    served_on = WindowDateField(label=_("送达日期"), error_messages={"required": _("请填写送达日期")})
    recipient = forms.CharField(label=_("受送达人"), max_length=100)
    place = forms.CharField(label=_("送达地点"), max_length=200, required=False)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)
    proof = forms.FileField(
        label=_("送达凭证"),
        error_messages={"required": _("请上传送达凭证（签收的送达回证、邮寄回执或公告）")},
    )


class ServiceAddressForm(forms.Form):
    recipient = forms.CharField(label=_("受送达人"), max_length=100)
    id_number = forms.CharField(label=_("身份证号码"), max_length=30)
    phone = forms.CharField(label=_("手机号码"), max_length=30)
    address = forms.CharField(label=_("送达地址"), max_length=200, required=False)
    electronic_consent = forms.BooleanField(label=_("同意电子送达"), required=False)
    signed_on = WindowDateField(label=_("签署日期"))

    def clean_id_number(self):
        value = validators.normalise_id_number(self.cleaned_data["id_number"])
        validators.validate_id_number(value)
        return value

    def clean_phone(self):
        value = validators.normalise_mobile(self.cleaned_data["phone"])
        try:
            validators.validate_mobile(value)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
        return value


class ElectronicServiceForm(forms.Form):
    document = forms.IntegerField(
        label=_("文书"), min_value=1, max_value=2**62, error_messages={"required": _("请选择文书")}
    )
    address = forms.IntegerField(
        label=_("送达地址确认书"),
        min_value=1,
        max_value=2**62,
        error_messages={"required": _("请选择受送达人的送达地址确认书")},
    )
