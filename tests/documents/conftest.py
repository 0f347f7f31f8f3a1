import re
from datetime import timedelta

import pytest
from django.utils import timezone

from casework.inspection import services as svc
from casework.sms import LoggingSMSBackend

RECIPIENT_ID = "43310119800101019X"  # a valid GB 11643 number (check character X)


@pytest.fixture
def sms_outbox():
    LoggingSMSBackend.sent.clear()
    yield LoggingSMSBackend.sent
    LoggingSMSBackend.sent.clear()


@pytest.fixture
def ordered(investigating, staff):
    """A complaint under investigation with a 限期改正指令书 (due in 10 days)."""
    case = investigating()
    return svc.complaint_order_rectification(
        actor=staff["inspector1"],
        complaint_id=case.pk,
        due_on=timezone.localdate() + timedelta(days=10),
        items="支付拖欠的工资15600元",
    )


def link_path(message: str) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message).group(1)
