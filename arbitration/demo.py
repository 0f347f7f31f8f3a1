"""Demo mediation and arbitration cases in 吉首市, one in every state, dated relative to today.

Run by ``manage.py seed_demo`` (casework.demo). Idempotent: each demo case carries a ``submission_key``
``demo:<name>`` and is only created when no case has that key. Uses the demo users mediator,
arbitrator1–3 and chair. Names and identifiers are fictitious (valid check characters).
"""

import datetime
from datetime import timedelta

from django.utils import timezone

from arbitration.models import ArbitrationCase, MediationCase
from arbitration.services import arbitration as arb
from arbitration.services import mediation as med
from arbitration.services.conversion import mediation_to_arbitration
from casework.calendar.workdays import add_working_days
from casework.demo_parties import demo_employer, demo_person
from casework.models import Jurisdiction

# fmt: off
SURNAMES = "彭向田龙石吴杨麻滕符梁张覃瞿舒"
GIVEN = ["秀英", "光明", "春花", "建军", "志强", "小红", "国庆", "德华", "桂兰", "永福", "金凤", "成林",
         "海燕", "长生", "玉梅", "家旺", "清泉", "月娥", "天佑", "银花"]
AREAS = ["433122", "433123", "433124", "433125", "433126", "433127", "433130", "433101"]
EMPLOYERS = [
    ("吉首市峒河劳务有限公司", 5101, "田茂盛", "湖南省湘西州吉首市峒河街道人民南路18号"),
    ("湘西乾元建筑工程有限公司", 5102, "彭乾元", "湖南省湘西州吉首市乾州街道建新路9号"),
    ("吉首市德夯旅游发展有限公司", 5103, "龙德夯", "湖南省湘西州吉首市矮寨镇德夯村"),
    ("湘西武陵山物流有限公司", 5104, "石永成", "湖南省湘西州吉首市经开区物流园3号"),
    ("吉首市椪柑食品加工厂", 5105, "向金桔", "湖南省湘西州吉首市马颈坳镇工业园"),
]
# fmt: on


def _people(jishou, count: int, start: int):
    people = []
    for i in range(start, start + count):
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)]
        birth = datetime.date(1972 + i % 25, 1 + i % 12, 1 + i % 27)
        people.append(
            demo_person(
                AREAS[i % len(AREAS)],
                birth,
                600 + i,
                name=name,
                phone=f"139743{i:05d}",
                hometown="湖南省湘西州",
                is_migrant_worker=i % 3 != 2,
                jurisdiction=jishou,
            )
        )
    return people


def _employers(jishou):
    return [
        demo_employer(
            "433101",
            serial,
            name=name,
            legal_representative=legal,
            address=address,
            jurisdiction=jishou,
            industry="construction",
        )
        for name, serial, legal, address in EMPLOYERS
    ]


WAGES = [{"claim_type": "wages", "description": "拖欠工资", "amount": "18600.00"}]
MIXED = [
    {"claim_type": "wages", "description": "2025年9月至12月工资", "amount": "21000.00"},
    {"claim_type": "economic_compensation", "description": "解除劳动合同经济补偿", "amount": "36000.00"},
    {"claim_type": "employment_relation", "description": "确认2023年3月起存在劳动关系"},
]
FACTS = "申请人在被申请人处工作，被申请人未按约定支付劳动报酬，经多次催要未果。"
EVIDENCE = "考勤记录，申请人提供，证明出勤情况\n工资欠条，被申请人出具，证明欠薪金额"
RECORD = "申请人陈述仲裁请求及事实理由；被申请人答辩；双方质证、辩论并作最后陈述。"
# Mediation demo cases: key and days since the application was received.
MEDIATIONS = [
    ("m-applied", 1),
    ("m-accepted", 3),
    ("m-session", 6),
    ("m-agreement", 8),
    ("m-failed", 16),
    ("m-review-requested", 10),
    ("m-under-review", 12),
    ("m-reviewed", 20),
    ("m-review-refused", 20),
    ("m-refused", 5),
    ("m-withdrawn", 7),
    ("m-converted", 18),
    ("m-closed", 30),
    ("m-archived", 60),
]


