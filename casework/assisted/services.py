"""Writes of assisted filing: the draft, the worker's consent (a one-time code by SMS, or a signed form) and
the filing itself through the green channel's own service.

The consent code follows the green channel's phone-lookup codes (``casework.public.services``): six digits,
kept only as a keyed hash, valid 10 minutes, 5 tries, rate-limited per phone and per helper, sent after commit.
Nothing here writes the worker's name, ID number or phone to a log.
"""

import logging
import secrets
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import validators
from casework.masking import mask_phone
from casework.models import Person
from casework.models.evidence import EvidenceCategory
from casework.public import ratelimit
from casework.public.ratelimit import keyed_hash
from casework.public.registry import ApplicationForm, application_form
from casework.public.services import public_application_submit
from casework.services.evidence import attach_evidence
from casework.services.transitions import note_on_related_case
from casework.sms import send_sms

from .models import AssistedDraft, AssistedDraftPhoto, AssistedFiling, ConsentMethod, Helper

logger = logging.getLogger(__name__)

DRAFT_TTL = timedelta(hours=2)
CODE_TTL = timedelta(minutes=10)
CODE_MAX_ATTEMPTS = 5
CODE_WRONG = _("验证码不对或已过期。请让工人再看一下短信；过期了请点“重新发送验证码”。")


class ConsentRefused(Exception):
    """The consent could not be confirmed; the message says what to do (Chinese)."""


# --- the form ----------------------------------------------------------------------------------------------
def helper_form(entry: ApplicationForm, *args, **kwargs):
    """The green channel's own form of ``entry``, as a helper fills it for a worker: the worker's phone may be
    left empty (a worker without a phone consents with a signed form instead)."""
    form = entry.form_class(*args, **kwargs)
    if "phone" in form.fields:
        form.fields["phone"].required = False
        form.fields["phone"].help_text = _(
            "工人本人的手机：同意提交的验证码和办理进展短信都发到这个号码。工人没有手机的可以不填，之后上传工人签字的同意书照片。"
        )
        checks_phone = getattr(form, "clean_phone", None)
        if checks_phone is not None:  # the form's own check, for a phone given; none given is fine here
            form.clean_phone = lambda: checks_phone() if form.cleaned_data.get("phone") else ""
    return form


def consent_phone(data: dict) -> str:
    """Where the consent code goes: the phone registered for the worker's ID number if there is one (a code
    cannot be sent to a number the helper typed instead of the worker's own), else the phone typed."""
    registered = (
        Person.objects.filter(id_number=data.get("id_number") or "").values_list("phone", flat=True).first()
    )
    return registered or data.get("phone") or ""


# --- drafts -------------------------------------------------------------------------------------------------
def purge_expired_drafts() -> int:
    """Delete expired drafts and their photos (their data is kept no longer than ``DRAFT_TTL``)."""
    expired = AssistedDraft.objects.filter(expires_at__lt=timezone.now())
    photos = list(AssistedDraftPhoto.objects.filter(draft__in=expired))
    count = expired.count()
    expired.delete()
    _delete_files_on_commit(photos)
    return count


def _delete_files_on_commit(photos) -> None:
    def delete():
        for photo in photos:
            photo.file.delete(save=False)

    transaction.on_commit(delete)


@transaction.atomic
def draft_create(*, helper, entry: ApplicationForm, raw: dict, cleaned: dict, photos=()) -> AssistedDraft:
    """Keep the form the helper filled (``raw``: as typed, checked again when filed) until the worker consents."""
    purge_expired_drafts()
    data = {key: value for key, value in raw.items() if key not in ("csrfmiddlewaretoken", "photos")}
    draft = AssistedDraft.objects.create(
        helper=helper,
        form_code=entry.code,
        data=data,
        expires_at=timezone.now() + DRAFT_TTL,
    )
    phone = consent_phone(cleaned)
    if phone:
        draft.phone_hash = keyed_hash(phone, "assisted-phone")
        draft.save(update_fields=["phone_hash"])
    for photo in photos:
        row = AssistedDraftPhoto(draft=draft, original_name=(photo.name or "photo")[:200])
        row.file.save(row.original_name, photo, save=True)
    return draft


