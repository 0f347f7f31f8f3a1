"""The input of the ``assign`` action of any case type: the staff to assign, by id."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from casework.inputs import IdListField
from casework.models import User


class AssignForm(forms.Form):
    """``{"inspectors": [user ids]}`` (repeated checkboxes on a page): the active users, in the order given.
    Whether they may be assigned (role, jurisdiction, how many) is the service's rule
    (``casework.services.assignment.case_assign``)."""

    inspectors = IdListField(label=_("承办监察员"), required=False)

    def clean_inspectors(self):
        ids = list(dict.fromkeys(self.cleaned_data["inspectors"]))
        users = User.objects.in_bulk(ids)
        missing = [str(i) for i in ids if i not in users or not users[i].is_active]
        if missing:
            raise ValidationError(f"用户不存在或已停用：{'、'.join(missing)}")
        return [users[i] for i in ids]
