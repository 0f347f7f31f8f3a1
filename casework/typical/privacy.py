"""What a typical case's text may not contain: the case's parties found by walking its model, then the text
scanned for their names, ID numbers and phone numbers (statutes.md §3: 人社部令第29号 lets the bureau publish an
employer's name, credit code and legal representative for the violations it lists — nothing about a worker).

The parties of any case type are found from its model, with no code of the type's own: the persons and
employers it points at (foreign keys and many-to-many fields: complainant, applicants, respondent…), those of
the rows that point at it (the arrears ledger's workers, collective representatives), and the names given for an
employer not yet identified (``…_name_given``).
"""

import re
from dataclasses import dataclass, field

from casework import masking
from casework.models import Employer, Person

PARTY_MODELS = (Person, Employer)
_SEPARATORS = re.compile(r"[\s\-－—–·.,，、()（）]")


@dataclass
class Parties:
    persons: dict[int, Person] = field(default_factory=dict)
    employers: dict[int, Employer] = field(default_factory=dict)
    names_given: set[str] = field(default_factory=set)

    def add(self, obj) -> None:
        if isinstance(obj, Person):
            self.persons[obj.pk] = obj
        elif isinstance(obj, Employer):
            self.employers[obj.pk] = obj


def _direct(case, f, found: Parties) -> None:
    if f.many_to_many:
        for obj in getattr(case, f.name).all():
            found.add(obj)
    else:
        found.add(getattr(case, f.name))


def _pointing_at(case, relation, found: Parties) -> None:
    """Persons and employers of the rows of another model that point at ``case`` (a ledger's workers)."""
    model = relation.related_model
    party_fields = [
        g.name
        for g in model._meta.concrete_fields
        if g.is_relation and g.many_to_one and g.related_model in PARTY_MODELS
    ]
    if not party_fields:
        return
    rows = model._default_manager.filter(**{relation.field.name: case}).select_related(*party_fields)
    for row in rows:
        for name in party_fields:
            found.add(getattr(row, name))


def parties_of(case) -> Parties:
    found = Parties()
    for f in type(case)._meta.get_fields():
        if f.is_relation and f.related_model in PARTY_MODELS and f.concrete:
            _direct(case, f, found)
        elif f.is_relation and f.one_to_many and f.auto_created:
            _pointing_at(case, f, found)
        elif f.name.endswith("name_given"):
            value = (getattr(case, f.name) or "").strip()
            if value:
                found.names_given.add(value)
    return found


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", text).upper()


def _name_term(name: str) -> str:
    return name.strip() if len(name.strip()) >= 2 else ""  # a one-character name would match any text


def _mask_name(name: str) -> str:
    return name[0] + "*" * (len(name) - 1)


def _terms(parties: Parties, *, employer_named: bool) -> list[tuple[str, str, str]]:
    """(what, the value to look for, how the refusal shows it) for every value the text may not contain."""
    terms = []
    for p in parties.persons.values():
        terms.append(("当事人姓名", _name_term(p.name), _mask_name(p.name.strip() or "?")))
        terms.append(("身份证号码", _compact(p.id_number or ""), masking.mask_id_number(p.id_number)))
        terms.append(("手机号码", _compact(p.phone or ""), masking.mask_phone(p.phone)))
    for e in parties.employers.values():
        terms.append(("用人单位联系电话", _compact(e.phone or ""), masking.mask_phone(e.phone)))
        if not employer_named:
            terms.append(("用人单位名称", _name_term(e.name), _mask_name(e.name.strip() or "?")))
            terms.append(
                ("负责人姓名", _name_term(e.legal_representative), _mask_name(e.legal_representative or "?"))
            )
            terms.append(("统一社会信用代码", _compact(e.credit_code or ""), "********"))
    if not employer_named:
        terms += [("用人单位名称", _name_term(n), _mask_name(n)) for n in parties.names_given]
    return [t for t in terms if t[1]]


def personal_data_in(text: str, case, *, employer_named: bool) -> list[str]:
    """What the text gives away about the case's parties, each as a Chinese phrase with the value masked
    (an empty list: nothing). Names are looked for as written; numbers also across spaces and dashes."""
    plain, compact = text or "", _compact(text or "")
    found = []
    for what, value, shown in _terms(parties_of(case), employer_named=employer_named):
        if value in plain or value in compact:
            phrase = f"{what}（{shown}）"
            if phrase not in found:
                found.append(phrase)
    return found
