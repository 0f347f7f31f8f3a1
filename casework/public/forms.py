"""Public forms: plain-words labels and errors, big inputs, nothing that needs JavaScript.

``WorkerFormBase`` holds what every green-channel submission asks (who you are, who owes you, where you
worked, photos, the one-time token); each form plugged in through ``casework.public.registry`` adds its own
questions (the wage complaint's lives with the complaint case type). An app plugging in a dispute
application may use ``DisputeApplicationForm`` as it is or subclass it.
"""

import re
import unicodedata
from decimal import Decimal
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework import validators
from casework.inputs import parse_yuan
from casework.public.services import county_choices
from casework.services.evidence import check_upload

KEY_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
PHOTO_TYPES = {"jpg", "jpeg", "png"}


def max_photos() -> int:
    return int(getattr(settings, "GREEN_MAX_PHOTOS", 6))


def photo_max_bytes() -> int:
    return int(getattr(settings, "GREEN_PHOTO_MAX_BYTES", 10 * 1024 * 1024))


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f]


class PlainForm(forms.Form):
    """Errors in plain words naming the question: "请填写您的姓名", not "这个字段是必填项"."""

    required_css_class = "required"
    error_css_class = "has-error"
    # (form class, language, field name) → the field's plain messages, for fields as the class declares them
    # (worked out once: a lookup is a hot path); a field whose label a form changes is worked out each time.
    _messages_by_field: dict = {}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        language = translation.get_language()
        for name, field in self.fields.items():
            declared = self.base_fields.get(name)
            if declared is None or field.label is not declared.label:
                field.error_messages.update(_plain_messages(field))
                continue
            key = (type(self), language, name)
            if key not in PlainForm._messages_by_field:
                PlainForm._messages_by_field[key] = _plain_messages(field)
            field.error_messages.update(PlainForm._messages_by_field[key])


def _plain_messages(field) -> dict[str, str]:
    label = str(field.label or "")
    choice = isinstance(field, forms.ChoiceField)
    messages = {"required": (_("请选择：%s") if choice else _("请填写：%s")) % label}
    if isinstance(field, forms.IntegerField):
        messages["invalid"] = _("“%s”请填写整数，如 3") % label
        messages["min_value"] = _("“%(label)s”不能小于 %%(limit_value)s") % {"label": label}
        messages["max_value"] = _("“%(label)s”不能大于 %%(limit_value)s") % {"label": label}
    if isinstance(field, forms.CharField) and field.max_length:
        messages["max_length"] = _("“%(label)s”太长了，最多 %%(limit_value)d 个字") % {"label": label}
    return messages


def _text(**attrs):
    return forms.TextInput(attrs=attrs)


