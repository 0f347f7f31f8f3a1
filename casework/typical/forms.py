"""The input of the typical-case actions (pages and the API through the kernel's change endpoints)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.inputs import BoundedIntegerField, InputForm


class ProposeForm(InputForm):
    title = forms.CharField(label=_("标题"), max_length=120, error_messages={"required": _("请填写标题")})
    text = forms.CharField(
        label=_("案例正文（已隐名）"), max_length=10000, error_messages={"required": _("请填写案例正文")}
    )
    names_employer = forms.BooleanField(label=_("公布用人单位名称"), required=False)


class TypicalChoiceForm(InputForm):
    typical = BoundedIntegerField(
        label=_("典型案例"),
        min_value=1,
        error_messages={"required": _("请选择典型案例"), "invalid": _("请选择典型案例")},
    )


class WithdrawForm(TypicalChoiceForm):
    reason = forms.CharField(
        label=_("撤回理由"), max_length=2000, error_messages={"required": _("请填写撤回理由")}
    )
