"""After a successful lookup: a short-lived, signed cookie naming the cases the verified person may see,
so that refreshing the progress page works without typing the ID number again.

The cookie (``green_access``, HttpOnly, path ``/green/``, Secure in production) holds only
(case model, case id, person id) triples and a random nonce, signed with the secret key and timestamped;
it expires after ``GREEN_PROGRESS_MAX_AGE`` seconds (default 30 minutes). A lookup writes no session row:
under load the session's delete-and-insert cost more than the lookup itself. Each successful lookup issues
a fresh value, so a value planted in the browser beforehand grants nothing (no fixation), and "退出查询"
deletes the cookie and puts its nonce on a revocation list in the database (``PublicGrantRevocation``) until it
would have expired, so a copy of it stops working too; the progress page checks that list in its own query.

The phone lookup's first step keeps the phone number in the session (``remember_phone``): it is personal
data, and a signed cookie is readable by whoever holds it. That step is rare and rate-limited; the case
number lookup never touches the session.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone

from casework.public import selectors
from casework.public.selectors import CaseRef, Match

COOKIE_NAME = "green_access"
COOKIE_PATH = "/green/"
PHONE_KEY = "green_code_phone"
SALT = "casework.public.access"
PHONE_SALT = "casework.public.code_phone"


def _max_age() -> int:
    return int(getattr(settings, "GREEN_PROGRESS_MAX_AGE", 30 * 60))


def grant(response, refs: list[CaseRef]) -> None:
    """Let the browser that receives ``response`` see these cases for the next ``GREEN_PROGRESS_MAX_AGE``."""
    value = signing.dumps(
        {"n": secrets.token_urlsafe(12), "c": [[r.label, r.case_pk, r.person_pk] for r in refs]}, salt=SALT
    )
    response.set_cookie(
        COOKIE_NAME,
        value,
        max_age=max(_max_age(), 0),
        path=COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _signed_payload(request) -> dict | None:
    """The cookie's value if its signature holds and it has not expired (not checked against revocation)."""
    token = request.COOKIES.get(COOKIE_NAME)
    if not token:
        return None
    try:
        payload = signing.loads(token, salt=SALT, max_age=_max_age())
        if not isinstance(payload, dict) or not isinstance(payload.get("c"), list):
            return None
    except signing.BadSignature:
        return None
    return payload


def _nonce(payload: dict) -> str:
    return str(payload.get("n"))[:32]


def _payload(request) -> dict | None:
    from casework.models import PublicGrantRevocation

    payload = _signed_payload(request)
    if payload is None or PublicGrantRevocation.objects.filter(nonce=_nonce(payload)).exists():
        return None
    return payload


def _refs(payload: dict | None) -> list[CaseRef]:
    if payload is None:
        return []
    try:
        return [
            CaseRef(str(label), int(case_pk), int(person_pk)) for label, case_pk, person_pk in payload["c"]
        ]
    except (TypeError, ValueError):
        return []


def granted_refs(request) -> list[CaseRef]:
    return _refs(_payload(request))


def granted_refs_unchecked(request) -> tuple[list[CaseRef], str]:
    """The refs of a validly signed, unexpired cookie and its nonce, not checked against the revocations: for a
    caller that checks the nonce in its own query (the progress page, ``progress_store.progress_for``) and must
    grant nothing when it was revoked."""
    payload = _signed_payload(request)
    if payload is None:
        return [], ""
    return _refs(payload), _nonce(payload)


def granted_matches(request) -> list[Match]:
    """The cases this browser may see now (each re-checked: the person must still be on the case)."""
    refs = granted_refs(request)
    return selectors.matches_for_refs(refs) if refs else []


def revoke(request, response) -> None:
    from casework.models import PublicGrantRevocation

    payload = _payload(request)
    if payload is not None:
        now = timezone.now()
        # those expired since: nothing left to stop
        PublicGrantRevocation.objects.filter(until__lt=now).delete()
        PublicGrantRevocation.objects.bulk_create(
            [PublicGrantRevocation(nonce=_nonce(payload), until=now + timedelta(seconds=max(_max_age(), 1)))],
            ignore_conflicts=True,
        )
    response.delete_cookie(COOKIE_NAME, path=COOKIE_PATH, samesite="Lax")
    forget_phone(request)


def remember_phone(request, phone: str) -> None:
    """Between "send me a code" and "here is the code": the phone stays on the server, not in the page."""
    request.session[PHONE_KEY] = signing.dumps(phone, salt=PHONE_SALT)


def forget_phone(request) -> None:
    if request.COOKIES.get(settings.SESSION_COOKIE_NAME):  # no session, nothing to forget (and no query)
        request.session.pop(PHONE_KEY, None)


def remembered_phone(request) -> str:
    """The phone a code was asked for in this session within the code's lifetime, or ""."""
    token = request.session.get(PHONE_KEY)
    if not token:
        return ""
    try:
        return signing.loads(token, salt=PHONE_SALT, max_age=10 * 60)
    except signing.BadSignature:
        return ""
