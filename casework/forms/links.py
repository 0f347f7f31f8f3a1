from django import forms
from django.utils.translation import gettext_lazy as _

from casework.inputs import IdListField, InputForm
from casework.models import LinkKind


class LinkForm(InputForm):
    """The kernel's ``link_case`` action: the kind, the other case's number or the outside reference, the
    evidence shared by reference and the worker's consent."""

    kind = forms.ChoiceField(
        label=_("关联类型"), choices=[c for c in LinkKind.choices if c[0] != LinkKind.FINDING]
    )
    case_number = forms.CharField(label=_("关联案件编号"), max_length=60, required=False)
    reference = forms.CharField(label=_("公安立案编号/法院案号"), max_length=100, required=False)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)
    evidence = IdListField(label=_("共享证据"), required=False)
    consent = forms.BooleanField(label=_("劳动者已同意共享证据"), required=False)
    consent_note = forms.CharField(label=_("同意方式（如书面同意书）"), max_length=200, required=False)
