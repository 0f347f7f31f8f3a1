"""Forms of the arrears pages. They only shape input; the services validate and name bad fields."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arrears.models import ArrearsState, BlacklistState, Grounds, PayerKind
from casework.models import Jurisdiction

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def _money(label, **kwargs):
    # A CharField: the amount reaches the service as the typed text and is parsed to Decimal there.
    return forms.CharField(
        label=label, max_length=20, widget=forms.TextInput(attrs={"inputmode": "decimal"}), **kwargs
    )


class ArrearsFilterForm(forms.Form):
    q = forms.CharField(
        label=_("关键词"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("案件编号、单位名称、信用代码、项目")}),
    )
    state = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部"))] + ArrearsState.choices
    )
    jurisdiction = forms.ModelChoiceField(
        label=_("管辖区域"), required=False, queryset=Jurisdiction.objects.none()
    )
    green_channel = forms.BooleanField(label=_("仅绿色通道"), required=False)
    police = forms.BooleanField(label=_("涉及移送公安"), required=False)
    overdue = forms.BooleanField(label=_("仅超期"), required=False)
    mine = forms.BooleanField(label=_("仅我承办"), required=False)

    def __init__(self, *args, jurisdictions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = (
            jurisdictions if jurisdictions is not None else Jurisdiction.objects.all()
        )


class ArrearsCaseForm(forms.Form):
    """Open a case: the employer by credit code (registered if new), optionally a project and complaints."""

    jurisdiction = forms.ModelChoiceField(label=_("管辖区域"), queryset=Jurisdiction.objects.none())
    employer_name = forms.CharField(label=_("欠薪用人单位名称"), max_length=200)
    employer_credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18)
    employer_legal_representative = forms.CharField(
        label=_("法定代表人/负责人"), max_length=50, required=False
    )
    project = forms.ModelChoiceField(label=_("工程建设项目"), required=False, queryset=None)
    opened_on = forms.DateField(label=_("立案日期"), initial=timezone.localdate, **DATE)
    facts = forms.CharField(label=_("欠薪事实"), widget=forms.Textarea(attrs={"rows": 3}))
    green_channel = forms.BooleanField(label=_("农民工欠薪绿色通道"), required=False, initial=True)

    def __init__(self, *args, jurisdictions=None, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = (
            jurisdictions if jurisdictions is not None else Jurisdiction.objects.all()
        )
        if jurisdictions is not None and jurisdictions.count() == 1:
            self.fields["jurisdiction"].initial = jurisdictions.first()
        self.fields["project"].queryset = projects


class FromComplaintsForm(forms.Form):
    complaint_numbers = forms.CharField(
        label=_("投诉案件编号"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("一行一个或用逗号分隔；同一单位或同一项目的投诉并入同一欠薪案件"),
    )
    project = forms.ModelChoiceField(label=_("工程建设项目"), required=False, queryset=None)

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects

    def numbers(self) -> list[str]:
        import re

        return [n for n in re.split(r"[\s,，;；、]+", self.cleaned_data["complaint_numbers"]) if n]


class WorkerForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18)
    phone = forms.CharField(label=_("手机号码"), max_length=11, required=False)
    months_unpaid = forms.CharField(label=_("欠薪月数"), max_length=4)
    amount_owed = _money(_("欠薪金额（元）"))
    is_migrant_worker = forms.BooleanField(label=_("农民工"), required=False, initial=True)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("工人名单（.xlsx 或 .csv）"))


class PaymentForm(forms.Form):
    line = forms.TypedChoiceField(label=_("工人"), coerce=int, choices=())
    amount = _money(_("金额（元）"))
    paid_on = forms.DateField(label=_("支付日期"), initial=timezone.localdate, **DATE)
    payer_kind = forms.ChoiceField(label=_("支付方"), choices=PayerKind.choices, initial=PayerKind.EMPLOYER)
    reference = forms.CharField(label=_("凭证号"), max_length=60, required=False)
    confirmed_by_worker = forms.BooleanField(label=_("工人已签字确认收到"), required=False)
    confirmed_on = forms.DateField(label=_("确认日期"), required=False, **DATE)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].choices = [
            (line.pk, f"{line.person.name}（尚欠{line.outstanding}元）")
            for line in lines
            if line.outstanding > 0
        ]


class TransitionForm(forms.Form):
    """Every transition's payload; the service decides which fields it needs and names missing ones."""

    def __init__(self, data=None, *args, **kwargs):
        if isinstance(data, dict) and isinstance(data.get("approve"), bool):  # the API's JSON true/false
            data = {**data, "approve": "yes" if data["approve"] else "no"}
        super().__init__(data, *args, **kwargs)

    expected_state = forms.CharField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("理由/说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    period = forms.CharField(label=_("支付期限（日）"), required=False, max_length=4)
    items = forms.CharField(label=_("责令支付事项"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    served_on = forms.DateField(label=_("送达日期"), required=False, **DATE)
    percent = forms.CharField(label=_("加付赔偿金比例（%）"), required=False, max_length=10)
    approve = forms.ChoiceField(
        label=_("决定"), required=False, choices=[("yes", _("批准移送")), ("no", _("不予移送"))]
    )
    authority = forms.CharField(label=_("接收移送的公安机关"), required=False, max_length=100)
    decided_on = forms.DateField(label=_("决定日期"), required=False, **DATE)
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
    }
    kwargs = per_transition.get(name, {"reason": reason})
    if data.get("expected_state"):
        kwargs["expected_state"] = data["expected_state"]
    return kwargs


class BlacklistNoticeForm(forms.Form):
    grounds = forms.ChoiceField(label=_("列入事由"), choices=Grounds.choices)
    responsible_persons = forms.CharField(label=_("有关责任人员"), max_length=200, required=False)
    facts = forms.CharField(label=_("失信事实"), widget=forms.Textarea(attrs={"rows": 3}))
    noticed_on = forms.DateField(label=_("告知书送达日期"), initial=timezone.localdate, **DATE)


class DefenceForm(forms.Form):
    text = forms.CharField(label=_("陈述申辩内容"), widget=forms.Textarea(attrs={"rows": 3}))
    received_on = forms.DateField(label=_("收到日期"), initial=timezone.localdate, **DATE)


class BlacklistFilterForm(forms.Form):
    q = forms.CharField(label=_("单位名称"), required=False)
    state = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部"))] + BlacklistState.choices
    )


class ProjectForm(forms.Form):
    jurisdiction = forms.ModelChoiceField(label=_("管辖区域"), queryset=Jurisdiction.objects.none())
    name = forms.CharField(label=_("项目名称"), max_length=200)
    location = forms.CharField(label=_("项目地点"), max_length=200)
    started_on = forms.DateField(label=_("开工日期"), required=False, **DATE)
    developer_name = forms.CharField(label=_("建设单位名称"), max_length=200, required=False)
    developer_credit_code = forms.CharField(label=_("建设单位信用代码"), max_length=18, required=False)
    main_contractor_name = forms.CharField(label=_("施工总承包单位名称"), max_length=200, required=False)
    main_contractor_credit_code = forms.CharField(label=_("总包单位信用代码"), max_length=18, required=False)
    subcontractor_name = forms.CharField(label=_("分包单位名称"), max_length=200, required=False)
    subcontractor_credit_code = forms.CharField(label=_("分包单位信用代码"), max_length=18, required=False)
    wage_account_bank = forms.CharField(label=_("工资专用账户开户银行"), max_length=100, required=False)
    wage_account_number = forms.CharField(label=_("工资专用账户账号"), max_length=40, required=False)
    wage_deposit_amount = _money(_("工资保证金（元）"), required=False)
    wage_officer = forms.CharField(label=_("劳资专管员"), max_length=50, required=False)
    rights_notice_board = forms.BooleanField(label=_("已设置维权信息告示牌"), required=False)

    ROLES = ("developer", "main_contractor", "subcontractor")

    def __init__(self, *args, jurisdictions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = (
            jurisdictions if jurisdictions is not None else Jurisdiction.objects.all()
        )
        if jurisdictions is not None and jurisdictions.count() == 1:
            self.fields["jurisdiction"].initial = jurisdictions.first()

    def clean(self):
        data = super().clean()
        for role in self.ROLES:
            name, code = data.get(f"{role}_name"), data.get(f"{role}_credit_code")
            if bool(name) != bool(code):
                self.add_error(
                    f"{role}_credit_code" if name else f"{role}_name", _("单位名称和信用代码须同时填写")
                )
        return data


class QuarterForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2020, max_value=2099)
    quarter = forms.TypedChoiceField(
        label=_("季度"),
        coerce=int,
        choices=[(1, _("第一季度")), (2, _("第二季度")), (3, _("第三季度")), (4, _("第四季度"))],
    )


class RiskFilterForm(forms.Form):
    by = forms.ChoiceField(
        label=_("视角"), required=False, choices=[("employer", _("按用人单位")), ("project", _("按工程项目"))]
    )
    q = forms.CharField(label=_("关键词"), required=False)
    listed = forms.BooleanField(label=_("仅失信名单内"), required=False)
