"""Outbound channels for staff notifications: e-mail (Django's mail backend) and SMS (``casework.sms``).

The in-app channel is the ``Notification`` row itself (the bell). Each sender here raises on failure;
``casework.services.notifications.deliver_notification`` records it and retries later. Texts carry the
case number and the deadline, never a party's name, ID number or phone.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _

from casework.sms import get_backend as get_sms_backend

EMAIL_SUBJECT_PREFIX = "【湘西人社·案件期限】"
SMS_SIGNATURE = "【湘西人社】"
SMS_MAX_CHARS = 120


def absolute_url(path: str) -> str:
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


def email_address(user) -> str:
    return (user.email or "").strip()


def sms_number(user) -> str:
    pref = getattr(user, "notification_preference", None)
    return pref.mobile if pref is not None and pref.sms_enabled else ""


def send_email(notification) -> bool:
    """E-mail the notification to its recipient; False when they have no address (nothing to send)."""
    address = email_address(notification.recipient)
    if not address:
        return False
    lines = [notification.body]
    if notification.url:
        lines.append(_("查看：%(url)s") % {"url": absolute_url(notification.url)})
    lines.append(_("—— 湘西州劳动保障案件管理系统（自动发送，请勿回复）"))
    EmailMessage(
        subject=EMAIL_SUBJECT_PREFIX + notification.title,
        body="\n\n".join(line for line in lines if line),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
    ).send(fail_silently=False)
    return True


def send_sms(notification) -> bool:
    """Text the notification's title; False when the recipient has no SMS number turned on."""
    phone = sms_number(notification.recipient)
    if not phone:
        return False
    text = SMS_SIGNATURE + notification.title
    get_sms_backend().send(phone, text[:SMS_MAX_CHARS])
    return True
