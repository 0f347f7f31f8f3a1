"""Messages to complainants and applicants at public milestones, through the SMS backend.

Plain words, the case number, nothing about anyone else. Called after commit.
"""

from casework.sms import send_sms

MILESTONE_TEXT = {
    "registered": "您的投诉已登记，案件编号{number}。可凭编号和身份证号后6位在绿色通道查询进度。",
    "accepted": "您的投诉（{number}）已受理。",
    "not_accepted": "您的投诉（{number}）不予受理，书面通知将送达您。",
    "filed": "您的投诉（{number}）已立案调查。",
    "payment_ordered": "用人单位已被责令支付您的工资（{number}）。",
    "recovered": "已为您追回工资（{number}），请注意查收并确认。",
    "closed": "您的投诉（{number}）已办结。",
}


def notify_complainant(case, milestone: str) -> None:
    person = getattr(case, "complainant", None) or getattr(case, "applicant", None)
    phone = getattr(person, "phone", "") if person else ""
    text = MILESTONE_TEXT.get(milestone)
    if phone and text:
        send_sms(phone, "【湘西人社】" + text.format(number=case.number))
