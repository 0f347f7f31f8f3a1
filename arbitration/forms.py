"""Forms for the mediation and arbitration pages and API: applications, filters, transition payloads and the
logged actions' inputs. Amounts, dates, integers and ids are read with the kernel's input types
(``casework.inputs``)."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arbitration.models import (
    ArbitrationChannel,
    ArbitrationState,
    ClaimType,
    MediationBody,
    MediationChannel,
    MediationState,
    Procedure,
    TerminationReason,
)
from arbitration.models.arbitration_rules import MATERIALS
from casework.deadlines.rules import get_rule
from casework.forms.jurisdictions import JurisdictionChoice
from casework.inputs import (
    AHEAD,
    PAST,
    BoundedIntegerField,
    IdListField,
    InputForm,
    WindowDateField,
    YuanField,
    parse_date,
)
from casework.kernel.lists import CaseFilterForm
from casework.models import Jurisdiction, User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ApplicationForm(JurisdictionChoice, forms.Form):
    """What both kinds of application share: where, when, who against, and why."""

    jurisdiction = forms.ModelChoiceField(label=_("管辖区域"), queryset=Jurisdiction.objects.none())
    received_on = WindowDateField(
        label=_("收到申请日期"), window=PAST, initial=timezone.localdate, widget=DATE
    )
    respondent_name = forms.CharField(label=_("被申请人（用人单位）名称"), max_length=200)
    respondent_credit_code = forms.CharField(
        label=_("统一社会信用代码"), max_length=18, required=False, help_text=_("不清楚可留空，受理前须补正")
    )
    respondent_legal_representative = forms.CharField(
        label=_("法定代表人/负责人"), max_length=50, required=False
    )
    respondent_address = forms.CharField(label=_("住所"), max_length=200, required=False)
    facts = forms.CharField(label=_("事实与理由"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence_list = forms.CharField(
        label=_("证据清单"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一项：证据名称、来源、证明目的"),
    )
    bulk_applicants = forms.CharField(
        label=_("批量申请人（集体争议）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一人：姓名 身份证号码 手机号码（可省略），以空格或逗号分隔"),
    )

    def clean_bulk_applicants(self):
        rows = []
        for number, line in enumerate((self.cleaned_data.get("bulk_applicants") or "").splitlines(), start=1):
            parts = [p for p in line.replace(",", " ").replace("，", " ").split() if p]
            if not parts:
                continue
            if len(parts) < 2:
                raise forms.ValidationError(_("第%(n)s行：请填写姓名和身份证号码") % {"n": number})
            rows.append(
                {"name": parts[0], "id_number": parts[1], "phone": parts[2] if len(parts) > 2 else ""}
            )
        return rows


class ArbitrationApplicationForm(ApplicationForm):
    channel = forms.ChoiceField(
        label=_("申请渠道"), choices=ArbitrationChannel.choices, initial=ArbitrationChannel.WINDOW
    )
    procedure = forms.ChoiceField(label=_("审理程序"), choices=Procedure.choices, initial=Procedure.ORDINARY)
    complex = forms.BooleanField(label=_("重大复杂案件"), required=False)
    green_channel = forms.BooleanField(
        label=_("绿色通道"), required=False, help_text=_("农民工追索劳动报酬的申请自动进入绿色通道")
    )
    field_order = ["jurisdiction", "received_on", "channel", "procedure", "complex", "green_channel"]


class MediationApplicationForm(ApplicationForm):
    body_kind = forms.ChoiceField(
        label=_("调解组织类型"), choices=MediationBody.choices, initial=MediationBody.COMMISSION
    )
    body_name = forms.CharField(
        label=_("调解组织名称"), max_length=100, required=False, help_text=_("留空为本仲裁委员会调解室")
    )
    channel = forms.ChoiceField(
        label=_("申请渠道"), choices=MediationChannel.choices, initial=MediationChannel.WINDOW
    )
    green_channel = forms.BooleanField(label=_("绿色通道"), required=False)
    field_order = ["jurisdiction", "received_on", "body_kind", "body_name", "channel", "green_channel"]


class ApplicantForm(forms.Form):
    name = forms.CharField(label=_("申请人姓名"), max_length=50, required=False)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18, required=False)
    phone = forms.CharField(label=_("手机号码"), max_length=11, required=False)
    is_migrant_worker = forms.BooleanField(label=_("农民工"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("id_number"):
            self.add_error("id_number", _("请填写申请人身份证号码"))
        if data.get("id_number") and not data.get("name"):
            self.add_error("name", _("请填写申请人姓名"))
        return data


class ClaimForm(InputForm):
    claim_type = forms.ChoiceField(
        label=_("请求类型"), choices=[("", "—"), *ClaimType.choices], required=False
    )
    description = forms.CharField(label=_("请求事项"), max_length=300, required=False)
    amount = YuanField(label=_("金额（元）"), required=False)


ApplicantFormSet = formset_factory(ApplicantForm, extra=3)
ClaimFormSet = formset_factory(ClaimForm, extra=3)


SEARCH_HINT = _("案件编号、被申请人、信用代码、申请人姓名")  # arbitration.selectors._search_of


class MediationFilterForm(CaseFilterForm):
    states = MediationState.choices
    search_hint = SEARCH_HINT


class ArbitrationFilterForm(CaseFilterForm):
    states = ArbitrationState.choices
    search_hint = SEARCH_HINT
    collective = forms.BooleanField(label=_("仅集体争议"), required=False)  # ARBITRATION_LIST.flags


class TransitionForm(InputForm):
    """Every transition's payload; the service decides which fields it needs and names missing ones."""

    expected_state = forms.CharField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("理由/说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    on = WindowDateField(label=_("日期"), window=PAST, required=False, widget=DATE)
    missing = forms.MultipleChoiceField(
        label=_("需补正的材料"), required=False, choices=[*MATERIALS, ("other", _("其他（在说明中列明）"))]
    )
    procedure = forms.ChoiceField(
        label=_("审理程序"), required=False, choices=[("", "—"), *Procedure.choices]
    )
    presiding = forms.ModelChoiceField(
        label=_("首席/独任仲裁员"), required=False, queryset=User.objects.filter(is_active=True)
    )
    members = forms.ModelMultipleChoiceField(
        label=_("仲裁员"), required=False, queryset=User.objects.filter(is_active=True)
    )
    reviewer = forms.ModelChoiceField(
        label=_("审查仲裁员"), required=False, queryset=User.objects.filter(is_active=True)
    )
    hearing_at = forms.DateTimeField(
        label=_("开庭时间"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"],
    )
    place = forms.CharField(label=_("地点"), required=False, max_length=200)
    directions = forms.CharField(label=_("到达方式"), required=False, max_length=300)
    notice_on = WindowDateField(label=_("通知发出日期"), window=PAST, required=False, widget=DATE)
    by_party = forms.BooleanField(label=_("当事人申请延期"), required=False)
    requested_on = WindowDateField(label=_("当事人申请日期"), window=PAST, required=False, widget=DATE)
    record = forms.CharField(label=_("庭审笔录"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    applicant_present = forms.NullBooleanField(label=_("申请人到庭"), required=False)
    respondent_present = forms.NullBooleanField(label=_("被申请人到庭"), required=False)
    terms = forms.CharField(
        label=_("协议/调解书内容"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    performance_due = WindowDateField(label=_("履行期限"), window=AHEAD, required=False, widget=DATE)
    termination_reason = forms.ChoiceField(
        label=_("终止审理情形"), required=False, choices=[("", "—"), *TerminationReason.choices]
    )
    days = BoundedIntegerField(label=_("延长天数（1–15日）"), required=False, min_value=1, max_value=15)

    def clean_hearing_at(self):
        value = self.cleaned_data["hearing_at"]
        if value is not None:
            try:
                parse_date(value.date(), window=AHEAD)
            except ValidationError as exc:
                raise ValidationError(exc.messages) from None
        return value


def award_items(raw):
    """Decisions on claim items: ``items`` as the API sends them (a list, checked by the service), or
    ``decision_<id>`` / ``awarded_<id>`` pairs from the page; an item without a decision is left undecided.
    The ids and amounts are read by ``arbitration.services.arbitration.awards.parse_decisions``."""
    if hasattr(raw, "get") and raw.get("items") is not None and not hasattr(raw, "getlist"):
        return raw["items"]
    return [
        {
            "claim": key.removeprefix("decision_"),
            "decision": raw.get(key),
            "awarded_amount": raw.get(f"awarded_{key.removeprefix('decision_')}"),
        }
        for key in raw
        if key.startswith("decision_") and raw.get(key)
    ]


def _present(value) -> bool:
    return True if value is None else value


ARBITRATION_KWARGS = {
    "request_materials": lambda d, r: {"missing": d["missing"], "note": d["reason"], "on": d["on"]},
    "receive_materials": lambda d, r: {"on": d["on"], "reason": d["reason"]},
    "accept": lambda d, r: {"on": d["on"], "reason": d["reason"]},
    "serve_application": lambda d, r: {"on": d["on"], "reason": d["reason"]},
    "record_defence": lambda d, r: {"summary": d["reason"], "on": d["on"]},
    "send_defence_copy": lambda d, r: {"on": d["on"], "reason": d["reason"]},
    "form_tribunal": lambda d, r: {
        "presiding": d["presiding"],
        "members": list(d["members"]),
        "procedure": d["procedure"] or None,
        "on": d["on"],
        "reason": d["reason"],
    },
    "schedule_hearing": lambda d, r: {
        "hearing_at": d["hearing_at"],
        "place": d["place"],
        "directions": d["directions"],
        "notice_on": d["notice_on"],
        "reason": d["reason"],
    },
    "postpone_hearing": lambda d, r: {
        "hearing_at": d["hearing_at"],
        "place": d["place"],
        "directions": d["directions"],
        "reason": d["reason"],
        "by_party": d["by_party"],
        "requested_on": d["requested_on"],
        "notice_on": d["notice_on"],
    },
    "hold_hearing": lambda d, r: {
        "record": d["record"] or d["reason"],
        "applicant_present": _present(d["applicant_present"]),
        "respondent_present": _present(d["respondent_present"]),
    },
    "mediate": lambda d, r: {"terms": d["terms"], "signed_on": d["on"]},
    "partial_award": lambda d, r: {"items": award_items(r), "text": d["reason"], "on": d["on"]},
    "award": lambda d, r: {"items": award_items(r), "text": d["reason"], "on": d["on"]},
    "suspend": lambda d, r: {"reason": d["reason"], "on": d["on"]},
    "resume": lambda d, r: {"reason": d["reason"], "on": d["on"]},
    "terminate": lambda d, r: {
        "reason": d["reason"],
        "termination_reason": d["termination_reason"] or "other",
    },
    "close": lambda d, r: {"summary": d["reason"]},
    "extend": lambda d, r: {"reason": d["reason"], "days": d["days"]},
}

MEDIATION_KWARGS = {
    "accept": lambda d, r: {"on": d["on"], "reason": d["reason"]},
    "hold_session": lambda d, r: {"summary": d["reason"], "held_on": d["on"], "place": d["place"]},
    "reach_agreement": lambda d, r: {
        "terms": d["terms"],
        "on": d["on"],
        "performance_due": d["performance_due"],
    },
    "fail": lambda d, r: {"reason": d["reason"], "on": d["on"]},
    "request_review": lambda d, r: {"on": d["on"], "reason": d["reason"]},
    "accept_review": lambda d, r: {"reviewer": d["reviewer"], "on": d["on"], "reason": d["reason"]},
    "confirm_review": lambda d, r: {"terms": d["terms"], "on": d["on"]},
    "close": lambda d, r: {"summary": d["reason"]},
}


def transition_kwargs(table: dict, name: str, data: dict, raw) -> dict:
    """Map the form's cleaned data (and, for awards, the raw payload) onto the service's arguments."""
    mapper = table.get(name)
    kwargs = mapper(data, raw) if mapper else {"reason": data.get("reason") or ""}
    if data.get("expected_state"):
        kwargs["expected_state"] = data["expected_state"]
    return kwargs


# --- the logged actions' inputs (arbitration.case_type: each form's fields are its service's arguments) ----
def _arbitrators():
    return User.objects.filter(is_active=True)


class TribunalChangeForm(InputForm):
    presiding = forms.ModelChoiceField(label=_("首席/独任仲裁员"), required=False, queryset=_arbitrators())
    members = forms.ModelMultipleChoiceField(label=_("其他仲裁员"), required=False, queryset=_arbitrators())
    reason = forms.CharField(
        label=_("理由（如回避）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RepresentativesForm(InputForm):
    persons = IdListField(label=_("代表人"), required=False)
    elected_on = WindowDateField(label=_("推选日期"), window=PAST, required=False, widget=DATE)


def _restart_events():
    return [(e.code, e.label) for e in get_rule("arbitration.award").restart_events]


class RestartForm(InputForm):
    reason_code = forms.ChoiceField(
        label=_("事由"),
        choices=_restart_events,
        error_messages={
            "required": _("请选择重新计算审理期限的法定事由"),
            "invalid_choice": _("请选择重新计算审理期限的法定事由"),
        },
    )
    on = WindowDateField(label=_("事由发生日期"), window=PAST, required=False, widget=DATE)
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AddClaimForm(ClaimForm):
    on = WindowDateField(label=_("提出日期"), window=PAST, required=False, widget=DATE)


class CourtProceedingsForm(InputForm):
    filed_on = WindowDateField(
        label=_("当事人起诉/申请撤销日期"),
        window=PAST,
        widget=DATE,
        error_messages={"required": _("请填写起诉或申请撤销的日期")},
    )
    note = forms.CharField(label=_("说明"), required=False, max_length=200)
