"""Staff forms for employers and persons.

The forms check each identifier as it is typed (the same validators as the models); the services
then validate the whole record again and report uniqueness, so a form never saves anything itself.
Personal data is never put into a form in full: an edit form shows the masked value, and a field left
as masked means "unchanged".
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from casework import validators
from casework.models import Employer, Industry, Person
from casework.selectors.visibility import jurisdictions_for
from casework.services.parties import employer_get_or_create_by_credit_code
from casework.services.personal_data import masked_personal_data

UNCHANGED = object()  # cleaned value of a personal-data field left masked


def _label(model, field):
    return model._meta.get_field(field).verbose_name


def _check(validator, value):
    """Run a validator on a non-empty value and return the normalised value ('' stays '')."""
    if value in (None, ""):
        return ""
    return validator(value)


class _JurisdictionMixin:
    def _setup_jurisdiction(self, user, required: bool):
        field = self.fields["jurisdiction"]
        field.queryset = jurisdictions_for(user)
        field.required = required
        if not self.is_bound and not self.initial.get("jurisdiction"):
            only = list(field.queryset[:2])
            if len(only) == 1:
                self.initial["jurisdiction"] = only[0].pk


class EmployerForm(_JurisdictionMixin, forms.Form):
    name = forms.CharField(label=_label(Employer, "name"), max_length=200)
    credit_code = forms.CharField(
        label=_label(Employer, "credit_code"),
        required=False,
        help_text=Employer._meta.get_field("credit_code").help_text,
    )
    legal_representative = forms.CharField(
        label=_label(Employer, "legal_representative"), max_length=50, required=False
    )
    address = forms.CharField(label=_label(Employer, "address"), max_length=200, required=False)
    jurisdiction = forms.ModelChoiceField(label=_label(Employer, "jurisdiction"), queryset=None)
    industry = forms.ChoiceField(
        label=_label(Employer, "industry"), choices=Industry.choices, initial=Industry.OTHER
    )
    phone = forms.CharField(
        label=_label(Employer, "phone"), required=False, help_text=_("手机号码或带区号的固定电话")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_jurisdiction(user, required=True)

    @classmethod
    def initial_for(cls, employer: Employer) -> dict:
        return {
            "name": employer.name,
            "credit_code": employer.credit_code or "",
            "legal_representative": employer.legal_representative,
            "address": employer.address,
            "jurisdiction": employer.jurisdiction_id,
            "industry": employer.industry,
            "phone": employer.phone,
        }

    def clean_credit_code(self):
        return _check(validators.validate_credit_code, self.cleaned_data["credit_code"]) or None

    def clean_phone(self):
        return _check(validators.validate_phone, self.cleaned_data["phone"])


class PersonForm(_JurisdictionMixin, forms.Form):
    name = forms.CharField(label=_label(Person, "name"), max_length=50)
    id_number = forms.CharField(
        label=_label(Person, "id_number"),
        required=False,
        help_text=_("18位，末位可为X；不再受理15位旧号码"),
    )
    phone = forms.CharField(label=_label(Person, "phone"), required=False)
    hometown = forms.CharField(
        label=_label(Person, "hometown"),
        max_length=100,
        required=False,
        help_text=Person._meta.get_field("hometown").help_text,
    )
    address = forms.CharField(label=_label(Person, "address"), max_length=200, required=False)
    is_migrant_worker = forms.BooleanField(label=_label(Person, "is_migrant_worker"), required=False)
    jurisdiction = forms.ModelChoiceField(label=_label(Person, "jurisdiction"), queryset=None)

    def __init__(self, *args, user, person: Person | None = None, **kwargs):
        self.masked = masked_personal_data(person) if person else {}
        if person is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": person.name,
                    "hometown": person.hometown,
                    "is_migrant_worker": person.is_migrant_worker,
                    "jurisdiction": person.jurisdiction_id,
                    **self.masked,
                },
            )
        super().__init__(*args, **kwargs)
        # Staff register persons in a jurisdiction they work in, or they could not find them again.
        self._setup_jurisdiction(user, required=True)
        for field in self.masked:
            if self.masked[field]:
                self.fields[field].help_text = _("显示为掩码；不修改请保持原样，修改请输入完整内容")

    def _personal(self, field, validator=None):
        value = self.cleaned_data[field].strip()
        if self.masked.get(field) and value == self.masked[field]:
            return UNCHANGED
        return _check(validator, value) if validator else value

    def clean_id_number(self):
        value = self._personal("id_number", validators.validate_id_number)
        return None if value == "" else value

    def clean_phone(self):
        return self._personal("phone", validators.validate_mobile)

    def clean_address(self):
        return self._personal("address")

    def changed_values(self) -> dict:
        """Cleaned values, without personal-data fields the user left masked."""
        return {key: value for key, value in self.cleaned_data.items() if value is not UNCHANGED}


def attach_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names (others on the form itself)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def employer_named(data, prefix: str, *, actor) -> Employer | None:
    """The employer a case form names in ``<prefix>_credit_code``, ``<prefix>_name`` and optionally
    ``<prefix>_legal_representative``, ``<prefix>_address`` (in its ``jurisdiction``): the one registered
    under that credit code, registered now if new; None when no credit code is given."""
    if not data.get(f"{prefix}_credit_code"):
        return None
    employer, _created = employer_get_or_create_by_credit_code(
        credit_code=data[f"{prefix}_credit_code"],
        name=data[f"{prefix}_name"],
        legal_representative=data.get(f"{prefix}_legal_representative") or "",
        address=data.get(f"{prefix}_address") or "",
        jurisdiction=data["jurisdiction"],
        actor=actor,
    )
    return employer
