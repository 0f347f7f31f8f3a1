"""The wage complaint a migrant worker files on the public green channel (``/green/complaint/``).

Plugged into the green channel through ``casework.public.registry.register_application_form`` (see
``casework.inspection.public.register``): the green channel finds or registers the worker by ID number and
the employer by credit code, then calls ``online_complaint_register`` inside the submission's transaction;
it attaches the photos, remembers the one-time token and sends the "registered" SMS.
"""

import re
import unicodedata
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.inputs import PAST, BoundedIntegerField, parse_date
from casework.inspection.models import ComplaintKind, IntakeChannel, ViolationType
from casework.inspection.services import complaint_register
from casework.public.forms import WorkerFormBase, parse_money


def parse_month(value) -> date | None:
    """``2026-07``, ``2026年7月``, ``2026.7``, ``2026/07`` → 1 July 2026; a month that has begun."""
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})\s*[-./年]?\s*(\d{1,2})\s*月?(?:[-./]\d{1,2}日?)?", text)
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValidationError(_("请按“2026年7月”这样填写月份"))
    try:
        return parse_date(date(int(match[1]), int(match[2]), 1), window=PAST)
    except ValidationError:
        raise ValidationError(_("月份不对：不能晚于本月")) from None


class WageComplaintForm(WorkerFormBase):
    """投诉欠薪: who owes what, since when, to how many workers."""

    workplace = forms.CharField(
        label=gettext_lazy("干活的具体地点"),
        max_length=200,
        help_text=gettext_lazy("如：吉首市乾州街道××小区工地"),
    )
    project_name = forms.CharField(
        label=gettext_lazy("工程项目名称（不知道可以不填）"), max_length=100, required=False
    )
    start_month = forms.CharField(
        label=gettext_lazy("从哪个月开始欠工资（可以不填）"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-07"}),
    )
    arrears_months = BoundedIntegerField(
        label=gettext_lazy("一共欠了几个月工资"),
        min_value=1,
        max_value=120,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    arrears_amount = forms.CharField(
        label=gettext_lazy("一共欠您多少钱（元）"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "8000"}),
    )
    coworkers_count = BoundedIntegerField(
        label=gettext_lazy("还有几位工友也被欠了工资"),
        min_value=0,
        max_value=9999,
        required=False,
        initial=0,
        help_text=gettext_lazy("没有就填0"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    coworker_names = forms.CharField(
        label=gettext_lazy("工友的姓名（可以不填）"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=gettext_lazy("还有什么想告诉我们的（可以不填）"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = [
        "name",
        "id_number",
        "phone",
        "hometown",
        "employer_name",
        "employer_credit_code",
        "county",
        "workplace",
        "project_name",
        "start_month",
        "arrears_months",
        "arrears_amount",
        "coworkers_count",
        "coworker_names",
        "description",
        "photos",
        "submission_key",
    ]

    def clean_arrears_amount(self):
        amount = parse_money(self.cleaned_data.get("arrears_amount"))
        if not amount:
            raise ValidationError(_("欠的钱数要大于0"))
        return amount

    def clean_start_month(self):
        return parse_month(self.cleaned_data.get("start_month"))

    def clean_coworkers_count(self):
        return self.cleaned_data.get("coworkers_count") or 0


def _complaint_facts(data: dict, *, phone_differs: bool) -> str:
    lines = [_("网上投诉（农民工欠薪绿色通道）。")]
    start: date | None = data.get("start_month")
    owed = _("欠薪%(months)s个月，合计%(amount)s元。") % {
        "months": data["arrears_months"],
        "amount": f"{data['arrears_amount']:.2f}",
    }
    lines.append((_("自%(y)s年%(m)s月起") % {"y": start.year, "m": start.month} if start else "") + owed)
    if data.get("coworkers_count"):
        line = _("一起被欠薪的工友%(n)s人。") % {"n": data["coworkers_count"]}
        if data.get("coworker_names"):
            line += _("工友姓名：%(names)s。") % {"names": data["coworker_names"]}
        lines.append(line)
    if data.get("description"):
        lines.append(_("补充说明：%(text)s") % {"text": data["description"]})
    if phone_differs:
        lines.append(_("（网上填写的手机号码与已登记的号码不同，请核实联系方式。）"))
    return "\n".join(lines)


def online_complaint_register(*, applicant, employer, jurisdiction, data: dict, submission_key: str):
    """Register the worker's wage complaint, flagged 绿色通道, in the chosen county's queue (no staff actor):
    it starts the 5-working-day acceptance clock as a window registration would (LIR-IMPL Art 18)."""
    phone_differs = bool(data.get("phone")) and applicant.phone != data["phone"]
    return complaint_register(
        actor=None,
        jurisdiction=jurisdiction,
        kind=ComplaintKind.COMPLAINT,
        channel=IntakeChannel.GREEN_CHANNEL,
        green_channel=True,
        submission_key=submission_key,
        complainant=applicant,
        employer=employer,
        employer_name_given=data["employer_name"],
        workplace=data["workplace"],
        project_name=data.get("project_name") or "",
        facts=_complaint_facts(data, phone_differs=phone_differs),
        violation_types=[ViolationType.WAGE_ARREARS],
        violation_started_on=data.get("start_month"),
        arrears_amount=data["arrears_amount"],
        arrears_months=data["arrears_months"],
        workers_affected=1 + int(data.get("coworkers_count") or 0),
    )


def submit_online_complaint(*, data: dict, photos=(), submission_key: str):
    """File a wage complaint as the green channel's form does (the demo, tests). Returns ``(case, created)``."""
    from casework.public.registry import COMPLAINT_FORM, application_form
    from casework.public.services import public_application_submit

    return public_application_submit(
        entry=application_form(COMPLAINT_FORM), data=data, photos=photos, submission_key=submission_key
    )
