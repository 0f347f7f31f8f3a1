"""Forms of the monitoring pages (values read with the kernel's input types, ``casework.inputs``)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arrears.action_forms import date_field
from arrears.models import DepositMovementKind, WarningLevel, WarningState
from casework.inputs import YuanField


class SheetForm(forms.Form):
    file = forms.FileField(label=_("表格文件（.xlsx 或 .csv）"))


class TransferForm(forms.Form):
    month = date_field(_("所属月份（任一日）"))
    amount = YuanField(label=_("拨付金额（元）"))
    transferred_on = date_field(_("拨付日期"), initial=timezone.localdate)
    reference = forms.CharField(label=_("银行流水号"), max_length=60, required=False)


class DepositForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("类型"),
        choices=[(k.value, k.label) for k in DepositMovementKind if k != DepositMovementKind.DRAWDOWN],
    )
    amount = YuanField(label=_("金额（元）"))
    on = date_field(_("日期"), initial=timezone.localdate)
    reference = forms.CharField(label=_("凭证号"), max_length=60, required=False)


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("关闭理由"), max_length=300)


class WarningFilterForm(forms.Form):
    q = forms.CharField(label=_("项目名称"), required=False)
    level = forms.ChoiceField(
        label=_("级别"), required=False, choices=[("", _("全部"))] + WarningLevel.choices
    )
    state = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部"))] + WarningState.choices, initial="open"
    )
