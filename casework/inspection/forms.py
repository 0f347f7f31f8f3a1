from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.inspection.models import ComplaintKind, ComplaintState, IntakeChannel, Outcome, ViolationType
from casework.models import Jurisdiction


class ComplaintIntakeForm(forms.Form):
    """Intake at the window (or by an inspector, or from a 12333 hotline transfer)."""

    kind = forms.ChoiceField(label=_("类型"), choices=ComplaintKind.choices, initial=ComplaintKind.COMPLAINT)
    channel = forms.ChoiceField(
        label=_("来源渠道"), choices=IntakeChannel.choices, initial=IntakeChannel.WINDOW
    )
    jurisdiction = forms.ModelChoiceField(label=_("管辖区域"), queryset=Jurisdiction.objects.none())
    received_on = forms.DateField(
        label=_("收到日期"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    green_channel = forms.BooleanField(label=_("农民工欠薪绿色通道"), required=False)
    # complainant (blank for an anonymous report)
    complainant_name = forms.CharField(label=_("投诉人姓名"), max_length=50, required=False)
    complainant_id_number = forms.CharField(label=_("身份证号码"), max_length=18, required=False)
    complainant_phone = forms.CharField(label=_("手机号码"), max_length=11, required=False)
    complainant_hometown = forms.CharField(label=_("户籍地"), max_length=100, required=False)
    complainant_is_migrant = forms.BooleanField(label=_("农民工"), required=False, initial=True)
    # employer
    employer_name = forms.CharField(label=_("被投诉单位名称"), max_length=200)
    employer_credit_code = forms.CharField(
        label=_("统一社会信用代码"), max_length=18, required=False, help_text=_("不清楚可留空，受理前须查明")
    )
    employer_legal_representative = forms.CharField(
        label=_("法定代表人/负责人"), max_length=50, required=False
    )
    workplace = forms.CharField(label=_("工作地点"), max_length=200)
    project_name = forms.CharField(label=_("工程项目"), max_length=100, required=False)
    facts = forms.CharField(label=_("投诉事实与请求"), widget=forms.Textarea(attrs={"rows": 4}))
    violation_types = forms.MultipleChoiceField(
        label=_("违法类型"), choices=ViolationType.choices, widget=forms.CheckboxSelectMultiple
    )
    violation_started_on = forms.DateField(
        label=_("违法行为开始日"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    violation_ended_on = forms.DateField(
        label=_("违法行为终了日"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("仍在持续的留空"),
    )
    arrears_amount = forms.DecimalField(
        label=_("欠薪金额（元）"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    arrears_months = forms.IntegerField(label=_("欠薪月数"), required=False, min_value=1, max_value=120)
    workers_affected = forms.IntegerField(label=_("涉及人数"), min_value=1, initial=1)

    def __init__(self, *args, jurisdictions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = (
            jurisdictions if jurisdictions is not None else Jurisdiction.objects.all()
        )
        if jurisdictions is not None and jurisdictions.count() == 1:
            self.fields["jurisdiction"].initial = jurisdictions.first()

    def clean(self):
        data = super().clean()
        anonymous = not (data.get("complainant_name") or data.get("complainant_id_number"))
        if data.get("kind") == ComplaintKind.COMPLAINT and anonymous:
            self.add_error("complainant_name", _("投诉须登记投诉人姓名和身份证号码；匿名请选择“举报”"))
        if not anonymous and not data.get("complainant_id_number"):
            self.add_error("complainant_id_number", _("请填写投诉人身份证号码"))
        if not anonymous and not data.get("complainant_name"):
            self.add_error("complainant_name", _("请填写投诉人姓名"))
        if ViolationType.WAGE_ARREARS in (data.get("violation_types") or []) and not data.get(
            "arrears_amount"
        ):
            self.add_error("arrears_amount", _("拖欠工资的投诉请填写欠薪金额"))
        received = data.get("received_on")
        if received and received > timezone.localdate():
            self.add_error("received_on", _("收到日期不能晚于今天"))
        return data


class ComplaintFilterForm(forms.Form):
    q = forms.CharField(
        label=_("关键词"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("案件编号、单位名称、信用代码、投诉人")}),
    )
    state = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部"))] + ComplaintState.choices
    )
    jurisdiction = forms.ModelChoiceField(
        label=_("管辖区域"), required=False, queryset=Jurisdiction.objects.none()
    )
    received_from = forms.DateField(
        label=_("收到日期自"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    received_to = forms.DateField(
        label=_("至"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    overdue = forms.BooleanField(label=_("仅超期"), required=False)
    green_channel = forms.BooleanField(label=_("仅绿色通道"), required=False)
    mine = forms.BooleanField(label=_("仅我承办"), required=False)

    def __init__(self, *args, jurisdictions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = (
            jurisdictions if jurisdictions is not None else Jurisdiction.objects.all()
        )


class TransitionForm(forms.Form):
    """Every transition's payload; the service decides which fields it needs and names missing ones."""

    expected_state = forms.CharField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("理由/说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    due_on = forms.DateField(
        label=_("改正期限"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    items = forms.CharField(label=_("责令改正事项"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    proposed_fine = forms.DecimalField(
        label=_("拟罚款金额（元）"), required=False, max_digits=14, decimal_places=2
    )
    fine_amount = forms.DecimalField(
        label=_("罚款金额（元）"), required=False, max_digits=14, decimal_places=2
    )
    outcome = forms.ChoiceField(label=_("结案情形"), required=False, choices=[("", "—")] + Outcome.choices)
    recovered_amount = forms.DecimalField(
        label=_("追回金额（元）"), required=False, max_digits=14, decimal_places=2
    )
    recovered_workers = forms.IntegerField(label=_("追回涉及人数"), required=False, min_value=0)
    target_jurisdiction = forms.ModelChoiceField(
        label=_("转办至"), required=False, queryset=Jurisdiction.objects.filter(is_active=True)
    )
    target_authority = forms.CharField(label=_("或移送其他部门"), required=False, max_length=100)


def transition_kwargs(name: str, data: dict) -> dict:
    """Map the form's cleaned data onto the keyword arguments of the transition's service."""
    reason = data.get("reason") or ""
    per_transition = {
        "order_rectification": {"due_on": data.get("due_on"), "items": data.get("items") or reason},
        "give_penalty_notice": {"proposed_fine": data.get("proposed_fine"), "facts": reason},
        "decide_penalty": {"fine_amount": data.get("fine_amount"), "reason": reason},
        "close": {
            "outcome": data.get("outcome"),
            "summary": reason,
            "recovered_amount": data.get("recovered_amount") or 0,
            "recovered_workers": data.get("recovered_workers") or 0,
        },
        "transfer": {
            "reason": reason,
            "target_jurisdiction": data.get("target_jurisdiction"),
            "target_authority": data.get("target_authority") or "",
        },
    }
    kwargs = per_transition.get(name, {"reason": reason})
    if data.get("expected_state"):
        kwargs["expected_state"] = data["expected_state"]
    return kwargs


def parse_date(value) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
