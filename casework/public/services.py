"""Writes from the public pages: complaints and applications, one-time codes (the lookup log: ``lookup_log``).

The green channel registers no case itself: each form's case type does, through the service it registered
(``casework.public.registry``).

A public submission has no staff actor (``actor=None``): it registers a case in the chosen
jurisdiction's queue with the green-channel flag, exactly as a window clerk would, and the one-time
token of the form makes a second POST return the same case instead of a second one.
"""

import logging
import secrets
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Jurisdiction, PublicOneTimeCode, PublicSubmission
from casework.models.evidence import EvidenceCategory
from casework.public.ratelimit import keyed_hash
from casework.public.registry import ApplicationForm
from casework.services.evidence import attach_evidence
from casework.services.notify_public import notify_complainant
from casework.services.parties import (
    employer_get_or_create_by_credit_code,
    person_get_or_create_by_id_number,
)
from casework.services.transitions import note_on_related_case
from casework.sms import send_sms

logger = logging.getLogger(__name__)

UNKNOWN_COUNTY = "unknown"
RECEIPT_SALT = "casework.public.receipt"
CODE_TTL = timedelta(minutes=10)
CODE_MAX_ATTEMPTS = 5
CODE_RESEND_SECONDS = 60


# --- where a case goes -------------------------------------------------------------------------------
def county_choices() -> list[tuple[str, str]]:
    """The eight counties/cities and the development zone, then "不清楚" (the prefecture's queue)."""
    units = Jurisdiction.objects.filter(is_active=True).exclude(level=Jurisdiction.Level.PREFECTURE)
    return [(j.code, j.name) for j in units.order_by("sort_order", "code")] + [(UNKNOWN_COUNTY, _("不清楚"))]


def jurisdiction_for_choice(code: str) -> Jurisdiction:
    """LIR Art 13: the county-level bureau where the work is done; unknown → the prefecture bureau,
    which hands it on."""
    if code and code != UNKNOWN_COUNTY:
        unit = Jurisdiction.objects.filter(code=code, is_active=True).first()
        if unit is not None:
            return unit
    return Jurisdiction.objects.get(level=Jurisdiction.Level.PREFECTURE, parent__isnull=True)


# --- one-time form token -----------------------------------------------------------------------------
def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


def case_for_submission(key: str | None):
    if not key:
        return None
    row = PublicSubmission.objects.filter(key=key).select_related("content_type").first()
    if row is None:
        return None
    model = row.content_type.model_class()
    return model._default_manager.filter(pk=row.object_id).first() if model else None


def _submit_once(key: str, create):
    """Run ``create()`` once per form token; a repeated (or concurrent) POST gets the first case."""
    existing = case_for_submission(key)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            case = create()
    except IntegrityError:
        existing = case_for_submission(key)
        if existing is None:
            raise
        return existing, False
    return case, True


def _remember(key: str, case) -> None:
    PublicSubmission.objects.create(
        key=key, content_type=ContentType.objects.get_for_model(case), object_id=case.pk
    )


# --- parties -------------------------------------------------------------------------------------------
def _parties(data: dict, jurisdiction: Jurisdiction):
    """The worker (one ID number is one person) and, if a valid credit code was given, the employer; and
    whether the name typed differs from the one registered for that ID number.

    A person already registered keeps what is recorded (a phone typed here does not replace the
    registered one: otherwise anyone knowing a worker's ID number and name could redirect the SMS about
    that worker's cases). A different name for the same ID number is not refused: a refusal would tell
    anyone whether an ID number is in the case files and confirm names. The case is filed on the registered
    person and staff are told on the case (``_note_name_mismatch``); the page answers as for any complaint.
    """
    fields = {
        "phone": data.get("phone") or "",
        "hometown": data.get("hometown") or "",
        "address": data.get("address") or "",
        "is_migrant_worker": True,
        "jurisdiction": jurisdiction,
    }
    try:
        person, _created = person_get_or_create_by_id_number(
            id_number=data["id_number"], name=data["name"], actor=None, **fields
        )
        name_differs = False
    except ValidationError as exc:
        if "name" not in getattr(exc, "error_dict", {}):
            raise
        person, _created = person_get_or_create_by_id_number(
            id_number=data["id_number"], actor=None, **fields
        )
        name_differs = True
    employer = None
    if data.get("employer_credit_code"):
        employer, _created = employer_get_or_create_by_credit_code(
            credit_code=data["employer_credit_code"],
            name=data["employer_name"],
            jurisdiction=jurisdiction,
            actor=None,
        )
    return person, employer, name_differs


def _note_name_mismatch(case, name_given: str) -> None:
    """A staff-only entry in the new case's log (never on the public timeline): the name typed online."""
    note_on_related_case(
        type(case),
        case.pk,
        name="green_name_mismatch",
        label=_("网上填写的姓名与该身份证号码已登记的姓名不一致，请核实申请人身份"),
        actor=None,
        details={"网上填写的姓名": name_given},
    )


