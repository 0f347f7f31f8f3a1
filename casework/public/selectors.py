"""Reads for the public pages. There is no logged-in user here, so ``visible_to`` does not apply: instead
every read starts from a verified person (ID-number suffix or phone + one-time code) and returns only
that person's cases, and only the facts listed in ``PublicProgress``.

"No such case" and "wrong verification" take the same path: every registered case type is queried,
the persons are always loaded and the suffix is always compared with ``hmac.compare_digest``.
"""

import hmac
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from casework.models import Deadline, Person
from casework.pdf import issuing_body_for
from casework.public.plain_words import HIDDEN_RULES
from casework.public.registry import PublicCaseType, public_case_types
from casework.selectors.timeline import timeline_for

# What people type for 〔〕 on a phone keyboard.
_OPEN_BRACKETS = "[(（【［{〔<《"
_CLOSE_BRACKETS = "])）】］}〕>》"
_NUMBER_RE = re.compile(r"^(?P<head>.*?)〔(?P<year>\d{4})〕(?P<seq>\d{1,6})号?$")


def normalise_case_number(value: str) -> str:
    """``吉首劳监投[2026]12`` → ``吉首劳监投〔2026〕0012号``: the brackets and 号 a phone user can type."""
    text = unicodedata.normalize("NFKC", value or "")
    text = re.sub(r"\s+", "", text)
    text = "".join("〔" if c in _OPEN_BRACKETS else "〕" if c in _CLOSE_BRACKETS else c for c in text)
    match = _NUMBER_RE.match(text)
    if not match:
        return text[:60]
    return f"{match['head']}〔{match['year']}〕{int(match['seq']):04d}号"[:60]


def normalise_id_suffix(value: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value or "")).upper()


@dataclass(frozen=True)
class Match:
    """A case the verified person may see, and that person."""

    case_type: PublicCaseType
    case: object
    person: Person


def _suffix_matches(person: Person | None, suffix: str) -> bool:
    expected = ((person.id_number or "") if person else "")[-6:].upper()
    # Always compare something of the same length, so that a person without an ID number (or no
    # person at all) costs the same as a real comparison.
    same = hmac.compare_digest((expected or "#" * 6).encode(), suffix.encode())
    return same and len(expected) == 6


def _related(case_type: PublicCaseType) -> list[str]:
    """The jurisdiction and, when it is a foreign key, the applicant: loaded with the case."""
    names = ["jurisdiction"]
    try:
        field_ = case_type.model._meta.get_field(case_type.applicant_attr)
    except Exception:
        return names
    if field_.many_to_one:
        names.append(case_type.applicant_attr)
    return names


def verify_case_number(number: str, id_suffix: str) -> Match | None:
    """The case numbered ``number`` if ``id_suffix`` is the last 6 characters of the ID number of a
    person who may look it up; otherwise None — the caller cannot tell which part was wrong."""
    number, suffix = normalise_case_number(number), normalise_id_suffix(id_suffix)
    found: tuple[PublicCaseType, object] | None = None
    for case_type in public_case_types():
        case = (
            case_type.model._default_manager.select_related(*_related(case_type))
            .filter(number=number)
            .first()
        )
        if case is not None and found is None:
            found = (case_type, case)
    if found is None:
        persons = [Person.objects.filter(pk=0).first()]  # the same kind of query as the real path
        case_type = case = None
    else:
        case_type, case = found
        persons = case_type.persons_of(case)
    match = None
    for person in persons:
        if _suffix_matches(person, suffix) and match is None:
            match = person
    if found is None or match is None:
        return None
    return Match(case_type, case, match)


def matches_for_phone(phone: str) -> list[Match]:
    """Every case of every person registered with this (verified) phone number, newest first."""
    persons = Person.objects.filter(phone=phone)
    out: list[Match] = []
    for case_type in public_case_types():
        cases = case_type.cases_of(persons).select_related("jurisdiction")
        for case in cases:
            person = next((p for p in case_type.persons_of(case) if p.phone == phone), None)
            if person is not None:
                out.append(Match(case_type, case, person))
    out.sort(key=lambda m: m.case.created_at, reverse=True)
    return out


@dataclass
class PublicProgress:
    """Everything the progress page shows about one case — and nothing else."""

    number: str
    type_label: str
    received_on: date
    stage: str
    timeline: list[tuple[date, str]] = field(default_factory=list)
    next_deadline: date | None = None
    next_deadline_text: str = ""
    unit_name: str = ""
    unit_phone: str = ""
    amount_recovered: Decimal | None = None


def next_deadline(case) -> Deadline | None:
    return (
        Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(case),
            object_id=case.pk,
            status=Deadline.Status.OPEN,
        )
        .exclude(rule__in=HIDDEN_RULES)
        .order_by("due_on", "id")
        .first()
    )


def public_progress(match: Match) -> PublicProgress:
    case_type, case, person = match.case_type, match.case, match.person
    deadline = next_deadline(case) if case.is_open else None
    return PublicProgress(
        number=case.number,
        type_label=str(case_type.label),
        received_on=timezone.localtime(case.created_at).date(),
        stage=str(case_type.stage_text(case)),
        timeline=[
            (timezone.localtime(entry.at).date(), case_type.timeline_label(entry))
            for entry in timeline_for(case, public_only=True)
        ],
        next_deadline=deadline.due_on if deadline else None,
        next_deadline_text=str(case_type.deadline_text(deadline)) if deadline else "",
        unit_name=issuing_body_for(case.jurisdiction),
        unit_phone=case.jurisdiction.phone,
        amount_recovered=case_type.amount_recovered(case, person),
    )
