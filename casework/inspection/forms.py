"""Complaint forms: intake, the list's filters, and the input of every transition and action.

Money, dates, bounded integers and ids are read with ``casework.inputs`` (one rule each, Chinese messages
naming the field); the services check them again for callers that do not come through a form.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework import validators
from casework.forms.jurisdictions import JurisdictionChoice
from casework.inputs import (
    AHEAD,
    INT_MAX,
    PK_MAX,
    BoundedIntegerField,
    IdListField,
    WindowDateField,
    YuanField,
)
from casework.inspection.models import ComplaintKind, ComplaintState, IntakeChannel, Outcome, ViolationType
from casework.inspection.procedure_models import RecordKind
from casework.kernel.lists import CaseFilterForm
from casework.models import Jurisdiction

ARREARS_MONTHS_MAX = 120  # ten years of unpaid wages: more is a typing error


def _date_input():
    """An ``<input type="date">``: its value is ISO whatever the language's date format."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ComplaintIntakeForm(JurisdictionChoice, forms.Form):
    """Intake at the window (or by an inspector, or from a 12333 hotline transfer)."""

    kind = forms.ChoiceField(label=_("类型"), choices=ComplaintKind.choices, initial=ComplaintKind.COMPLAINT)
    channel = forms.ChoiceField(
        label=_("来源渠道"), choices=IntakeChannel.choices, initial=IntakeChannel.WINDOW
    )
    jurisdiction = forms.ModelChoiceField(label=_("管辖区域"), queryset=Jurisdiction.objects.none())
    received_on = WindowDateField(label=_("收到日期"), initial=timezone.localdate, widget=_date_input())
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
    violation_started_on = WindowDateField(label=_("违法行为开始日"), required=False, widget=_date_input())
    violation_ended_on = WindowDateField(
        label=_("违法行为终了日"), required=False, help_text=_("仍在持续的留空"), widget=_date_input()
    )
    arrears_amount = YuanField(label=_("欠薪金额（元）"), required=False)
    arrears_months = BoundedIntegerField(
        label=_("欠薪月数"), required=False, min_value=1, max_value=ARREARS_MONTHS_MAX
    )
    workers_affected = BoundedIntegerField(label=_("涉及人数"), min_value=1, max_value=INT_MAX, initial=1)

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
        return data


class ComplaintFilterForm(CaseFilterForm):
    states = ComplaintState.choices
    search_hint = _("案件编号、单位名称、信用代码、投诉人")