class _Demo:
    """The demo's people, employers and staff, and the steps that take a case to a given state."""

    def __init__(self, users):
        self.jishou = Jurisdiction.objects.get(code="433101")
        self.chair, self.mediator = users["chair"], users["mediator"]
        self.a1, self.a2, self.a3 = users["arbitrator1"], users["arbitrator2"], users["arbitrator3"]
        self.today = timezone.localdate()
        self.people = _people(self.jishou, 40, 0)
        self.employers = _employers(self.jishou)

    def back(self, days: int) -> datetime.date:
        return self.today - timedelta(days=days)

    # --- arbitration ---------------------------------------------------------------------------------
    def apply(self, key, applicants, employer, claims, received_days, **extra):
        """The demo application ``key`` (None if it exists already: the seeder runs again)."""
        if ArbitrationCase.objects.filter(submission_key=f"demo:{key}").exists():
            return None
        return arb.arbitration_apply(
            actor=self.chair,
            jurisdiction=self.jishou,
            applicants=self.people[applicants],
            respondent=employer,
            claims=claims,
            facts=FACTS,
            evidence_list=EVIDENCE,
            received_on=self.back(received_days),
            submission_key=f"demo:{key}",
            **extra,
        )

    def accept(self, case, days_ago):
        return arb.arbitration_accept(actor=self.chair, case_id=case.pk, on=self.back(days_ago))

    def form(self, case, days_ago, *, simplified=False):
        arb.arbitration_serve(actor=self.chair, case_id=case.pk, on=self.back(days_ago))
        panel = {"procedure": "simplified"} if simplified else {"members": [self.a2, self.a3]}
        return arb.arbitration_form_tribunal(
            actor=self.chair, case_id=case.pk, presiding=self.a1, on=self.back(days_ago), **panel
        )

    def hear(self, case, notice_days_ago):
        notice = self.back(notice_days_ago)
        hearing_day = add_working_days(notice, 6, self.jishou.pk)
        hearing_at = timezone.make_aware(datetime.datetime.combine(hearing_day, datetime.time(9, 30)))
        arb.arbitration_schedule_hearing(
            actor=self.a1,
            case_id=case.pk,
            hearing_at=hearing_at,
            place="吉首市劳动人事争议仲裁院第一仲裁庭",
            notice_on=notice,
        )
        if hearing_day <= self.today:
            arb.arbitration_hold_hearing(actor=self.a1, case_id=case.pk, record=RECORD)
        return ArbitrationCase.objects.get(pk=case.pk)

    def award(self, case, days_ago):
        items = [{"claim": i.pk, "decision": "upheld", "awarded_amount": i.amount} for i in case.claims.all()]
        text = "申请人的请求有考勤记录和工资欠条为证，本庭予以支持。"
        arb.arbitration_award(actor=self.a1, case_id=case.pk, items=items, text=text, on=self.back(days_ago))

    # --- mediation -----------------------------------------------------------------------------------
    def mapply(self, key, person, employer, received_days):
        if MediationCase.objects.filter(submission_key=f"demo:{key}").exists():
            return None
        return med.mediation_apply(
            actor=self.mediator,
            jurisdiction=self.jishou,
            applicants=[person],
            respondent=employer,
            claims=WAGES,
            facts="被申请人拖欠申请人工资，申请调解。",
            received_on=self.back(received_days),
            submission_key=f"demo:{key}",
        )


