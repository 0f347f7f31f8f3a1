"""Clue forms: registering one by hand, importing a channel's file, the list's filters, and the input of every
transition (triage, reply, merge). Values are read with ``casework.inputs``; the services check them again."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.clues.channels import importable
from casework.clues.models import Channel, ClueState, ReplyOutcome
from casework.forms.jurisdictions import JurisdictionChoice
from casework.inputs import INT_MAX, BoundedIntegerField, InputForm, WindowDateField, YuanField
from casework.kernel.intake import opener_choices
from casework.kernel.lists import CaseFilterForm
from casework.models import Jurisdiction


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ClueForm(JurisdictionChoice, forms.Form):
    """A clue registered by hand (a walk-in, a letter, a 12333 call, a transfer from another bureau)."""

    jurisdiction = forms.ModelChoiceField(label=_("管辖区域"), queryset=Jurisdiction.objects.none())
    channel = forms.ChoiceField(label=_("来源渠道"), choices=Channel.choices, initial=Channel.WALK_IN)
    external_ref = forms.CharField(label=_("渠道编号"), max_length=64, required=False)
    received_on = WindowDateField(label=_("收到日期"), initial=timezone.localdate, widget=_date_input())
    reporter_name = forms.CharField(label=_("反映人"), max_length=50, required=False)
    reporter_id_number = forms.CharField(label=_("身份证号码"), max_length=18, required=False)
    reporter_phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    employer_name = forms.CharField(label=_("被反映单位名称"), max_length=200)
    employer_credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False)
    project_name = forms.CharField(label=_("工程项目"), max_length=200, required=False)
    workplace = forms.CharField(label=_("工作地点"), max_length=200, required=False)
    facts = forms.CharField(label=_("反映内容"), widget=forms.Textarea(attrs={"rows": 4}))
    amount = YuanField(label=_("欠薪金额（元）"), required=False)
    workers = BoundedIntegerField(label=_("涉及人数"), min_value=1, max_value=INT_MAX, initial=1)
    period_from = WindowDateField(label=_("欠薪期间自"), required=False, widget=_date_input())
    period_to = WindowDateField(label=_("至"), required=False, widget=_date_input())


class ImportForm(JurisdictionChoice, forms.Form):
    jurisdiction = forms.ModelChoiceField(label=_("导入到管辖区域"), queryset=Jurisdiction.objects.none())
    channel = forms.ChoiceField(label=_("渠道"), choices=())
    file = forms.FileField(label=_("导出文件（.xlsx或.csv）"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = importable()


class ClueFilterForm(CaseFilterForm):
    states = ClueState.choices
    search_hint = _("线索编号、渠道编号、单位名称、信用代码")

    channel = forms.ChoiceField(label=_("渠道"), required=False, choices=[("", _("全部")), *Channel.choices])


class TransitionForm(InputForm):
    """Every transition's input; the service decides which fields it needs and names missing ones."""

    expected_state = forms.CharField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("理由/说明"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    kind = forms.ChoiceField(label=_("立案办理为"), required=False, choices=())
    case_number = forms.CharField(label=_("并入案件编号"), required=False, max_length=60)
    target = forms.CharField(label=_("转办对象"), required=False, max_length=100)
    outcome = forms.ModelChoiceField(
        label=_("核处结论"),
        required=False,
        queryset=ReplyOutcome.objects.filter(active=True),
        to_field_name="code",
    )
    reply_text = forms.CharField(
        label=_("答复内容（留空按模板生成）"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    replied_on = WindowDateField(label=_("答复日期"), required=False, widget=_date_input())
    into = forms.CharField(label=_("并入线索编号"), required=False, max_length=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "—"), *opener_choices()]


def transition_kwargs(name: str, data: dict) -> dict:
    """The form's cleaned data as the keyword arguments of the transition's service."""
    reason = data.get("reason") or ""
    per_transition = {
        "open_case": {"kind": data.get("kind") or "", "reason": reason},
        "attach": {"case_number": data.get("case_number") or "", "reason": reason},
        "transfer": {"target": data.get("target") or "", "reason": reason},
        "reply": {
            "outcome": data.get("outcome"),
            "reply_text": data.get("reply_text") or "",
            "replied_on": data.get("replied_on"),
            "reason": reason,
        },
        "merge": {"into": data.get("into") or "", "reason": reason},
    }
    kwargs = per_transition.get(name, {"reason": reason})
    if data.get("expected_state"):
        kwargs["expected_state"] = data["expected_state"]
    return kwargs
