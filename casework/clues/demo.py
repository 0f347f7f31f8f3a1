"""Demo clues in 吉首: a national-platform clue and a 12345 work order about the same employer (duplicates to
merge), and a walk-in clue already triaged and answered. Idempotent on the channel references."""

from datetime import timedelta

from django.utils import timezone

from casework.clues.models import Channel, Clue, ReplyOutcome
from casework.clues.services import clue_refuse, clue_register, clue_reply
from casework.models import Employer, Jurisdiction


def seed_clues(users):
    if Clue.objects.filter(channel=Channel.NATIONAL_PLATFORM, external_ref="GZQX-DEMO-0001").exists():
        return
    jishou = Jurisdiction.objects.filter(code="433101").first()
    inspector = users.get("inspector1")
    if jishou is None or inspector is None:
        return
    employer = Employer.objects.filter(jurisdiction=jishou).exclude(credit_code=None).order_by("pk").first()
    today = timezone.localdate()
    common = {
        "employer_name": employer.name if employer else "吉首市乾元建筑劳务有限公司",
        "employer_credit_code": employer.credit_code if employer else "",
        "project_name": "乾州新区安置房二期",
        "amount": "36000.00",
        "workers": 6,
    }
    clue_register(
        actor=users["clerk"],
        jurisdiction=jishou,
        channel=Channel.NATIONAL_PLATFORM,
        external_ref="GZQX-DEMO-0001",
        received_on=today - timedelta(days=3),
        reporter_name="向金花",
        reporter_phone="13907431111",
        facts="6名钢筋工2026年8月至10月工资未发",
        **common,
    )
    clue_register(
        actor=users["clerk"],
        jurisdiction=jishou,
        channel=Channel.HOTLINE_12345,
        external_ref="12345-DEMO-0001",
        received_on=today - timedelta(days=1),
        reporter_name="石大勇",
        reporter_phone="13907432222",
        facts="安置房二期工地拖欠班组工资",
        **common,
    )
    walk_in = clue_register(
        actor=users["clerk"],
        jurisdiction=jishou,
        channel=Channel.WALK_IN,
        external_ref="",
        received_on=today - timedelta(days=10),
        reporter_name="彭小梅",
        employer_name="吉首市某餐饮店",
        facts="反映餐馆未签劳动合同",
    )
    clue_refuse(actor=inspector, clue_id=walk_in.pk, reason="不属欠薪线索，已告知向劳动争议仲裁委申请")
    outcome = ReplyOutcome.objects.filter(code="out_of_scope").first()
    if outcome is not None:
        clue_reply(actor=inspector, clue_id=walk_in.pk, outcome=outcome)
