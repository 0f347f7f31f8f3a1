"""Pluggable SMS channel. The default backend only logs, with the number and every code or long number in
the text masked, and keeps the last messages in a bounded outbox (for tests and the demo).

``send_sms(phone, text, reference=...)``: a caller that may send the same message twice (a milestone message
resent after its worker died mid-send) passes a client reference (idempotency key). The logging backend sends
a reference once and answers the first send's receipt again. A real gateway backend must pass the reference to
a gateway that supports a client reference (most Chinese SMS gateways take an ``outId``/``extend`` field and
reject or ignore a repeat); against a gateway that does not, a death between the gateway's accepting and our
recording it can still duplicate one message."""

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
    # client reference -> receipt, for the last OUTBOX_SIZE references (a resend of one is not sent again)
    receipts: dict[str, str] = {}

    def send(self, phone: str, message: str, reference: str = "") -> str:
        if reference and reference in self.receipts:
            logger.info("SMS to %s not resent: reference %s already sent", mask_phone(phone), reference)
            return self.receipts[reference]
        self.sent.append((phone, message))
        logger.info("SMS to %s: %s", mask_phone(phone), mask_message(message))
        receipt = f"log-{len(self.sent)}"
        if reference:
            if len(self.receipts) >= OUTBOX_SIZE:
                self.receipts.pop(next(iter(self.receipts)))
            self.receipts[reference] = receipt
        return receipt


def get_backend():
    return import_string(settings.SMS_BACKEND)()


def send_sms(phone: str, message: str, reference: str = "") -> str:
    """Send; returns the gateway's receipt ("" when there is no phone). Gateway errors propagate."""
    if not phone:
        return ""
    backend = get_backend()
    receipt = backend.send(phone, message, reference=reference) if reference else backend.send(phone, message)
    return str(receipt or "")