def draft_for(helper, token: str) -> AssistedDraft | None:
    return AssistedDraft.objects.filter(helper=helper, token=token, expires_at__gt=timezone.now()).first()


def draft_phone(draft: AssistedDraft) -> str:
    """The phone the draft's consent code goes to (worked out again from the data; matches ``phone_hash``)."""
    if not draft.phone_hash:
        return ""
    typed = {"id_number": _valid(validators.validate_id_number, draft.data.get("id_number"))}
    typed["phone"] = _valid(validators.validate_mobile, draft.data.get("phone"))
    phone = consent_phone(typed)
    return phone if keyed_hash(phone, "assisted-phone") == draft.phone_hash else ""


def _valid(validate, value) -> str:
    """``value`` as the form cleaned it (the draft keeps it as typed), or "" if it is not valid."""
    try:
        return validate(value or "") if value else ""
    except ValidationError:
        return ""


def masked_phone(draft: AssistedDraft) -> str:
    return mask_phone(draft_phone(draft))


# --- consent by SMS code ------------------------------------------------------------------------------------
def consent_code_send(*, draft: AssistedDraft, helper) -> ratelimit.Verdict:
    """Send a new 6-digit code to the worker's phone (after commit); the old one stops working. Limited to one a
    minute and 5 a day per phone, 30 an hour per helper."""
    phone = draft_phone(draft)
    if not phone:
        raise ConsentRefused(_("这份提交没有工人的手机号码，请上传工人签字的同意书照片"))
    verdict = ratelimit.hit_all(
        [
            ("assisted_code_phone", phone),
            ("assisted_code_phone_day", phone),
            ("assisted_code_helper", str(helper.pk)),
        ]
    )
    if not verdict.allowed:
        return verdict
    entry = application_form(draft.form_code)
    profile = Helper.objects.filter(user=helper).first()
    code = f"{secrets.randbelow(10**6):06d}"
    now = timezone.now()
    with transaction.atomic():
        AssistedDraft.objects.filter(pk=draft.pk).update(
            code_hash=_code_hash(draft, code), code_sent_at=now, code_expires_at=now + CODE_TTL, attempts=0
        )
        text = _(
            "【湘西人社】%(unit)s的%(name)s正在代您提交“%(what)s”。您同意的，请把验证码%(code)s告诉代办人；"
            "不同意的，请不要告诉任何人。10分钟内有效。"
        ) % {
            "unit": profile.unit if profile else "",
            "name": helper.full_name or helper.username,
            "what": entry.label if entry else "",
            "code": code,
        }
        # robust: a failing gateway is logged and does not fail the page; the helper may send again
        transaction.on_commit(lambda: send_sms(phone, text), robust=True)
    return verdict


def _code_hash(draft: AssistedDraft, code: str) -> str:
    return keyed_hash(f"{draft.token}:{code}", "assisted-code")


def _code_matches(draft: AssistedDraft, code: str) -> bool:
    """Whether ``code`` is the draft's current code; each try counts (5 per code)."""
    given = _code_hash(draft, (code or "").strip())
    usable = (
        draft.code_hash
        and draft.code_expires_at is not None
        and draft.code_expires_at > timezone.now()
        and draft.attempts < CODE_MAX_ATTEMPTS
    )
    if not usable:
        secrets.compare_digest(given, "0" * len(given))  # the same work as a real comparison
        return False
    draft.attempts += 1
    draft.save(update_fields=["attempts"])
    return secrets.compare_digest(draft.code_hash, given)