class WorkerFormBase(PlainForm):
    name = forms.CharField(label=gettext_lazy("您的姓名"), max_length=50, widget=_text(autocomplete="name"))
    id_number = forms.CharField(
        label=gettext_lazy("您的身份证号码"),
        max_length=30,
        help_text=gettext_lazy("18位，最后一位可能是X。查询进度时要用到后6位。"),
        widget=_text(autocomplete="off", autocapitalize="characters", spellcheck="false"),
    )
    phone = forms.CharField(
        label=gettext_lazy("您的手机号码"),
        max_length=20,
        help_text=gettext_lazy("办理进展会发短信到这个号码"),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "numeric", "autocomplete": "tel"}),
    )
    hometown = forms.CharField(
        label=gettext_lazy("老家（户籍地，可以不填）"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("如：湖南省湘西州永顺县"),
    )
    employer_name = forms.CharField(
        label=gettext_lazy("欠您工资的老板或单位名称"),
        max_length=100,
        help_text=gettext_lazy("写您知道的名字，如“××建筑劳务公司”或“包工头张某”"),
    )
    employer_credit_code = forms.CharField(
        label=gettext_lazy("单位的统一社会信用代码（不知道可以不填）"),
        max_length=30,
        required=False,
        widget=_text(autocomplete="off", autocapitalize="characters", spellcheck="false"),
    )
    county = forms.ChoiceField(label=gettext_lazy("在哪个县市干活"), choices=())
    photos = MultipleFileField(
        label=gettext_lazy("证据照片（可以不传）"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("请选择"))] + county_choices()
        self.fields["photos"].help_text = _(
            "工资条、欠条、考勤表、聊天记录截图等，最多%(n)d张，每张不超过%(mb)dMB，JPG或PNG格式"
        ) % {"n": max_photos(), "mb": photo_max_bytes() // (1024 * 1024)}
        self.fields["submission_key"].error_messages["required"] = _("页面已过期，请再点一次提交")

    def clean_name(self):
        name = re.sub(r"\s+", "", self.cleaned_data["name"])
        if not name:
            raise ValidationError(_("请填写：%s") % _("您的姓名"))
        return name

    def clean_id_number(self):
        try:
            return validators.validate_id_number(self.cleaned_data["id_number"])
        except ValidationError as exc:
            raise ValidationError(_("身份证号码不对：%s") % exc.messages[0]) from None

    def clean_phone(self):
        try:
            return validators.validate_mobile(self.cleaned_data["phone"])
        except ValidationError as exc:
            raise ValidationError(_("手机号码不对：%s") % exc.messages[0]) from None

    def clean_employer_credit_code(self):
        value = self.cleaned_data.get("employer_credit_code") or ""
        if not value.strip():
            return ""
        try:
            return validators.validate_credit_code(value)
        except ValidationError as exc:
            raise ValidationError(_("统一社会信用代码不对：%s。不清楚可以不填。") % exc.messages[0]) from None

    def clean_photos(self):
        photos = self.cleaned_data.get("photos") or []
        if len(photos) > max_photos():
            raise ValidationError(_("照片太多了，最多只能传%d张。请少选几张再提交") % max_photos())
        for photo in photos:
            name = PurePath(photo.name or "").name
            ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            if ext not in PHOTO_TYPES:
                raise ValidationError(_("“%s”不是照片。只能上传 JPG 或 PNG 格式的照片") % name)
            try:
                check_upload(photo, max_bytes=photo_max_bytes())
            except ValidationError as exc:
                raise ValidationError(
                    _("照片“%(name)s”：%(problem)s") % {"name": name, "problem": exc.messages[0]}
                ) from None
        return photos

    def clean_submission_key(self):
        key = self.cleaned_data["submission_key"]
        if not KEY_RE.match(key):
            raise ValidationError(_("页面已过期，请再点一次提交"))
        return key


_NUMBER_LIKE = re.compile(r"-?[\d,]*\.?\d*")


def parse_money(value, *, allow_zero: bool = True) -> Decimal | None:
    """An amount as a worker types it (``8000``, ``8,000``, ``8000元``, ``¥8000.50``, full-width digits), read
    with ``casework.inputs.parse_yuan``; None when empty. Errors in plain words."""
    text = re.sub(r"[\s元¥]", "", unicodedata.normalize("NFKC", str(value or "")))
    if not text:
        return None
    try:
        return parse_yuan(text, allow_zero=allow_zero)
    except ValidationError as exc:
        if _NUMBER_LIKE.fullmatch(text) and any(char.isdigit() for char in text):
            raise ValidationError(exc.messages[0]) from None  # negative, over two decimals, too large
        raise ValidationError(_("请填写数字，如 8000 或 8000.50")) from None


class DisputeApplicationForm(WorkerFormBase):
    """(b) 申请劳动争议调解或仲裁: the applicant, the employer, what is asked for and why."""

    address = forms.CharField(
        label=gettext_lazy("您现在住的地方（用于寄送文书，可以不填）"), max_length=200, required=False
    )
    claims = forms.CharField(
        label=gettext_lazy("您的请求"),
        max_length=2000,
        help_text=gettext_lazy("如：要求支付2026年7月至9月的工资18000元"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    amount = forms.CharField(
        label=gettext_lazy("涉及金额（元，可以不填）"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    facts = forms.CharField(
        label=gettext_lazy("事情经过"),
        max_length=4000,
        help_text=gettext_lazy("什么时候开始在哪里干活、干什么活、工资怎么算、欠了多少"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    field_order = [
        "name",
        "id_number",
        "phone",
        "hometown",
        "address",
        "employer_name",
        "employer_credit_code",
        "county",
        "claims",
        "amount",
        "facts",
        "photos",
        "submission_key",
    ]

    def clean_amount(self):
        return parse_money(self.cleaned_data.get("amount"))


class CaseNumberLookupForm(PlainForm):
    case_number = forms.CharField(
        label=gettext_lazy("案件编号"),
        max_length=60,
        help_text=gettext_lazy("在回执或短信里，如“吉首劳监投〔2026〕0012号”，括号可以用普通括号"),
    )
    id_suffix = forms.CharField(
        label=gettext_lazy("身份证号码后6位"),
        max_length=12,
        help_text=gettext_lazy("最后一位是X的，填X"),
        widget=_text(autocomplete="off", autocapitalize="characters", spellcheck="false"),
    )

    @classmethod
    def valid_values(cls, data) -> tuple[str, str] | None:
        """``(case number, ID suffix)`` as ``cleaned_data`` would hold them when the form is valid, else None —
        without building the form (the lookup is the green channel's hot path; the form is built to show
        what is wrong). ``tests/green/test_lookup.py`` checks that both agree."""
        number, suffix = data.get("case_number"), data.get("id_suffix")
        if not isinstance(number, str) or not isinstance(suffix, str):
            return None
        number = number.strip()
        max_number = cls.base_fields["case_number"].max_length
        if (
            not number
            or len(number) > max_number
            or len(suffix.strip()) > cls.base_fields["id_suffix"].max_length
        ):
            return None
        suffix = _id_suffix(suffix.strip())
        return (number, suffix) if suffix else None

    def clean_id_suffix(self):
        value = _id_suffix(self.cleaned_data["id_suffix"])
        if value is None:
            raise ValidationError(_("请填写身份证号码的最后6位：6个数字，最后一位也可能是X"))
        return value


_ID_SUFFIX = re.compile(r"\d{5}[\dX]")


def _id_suffix(value: str) -> str | None:
    """The last six characters of an ID number as typed (full-width digits, spaces, a lower-case x), or None."""
    value = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).upper()
    return value if _ID_SUFFIX.fullmatch(value) else None


class PhoneForm(PlainForm):
    phone = forms.CharField(
        label=gettext_lazy("手机号码"),
        max_length=20,
        help_text=gettext_lazy("投诉或申请时留的手机号码"),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "numeric", "autocomplete": "tel"}),
    )

    def clean_phone(self):
        try:
            return validators.validate_mobile(self.cleaned_data["phone"])
        except ValidationError as exc:
            raise ValidationError(_("手机号码不对：%s") % exc.messages[0]) from None


class CodeForm(PlainForm):
    code = forms.CharField(
        label=gettext_lazy("短信验证码"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}
        ),
    )

    def clean_code(self):
        value = re.sub(r"\s+", "", unicodedata.normalize("NFKC", self.cleaned_data["code"]))
        if not re.fullmatch(r"\d{6}", value):
            raise ValidationError(_("验证码是6位数字，请照短信里的验证码填写"))
        return value
