"""Electronic service (电子送达): with the recipient's consent on a 送达地址确认书, an SMS carries a signed link
to the document; the recipient opens it after confirming the last 6 characters of their ID number; the first
opening is the service — recorded by the system itself (``Service`` with method 电子, date = first opening), and
the deadlines that run from service start that day.

The link is ``django.core.signing`` over the e-service's id, valid ``DOCUMENT_ESERVICE_LINK_MAX_AGE`` seconds.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casework.channels import absolute_url
from casework.documents.services import case_document, served_in_step
from casework.models import ElectronicService, Service, ServiceAddress, ServiceMethod
from casework.services.transitions import case_action
from casework.sms import send_sms

SALT = "casework.documents.e-service"
OPENED_SALT = "casework.documents.e-service.opened"
DEFAULT_MAX_AGE = 15 * 24 * 3600


def link_max_age() -> int:
    return int(getattr(settings, "DOCUMENT_ESERVICE_LINK_MAX_AGE", DEFAULT_MAX_AGE))


def link_token(e_service: ElectronicService) -> str:
    return signing.dumps({"e": e_service.pk}, salt=SALT, compress=True)


def read_token(token: str, *, salt: str = SALT, max_age: int | None = None) -> int | None:
    """The e-service id a token carries, or None (forged, altered or expired)."""
    try:
        value = signing.loads(token, salt=salt, max_age=max_age if max_age is not None else link_max_age())
    except signing.BadSignature:
        return None
    return value.get("e") if isinstance(value, dict) and isinstance(value.get("e"), int) else None


def opened_token(e_service: ElectronicService) -> str:
    """After the ID check: the token of the download link (valid for 30 minutes)."""
    return signing.dumps({"e": e_service.pk}, salt=OPENED_SALT, compress=True)


def sms_text(document, url: str) -> str:
    return (
        f"【湘西人社】{document.title}（{document.number}）已向您电子送达，请在"
        f"{link_max_age() // 86400}日内打开链接查阅：{url} 打开时需核对身份证号码后6位。"
    )


def send_electronic_service(model, pk, *, actor, document, address) -> ElectronicService:
    with case_action(model, pk, "send_e_service", actor=actor) as step:
        issued = case_document(step.case, document)
        consent = ServiceAddress.objects.filter(
            pk=address, content_type=issued.content_type, object_id=step.case.pk
        ).first()
        if consent is None:
            raise ValidationError({"address": ["请选择本案的送达地址确认书"]})
        if not consent.electronic_consent:
            raise ValidationError({"address": [f"{consent.recipient}未同意电子送达，请采用其他方式送达"]})
        if not issued.must_serve:
            raise ValidationError({"document": [f"“{issued.title}”无需送达"]})
        e_service = ElectronicService.objects.create(
            document=issued, address=consent, sent_at=timezone.now(), sent_by=actor
        )
        url = absolute_url(reverse("green:e-service", args=[link_token(e_service)]))
        phone, text = consent.phone, sms_text(issued, url)
        step.details.update(number=issued.number, recipient=consent.recipient, e_service=e_service.pk)
        step.on_commit(lambda: send_sms(phone, text))
    return e_service


@dataclass(frozen=True)
class Opening:
    e_service: ElectronicService
    service: Service


def id_tail_matches(e_service: ElectronicService, tail: str) -> bool:
    import hmac

    expected = (e_service.address.id_number or "")[-6:].upper()
    return len(expected) == 6 and hmac.compare_digest(expected.encode(), (tail or "").upper().encode())


def record_failed_check(e_service: ElectronicService) -> None:
    ElectronicService.objects.filter(pk=e_service.pk).update(failed_checks=e_service.failed_checks + 1)


def open_electronic_service(e_service: ElectronicService) -> Opening:
    """The recipient passed the ID check: the first opening is recorded, and with it the service (by the
    system, ``actor=None``) and the deadlines that run from it. Later openings change nothing."""
    document = e_service.document
    with transaction.atomic():
        locked = ElectronicService.objects.select_for_update().get(pk=e_service.pk)
        existing = Service.objects.filter(electronic=locked).first()
        if existing is not None:
            return Opening(locked, existing)
        model = document.content_type.model_class()
        with case_action(model, document.object_id, "e_service_opened", actor=None, label="电子送达") as step:
            now = timezone.now()
            locked.first_opened_at = now
            locked.save(update_fields=["first_opened_at"])
            served_on = timezone.localdate(now)
            service = Service.objects.create(
                document=document,
                method=ServiceMethod.ELECTRONIC,
                served_on=served_on,
                recipient=locked.address.recipient,
                note=f"短信发送于{timezone.localtime(locked.sent_at):%Y-%m-%d %H:%M}，"
                f"受送达人核验身份后于{timezone.localtime(now):%Y-%m-%d %H:%M}首次打开",
                electronic=locked,
            )
            served_in_step(step, document, served_on)
            step.details.update(number=document.number, method=ServiceMethod.ELECTRONIC, served_on=served_on)
    return Opening(locked, service)