# --- filing ---------------------------------------------------------------------------------------------------
def file_with_code(*, draft: AssistedDraft, helper, code: str) -> AssistedFiling:
    """The worker's code confirms: file the case, in the same transaction. A wrong or expired code files
    nothing (the try is counted)."""
    with transaction.atomic():
        locked = _locked(draft)
        if _code_matches(locked, code):
            return _file(draft=locked, helper=helper, consent=ConsentMethod.SMS_CODE)
    raise ConsentRefused(CODE_WRONG)


def file_with_signed_form(*, draft: AssistedDraft, helper, consent_file) -> AssistedFiling:
    """A worker without a phone: the photographed consent form they signed is the consent."""
    if draft.phone_hash:
        raise ConsentRefused(_("工人有手机的，请用发到工人手机上的验证码确认"))
    if consent_file is None:
        raise ConsentRefused(_("请上传工人签字的同意书照片"))
    with transaction.atomic():
        locked = _locked(draft)
        return _file(
            draft=locked, helper=helper, consent=ConsentMethod.SIGNED_FORM, consent_file=consent_file
        )


def _locked(draft: AssistedDraft) -> AssistedDraft:
    locked = AssistedDraft.objects.select_for_update().filter(pk=draft.pk).first()
    if locked is None:  # confirmed a moment ago (a second tap)
        raise ConsentRefused(_("这份提交已经确认过了，请在“我代为提交的案件”里查看"))
    return locked


def _file(*, draft: AssistedDraft, helper, consent: str, consent_file=None) -> AssistedFiling:
    """File the draft (locked by the caller, inside its transaction) and record it on the case."""
    profile = Helper.objects.select_related("user").filter(user=helper, is_active=True).first()
    if profile is None:
        raise ConsentRefused(_("您的代办员登记已失效，不能再代为提交。请联系县市人社局。"))
    entry = application_form(draft.form_code)
    if entry is None:
        raise ConsentRefused(_("这类申请暂未开通网上提交"))
    form = helper_form(entry, data=draft.data)
    if not form.is_valid():  # the rules changed since it was filled (a county closed…): fill it again
        raise ConsentRefused(_("填写的内容已不符合要求，请重新填写后再提交"))
    data = dict(form.cleaned_data)
    data.pop("photos", None)
    stored = list(draft.photos.all())
    photos = [File(row.file.open("rb"), name=row.original_name) for row in stored]
    try:
        case, _created = public_application_submit(
            entry=entry, data=data, photos=photos, submission_key=data["submission_key"]
        )
    finally:
        for photo in photos:
            photo.close()
    content_type = ContentType.objects.get_for_model(case)
    existing = AssistedFiling.objects.filter(content_type=content_type, object_id=case.pk).first()
    if existing is not None:  # the same form confirmed twice
        return existing
    evidence = None
    if consent_file is not None:
        evidence = attach_evidence(
            case=case,
            uploaded_file=consent_file,
            category=EvidenceCategory.OTHER,
            actor=None,
            description=_("代为提交：工人签字的同意书"),
        )
    filing = AssistedFiling.objects.create(
        content_type=content_type,
        object_id=case.pk,
        helper=helper,
        helper_name=helper.full_name or helper.username,
        helper_unit=profile.unit,
        helper_kind=profile.kind,
        consent=consent,
        consent_evidence=evidence,
        case_number=case.number,
        filed_at=timezone.now(),
    )
    # The case's log: who filed, from which unit, how the worker consented — nothing about the worker.
    note_on_related_case(
        type(case),
        case.pk,
        name="assisted_filing",
        label=str(filing.note),
        actor=helper,
        details={
            "代为提交人": filing.helper_name,
            "单位": filing.helper_unit,
            "类别": profile.get_kind_display(),
            "工人同意方式": filing.get_consent_display(),
            **({"同意书证据": evidence.pk} if evidence else {}),
        },
    )
    draft.delete()
    _delete_files_on_commit(stored)
    return filing
