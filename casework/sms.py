"""Pluggable SMS channel. The default backend only logs (with the number masked)."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

from casework.masking import mask_phone

logger = logging.getLogger("casework.sms")


class LoggingSMSBackend:
    sent: list[tuple[str, str]] = []  # kept in memory for tests and the demo

    def send(self, phone: str, message: str) -> None:
        self.sent.append((phone, message))
        logger.info("SMS to %s: %s", mask_phone(phone), message)


def get_backend():
    return import_string(settings.SMS_BACKEND)()


def send_sms(phone: str, message: str) -> None:
    if phone:
        get_backend().send(phone, message)
