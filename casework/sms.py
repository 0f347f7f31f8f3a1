"""Pluggable SMS channel. The default backend only logs, with the number and every code or long number in
the text masked, and keeps the last messages in a bounded outbox (for tests and the demo)."""

import logging
import re
from collections import deque

from django.conf import settings
from django.utils.module_loading import import_string

from casework.masking import mask_phone

logger = logging.getLogger("casework.sms")

# one-time codes (6 digits), phone and ID numbers: any run of 5+ digits (a year or a count stays readable)
LONG_NUMBER = re.compile(r"\d{5,}[\dXx]*")
OUTBOX_SIZE = 500


def mask_message(text: str) -> str:
    return LONG_NUMBER.sub(lambda m: "*" * len(m.group(0)), text)


class LoggingSMSBackend:
    # the last OUTBOX_SIZE messages, in memory for tests and the demo; older ones fall off
    sent: deque[tuple[str, str]] = deque(maxlen=OUTBOX_SIZE)

    def send(self, phone: str, message: str) -> None:
        self.sent.append((phone, message))
        logger.info("SMS to %s: %s", mask_phone(phone), mask_message(message))


def get_backend():
    return import_string(settings.SMS_BACKEND)()


def send_sms(phone: str, message: str) -> None:
    if phone:
        get_backend().send(phone, message)
