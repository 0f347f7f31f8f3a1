"""Large case files for the PDF benchmark, built with the services (call inside a transaction that is rolled back).

``big_arbitration_case`` walks a collective arbitration case through everything its 正卷 binds: twelve applicants,
twenty claims, a twenty-line evidence list, a postponed hearing and two held hearings with long records, a partial
award and the final award, an extension, a suspension and its resumption, twelve evidence files and the closing.
``big_complaint`` is a complaint with a long investigation: ten complaints joined to it, thirty evidence files, an
extension, a penalty notice with the employer's statements, the penalty decision and the closing.

Dates count back from today so that every act date is in the past and every hearing notice is in time.
"""

from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from casework.validators import credit_code_check_char, id_number_check_char

RECORD_PARAGRAPH = (
    "仲裁员：现在开庭。请申请人陈述仲裁请求及事实和理由。申请人代表：我们十二人于{year}年3月起在被申请人承建的"
    "吉首市乾州安置房项目从事钢筋、木工、泥工作业，约定按月计发工资，实际只发放生活费，至今拖欠工资、加班费"
    "共计若干元。被申请人：对用工事实无异议，但工资应由劳务分包方支付，且部分工人出勤天数与考勤表不一致。"
    "仲裁员：请双方就考勤表、工资表及微信聊天记录的真实性发表质证意见。申请人代表：考勤表由班组长每日记录，"
    "项目部签字确认。被申请人：对签字真实性无异议，对加班时长有异议。"
)


def _id_number(n: int) -> str:
    first17 = f"433101{1970 + n % 30}{(n % 12) + 1:02d}{(n % 28) + 1:02d}{n % 1000:03d}"
    return first17 + id_number_check_char(first17)


def _credit_code(n: int) -> str:
    first17 = f"91433101MA4P{n:05d}"
    return first17 + credit_code_check_char(first17)


def _people(prefix: str, count: int, start: int):
    """``count`` workers with valid ID numbers not already held by anyone (a seeded database has many)."""
    from casework.models import Jurisdiction, Person

    jishou = Jurisdiction.objects.get(code="433101")
    people, n = [], start
    while len(people) < count:
        number = _id_number(n)
        if not Person.objects.filter(id_number=number).exists():
            people.append(
                Person.objects.create(
                    name=f"{prefix}{len(people) + 1}",
                    id_number=number,
                    phone=f"139{n:08d}",
                    hometown="湖南省湘西州保靖县",
                    is_migrant_worker=True,
                    jurisdiction=jishou,
                )
            )
        n += 1
    return people


def _employer(name: str, n: int):
    from casework.models import Employer, Jurisdiction

    jishou = Jurisdiction.objects.get(code="433101")
    return Employer.objects.create(
        name=name,
        credit_code=_credit_code(n),
        legal_representative="张建国",
        address="吉首市乾州街道世纪大道1号",
        jurisdiction=jishou,
        industry="construction",
    )


def _evidence_file(n: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"证据{n:02d}-工资表.pdf", b"%PDF-1.4\n% bench evidence\n", "application/pdf")


def _at(day, hour=9, minute=30):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def big_arbitration_case(users: dict):
    """``users``: chair, arb1, arb2, arb3 (吉首). Returns the closed case."""
    from arbitration.services import arbitration as svc
    from casework.models import Jurisdiction
    from casework.models.evidence import EvidenceCategory
    from casework.services.evidence import attach_evidence

    jishou = Jurisdiction.objects.get(code="433101")
    chair, arb1 = users["chair"], users["arb1"]
    today = timezone.localdate()
    received = today - timedelta(days=200)
    claim_types = ["wages", "overtime", "economic_compensation", "damages", "social_insurance"]
    claims = [
        {
            "claim_type": claim_types[i % len(claim_types)],
            "description": f"申请人{i // 3 + 1}：{received.year}年{i % 12 + 1}月工资、加班费及相应补偿（第{i + 1}项）",
            "amount": f"{3000 + 750 * i}.00"
            if claim_types[i % len(claim_types)] != "social_insurance"
            else None,
        }
        for i in range(20)
    ]
    evidence_list = "\n".join(
        f"{i + 1}. 考勤表、工资表及微信聊天记录（第{i + 1}组），来源：申请人班组长，证明目的：证明用工事实及欠薪金额"
        for i in range(20)
    )
    case = svc.arbitration_apply(
        actor=chair,
        jurisdiction=jishou,
        applicants=_people("规模卷宗申请人", 12, 4100),
        respondent=_employer("规模卷宗峒河建设有限公司", 4100),
        claims=claims,
        facts=("申请人在被申请人承建的吉首市乾州安置房项目务工，被拖欠工资及加班费。" * 12),
        evidence_list=evidence_list,
        received_on=received,
    )
    pk = case.pk
    svc.arbitration_accept(actor=chair, case_id=pk, on=received + timedelta(days=2))
    svc.arbitration_serve(actor=chair, case_id=pk, on=received + timedelta(days=3))
    svc.arbitration_form_tribunal(
        actor=chair,
        case_id=pk,
        presiding=arb1,
        members=[users["arb2"], users["arb3"]],
        on=received + timedelta(days=4),
    )
    record = "\n".join(RECORD_PARAGRAPH.format(year=received.year) for _ in range(5))
    day = received + timedelta(days=7)
    svc.arbitration_schedule_hearing(
        actor=arb1, case_id=pk, hearing_at=_at(day + timedelta(days=21)), place="第一仲裁庭", notice_on=day
    )
    day += timedelta(days=14)
    svc.arbitration_postpone_hearing(
        actor=chair,
        case_id=pk,
        hearing_at=_at(day + timedelta(days=28)),
        reason="申请人人数众多，需补充核对考勤记录",
        notice_on=day,
    )
    svc.arbitration_hold_hearing(actor=arb1, case_id=pk, record=record)
    for n in range(12):
        attach_evidence(
            case=svc.ArbitrationCase.objects.get(pk=pk),
            uploaded_file=_evidence_file(n + 1),
            category=EvidenceCategory.WAGE_RECORD,
            actor=arb1,
        )
    case = svc.ArbitrationCase.objects.get(pk=pk)
    first_half = [
        {"claim": c.pk, "decision": "upheld", "awarded_amount": c.amount} for c in case.claims.all()
    ][:12]
    on = day + timedelta(days=30)
    svc.arbitration_partial_award(actor=arb1, case_id=pk, items=first_half, text=record[:600], on=on)
    svc.arbitration_extend(actor=chair, case_id=pk, reason="案情复杂，需要延期")
    svc.arbitration_suspend(actor=chair, case_id=pk, reason="需等待工伤认定结论", on=on + timedelta(days=1))
    svc.arbitration_resume(actor=chair, case_id=pk, reason="工伤认定结论已作出", on=on + timedelta(days=10))
    day = on + timedelta(days=14)
    svc.arbitration_schedule_hearing(
        actor=arb1, case_id=pk, hearing_at=_at(day + timedelta(days=21)), place="第二仲裁庭", notice_on=day
    )
    svc.arbitration_hold_hearing(actor=arb1, case_id=pk, record=record)
    case = svc.ArbitrationCase.objects.get(pk=pk)
    rest = [
        {"claim": c.pk, "decision": "partly_upheld" if c.amount else "dismissed", "awarded_amount": c.amount}
        for c in case.claims.filter(decision="")
    ]
    svc.arbitration_award(actor=arb1, case_id=pk, items=rest, text=record[:900], on=day + timedelta(days=28))
    return svc.arbitration_close(actor=chair, case_id=pk, summary="已作出裁决，结案")


