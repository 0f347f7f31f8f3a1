from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import Jurisdiction
from casework.statistics.periods import PeriodError, period_from_query

PERIOD_CHOICES = [
    ("year", _("年度")),
    ("quarter", _("季度")),
    ("month", _("月度")),
    ("range", _("自定义期间")),
]
PERIOD_FIELDS = ("period", "month", "quarter", "year", "from", "to")


class StatisticsFilterForm(forms.Form):
    """The dashboard's period chooser and jurisdiction filter; ``clean()`` yields ``period`` (a Period)."""

    period = forms.ChoiceField(label=_("统计期"), choices=PERIOD_CHOICES, required=False)
    year = forms.CharField(
        label=_("年度"), required=False, widget=forms.NumberInput(attrs={"min": 2000, "max": 2100})
    )
    quarter = forms.ChoiceField(label=_("季度"), required=False)
    month = forms.CharField(label=_("月份"), required=False, widget=forms.TextInput(attrs={"type": "month"}))
    jurisdiction = forms.ModelChoiceField(
        label=_("管辖区域"),
        queryset=Jurisdiction.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("全部（合计）"),
        error_messages={"invalid_choice": _("没有这个管辖区域，或您无权查看它的统计")},
    )

    def __init__(self, data=None, *, jurisdictions, today):
        super().__init__(data)
        self.today = today
        # "from" is a Python keyword: added here rather than declared above.
        self.fields["from"] = forms.CharField(
            label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
        )
        self.fields["to"] = forms.CharField(
            label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
        )
        self.fields["jurisdiction"].queryset = jurisdictions
        self.fields["quarter"].choices = [
            (f"{year}-Q{q}", f"{year}年第{q}季度")
            for year in range(today.year, today.year - 6, -1)
            for q in (4, 3, 2, 1)
        ]
        current_quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
        self.initial = {
            "period": "year",
            "year": today.year,
            "quarter": current_quarter,
            "month": f"{today.year}-{today.month:02d}",
            "from": f"{today.year}-01-01",
            "to": today.isoformat(),
        }

    def clean(self):
        data = super().clean()
        raw = {name: (self.data.get(name) or "").strip() for name in PERIOD_FIELDS}
        try:
            data["period_obj"] = period_from_query(raw, today=self.today)
        except PeriodError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        return data