def _early_arbitrations(d: _Demo) -> None:
    """Applied, materials requested, refused, accepted, served, formed, scheduled, heard."""
    chair, e = d.chair, d.employers
    d.apply("applied", slice(0, 1), e[0], WAGES, 1)
    if c := d.apply("materials", slice(1, 2), None, [], 3, respondent_name_given="某劳务老板（姓名不详）"):
        arb.arbitration_request_materials(actor=chair, case_id=c.pk, missing=["evidence"], on=d.back(2))
    if c := d.apply("refused", slice(2, 3), e[1], WAGES, 10):
        reason = "申请人与被申请人之间为承揽关系，不属于劳动人事争议受理范围"
        arb.arbitration_refuse(actor=chair, case_id=c.pk, reason=reason)
    if c := d.apply("accepted", slice(3, 4), e[1], WAGES, 4):
        d.accept(c, 2)
    if c := d.apply("served", slice(4, 5), e[2], MIXED, 6):
        d.accept(c, 4)
        arb.arbitration_serve(actor=chair, case_id=c.pk, on=d.back(2))
    if c := d.apply("formed", slice(5, 6), e[2], WAGES, 9, procedure="simplified"):
        d.accept(c, 8)
        d.form(c, 6, simplified=True)
    if c := d.apply("scheduled", slice(6, 7), e[3], MIXED, 12):
        d.accept(c, 10)
        d.form(c, 9)
        arb.arbitration_record_defence(
            actor=d.a1, case_id=c.pk, summary="被申请人称已支付部分工资", on=d.back(5)
        )
        d.hear(c, 0)
    if c := d.apply("heard", slice(7, 8), e[3], MIXED, 30):
        d.accept(c, 28)
        d.form(c, 27)
        d.hear(c, 20)


def _arbitrations_on_hold(d: _Demo) -> None:
    """Suspended, extended, mediated, and a collective case with its representatives."""
    chair, e = d.chair, d.employers
    if c := d.apply("suspended", slice(8, 9), e[4], WAGES, 30):
        d.accept(c, 28)
        d.form(c, 27)
        arb.arbitration_record_defence(
            actor=d.a1, case_id=c.pk, summary="被申请人否认拖欠工资", on=d.back(20)
        )
        arb.arbitration_send_defence_copy(actor=d.a1, case_id=c.pk, on=d.back(18))
        reason = "申请人住院治疗，无法参加仲裁活动"
        arb.arbitration_suspend(actor=chair, case_id=c.pk, reason=reason, on=d.back(10))
    if c := d.apply("extended", slice(9, 10), e[4], MIXED, 44, complex=True):
        d.accept(c, 42)
        d.form(c, 40)
        d.hear(c, 30)
        arb.arbitration_extend(actor=chair, case_id=c.pk, reason="案情复杂，需调取社保缴费记录")
    if c := d.apply("mediated", slice(10, 11), e[0], WAGES, 35):
        d.accept(c, 33)
        d.form(c, 32)
        d.hear(c, 25)
        terms = "被申请人于十日内一次性支付申请人工资16000元。"
        arb.arbitration_mediate(actor=d.a1, case_id=c.pk, terms=terms, signed_on=d.back(8))
    if c := d.apply("collective", slice(20, 32), e[1], WAGES, 5):
        d.accept(c, 4)
        d.form(c, 3)
        persons = d.people[20:23]
        arb.arbitration_set_representatives(actor=chair, case_id=c.pk, persons=persons, elected_on=d.back(4))


def _ended_arbitrations(d: _Demo) -> None:
    """Awarded, closed, archived, withdrawn, cancelled, terminated."""
    chair, e = d.chair, d.employers
    for key, first, days in (("awarded", 11, 40), ("closed", 12, 60), ("archived", 13, 90)):
        if not (c := d.apply(key, slice(first, first + 1), e[1], MIXED, days)):
            continue
        d.accept(c, days - 2)
        d.form(c, days - 3)
        d.award(d.hear(c, days - 8), days - 20)
        if key in ("closed", "archived"):
            arb.arbitration_close(actor=chair, case_id=c.pk, summary="裁决书已送达双方当事人，同意结案。")
        if key == "archived":
            arb.arbitration_archive(actor=d.a1, case_id=c.pk)
    if c := d.apply("withdrawn", slice(17, 18), e[2], WAGES, 20):
        d.accept(c, 18)
        arb.arbitration_withdraw(actor=chair, case_id=c.pk, reason="双方自行和解，申请人书面申请撤回")
    if c := d.apply("cancelled", slice(18, 19), e[3], WAGES, 25):
        d.accept(c, 23)
        arb.arbitration_cancel(actor=chair, case_id=c.pk, reason="受理后发现申请人已就同一争议向人民法院起诉")
    if c := d.apply("terminated", slice(19, 20), e[4], WAGES, 70):
        d.accept(c, 68)
        d.form(c, 66)
        reason = "申请人以逾期未作出裁决为由向人民法院起诉"
        arb.arbitration_terminate(
            actor=chair, case_id=c.pk, reason=reason, termination_reason="overdue_lawsuit"
        )


