from django import forms
from django.utils.translation import gettext_lazy as _


class NotificationPreferenceForm(forms.Form):
    email_enabled = forms.BooleanField(label=_("邮件提醒（期限即将到期、今日到期、超期）"), required=False)
    digest_enabled = forms.BooleanField(label=_("每天08:30发送摘要邮件"), required=False)
    sms_enabled = forms.BooleanField(label=_("短信提醒（超期及督办）"), required=False)
    mobile = forms.CharField(
        label=_("接收短信的手机号码"), max_length=20, required=False, help_text=_("仅用于发送期限提醒短信")
    )