def big_complaint(users: dict):
    """``users``: clerk, inspector1, inspector2, head (吉首). Returns the closed complaint."""
    from casework.inspection import services as svc
    from casework.inspection.demo_findings import record_findings
    from casework.inspection.models import Complaint, ComplaintKind, Outcome, ViolationType
    from casework.models import Jurisdiction
    from casework.models.evidence import EvidenceCategory
    from casework.services.evidence import attach_evidence

    jishou = Jurisdiction.objects.get(code="433101")
    inspector, head = users["inspector1"], users["head"]
    workers = _people("规模卷宗投诉人", 11, 5100)
    c = svc.complaint_register(
        actor=users["clerk"],
        jurisdiction=jishou,
        kind=ComplaintKind.COMPLAINT,
        complainant=workers[0],
        employer=_employer("规模卷宗乾州劳务有限公司", 5100),
        workplace="吉首市乾州新区安置房工地",
        facts="工资未发",
        violation_types=[ViolationType.WAGE_ARREARS],
        arrears_amount="15600.00",
        arrears_months=3,
        workers_affected=1,
    )
    pk = c.pk
    svc.complaint_accept(actor=inspector, complaint_id=pk)
    svc.complaint_file(actor=head, complaint_id=pk)
    svc.complaint_assign(actor=head, complaint_id=pk, inspectors=[inspector, users["inspector2"]])
    svc.complaint_start_investigation(actor=inspector, complaint_id=pk)
    for worker in workers[1:]:
        svc.complaint_attach(
            actor=inspector,
            complaint_id=pk,
            complainant=worker,
            employer=c.employer,
            facts="同一工地欠薪",
            arrears_amount="5200.00",
        )
    svc.complaint_extend_investigation(actor=head, complaint_id=pk, reason="涉及人数多，需逐一核实")
    categories = [EvidenceCategory.INQUIRY, EvidenceCategory.SITE_INSPECTION, EvidenceCategory.WAGE_RECORD]
    for n in range(30):
        attach_evidence(
            case=Complaint.objects.get(pk=pk),
            uploaded_file=_evidence_file(n + 1),
            category=categories[n % 3],
            actor=inspector,
        )
    case = Complaint.objects.get(pk=pk)
    record_findings(case, inspector, [inspector, users["inspector2"]], "该单位拖欠多名农民工工资，逾期未支付")
    svc.complaint_give_penalty_notice(
        actor=inspector, complaint_id=pk, proposed_fine="20000", facts="逾期未支付劳动报酬"
    )
    for n in range(3):
        svc.complaint_record_statement(
            actor=inspector, complaint_id=pk, statement=f"单位陈述申辩（第{n + 1}次）"
        )
    svc.complaint_decide_penalty(
        actor=head,
        complaint_id=pk,
        fine_amount="20000",
        reason="逾期未支付劳动报酬",
        defence_answer="申辩理由不能免除支付义务，不予采纳",
    )
    return svc.complaint_close(
        actor=head, complaint_id=pk, outcome=Outcome.PENALTY_IMPOSED, summary="已作出行政处罚决定，结案"
    )