def _mediation_steps(d: _Demo) -> dict:
    """Each step a demo mediation takes, given the case and the days since its application."""
    mediator, chair = d.mediator, d.chair
    return {
        "accept": lambda c, days: med.mediation_accept(actor=mediator, case_id=c.pk, on=d.back(days - 1)),
        "session": lambda c, days: med.mediation_hold_session(
            actor=mediator,
            case_id=c.pk,
            summary="分别听取双方意见，释明法律规定。",
            held_on=d.back(days - 2),
            place="调解室",
        ),
        "agree": lambda c, days: med.mediation_reach_agreement(
            actor=mediator,
            case_id=c.pk,
            terms="被申请人于2026年内分两期支付工资18600元。",
            on=d.back(days - 3),
        ),
        "fail": lambda c, days: med.mediation_fail(
            actor=mediator, case_id=c.pk, reason="被申请人拒绝调解", on=d.back(days - 3)
        ),
        "review": lambda c, days: med.mediation_request_review(
            actor=mediator, case_id=c.pk, on=d.back(days - 4)
        ),
        "accept_review": lambda c, days: med.mediation_accept_review(
            actor=chair, case_id=c.pk, reviewer=d.a2, on=d.back(days - 5)
        ),
        "confirm_review": lambda c, days: med.mediation_confirm_review(
            actor=d.a2, case_id=c.pk, on=d.back(days - 6)
        ),
        "refuse_review": lambda c, days: med.mediation_refuse_review(
            actor=chair, case_id=c.pk, reason="调解协议内容涉及确认劳动关系，不予制作调解书"
        ),
        "refuse": lambda c, days: med.mediation_refuse(actor=mediator, case_id=c.pk, reason="已申请劳动仲裁"),
        "withdraw": lambda c, days: med.mediation_withdraw(actor=mediator, case_id=c.pk, reason="申请人撤回"),
        "convert": lambda c, days: mediation_to_arbitration(
            actor=mediator, mediation_id=c.pk, reason="申请人要求申请仲裁"
        ),
        "close": lambda c, days: med.mediation_close(
            actor=mediator, case_id=c.pk, summary="调解协议已履行。"
        ),
        "archive": lambda c, days: med.mediation_archive(actor=mediator, case_id=c.pk),
    }


# The steps that take each demo mediation to its state.
MEDIATION_PATHS = {
    "m-accepted": ("accept",),
    "m-session": ("accept", "session"),
    "m-agreement": ("accept", "session", "agree"),
    "m-failed": ("accept", "session", "fail"),
    "m-review-requested": ("accept", "agree", "review"),
    "m-under-review": ("accept", "agree", "review", "accept_review"),
    "m-reviewed": ("accept", "agree", "review", "accept_review", "confirm_review"),
    "m-review-refused": ("accept", "agree", "review", "refuse_review"),
    "m-refused": ("refuse",),
    "m-withdrawn": ("accept", "withdraw"),
    "m-converted": ("accept", "session", "fail", "convert"),
    "m-closed": ("accept", "session", "agree", "close"),
    "m-archived": ("accept", "session", "agree", "close", "archive"),
}


def _mediations(d: _Demo) -> None:
    steps = _mediation_steps(d)
    for i, (key, days) in enumerate(MEDIATIONS):
        case = d.mapply(key, d.people[32 + i % 8], d.employers[i % 5], days)
        if case is None:
            continue
        for step in MEDIATION_PATHS.get(key, ()):
            steps[step](case, days)


def seed_mediation_and_arbitration(users):
    demo = _Demo(users)
    _early_arbitrations(demo)
    _arbitrations_on_hold(demo)
    _ended_arbitrations(demo)
    _mediations(demo)
