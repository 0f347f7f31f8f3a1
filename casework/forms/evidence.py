"""The input of the kernel's ``add_evidence`` action (every case type's evidence upload, page and API)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models.evidence import EvidenceCategory


class EvidenceForm(forms.Form):
    """What was sent: a file, its category and a short description. The file's type, size and content are
    checked by ``casework.services.evidence.add_evidence`` after the write permission, under the case lock."""

    file = forms.FileField(
        label=_("文件"),
        error_messages={"required": _("请选择要上传的文件"), "empty": _("文件是空的，请重新选择")},
    )
    category = forms.ChoiceField(
        label=_("类别"),
        choices=EvidenceCategory.choices,
        error_messages={"required": _("请选择证据类别"), "invalid_choice": _("请选择证据类别")},
    )
    description = forms.CharField(label=_("说明"), max_length=200, required=False)
    # Required only for an upload to a closed or archived case (its type's head roles only).
    reason = forms.CharField(label=_("结案后补充的理由"), max_length=500, required=False)