def _attach_photos(case, photos, description: str) -> None:
    for photo in photos or ():
        attach_evidence(
            case=case,
            uploaded_file=photo,
            category=EvidenceCategory.PHOTO,
            actor=None,
            description=description,
            public=True,
        )


# --- complaints and applications plugged in by the case types ----------------------------------------
def public_application_submit(*, entry: ApplicationForm, data: dict, photos=(), submission_key: str):
    """Register a complaint or application through the service a case type registered
    (``casework.public.registry``). Returns ``(case, created)``."""

    def create():
        jurisdiction = jurisdiction_for_choice(data.get("county"))
        applicant, employer, name_differs = _parties(data, jurisdiction)
        case = entry.service(
            applicant=applicant,
            employer=employer,
            jurisdiction=jurisdiction,
            data=data,
            submission_key=submission_key,
        )
        if name_differs:
            _note_name_mismatch(case, data["name"])
        _remember(submission_key, case)
        _attach_photos(case, photos, str(entry.photo_description))
        if entry.notify_registered:
            notify_complainant(case, "registered")
        return case

    return _submit_once(submission_key, create)


# --- receipts ----------------------------------------------------------------------------------------
def receipt_token(case) -> str:
    return signing.dumps({"m": case._meta.label_lower, "pk": case.pk}, salt=RECEIPT_SALT)


def case_from_receipt_token(token: str):
    """The case a receipt link names, or None if the link is forged or older than a day."""
    max_age = int(getattr(settings, "GREEN_RECEIPT_MAX_AGE", 24 * 3600))
    try:
        payload = signing.loads(token, salt=RECEIPT_SALT, max_age=max_age)
        model = apps.get_model(payload["m"])
    except (signing.BadSignature, LookupError, KeyError, TypeError, ValueError):
        return None
    return model._default_manager.select_related("jurisdiction").filter(pk=payload["pk"]).first()


# --- one-time codes for the phone lookup ----------------------------------------------------------------
def _phone_hash(phone: str) -> str:
    return keyed_hash(phone, "phone")


def _code_hash(phone_hash: str, code: str) -> str:
    return keyed_hash(f"{phone_hash}:{code}", "code")


def code_request(*, phone: str, ip: str) -> None:
    """Queue the code for ``phone`` (Celery, after commit). The request does the same work whether or not the
    phone has cases — no lookup, no code, no SMS here — so neither its answer nor its time tells."""

    def queue():
        from casework.tasks import send_lookup_code

        try:
            send_lookup_code.delay(phone, ip)
        except Exception:  # broker down: the worker asks again; nothing to tell them that differs by phone
            logger.exception("could not queue a lookup code")

    transaction.on_commit(queue)


@transaction.atomic
def code_issue(*, phone: str, ip: str) -> bool:
    """The task behind ``code_request``: a 6-digit code, sent by SMS, if ``phone`` has cases and no code went
    to it in the last minute (so a redelivered task sends nothing twice). Logs the outcome; returns whether a
    code was sent. A phone without cases gets nothing: an SMS to any number typed would let anyone send them."""
    from casework.models.public import LookupMethod, LookupOutcome
    from casework.public import lookup_log
    from casework.public.selectors import matches_for_phone

    phone_hash = _phone_hash(phone)
    now = timezone.now()
    PublicOneTimeCode.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
    recent = PublicOneTimeCode.objects.filter(
        phone_hash=phone_hash, created_at__gt=now - timedelta(seconds=CODE_RESEND_SECONDS)
    )
    sent = bool(matches_for_phone(phone)) and not recent.exists()
    if sent:
        PublicOneTimeCode.objects.filter(phone_hash=phone_hash, used_at__isnull=True).update(used_at=now)
        code = f"{secrets.randbelow(10**6):06d}"
        PublicOneTimeCode.objects.create(
            phone_hash=phone_hash, code_hash=_code_hash(phone_hash, code), expires_at=now + CODE_TTL
        )
        text = _("【湘西人社】您的进度查询验证码是%(code)s，10分钟内有效。请不要告诉任何人。") % {
            "code": code
        }
        transaction.on_commit(lambda: send_sms(phone, text))
    outcome = LookupOutcome.CODE_SENT if sent else LookupOutcome.CODE_NOT_SENT
    lookup_log.record(ip=ip, method=LookupMethod.PHONE_CODE_REQUEST, outcome=outcome)
    return sent


@transaction.atomic
def code_verify(*, phone: str, code: str) -> bool:
    """True once for the latest unexpired code of ``phone``; each code allows 5 tries."""
    phone_hash = _phone_hash(phone)
    given = _code_hash(phone_hash, (code or "").strip())
    row = (
        PublicOneTimeCode.objects.select_for_update()
        .filter(phone_hash=phone_hash, used_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("-created_at", "-id")
        .first()
    )
    if row is None:
        secrets.compare_digest(given, "0" * len(given))  # the same work as a real comparison
        return False
    if row.attempts >= CODE_MAX_ATTEMPTS:
        return False
    row.attempts += 1
    ok = secrets.compare_digest(row.code_hash, given)
    if ok:
        row.used_at = timezone.now()
    row.save(update_fields=["attempts", "used_at"])
    return ok
