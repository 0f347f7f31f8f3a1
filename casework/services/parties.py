"""Registering and correcting parties. Every write validates the whole record first; nothing invalid is saved.

Errors are ``django.core.exceptions.ValidationError`` keyed by field name (``{"id_number": [...]}``),
which pages attach to the form field and the API turns into HTTP 400 naming the field.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from casework import masking, validators
from casework.models import Employer, Industry, Person

EMPLOYER_FIELDS = frozenset(
    {"name", "credit_code", "legal_representative", "address", "jurisdiction", "industry", "phone"}
)
PERSON_FIELDS = frozenset(
    {"name", "id_number", "phone", "hometown", "address", "is_migrant_worker", "jurisdiction"}
)
_TEXT_FIELDS = {"name", "legal_representative", "address", "hometown"}


def _tidy(changes: dict, allowed: frozenset[str], model_name: str) -> dict:
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"{model_name} has no editable field(s): {', '.join(sorted(unknown))}")
    return {
        key: (value.strip() if key in _TEXT_FIELDS and isinstance(value, str) else value)
        for key, value in changes.items()
    }


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


# --- employers -------------------------------------------------------------------------------------


@transaction.atomic
def employer_create(
    *,
    name: str,
    jurisdiction,
    credit_code: str | None = None,
    legal_representative: str = "",
    address: str = "",
    industry: str = Industry.OTHER,
    phone: str = "",
    actor=None,
) -> Employer:
    fields = _tidy(
        {
            "name": name,
            "jurisdiction": jurisdiction,
            "credit_code": credit_code,
            "legal_representative": legal_representative,
            "address": address,
            "industry": industry,
            "phone": phone,
        },
        EMPLOYER_FIELDS,
        "Employer",
    )
    return _save(Employer(created_by=actor, **fields))


@transaction.atomic
def employer_update(*, employer: Employer, actor=None, **changes) -> Employer:
    """Change the given fields of an employer (locked for the update)."""
    changes = _tidy(changes, EMPLOYER_FIELDS, "Employer")
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    for key, value in changes.items():
        setattr(employer, key, value)
    return _save(employer)


@transaction.atomic
def employer_get_or_create_by_credit_code(
    *, credit_code: str, actor=None, **defaults
) -> tuple[Employer, bool]:
    """One credit code is one employer: return the registered one (filling its blank fields from
    ``defaults``) or register a new one. Raises ``ValidationError`` on ``credit_code`` if it is invalid.
    """
    try:
        code = validators.validate_credit_code(credit_code)
    except ValidationError as exc:
        raise ValidationError({"credit_code": exc.messages}) from exc
    defaults = _tidy(defaults, EMPLOYER_FIELDS - {"credit_code"}, "Employer")
    existing = Employer.objects.select_for_update().filter(credit_code=code).first()
    if existing is None:
        try:
            with transaction.atomic():
                return employer_create(credit_code=code, actor=actor, **defaults), True
        except (IntegrityError, ValidationError) as exc:
            # Someone registered the same code meanwhile: use theirs. Any other error is the caller's.
            existing = Employer.objects.select_for_update().filter(credit_code=code).first()
            if existing is None:
                raise
            if isinstance(exc, ValidationError) and not _only_duplicate(exc, "credit_code"):
                raise
    _fill_blanks(existing, defaults, keep_name=False)
    return existing, False


# --- persons ---------------------------------------------------------------------------------------


@transaction.atomic
def person_create(
    *,
    name: str,
    id_number: str | None = None,
    phone: str = "",
    hometown: str = "",
    address: str = "",
    is_migrant_worker: bool = False,
    jurisdiction=None,
    actor=None,
) -> Person:
    fields = _tidy(
        {
            "name": name,
            "id_number": id_number,
            "phone": phone,
            "hometown": hometown,
            "address": address,
            "is_migrant_worker": is_migrant_worker,
            "jurisdiction": jurisdiction,
        },
        PERSON_FIELDS,
        "Person",
    )
    return _save(Person(created_by=actor, **fields))


@transaction.atomic
def person_update(*, person: Person, actor=None, **changes) -> Person:
    """Change the given fields of a person (locked for the update)."""
    changes = _tidy(changes, PERSON_FIELDS, "Person")
    person = Person.objects.select_for_update().get(pk=person.pk)
    for key, value in changes.items():
        setattr(person, key, value)
    return _save(person)


@transaction.atomic
def person_get_or_create_by_id_number(*, id_number: str, actor=None, **defaults) -> tuple[Person, bool]:
    """One ID number is one person: return the registered person or register a new one.

    An existing person keeps what is recorded; only blank fields are filled from ``defaults`` (a
    phone number, an address, the place of registration; the migrant-worker flag is only ever set).
    A different name for the same ID number is refused: it means a mistyped number or a mistaken
    identity, and attaching a case to the wrong person must not happen silently.
    """
    try:
        number = validators.validate_id_number(id_number)
    except ValidationError as exc:
        raise ValidationError({"id_number": exc.messages}) from exc
    defaults = _tidy(defaults, PERSON_FIELDS - {"id_number"}, "Person")
    existing = Person.objects.select_for_update().filter(id_number=number).first()
    if existing is None:
        try:
            with transaction.atomic():
                return person_create(id_number=number, actor=actor, **defaults), True
        except (IntegrityError, ValidationError) as exc:
            existing = Person.objects.select_for_update().filter(id_number=number).first()
            if existing is None:
                raise
            if isinstance(exc, ValidationError) and not _only_duplicate(exc, "id_number"):
                raise
    _fill_blanks(existing, defaults, keep_name=True)
    return existing, False


def _only_duplicate(exc: ValidationError, field: str) -> bool:
    errors = getattr(exc, "error_dict", {})
    return set(errors) == {field} and all(error.code == "unique" for error in errors[field])


def _fill_blanks(instance, defaults: dict, *, keep_name: bool) -> None:
    name = defaults.pop("name", "")
    if keep_name and name and name != instance.name:
        raise ValidationError(
            {
                "name": _("该身份证号码已登记为“%(registered)s”，与填写的姓名不一致，请核对号码和姓名")
                % {"registered": masking.mask_name(instance.name)}
            }
        )
    changed = False
    for key, value in defaults.items():
        if key == "is_migrant_worker":
            if value and not instance.is_migrant_worker:
                instance.is_migrant_worker, changed = True, True
            continue
        current = getattr(instance, key)
        if value not in (None, "") and current in (None, ""):
            setattr(instance, key, value)
            changed = True
    if changed:
        _save(instance)
