"""The default SMS backend logs neither the one-time code nor the phone number, and forgets old messages."""

import logging

from casework.sms import OUTBOX_SIZE, LoggingSMSBackend, send_sms


def test_the_log_masks_the_phone_and_the_code(caplog, settings):
    settings.SMS_BACKEND = "casework.sms.LoggingSMSBackend"
    with caplog.at_level(logging.INFO, logger="casework.sms"):
        send_sms("13974301234", "【湘西人社】您的验证码是482913，5分钟内有效。身份证433101199001011234")
    text = caplog.text
    assert "482913" not in text and "13974301234" not in text and "433101199001011234" not in text
    assert "139****1234" in text and "验证码是******" in text and "5分钟内有效" in text
    assert LoggingSMSBackend.sent[-1][1].count("482913") == 1  # the outbox (tests, demo) keeps the text


def test_the_outbox_is_bounded():
    LoggingSMSBackend.sent.clear()
    backend = LoggingSMSBackend()
    for i in range(OUTBOX_SIZE + 10):
        backend.send("13974301234", f"第{i}条")
    assert len(LoggingSMSBackend.sent) == OUTBOX_SIZE
    assert (
        LoggingSMSBackend.sent[0][1] == "第10条" and LoggingSMSBackend.sent[-1][1] == f"第{OUTBOX_SIZE + 9}条"
    )
    LoggingSMSBackend.sent.clear()
