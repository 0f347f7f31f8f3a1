"""Messages to complainants and applicants at public milestones, through the SMS backend.

Plain words, the case number, nothing about anyone else. Called after commit (``step.on_commit``).

A case app sends its milestones with ``notify_complainant(case, "accepted")`` (the case's complainant or
applicant) or, for a case with many workers, ``notify_person(worker, case, "recovered", amount=...)``.
It may add milestones of its own with ``register_milestone(name, text)``. Texts are ``str.format``
templates with ``{number}`` (the case number), ``{noun}`` ("投诉" or "申请", from the green channel's
registry) and any keyword the caller passes.
"""

from casework.sms import send_sms

SIGNATURE = "【湘西人社】"

MILESTONE_TEXT = {
    "registered": "您的{noun}已登记，案件编号{number}。可凭案件编号和身份证号码后6位在绿色通道查询办理进度。",
    "accepted": "您的{noun}（{number}）已受理。",
    "not_accepted": "您的{noun}（{number}）不予受理，书面通知会送给您。",
    "filed": "您的{noun}（{number}）已立案调查。",
    "payment_ordered": "用人单位已被责令支付您的工资（{number}）。",
    "recovered": "已为您追回工资（{number}），请注意查收并确认。",
    "recovered_closed": "已为您追回被拖欠的工资，您的{noun}（{number}）已办结。请注意查收。",
    "closed": "您的{noun}（{number}）已办结。",
}


def register_milestone(name: str, text: str) -> None:
    """Add (or reword) a milestone message; see the module docstring for the placeholders."""
    MILESTONE_TEXT[name] = text


def _noun(case) -> str:
    from casework.public.registry import case_type_for

    case_type = case_type_for(case)
    return str(case_type.noun) if case_type else "申请"


def notify_person(person, case, milestone: str, **params) -> bool:
    """Send milestone ``milestone`` of ``case`` to ``person``'s mobile phone. Returns whether it was sent."""
    phone = getattr(person, "phone", "") if person else ""
    text = MILESTONE_TEXT.get(milestone)
    if not (phone and text):
        return False
    send_sms(phone, SIGNATURE + text.format(number=case.number, noun=_noun(case), **params))
    return True


def notify_complainant(case, milestone: str, **params) -> bool:
    """Send the milestone to the case's complainant (or applicant)."""
    person = getattr(case, "complainant", None) or getattr(case, "applicant", None)
    return notify_person(person, case, milestone, **params)


def notify_applicants(case, milestone: str, **params) -> int:
    """Send the milestone to every applicant of a case with many (mediation, arbitration). Returns how many."""
    return sum(notify_person(person, case, milestone, **params) for person in case.applicants.all())
