"""Model fields for identifiers: normalise on the way in, check with one specific message. And
``actor_field``: the staff member who recorded a row.

``to_python`` normalises (so forms, services and the admin all store ``…X`` in capitals and phones
without spaces), and the identifier's own check runs before the generic length check so that the
person typing sees "长度应为18位" rather than two messages saying the same thing.
"""

from django.conf import settings
from django.db import models

from casework import validators


class _IdentifierField(models.CharField):
    normalise = staticmethod(str)
    identifier_check = staticmethod(lambda value: value)

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        # "" stays "" here (lookups use to_python, and "" must not match the NULLs of unknown
        # identifiers); pre_save stores it as NULL.
        return self.normalise(value)

    def pre_save(self, model_instance, add):
        # An empty identifier is stored as NULL so that "unknown" never collides with "unknown".
        value = getattr(model_instance, self.attname)
        if self.null and value is not None and not str(value).strip():
            setattr(model_instance, self.attname, None)
            return None
        return value

    def run_validators(self, value):
        if value in self.empty_values:
            return
        self.identifier_check(value)
        super().run_validators(value)


class IdNumberField(_IdentifierField):
    """居民身份证号码 (GB 11643-1999)."""

    normalise = staticmethod(validators.normalise_id_number)
    identifier_check = staticmethod(validators.validate_id_number)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 18)
        super().__init__(*args, **kwargs)


class CreditCodeField(_IdentifierField):
    """统一社会信用代码 (GB 32100-2015)."""

    normalise = staticmethod(validators.normalise_credit_code)
    identifier_check = staticmethod(validators.validate_credit_code)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 18)
        super().__init__(*args, **kwargs)


class MobileField(_IdentifierField):
    """Mainland mobile number."""

    normalise = staticmethod(validators.normalise_mobile)
    identifier_check = staticmethod(validators.validate_mobile)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 11)
        super().__init__(*args, **kwargs)


class PhoneField(_IdentifierField):
    """An organisation's contact number: mobile or landline with area code."""

    normalise = staticmethod(validators.normalise_phone)
    identifier_check = staticmethod(validators.validate_phone)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(*args, **kwargs)


def actor_field(verbose_name=None, *, on_delete=models.SET_NULL) -> models.ForeignKey:
    """The staff member who registered, uploaded or did what a row records (``None`` for the system or a
    public submission): no reverse accessor on the user; ``on_delete=PROTECT`` where the record must keep
    its author (the audit log, evidence, payments)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=on_delete,
        related_name="+",
    )
