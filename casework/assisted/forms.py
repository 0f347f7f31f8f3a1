"""The consent step's forms: the worker's code, or the photographed signed consent form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.public.forms import CodeForm, PlainForm, photo_max_bytes
from casework.services.evidence import check_upload

CONSENT_FORM_TYPES = {"jpg", "jpeg", "png", "pdf"}


class ConsentCodeForm(CodeForm):
    """The 6-digit code the worker read out from their SMS (the green channel's code field and its rules)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("工人收到的短信验证码")
        self.fields["code"].help_text = _("请工人看自己手机上的短信，把6位验证码告诉您")


class SignedConsentForm(PlainForm):
    consent_file = forms.FileField(
        label=gettext_lazy("工人签字（或按手印）的同意书照片"),
        help_text=gettext_lazy("拍清楚整页，JPG、PNG 或 PDF，不超过10MB"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )

    def clean_consent_file(self):
        upload = self.cleaned_data["consent_file"]
        ext = (upload.name or "").rsplit(".", 1)[-1].lower() if "." in (upload.name or "") else ""
        if ext not in CONSENT_FORM_TYPES:
            raise ValidationError(_("同意书请上传照片（JPG、PNG）或 PDF 文件"))
        try:
            check_upload(upload, max_bytes=photo_max_bytes())  # the kernel's type, size and content checks
        except ValidationError as exc:
            raise ValidationError(exc.messages[0]) from None
        return upload
