"""Demo complaints in every state, moved there through the services (so their logs and deadlines are real)."""

import datetime
from datetime import timedelta

from django.utils import timezone

from casework.inspection import services as svc
from casework.inspection.demo_findings import record_findings
from casework.inspection.models import Complaint, ComplaintKind, IntakeChannel, Outcome, ViolationType
from casework.models import Employer, Jurisdiction, Person

W = ViolationType


def seed_complaints(users):
    if Complaint.objects.filter(submission_key__startswith="demo-").exists():
        return
    jishou = Jurisdiction.objects.get(code="433101")
    luxi = Jurisdiction.objects.get(code="433122")
    today = timezone.localdate()
    clerk, head = users["clerk"], users["inspection_head"]
    i1, i2 = users["inspector1"], users["inspector2"]
    employers = {e.name: e for e in Employer.objects.all()}
    persons = {p.name: p for p in Person.objects.all()}
    dongh, wanr = employers["湘西州峒河建筑工程有限公司"], employers["吉首市万溶江建设劳务有限公司"]
    shop = employers["吉首市乾州商贸有限公司"]

    def reg(
        n,
        *,
        days_ago,
        complainant,
        employer,
        facts,
        types=(W.WAGE_ARREARS,),
        amount="",
        months=None,
        workers=1,
        kind=ComplaintKind.COMPLAINT,
        jurisdiction=jishou,
        actor=clerk,
        **extra,
    ):
        return svc.complaint_register(
            actor=actor,
            jurisdiction=jurisdiction,
            kind=kind,
            channel=extra.pop("channel", IntakeChannel.WINDOW),
            received_on=today - timedelta(days=days_ago),
            complainant=complainant,
            employer=employer,
            employer_name_given=extra.pop("employer_name_given", ""),
            workplace=extra.pop("workplace", "吉首市"),
            facts=facts,
            violation_types=list(types),
            arrears_amount=amount or None,
            arrears_months=months,
            workers_affected=workers,
            submission_key=f"demo-{n}",
            **extra,
        )

    def investigate(c):
        svc.complaint_accept(actor=i1, complaint_id=c.pk)
        svc.complaint_file(actor=head, complaint_id=c.pk)
        svc.complaint_assign(actor=head, complaint_id=c.pk, inspectors=[i1, i2])
        return svc.complaint_start_investigation(actor=i1, complaint_id=c.pk)

    # registered, one of them overdue for acceptance (the sweeper's demo)
    reg(
        1,
        days_ago=1,
        complainant=persons["杨小兵"],
        employer=shop,
        facts="2026年9月、10月工资共6400元未发放",
        amount="6400",
        months=2,
    )
    reg(
        2,
        days_ago=12,
        complainant=persons["田光明"],
        employer=dongh,
        facts="乾州安置房项目木工班组工资未结清",
        amount="38500",
        months=4,
        workers=7,
        workplace="吉首市乾州安置房项目",
        channel=IntakeChannel.GREEN_CHANNEL,
    )
    # an anonymous report
    reg(
        3,
        days_ago=2,
        complainant=None,
        employer=shop,
        facts="门店员工每天工作12小时，无加班费",
        types=(W.EXCESS_OVERTIME,),
        kind=ComplaintKind.REPORT,
    )
    # supplement requested (employer unknown)
    c = reg(
        4,
        days_ago=3,
        complainant=persons["彭志强"],
        employer=None,
        employer_name_given="包工头“老张”",
        facts="峒河街道工地做工两个月，工钱未给",
        amount="9000",
        months=2,
    )
    svc.complaint_request_supplement(
        actor=i1, complaint_id=c.pk, reason="请提供用人单位全称或工地名称、包工头身份信息"
    )
    # accepted, filed
    c = reg(
        5,
        days_ago=6,
        complainant=persons["向秀英"],
        employer=wanr,
        facts="未签订书面劳动合同",
        types=(W.NO_CONTRACT,),
    )
    svc.complaint_accept(actor=i1, complaint_id=c.pk)
    c = reg(
        6,
        days_ago=8,
        complainant=persons["符德才"],
        employer=wanr,
        facts="未依法缴纳社会保险",
        types=(W.SOCIAL_INSURANCE,),
    )
    svc.complaint_accept(actor=i1, complaint_id=c.pk)
    svc.complaint_file(actor=head, complaint_id=c.pk)
    # investigating; rectification ordered; not rectified → police; penalty; closed; archived
    investigate(
        reg(
            7,
            days_ago=20,
            complainant=persons["石建军"],
            employer=dongh,
            facts="拖欠2026年上半年工资",
            amount="24000",
            months=6,
        )
    )
    c = investigate(
        reg(
            8,
            days_ago=25,
            complainant=persons["田光明"],
            employer=wanr,
            facts="拖欠三个月工资",
            amount="15000",
            months=3,
            workers=3,
        )
    )
    svc.complaint_order_rectification(
        actor=i1, complaint_id=c.pk, due_on=today + timedelta(days=7), items="七日内足额支付拖欠的劳动报酬"
    )
    c = investigate(
        reg(
            9,
            days_ago=40,
            complainant=persons["彭志强"],
            employer=dongh,
            facts="拖欠农民工工资，多次催讨未果",
            amount="86000",
            months=5,
            workers=12,
        )
    )
    svc.complaint_order_rectification(
        actor=i1, complaint_id=c.pk, due_on=today + timedelta(days=1), items="支付工资"
    )
    Complaint.objects.filter(pk=c.pk).update(rectification_due=today - timedelta(days=3))
    svc.complaint_record_not_rectified(actor=i1, complaint_id=c.pk, reason="逾期未支付")
    svc.complaint_transfer_to_police(
        actor=head, complaint_id=c.pk, reason="涉嫌拒不支付劳动报酬罪，移送公安机关"
    )
    c = investigate(
        reg(
            10,
            days_ago=45,
            complainant=persons["杨小兵"],
            employer=shop,
            facts="每周工作超过60小时",
            types=(W.EXCESS_OVERTIME,),
        )
    )
    record_findings(
        c,
        i1,
        [i1, i2],
        "该单位安排劳动者每周工作超过60小时，超过法定延长工作时间上限",
        violation="excess_overtime",
    )
    svc.complaint_give_penalty_notice(
        actor=i1, complaint_id=c.pk, proposed_fine="20000", facts="违法延长劳动者工作时间"
    )
    c = investigate(
        reg(
            11,
            days_ago=60,
            complainant=persons["石建军"],
            employer=wanr,
            facts="拖欠工资8000元",
            amount="8000",
            months=2,
        )
    )
    svc.complaint_order_rectification(
        actor=i1, complaint_id=c.pk, due_on=today + timedelta(days=3), items="支付工资"
    )
    svc.complaint_confirm_rectified(actor=i1, complaint_id=c.pk, reason="已足额支付，劳动者签字确认")
    svc.complaint_close(
        actor=head,
        complaint_id=c.pk,
        outcome=Outcome.ARREARS_RECOVERED,
        summary="已追回工资",
        recovered_amount="8000",
        recovered_workers=1,
    )
    c = investigate(
        reg(
            12,
            days_ago=90,
            complainant=persons["符德才"],
            employer=shop,
            facts="未签订劳动合同",
            types=(W.NO_CONTRACT,),
        )
    )
    svc.complaint_close(
        actor=head, complaint_id=c.pk, outcome=Outcome.NO_VIOLATION, summary="经查已签订劳动合同"
    )
    svc.complaint_archive(actor=i1, complaint_id=c.pk)
    # refused, transferred, withdrawn
    c = reg(
        13,
        days_ago=5,
        complainant=persons["向秀英"],
        employer=wanr,
        facts="2023年的工资纠纷",
        violation_started_on=datetime.date(2023, 3, 1),
        violation_ended_on=datetime.date(2023, 6, 30),
        amount="3000",
        months=3,
    )
    svc.complaint_refuse(actor=i1, complaint_id=c.pk, reason="违法行为已超过两年（劳动保障监察条例第二十条）")
    c = reg(
        14,
        days_ago=4,
        complainant=persons["吴国平"],
        employer=dongh,
        facts="在泸溪县白沙镇工地做工，工资未付",
        amount="12000",
        months=3,
        workplace="泸溪县白沙镇",
    )
    svc.complaint_transfer(actor=i1, complaint_id=c.pk, reason="用工地在泸溪县", target_jurisdiction=luxi)
    c = reg(
        15,
        days_ago=3,
        complainant=persons["麻金凤"],
        employer=shop,
        facts="工资已结清",
        amount="2000",
        months=1,
    )
    svc.complaint_withdraw_complaint(actor=clerk, complaint_id=c.pk, reason="投诉人书面申请撤回")