class TransitionForm(forms.Form):
    """Every transition's input; the service decides which fields it needs and names missing ones."""

    expected_state = forms.CharField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("理由/说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    due_on = WindowDateField(label=_("改正期限"), required=False, window=AHEAD, widget=_date_input())
    items = forms.CharField(label=_("责令改正事项"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    proposed_fine = YuanField(label=_("拟罚款金额（元）"), required=False)
    statement_days = BoundedIntegerField(
        label=_("陈述申辩期限（工作日）"), required=False, min_value=3, max_value=15
    )
    fine_amount = YuanField(label=_("罚款金额（元）"), required=False)
    defence_answer = forms.CharField(
        label=_("对陈述申辩的采纳意见"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    amount = YuanField(label=_("责令支付金额（元）"), required=False)
    pay_by = WindowDateField(label=_("支付期限"), required=False, window=AHEAD, widget=_date_input())
    statement_summary = forms.CharField(
        label=_("当事人陈述申辩摘要"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    outcome = forms.ChoiceField(
        label=_("结案情形"),
        required=False,
        choices=[("", "—")] + Outcome.choices,
        error_messages={"invalid_choice": _("请从可选项中选择结案情形")},  # never the value sent
    )
    recovered_amount = YuanField(label=_("追回金额（元）"), required=False, allow_zero=True)
    recovered_workers = BoundedIntegerField(
        label=_("追回涉及人数"), required=False, min_value=0, max_value=INT_MAX
    )
    target_jurisdiction = forms.ModelChoiceField(
        label=_("转办至"), required=False, queryset=Jurisdiction.objects.filter(is_active=True)
    )
    target_authority = forms.CharField(label=_("或移送其他部门"), required=False, max_length=100)
    into = forms.CharField(label=_("并入案件编号"), required=False, max_length=60)


def transition_kwargs(name: str, data: dict) -> dict:
    """Map the form's cleaned data onto the keyword arguments of the transition's service."""
    reason = data.get("reason") or ""
    per_transition = {
        "order_rectification": {"due_on": data.get("due_on"), "items": data.get("items") or reason},
        "give_penalty_notice": {
            "proposed_fine": data.get("proposed_fine"),
            "facts": reason,
            "statement_days": data.get("statement_days"),
        },
        "decide_penalty": {
            "fine_amount": data.get("fine_amount"),
            "reason": reason,
            "defence_answer": data.get("defence_answer") or "",
        },
        "decide_handling": {
            "reason": reason,
            "amount": data.get("amount"),
            "pay_by": data.get("pay_by"),
            "statement_summary": data.get("statement_summary") or "",
            "defence_answer": data.get("defence_answer") or "",
        },
        "close": {
            "outcome": data.get("outcome"),
            "summary": reason,
            "recovered_amount": data.get("recovered_amount") or 0,
            "recovered_workers": data.get("recovered_workers") or 0,
        },
        "merge": {"into": data.get("into") or "", "reason": reason},
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


# --- actions (casework.inspection.case_type; assign takes casework.forms.assignment.AssignForm) ---------


class StatementForm(forms.Form):
    """The employer's statement and defence after the prior notice (LIR Art 19)."""

    statement = forms.CharField(
        label=_("陈述申辩内容"), max_length=4000, error_messages={"required": _("请填写陈述申辩内容")}
    )
    hearing_requested = forms.BooleanField(label=_("申请听证"), required=False)


class CreditCodeField(forms.CharField):
    """A GB 32100 credit code, normalised, its check character verified."""

    def to_python(self, value):
        value = super().to_python(value)
        return validators.validate_credit_code(value) if value else value


class IdentifyEmployerForm(forms.Form):
    """The employer of a complaint found by its credit code (registered if new) before acceptance."""

    credit_code = CreditCodeField(
        label=_("统一社会信用代码"),
        max_length=30,
        error_messages={"required": _("请填写被投诉单位的统一社会信用代码")},
    )
    name = forms.CharField(label=_("单位名称"), max_length=200, required=False)
    legal_representative = forms.CharField(label=_("法定代表人/负责人"), max_length=50, required=False)


class AttachForm(forms.Form):
    """A further complaint joining an open case about the same employer (并入)."""

    complainant_name = forms.CharField(label=_("投诉人姓名"), max_length=50)
    complainant_id_number = forms.CharField(label=_("身份证号码"), max_length=30)
    complainant_phone = forms.CharField(label=_("手机号码"), max_length=20, required=False)
    employer = CreditCodeField(label=_("被投诉单位统一社会信用代码"), max_length=30)
    facts = forms.CharField(label=_("投诉事实与请求"), max_length=4000, required=False)
    arrears_amount = YuanField(label=_("欠薪金额（元）"), required=False)
    workers_affected = BoundedIntegerField(
        label=_("新增涉及人数"), min_value=0, max_value=INT_MAX, required=False
    )


def attach_kwargs(data: dict, raw) -> dict:
    return {
        "complainant": {
            "name": data["complainant_name"],
            "id_number": data["complainant_id_number"],
            "phone": data.get("complainant_phone") or "",
        },
        "employer": data["employer"],
        "facts": data.get("facts") or "",
        "arrears_amount": data.get("arrears_amount"),
        "workers_affected": 1 if data.get("workers_affected") is None else data["workers_affected"],
    }


# --- the procedure's records (casework.inspection.services.records, .hearing, .handling) ------------------


def _users(ids) -> list:
    """Active staff by id, in the order given; an unknown or inactive id names itself."""
    from casework.models import User

    ids = list(dict.fromkeys(ids))
    users = User.objects.in_bulk(ids)
    missing = [str(i) for i in ids if i not in users or not users[i].is_active]
    if missing:
        raise forms.ValidationError(f"用户不存在或已停用：{'、'.join(missing)}")
    return [users[i] for i in ids]


class InvestigationRecordForm(forms.Form):
    """调查询问通知书, 询问笔录 or 现场检查笔录: time, place, who, what was asked and answered or found."""

    kind = forms.ChoiceField(label=_("类别"), choices=RecordKind.choices)
    started_at = forms.CharField(label=_("时间"), max_length=40, help_text=_("YYYY-MM-DD HH:MM"))
    ended_at = forms.CharField(label=_("结束时间"), max_length=40, required=False)
    place = forms.CharField(label=_("地点"), max_length=200)
    subject = forms.CharField(label=_("被询问人/被检查单位/通知对象"), max_length=200)
    subject_role = forms.CharField(label=_("身份或职务"), max_length=100, required=False)
    present = forms.CharField(label=_("在场人员"), max_length=300, required=False)
    inspectors = IdListField(label=_("询问人/检查人"), required=False)
    recorder = forms.IntegerField(
        label=_("记录人"), required=False, min_value=1, max_value=PK_MAX, widget=forms.HiddenInput
    )
    content = forms.CharField(
        label=_("问答、检查情况或通知事项"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6})
    )
    materials = forms.CharField(label=_("须提供的材料"), max_length=2000, required=False)
    signed_by = forms.CharField(label=_("签名确认"), max_length=200, required=False)

    def clean_inspectors(self):
        return _users(self.cleaned_data["inspectors"])

    def clean_recorder(self):
        value = self.cleaned_data.get("recorder")
        return _users([value])[0] if value else None


class FindingsForm(forms.Form):
    """认定的违法事实 with the records it rests on and the legal bases it applies."""

    text = forms.CharField(
        label=_("认定的违法事实"), max_length=8000, widget=forms.Textarea(attrs={"rows": 4})
    )
    records = IdListField(label=_("依据的调查记录"), required=False)
    bases = IdListField(label=_("法律依据"), required=False)


class HearingRequestForm(forms.Form):
    on = WindowDateField(label=_("申请日期"), required=False, widget=_date_input())
    note = forms.CharField(label=_("说明"), max_length=2000, required=False)


class HearingNoticeForm(forms.Form):
    hearing_at = forms.CharField(label=_("听证时间"), max_length=40)
    place = forms.CharField(label=_("听证地点"), max_length=200)
    presiding_officer = forms.IntegerField(label=_("听证主持人"), min_value=1, max_value=PK_MAX)
    public = forms.BooleanField(label=_("公开举行"), required=False, initial=True)
    notice_on = WindowDateField(label=_("通知书送达日期"), required=False, widget=_date_input())

    def clean_presiding_officer(self):
        return _users([self.cleaned_data["presiding_officer"]])[0]


class HearingRecordForm(forms.Form):
    held_on = WindowDateField(label=_("听证日期"), required=False, widget=_date_input())
    participants = forms.CharField(label=_("听证参加人"), max_length=2000)
    statements = forms.CharField(
        label=_("听证笔录（各方陈述）"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6})
    )
    report = forms.CharField(
        label=_("听证主持人报告"), max_length=8000, widget=forms.Textarea(attrs={"rows": 4})
    )


class PaymentForm(forms.Form):
    paid_amount = YuanField(label=_("支付金额（元）"))
    paid_on = WindowDateField(label=_("支付日期"), required=False, widget=_date_input())


class CompensationForm(forms.Form):
    percent = BoundedIntegerField(label=_("加付比例（%）"), min_value=50, max_value=100)
    pay_by = WindowDateField(label=_("支付期限"), window=AHEAD, widget=_date_input())
