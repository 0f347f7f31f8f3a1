"""The staff deadline calculator's form: validates the inputs and computes the result in ``clean()``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.inputs import ANY, BoundedIntegerField, WindowDateField
from casework.models import Jurisdiction

from .compute import MAX_EXTENSIONS, MAX_PERIOD, DeadlineError, compute_due
from .rules import Domain, all_rules


def rule_choices():
    groups: dict[str, list] = {}
    for rule in all_rules():
        groups.setdefault(rule.domain, []).append((rule.name, f"{rule.title}（{rule.period_label}）"))
    return [(str(Domain.LABELS[domain]), items) for domain, items in groups.items()]


class DeadlineCalculatorForm(forms.Form):
    rule = forms.ChoiceField(label=_("期限规则"), choices=rule_choices)
    start = WindowDateField(
        label=_("起算日期"),
        window=ANY,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("引起期限的事件发生之日（当日不计入）；开庭通知等倒推期限填开庭日期。"),
        error_messages={"invalid": _("日期格式应为 YYYY-MM-DD。"), "required": _("请填写起算日期。")},
    )
    jurisdiction = forms.ModelChoiceField(
        label=_("管辖区域"),
        queryset=Jurisdiction.objects.filter(is_active=True),
        to_field_name="code",
        required=False,
        empty_label=_("全国（不含地方节假日）"),
        help_text=_("湘西州各县市适用州成立纪念日（9月20日至21日）放假。"),
    )
    extensions = BoundedIntegerField(
        label=_("已批准延期次数"), max_value=MAX_EXTENSIONS, required=False, initial=0
    )
    paused_days = BoundedIntegerField(
        label=_("中止天数"),
        max_value=MAX_PERIOD,
        required=False,
        initial=0,
        help_text=_("中止审理、公告送达等不计入期限的天数（按该期限的计算单位）。"),
    )
    period = BoundedIntegerField(
        label=_("文书确定的期限（日）"),
        min_value=1,
        max_value=MAX_PERIOD,
        required=False,
        help_text=_("仅用于责令支付等由文书确定期限的规则。"),
    )
    wage_arrears_in_employment = forms.BooleanField(
        label=_("劳动关系存续期间拖欠劳动报酬（不受仲裁时效限制）"), required=False
    )

    result = None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.result = compute_due(
                data["rule"],
                data["start"],
                jurisdiction=data.get("jurisdiction"),
                extensions=data.get("extensions") or 0,
                paused_days=data.get("paused_days") or 0,
                period=data.get("period"),
                wage_arrears_in_employment=data.get("wage_arrears_in_employment", False),
            )
        except DeadlineError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        return data
