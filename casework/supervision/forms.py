"""The input of the 督办 actions (pages and the API through the kernel's change endpoints)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.inputs import AHEAD, BoundedIntegerField, InputForm, WindowDateField

from .models import Level

MAX_REPORT_EVERY = 60  # working days between two reports: about three months


class SuperviseForm(InputForm):
    level = forms.ChoiceField(
        label=_("督办级别"), choices=Level.choices, error_messages={"required": _("请选择督办级别")}
    )
    report_every = BoundedIntegerField(
        label=_("每隔几个工作日报告一次"),
        min_value=1,
        max_value=MAX_REPORT_EVERY,
        error_messages={"required": _("请填写报告周期")},
    )
    deadline = WindowDateField(
        label=_("办结时限"), window=AHEAD, error_messages={"required": _("请填写办结时限")}
    )
    reason = forms.CharField(
        label=_("督办事由"), max_length=2000, error_messages={"required": _("请填写督办事由")}
    )


class ReportForm(InputForm):
    text = forms.CharField(
        label=_("进展情况"), max_length=5000, error_messages={"required": _("请填写进展情况")}
    )
    attachment = forms.FileField(label=_("附件"), required=False)


class LiftForm(InputForm):
    reason = forms.CharField(
        label=_("解除理由"), max_length=2000, error_messages={"required": _("请填写解除督办的理由")}
    )
