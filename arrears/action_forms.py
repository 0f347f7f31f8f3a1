"""The input of every change of an arrears case or a blacklist entry: one form per transition set and per
registered action (``arrears.case_type``). Pages post them to the kernel's ``case-change`` URL and the API to
``/api/v1/<type>/<id>/<transitions|actions>/<name>/``; the kernel checks the write permission before it
reads them. Values are read with the kernel's input types (``casework.inputs``); the services check the
rest and name bad fields.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arrears.models import Grounds, PayerKind
from arrears.models.cases import MAX_ORDER_DAYS
from arrears.models.ledger import MAX_MONTHS
from casework.inputs import PK_MAX, BoundedIntegerField, IdListField, WindowDateField, YuanField


def date_field(label, **kwargs) -> WindowDateField:
    """A date inside its window (``PAST`` unless ``window=`` says otherwise), shown as ISO for ``type=date``
    (the locale's first input format, 2026/11/23, is not a value such an input shows)."""
    return WindowDateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )


def _id_field(label, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=1, max_value=PK_MAX, **kwargs)


# --- transitions -------------------------------------------------------------------------------------
class TransitionForm(forms.Form):
    """Every transition's payload; the service decides which fields it needs and names missing ones."""

    def __init__(self, data=None, *args, **kwargs):
        if isinstance(data, dict) and isinstance(data.get("approve"), bool):  # the API's JSON true/false
            data = {**data, "approve": "yes" if data["approve"] else "no"}
        super().__init__(data, *args, **kwargs)

    expected_state = forms.CharField(required=False, max_length=30, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("理由/说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    period = BoundedIntegerField(
        label=_("支付期限（日）"), required=False, min_value=1, max_value=MAX_ORDER_DAYS
    )
    items = forms.CharField(label=_("责令支付事项"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    served_on = date_field(_("送达日期"), required=False)
    percent = forms.CharField(label=_("加付赔偿金比例（%）"), required=False, max_length=10)
    approve = forms.ChoiceField(
        label=_("决定"), required=False, choices=[("yes", _("批准移送")), ("no", _("不予移送"))]
    )
    authority = forms.CharField(label=_("接收移送的公安机关"), required=False, max_length=100)
    decided_on = date_field(_("决定日期"), required=False)
    commitment = forms.CharField(
        label=_("信用承诺"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def transition_kwargs(name: str, data: dict) -> dict:
    """Map the form's cleaned data onto the keyword arguments of the transition's service."""
    reason = data.get("reason") or ""
    per_transition = {
        "order_payment": {
            "period": data.get("period"),
            "items": data.get("items") or reason,
            "served_on": data.get("served_on"),
        },
        "order_compensation": {"percent": data.get("percent"), "reason": reason},
        "decide_police_transfer": {"approve": data.get("approve") == "yes", "reason": reason},
        "transfer_to_police": {"authority": data.get("authority") or "", "reason": reason},
        "decide_listing": {"reason": reason, "decided_on": data.get("decided_on")},
        "apply_for_removal": {"commitment": data.get("commitment") or reason},
        "expire": {},
        "record_partial_recovery": {},
        "record_full_recovery": {},
    }
    kwargs = per_transition.get(name, {"reason": reason})
    if data.get("expected_state"):
        kwargs["expected_state"] = data["expected_state"]
    return kwargs


# --- actions of an arrears case -----------------------------------------------------------------------
class AttachComplaintForm(forms.Form):
    complaint_number = forms.CharField(label=_("投诉编号"), required=False, max_length=60)
    complaint = _id_field(_("投诉"), required=False)


def attach_kwargs(data: dict, raw) -> dict:
    return {"complaint_id": data["complaint"], "complaint_number": data["complaint_number"]}


class WorkerForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18)
    phone = forms.CharField(label=_("手机号码"), max_length=11, required=False)
    months_unpaid = BoundedIntegerField(label=_("欠薪月数"), min_value=1, max_value=MAX_MONTHS)
    amount_owed = YuanField(label=_("欠薪金额（元）"))
    is_migrant_worker = forms.BooleanField(label=_("农民工"), required=False, initial=True)


class WorkerCorrectionForm(forms.Form):
    line = _id_field(_("工人"))
    months_unpaid = BoundedIntegerField(
        label=_("欠薪月数"), min_value=1, max_value=MAX_MONTHS, required=False
    )
    amount_owed = YuanField(label=_("欠薪金额（元）"), required=False)
    reason = forms.CharField(label=_("更正理由"), widget=forms.Textarea(attrs={"rows": 2}))


def correction_kwargs(data: dict, raw) -> dict:
    return {
        "line_id": data["line"],
        "months_unpaid": data["months_unpaid"],
        "amount_owed": data["amount_owed"],
        "reason": data["reason"],
    }


class ImportForm(forms.Form):
    file = forms.FileField(label=_("工人名单（.xlsx 或 .csv）"))


def import_kwargs(data: dict, raw) -> dict:
    return {"uploaded": data["file"], "filename": data["file"].name}


class PaymentForm(forms.Form):
    line = _id_field(_("工人"), widget=forms.Select)
    amount = YuanField(label=_("金额（元）"))
    paid_on = date_field(_("支付日期"), initial=timezone.localdate)
    payer_kind = forms.ChoiceField(label=_("支付方"), choices=PayerKind.choices, initial=PayerKind.EMPLOYER)
    reference = forms.CharField(label=_("凭证号"), max_length=60, required=False)
    confirmed_by_worker = forms.BooleanField(label=_("工人已签字确认收到"), required=False)
    confirmed_on = date_field(_("确认日期"), required=False)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].widget.choices = [
            (line.pk, f"{line.person.name}（尚欠{line.outstanding}元）")
            for line in lines
            if line.outstanding > 0
        ]


def payment_kwargs(data: dict, raw) -> dict:
    kwargs = dict(data)
    kwargs["line_id"] = kwargs.pop("line")
    return kwargs


class DepositDrawForm(forms.Form):
    """Pay the listed workers (all still owed when none is listed) from the project's wage deposit."""

    lines = IdListField(label=_("工人"), required=False, widget=forms.MultipleHiddenInput)
    paid_on = date_field(_("支付日期"), required=False, initial=timezone.localdate)
    reference = forms.CharField(label=_("凭证号"), max_length=60, required=False)


class PaymentConfirmForm(forms.Form):
    payment = _id_field(_("款项"), widget=forms.HiddenInput)
    confirmed_on = date_field(_("确认日期"), required=False)


def confirm_kwargs(data: dict, raw) -> dict:
    return {"payment_id": data["payment"], "confirmed_on": data["confirmed_on"]}


class BlacklistNoticeForm(forms.Form):
    grounds = forms.ChoiceField(label=_("列入事由"), choices=Grounds.choices)
    responsible_persons = forms.CharField(label=_("有关责任人员"), max_length=200, required=False)
    facts = forms.CharField(label=_("失信事实"), widget=forms.Textarea(attrs={"rows": 3}))
    noticed_on = date_field(_("告知书送达日期"), initial=timezone.localdate, required=False)


# --- actions of a blacklist entry ---------------------------------------------------------------------
class DefenceForm(forms.Form):
    text = forms.CharField(label=_("陈述申辩内容"), widget=forms.Textarea(attrs={"rows": 3}))
    received_on = date_field(_("收到日期"), initial=timezone.localdate, required=False)
