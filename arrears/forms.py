"""Forms of the arrears pages: lists, filters, opening a case, projects. The input of changes to a case
lives in ``arrears.action_forms``. Values are read with the kernel's input types (``casework.inputs``)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arrears.action_forms import date_field
from arrears.models import ArrearsState, BlacklistState
from arrears.models.monitoring import SubcontractKind
from arrears.models.projects import DepositForm, DepositRelief
from casework.forms.jurisdictions import JurisdictionChoice
from casework.inputs import AHEAD, YuanField
from casework.kernel.lists import CaseFilterForm
from casework.models import Jurisdiction, User
from casework.roles import Role
from casework.validators import validate_credit_code


class ArrearsFilterForm(CaseFilterForm):
    states = ArrearsState.choices
    search_hint = _("案件编号、单位名称、信用代码、项目")
    received_from = received_to = None  # a case is opened, not received
    police = forms.BooleanField(label=_("涉及移送公安"), required=False)  # ARREARS_LIST.flags
    field_order = ["q", "state", "jurisdiction", "green_channel", "police"]


class ArrearsCaseForm(JurisdictionChoice, forms.Form):
    """Open a case: the employer by credit code (registered if new), optionally a project and complaints."""

    jurisdiction = forms.ModelChoiceField(label=_("管辖区域"), queryset=Jurisdiction.objects.none())
    employer_name = forms.CharField(label=_("欠薪用人单位名称"), max_length=200)
    employer_credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18)
    employer_legal_representative = forms.CharField(
        label=_("法定代表人/负责人"), max_length=50, required=False
    )
    project = forms.ModelChoiceField(label=_("工程建设项目"), required=False, queryset=None)
    opened_on = date_field(_("立案日期"), initial=timezone.localdate)
    facts = forms.CharField(label=_("欠薪事实"), widget=forms.Textarea(attrs={"rows": 3}))
    green_channel = forms.BooleanField(label=_("农民工欠薪绿色通道"), required=False, initial=True)

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
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


class BlacklistFilterForm(forms.Form):
    q = forms.CharField(label=_("单位名称"), required=False)
    state = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部"))] + BlacklistState.choices
    )


class ProjectForm(JurisdictionChoice, forms.Form):
    jurisdiction = forms.ModelChoiceField(label=_("管辖区域"), queryset=Jurisdiction.objects.none())
    name = forms.CharField(label=_("项目名称"), max_length=200)
    location = forms.CharField(label=_("项目地点"), max_length=200)
    started_on = date_field(_("开工日期"), required=False, window=AHEAD)
    developer_name = forms.CharField(label=_("建设单位名称"), max_length=200, required=False)
    developer_credit_code = forms.CharField(label=_("建设单位信用代码"), max_length=18, required=False)
    main_contractor_name = forms.CharField(label=_("施工总承包单位名称"), max_length=200, required=False)
    main_contractor_credit_code = forms.CharField(label=_("总包单位信用代码"), max_length=18, required=False)
    subcontractor_name = forms.CharField(label=_("分包单位名称"), max_length=200, required=False)
    subcontractor_credit_code = forms.CharField(label=_("分包单位信用代码"), max_length=18, required=False)
    wage_account_bank = forms.CharField(label=_("工资专用账户开户银行"), max_length=100, required=False)
    wage_account_number = forms.CharField(label=_("工资专用账户账号"), max_length=40, required=False)
    wage_account_agreement_on = date_field(_("专户三方协议签订日期"), required=False)
    contract_price = YuanField(label=_("合同价款（元）"), required=False, allow_zero=True)
    labour_cost_share = forms.DecimalField(
        label=_("人工费用占比（%）"), required=False, min_value=0, max_value=100, decimal_places=2
    )
    planned_end_on = date_field(_("计划竣工日期"), required=False, window=AHEAD)
    completed_on = date_field(_("竣工日期"), required=False)
    wage_deposit_amount = YuanField(label=_("工资保证金（元）"), required=False, allow_zero=True)
    deposit_form = forms.ChoiceField(
        label=_("工资保证金形式"), required=False, choices=[("", "—")] + DepositForm.choices
    )
    deposit_required = YuanField(label=_("应存工资保证金（元）"), required=False, allow_zero=True)
    deposit_relief = forms.ChoiceField(
        label=_("保证金减免"), required=False, choices=DepositRelief.choices, initial=DepositRelief.NONE
    )
    deposit_relief_basis = forms.CharField(label=_("减免依据"), max_length=200, required=False)
    wage_officer = forms.CharField(label=_("劳资专管员"), max_length=50, required=False)
    rights_notice_board = forms.BooleanField(label=_("已设置维权信息告示牌"), required=False)
    notice_board_on = date_field(_("告示牌设置日期"), required=False)
    notice_board_photo = forms.FileField(
        label=_("告示牌照片"), required=False, help_text=_("JPG或PNG，不超过5MB")
    )
    inspectors = forms.ModelMultipleChoiceField(
        label=_("责任监察员"),
        required=False,
        queryset=User.objects.none(),
        help_text=_("接收本项目工资支付预警；未指定时由项目所在地的监察员接收"),
    )

    ROLES = ("developer", "main_contractor", "subcontractor")
    PLAIN = (
        "started_on",
        "wage_account_bank",
        "wage_account_number",
        "wage_officer",
        "rights_notice_board",
        "wage_account_agreement_on",
        "contract_price",
        "labour_cost_share",
        "planned_end_on",
        "completed_on",
        "deposit_form",
        "deposit_required",
        "deposit_relief",
        "deposit_relief_basis",
        "notice_board_on",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        jurisdictions = self.fields["jurisdiction"].queryset
        self.fields["inspectors"].queryset = (
            User.objects.filter(
                is_active=True,
                jurisdictions__in=jurisdictions,
                groups__name__in=[Role.INSPECTOR.label, Role.INSPECTION_HEAD.label],
            )
            .distinct()
            .order_by("full_name", "username")
        )

    def clean(self):
        data = super().clean()
        for role in self.ROLES:
            name, code = data.get(f"{role}_name"), data.get(f"{role}_credit_code")
            if bool(name) != bool(code):
                self.add_error(
                    f"{role}_credit_code" if name else f"{role}_name", _("单位名称和信用代码须同时填写")
                )
        return data


class SubcontractForm(forms.Form):
    """One row of the project's other subcontractors (专业分包/劳务分包); a blank row is no row."""

    employer_name = forms.CharField(label=_("分包单位名称"), max_length=200, required=False)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False)
    kind = forms.ChoiceField(
        label=_("分包类型"), required=False, choices=[("", "—")] + SubcontractKind.choices
    )
    started_on = date_field(_("进场日期"), required=False, window=AHEAD)
    ROW = ("employer_name", "credit_code", "kind", "started_on")

    def clean_credit_code(self):
        code = self.cleaned_data["credit_code"].strip()
        return validate_credit_code(code) if code else ""  # GB 32100, a Chinese message on this row

    def clean(self):
        data = super().clean()
        if self.is_blank():
            return data
        for key, message in (
            ("employer_name", _("请填写分包单位名称")),
            ("credit_code", _("请填写统一社会信用代码")),
            ("kind", _("请选择分包类型")),
        ):
            if not data.get(key) and key not in self.errors:
                self.add_error(key, message)
        return data

    def is_blank(self) -> bool:
        return not any(self.data.get(self.add_prefix(key), "").strip() for key in self.ROW)

    def row(self) -> dict | None:
        """The row for ``project_update(subcontracts=...)``; None when blank or ticked for removal."""
        data = self.cleaned_data
        if self.is_blank() or data.get("DELETE"):
            return None
        return {
            "name": data["employer_name"],
            "credit_code": data["credit_code"],
            "kind": data["kind"],
            "started_on": data["started_on"],
        }


SubcontractFormSet = forms.formset_factory(SubcontractForm, extra=3, can_delete=True, max_num=50)


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
