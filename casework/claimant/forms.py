"""Input of the claimant page (public) and of the staff answers to it (the kernel's common actions)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models.claimant import MESSAGE_MAX, REASON_MAX, WithdrawalDecision


# --- public (the worker) -------------------------------------------------------------------------------
class PartyEvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("照片或 PDF 文件"),
        required=False,  # checked by the service, under the case lock, with a message saying what to do
        help_text=_("可以用手机直接拍照。单个文件不超过20MB。"),
    )
    description = forms.CharField(
        label=_("这是什么材料（可不填）"), max_length=200, required=False, help_text=_("例如：工资条、考勤表")
    )


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("想对办案单位说的话"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,  # the service says what to do when it is empty or too long
        help_text=_("最多300个字。不要写身份证号码、银行卡号。办案单位会通过短信答复您。"),
    )


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label=_("为什么要撤回"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("例如：工资已经拿到了。办案单位决定后会告诉您。"),
    )


# --- staff -----------------------------------------------------------------------------------------------
class ReviewPartyEvidenceForm(forms.Form):
    evidence = forms.CharField(label=_("材料"), error_messages={"required": _("请选择要标记的材料")})


class ReplyMessageForm(forms.Form):
    message = forms.CharField(label=_("留言"), error_messages={"required": _("请选择要答复的留言")})
    reply = forms.CharField(
        label=_("答复"),
        max_length=MESSAGE_MAX - 100,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("请填写答复内容")},
    )


class DecideWithdrawalForm(forms.Form):
    request = forms.CharField(label=_("撤回申请"), error_messages={"required": _("请选择撤回申请")})
    decision = forms.ChoiceField(
        label=_("决定"),
        choices=[c for c in WithdrawalDecision.choices if c[0]],
        error_messages={
            "required": _("请选择同意或不同意撤回"),
            "invalid_choice": _("请选择同意或不同意撤回"),
        },
    )
    note = forms.CharField(label=_("说明"), max_length=REASON_MAX, required=False)
