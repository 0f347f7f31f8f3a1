"""Forms of the proactive pages: planning an inspection, the transitions' and actions' input, grids and draws."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.inputs import AHEAD, WindowDateField, YuanField
from casework.inspection.models import ViolationType
from casework.kernel.intake import opener_choices
from casework.kernel.lists import CaseFilterForm
from casework.proactive.models import ChecklistItem, InspectionKind, InspectionState, ItemResult


class InspectionFilterForm(CaseFilterForm):
    states = InspectionState.choices
    search_hint = _("编号、被检查单位")


class TransitionForm(forms.Form):
    """Every transition's input; the service names the fields it needs."""

    expected_state = forms.CharField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("说明"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = WindowDateField(label=_("日期"), required=False)
    due_on = WindowDateField(label=_("整改期限"), required=False, window=AHEAD)


def transition_kwargs(name: str, data: dict, raw=None) -> dict:
    reason = data.get("reason") or ""
    per_transition = {
        "notify": {"notified_on": data.get("on"), "reason": reason},
        "inspect": {"inspected_on": data.get("on"), "reason": reason},
        "conclude": {"findings": reason},
        "order_rectification": {"due_on": data.get("due_on"), "items": reason},
    }
    # a stale page (the state it showed is no longer the case's) is refused by case_transition
    return {
        **per_transition.get(name, {"reason": reason}),
        "expected_state": data.get("expected_state") or None,
    }


class RecordResultForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("检查事项"), queryset=ChecklistItem.objects.filter(is_active=True),
        error_messages={"invalid_choice": _("请从清单中选择检查事项"), "required": _("请选择检查事项")},
    )  # fmt: skip
    result = forms.ChoiceField(
        label=_("检查结果"), choices=ItemResult.choices,
        error_messages={"invalid_choice": _("请从可选项中选择检查结果"), "required": _("请选择检查结果")},
    )  # fmt: skip
    note = forms.CharField(label=_("情况说明"), required=False, max_length=500)


class PublishOutcomeForm(forms.Form):
    """公示检查结果: nothing to fill in."""


class OpenCaseForm(forms.Form):
    """立案 on a finding: the case type (each type that registered an opener: complaint, wage arrears …)."""

    kind = forms.ChoiceField(
        label=_("立案类型"), choices=opener_choices,
        error_messages={"invalid_choice": _("请从可选项中选择立案类型"), "required": _("请选择立案类型")},
    )  # fmt: skip
    facts = forms.CharField(
        label=_("违法事实"), max_length=4000, error_messages={"required": _("请填写违法事实")}
    )
    violation_types = forms.MultipleChoiceField(
        label=_("违法类型"), choices=ViolationType.choices, required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("请从可选项中选择违法类型")},
    )  # fmt: skip
    arrears_amount = YuanField(label=_("欠薪金额（元）"), required=False)
    workers = forms.IntegerField(label=_("涉及劳动者人数"), required=False, min_value=1, max_value=100_000)


class PlanForm(forms.Form):
    employer = forms.IntegerField(label=_("被检查单位编号"), min_value=1, max_value=2**62)
    kind = forms.ChoiceField(label=_("检查方式"), choices=InspectionKind.choices)
    planned_on = WindowDateField(label=_("计划检查日期"), window=AHEAD)
    campaign = forms.IntegerField(label=_("专项行动编号"), required=False, min_value=1, max_value=2**62)


class GridEmployerForm(forms.Form):
    """Register an employer to this grid by hand (or correct an address match)."""

    employer = forms.IntegerField(label=_("单位编号"), min_value=1, max_value=2**62)


class DrawAnnounceForm(forms.Form):
    title = forms.CharField(label=_("抽查名称"), max_length=100)
    kind = forms.ChoiceField(
        label=_("检查方式"), choices=InspectionKind.choices, initial=InspectionKind.PATROL
    )
    seed_source = forms.CharField(label=_("随机种子来源（公开值）"), max_length=200)
    quotas = forms.CharField(
        label=_("各县市抽取数量"),
        help_text=_("每行：区划代码=数量，如 433101=5"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_quotas(self):
        quotas = {}
        for line in self.cleaned_data["quotas"].splitlines():
            if line.strip():
                code, _sep, n = line.partition("=")
                quotas[code.strip()] = n.strip()
        return quotas


class SeedForm(forms.Form):
    value = forms.CharField(label=_("公开值"), max_length=200)
