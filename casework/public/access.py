"""After a successful lookup: a short-lived, signed marker in the session naming the cases the verified
person may see, so that refreshing the progress page works without typing the ID number again.

The marker holds only (case model, case id, person id) triples; it expires after
``GREEN_PROGRESS_MAX_AGE`` seconds (default 30 minutes) and "退出查询" removes it.
"""

from django.apps import apps
from django.conf import settings
from django.core import signing

from casework.public.registry import case_type_by_label
from casework.public.selectors import Match

SESSION_KEY = "green_access"
PHONE_KEY = "green_code_phone"
SALT = "casework.public.access"
PHONE_SALT = "casework.public.code_phone"


def grant(request, matches: list[Match]) -> None:
    request.session.cycle_key()  # a new session id for the verified visitor (no fixation)
    request.session.pop(PHONE_KEY, None)
    request.session[SESSION_KEY] = signing.dumps(
        [[m.case_type.model_label, m.case.pk, m.person.pk] for m in matches], salt=SALT
    )


def revoke(request) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.pop(PHONE_KEY, None)


def remember_phone(request, phone: str) -> None:
    """Between "send me a code" and "here is the code": the phone stays on the server, not in the page."""
    request.session[PHONE_KEY] = signing.dumps(phone, salt=PHONE_SALT)


def remembered_phone(request) -> str:
    """The phone a code was asked for in this session within the code's lifetime, or ""."""
    token = request.session.get(PHONE_KEY)
    if not token:
        return ""
    try:
        return signing.loads(token, salt=PHONE_SALT, max_age=10 * 60)
    except signing.BadSignature:
        return ""


def granted_matches(request) -> list[Match]:
    """The cases this session may see now (each re-checked: the person must still be on the case)."""
    from casework.models import Person

    token = request.session.get(SESSION_KEY)
    if not token:
        return []
    max_age = int(getattr(settings, "GREEN_PROGRESS_MAX_AGE", 30 * 60))
    try:
        triples = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        revoke(request)
        return []
    out = []
    for label, case_pk, person_pk in triples:
        case_type = case_type_by_label(label)
        if case_type is None:
            continue
        model = apps.get_model(label)
        case = model._default_manager.select_related("jurisdiction").filter(pk=case_pk).first()
        person = Person.objects.filter(pk=person_pk).first()
        if case is None or person is None:
            continue
        if person.pk not in {p.pk for p in case_type.persons_of(case)}:
            continue
        out.append(Match(case_type, case, person))
    return out
