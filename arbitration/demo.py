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
from casework.demo_parties import demo_credit_code, demo_id_number
from casework.models import Jurisdiction
from casework.services.parties import employer_get_or_create_by_credit_code, person_get_or_create_by_id_number

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
        person, _created = person_get_or_create_by_id_number(
            id_number=demo_id_number(AREAS[i % len(AREAS)], birth, 600 + i),
            name=name,
            phone=f"139743{i:05d}",
            hometown="湖南省湘西州",
            is_migrant_worker=i % 3 != 2,
            jurisdiction=jishou,
        )
        people.append(person)
    return people


def _employers(jishou):
    out = []
    for name, serial, legal, address in EMPLOYERS:
        employer, _created = employer_get_or_create_by_credit_code(
            credit_code=demo_credit_code("433101", serial),
            name=name,
            legal_representative=legal,
            address=address,
            jurisdiction=jishou,
            industry="construction",
        )
        out.append(employer)
    return out


def seed_mediation_and_arbitration(users):
    jishou = Jurisdiction.objects.get(code="433101")
    chair, mediator = users["chair"], users["mediator"]
    a1, a2, a3 = users["arbitrator1"], users["arbitrator2"], users["arbitrator3"]
    today = timezone.localdate()

    def back(days: int) -> datetime.date:
        return today - timedelta(days=days)

    people = _people(jishou, 40, 0)
    employers = _employers(jishou)
    wages = [{"claim_type": "wages", "description": "拖欠工资", "amount": "18600.00"}]
    mixed = [
        {"claim_type": "wages", "description": "2025年9月至12月工资", "amount": "21000.00"},
        {"claim_type": "economic_compensation", "description": "解除劳动合同经济补偿", "amount": "36000.00"},
        {"claim_type": "employment_relation", "description": "确认2023年3月起存在劳动关系"},
    ]

    def apply(key, applicant_slice, employer, claims, received, **extra):
        if ArbitrationCase.objects.filter(submission_key=f"demo:{key}").exists():
            return None
        return arb.arbitration_apply(
            actor=chair,
            jurisdiction=jishou,
            applicants=people[applicant_slice],
            respondent=employer,
            claims=claims,
            facts="申请人在被申请人处工作，被申请人未按约定支付劳动报酬，经多次催要未果。",
            evidence_list="考勤记录，申请人提供，证明出勤情况\n工资欠条，被申请人出具，证明欠薪金额",
            received_on=received,
            submission_key=f"demo:{key}",
            **extra,
        )

    def accept(case, days_ago):
        return arb.arbitration_accept(actor=chair, case_id=case.pk, on=back(days_ago))

    def form(case, days_ago, *, simplified=False):
        arb.arbitration_serve(actor=chair, case_id=case.pk, on=back(days_ago))
        if simplified:
            return arb.arbitration_form_tribunal(
                actor=chair, case_id=case.pk, presiding=a1, procedure="simplified", on=back(days_ago)
            )
        return arb.arbitration_form_tribunal(
            actor=chair, case_id=case.pk, presiding=a1, members=[a2, a3], on=back(days_ago)
        )

    def hear(case, notice_days_ago):
        notice = back(notice_days_ago)
        hearing_day = add_working_days(notice, 6, jishou.pk)
        hearing_at = timezone.make_aware(datetime.datetime.combine(hearing_day, datetime.time(9, 30)))
        arb.arbitration_schedule_hearing(
            actor=a1,
            case_id=case.pk,
            hearing_at=hearing_at,
            place="吉首市劳动人事争议仲裁院第一仲裁庭",
            notice_on=notice,
        )
        if hearing_day <= today:
            arb.arbitration_hold_hearing(
                actor=a1,
                case_id=case.pk,
                record="申请人陈述仲裁请求及事实理由；被申请人答辩；双方质证、辩论并作最后陈述。",
            )
        return ArbitrationCase.objects.get(pk=case.pk)

    # --- arbitration: one case per state --------------------------------------------------------
    apply("applied", slice(0, 1), employers[0], wages, back(1))
    c = apply("materials", slice(1, 2), None, [], back(3), respondent_name_given="某劳务老板（姓名不详）")
    if c:
        arb.arbitration_request_materials(actor=chair, case_id=c.pk, missing=["evidence"], on=back(2))
    c = apply("refused", slice(2, 3), employers[1], wages, back(10))
    if c:
        arb.arbitration_refuse(
            actor=chair, case_id=c.pk, reason="申请人与被申请人之间为承揽关系，不属于劳动人事争议受理范围"
        )
    c = apply("accepted", slice(3, 4), employers[1], wages, back(4))
    if c:
        accept(c, 2)
    c = apply("served", slice(4, 5), employers[2], mixed, back(6))
    if c:
        accept(c, 4)
        arb.arbitration_serve(actor=chair, case_id=c.pk, on=back(2))
    c = apply("formed", slice(5, 6), employers[2], wages, back(9), procedure="simplified")
    if c:
        accept(c, 8)
        form(c, 6, simplified=True)
    c = apply("scheduled", slice(6, 7), employers[3], mixed, back(12))
    if c:
        accept(c, 10)
        form(c, 9)
        arb.arbitration_record_defence(actor=a1, case_id=c.pk, summary="被申请人称已支付部分工资", on=back(5))
        hear(c, 0)
    c = apply("heard", slice(7, 8), employers[3], mixed, back(30))
    if c:
        accept(c, 28)
        form(c, 27)
        hear(c, 20)
    c = apply("suspended", slice(8, 9), employers[4], wages, back(30))
    if c:
        accept(c, 28)
        form(c, 27)
        arb.arbitration_record_defence(actor=a1, case_id=c.pk, summary="被申请人否认拖欠工资", on=back(20))
        arb.arbitration_send_defence_copy(actor=a1, case_id=c.pk, on=back(18))
        arb.arbitration_suspend(
            actor=chair, case_id=c.pk, reason="申请人住院治疗，无法参加仲裁活动", on=back(10)
        )
    c = apply("extended", slice(9, 10), employers[4], mixed, back(44), complex=True)
    if c:
        accept(c, 42)
        form(c, 40)
        hear(c, 30)
        arb.arbitration_extend(actor=chair, case_id=c.pk, reason="案情复杂，需调取社保缴费记录")
    c = apply("mediated", slice(10, 11), employers[0], wages, back(35))
    if c:
        accept(c, 33)
        form(c, 32)
        hear(c, 25)
        arb.arbitration_mediate(
            actor=a1, case_id=c.pk, terms="被申请人于十日内一次性支付申请人工资16000元。", signed_on=back(8)
        )
    for key, first, state_days in (("awarded", 11, 40), ("closed", 12, 60), ("archived", 13, 90)):
        c = apply(key, slice(first, first + 1), employers[1], mixed, back(state_days))
        if not c:
            continue
        accept(c, state_days - 2)
        form(c, state_days - 3)
        c = hear(c, state_days - 8)
        items = [
            {"claim": item.pk, "decision": "upheld", "awarded_amount": item.amount} for item in c.claims.all()
        ]
        arb.arbitration_award(
            actor=a1,
            case_id=c.pk,
            items=items,
            text="申请人的请求有考勤记录和工资欠条为证，本庭予以支持。",
            on=back(state_days - 20),
        )
        if key in ("closed", "archived"):
            arb.arbitration_close(actor=chair, case_id=c.pk, summary="裁决书已送达双方当事人，同意结案。")
        if key == "archived":
            arb.arbitration_archive(actor=a1, case_id=c.pk)
    c = apply("withdrawn", slice(17, 18), employers[2], wages, back(20))
    if c:
        accept(c, 18)
        arb.arbitration_withdraw(actor=chair, case_id=c.pk, reason="双方自行和解，申请人书面申请撤回")
    c = apply("cancelled", slice(18, 19), employers[3], wages, back(25))
    if c:
        accept(c, 23)
        arb.arbitration_cancel(actor=chair, case_id=c.pk, reason="受理后发现申请人已就同一争议向人民法院起诉")
    c = apply("terminated", slice(19, 20), employers[4], wages, back(70))
    if c:
        accept(c, 68)
        form(c, 66)
        arb.arbitration_terminate(
            actor=chair,
            case_id=c.pk,
            reason="申请人以逾期未作出裁决为由向人民法院起诉",
            termination_reason="overdue_lawsuit",
        )
    c = apply("collective", slice(20, 32), employers[1], wages, back(5))
    if c:
        accept(c, 4)
        form(c, 3)
        arb.arbitration_set_representatives(
            actor=chair, case_id=c.pk, persons=people[20:23], elected_on=back(4)
        )

    # --- mediation: one case per state ----------------------------------------------------------
    def mapply(key, person, employer, received):
        if MediationCase.objects.filter(submission_key=f"demo:{key}").exists():
            return None
        return med.mediation_apply(
            actor=mediator,
            jurisdiction=jishou,
            applicants=[person],
            respondent=employer,
            claims=wages,
            facts="被申请人拖欠申请人工资，申请调解。",
            received_on=received,
            submission_key=f"demo:{key}",
        )

    m = {}
    for i, (key, days) in enumerate(
        [
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
    ):
        case = mapply(key, people[32 + i % 8], employers[i % 5], back(days))
        if case is None:
            continue
        m[key] = (case, days)

    def progress(key, *steps):
        if key not in m:
            return
        case, days = m[key]
        for step in steps:
            step(case, days)

    def m_accept(c, d):
        med.mediation_accept(actor=mediator, case_id=c.pk, on=back(d - 1))

    def m_session(c, d):
        med.mediation_hold_session(
            actor=mediator,
            case_id=c.pk,
            summary="分别听取双方意见，释明法律规定。",
            held_on=back(d - 2),
            place="调解室",
        )

    def m_agree(c, d):
        med.mediation_reach_agreement(
            actor=mediator, case_id=c.pk, terms="被申请人于2026年内分两期支付工资18600元。", on=back(d - 3)
        )

    def m_fail(c, d):
        med.mediation_fail(actor=mediator, case_id=c.pk, reason="被申请人拒绝调解", on=back(d - 3))

    def m_review(c, d):
        med.mediation_request_review(actor=mediator, case_id=c.pk, on=back(d - 4))

    def m_accept_review(c, d):
        med.mediation_accept_review(actor=chair, case_id=c.pk, reviewer=a2, on=back(d - 5))

    def m_close(c, d):
        med.mediation_close(actor=mediator, case_id=c.pk, summary="调解协议已履行完毕。")

    progress("m-accepted", m_accept)
    progress("m-session", m_accept, m_session)
    progress("m-agreement", m_accept, m_session, m_agree)
    progress("m-failed", m_accept, m_session, m_fail)
    progress("m-review-requested", m_accept, m_agree, m_review)
    progress("m-under-review", m_accept, m_agree, m_review, m_accept_review)
    progress(
        "m-reviewed",
        m_accept,
        m_agree,
        m_review,
        m_accept_review,
        lambda c, d: med.mediation_confirm_review(actor=a2, case_id=c.pk, on=back(d - 6)),
    )
    progress(
        "m-review-refused",
        m_accept,
        m_agree,
        m_review,
        lambda c, d: med.mediation_refuse_review(
            actor=chair, case_id=c.pk, reason="调解协议内容涉及确认劳动关系，不予制作调解书"
        ),
    )
    progress(
        "m-refused", lambda c, d: med.mediation_refuse(actor=mediator, case_id=c.pk, reason="已申请劳动仲裁")
    )
    progress(
        "m-withdrawn",
        m_accept,
        lambda c, d: med.mediation_withdraw(actor=mediator, case_id=c.pk, reason="申请人撤回"),
    )
    progress(
        "m-converted",
        m_accept,
        m_session,
        m_fail,
        lambda c, d: mediation_to_arbitration(actor=mediator, mediation_id=c.pk, reason="申请人要求申请仲裁"),
    )
    progress("m-closed", m_accept, m_session, m_agree, m_close)
    progress(
        "m-archived",
        m_accept,
        m_session,
        m_agree,
        m_close,
        lambda c, d: med.mediation_archive(actor=mediator, case_id=c.pk),
    )
