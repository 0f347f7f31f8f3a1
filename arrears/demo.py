"""Demo wage-arrears cases in 吉首市, one in every state (fictitious names; identifiers pass their checks).

The construction case: 乾州新区安置房二期 — developer, main contractor, labour subcontractor, dedicated
wage account and deposit, 12 workers; it came from a worker's complaint, the subcontractor ignored the
payment order, the main contractor paid part on its behalf, the case went to the police and the
subcontractor is on the credit blacklist. Idempotent: nothing is added once 吉首市 has arrears cases.
"""

import datetime
from datetime import timedelta

from django.utils import timezone

from casework.demo_parties import demo_credit_code, demo_employer, demo_id_number

# name, ID area, birth, sequence, phone, months unpaid, amount owed
PROJECT_WORKERS = [
    ("田光明", "433127", datetime.date(1979, 8, 3), 113, "15207431202", 4, "18000.00"),
    ("彭志强", "433130", datetime.date(1976, 1, 9), 15, "13874301205", 4, "17600.00"),
    ("向国庆", "433122", datetime.date(1981, 10, 1), 51, "13974301311", 4, "16800.00"),
    ("龙大山", "433123", datetime.date(1985, 6, 18), 73, "13974301312", 3, "12600.00"),
    ("石桂英", "433124", datetime.date(1987, 3, 8), 82, "13974301313", 3, "10500.00"),
    ("麻老三", "433125", datetime.date(1972, 12, 2), 39, "13974301314", 4, "16000.00"),
    ("吴建华", "433126", datetime.date(1990, 4, 27), 97, "13974301315", 2, "8400.00"),
    ("杨秋生", "433127", datetime.date(1983, 9, 9), 15, "13974301316", 3, "11700.00"),
    ("张明亮", "433130", datetime.date(1978, 7, 14), 33, "13974301317", 4, "15200.00"),
    ("梁春燕", "433101", datetime.date(1992, 2, 20), 48, "13974301318", 2, "5400.00"),
    ("符长海", "433122", datetime.date(1975, 11, 11), 57, "13974301319", 3, "9900.00"),
    ("滕小平", "433123", datetime.date(1989, 5, 5), 61, "13974301320", 1, "3600.00"),
]
OTHER_WORKERS = [
    ("向秀英", "433122", datetime.date(1985, 3, 12), 42, "13974301201", 2, "6200.00"),
    ("龙春花", "433123", datetime.date(1990, 11, 25), 64, "18974301203", 2, "5600.00"),
    ("杨小兵", "433101", datetime.date(1995, 9, 30), 79, "15574301208", 1, "3100.00"),
    ("田秀兰", "433127", datetime.date(1991, 8, 16), 102, "13974301321", 3, "7500.00"),
    ("石光荣", "433124", datetime.date(1980, 1, 30), 17, "13974301322", 2, "6400.00"),
    ("彭金花", "433130", datetime.date(1986, 12, 24), 88, "13974301323", 1, "2900.00"),
    ("吴德明", "433126", datetime.date(1977, 6, 6), 35, "13974301324", 2, "5800.00"),
    ("麻秀珍", "433125", datetime.date(1994, 10, 3), 44, "13974301325", 3, "8100.00"),
    ("龙继红", "433123", datetime.date(1982, 2, 2), 25, "13974301326", 2, "6600.00"),
    ("向东升", "433122", datetime.date(1979, 4, 12), 71, "13974301327", 1, "3300.00"),
    ("田玉梅", "433127", datetime.date(1988, 7, 19), 94, "13974301328", 2, "5000.00"),
    ("张德富", "433101", datetime.date(1973, 3, 3), 13, "13974301329", 2, "4800.00"),
    ("杨桂香", "433127", datetime.date(1996, 5, 28), 66, "13974301330", 1, "2600.00"),
    ("石友才", "433124", datetime.date(1984, 9, 1), 91, "13974301331", 2, "5200.00"),
]
# name, serial, industry, legal representative, address
EMPLOYERS = {
    "developer": (
        "吉首市乾州新区开发建设投资有限公司",
        1702,
        "construction",
        "龙建平",
        "吉首市乾州街道行政中心8楼",
    ),
    "garment": ("吉首市金秋服装加工厂", 1805, "manufacturing", "向金秋", "吉首市石家冲街道工业园3栋"),
    "catering": (
        "吉首市德夯餐饮管理有限公司",
        1903,
        "accommodation_catering",
        "石德夯",
        "吉首市峒河街道人民南路18号",
    ),
    "property": (
        "吉首市峒河物业服务有限公司",
        1950,
        "resident_services",
        "彭峒河",
        "吉首市峒河街道峒河路2号",
    ),
}


def _employer(key, jishou, actor):
    name, serial, industry, legal_rep, address = EMPLOYERS[key]
    return demo_employer(
        "433101",
        serial,
        name=name,
        jurisdiction=jishou,
        industry=industry,
        legal_representative=legal_rep,
        address=address,
        actor=actor,
    )


def _pay_in_full(actor, case, lines, *, paid_on, confirmed_on):
    """The employer pays each worker all they are owed; each worker signs for it."""
    from arrears.models import PayerKind
    from arrears.services.ledger import payment_record

    for line in lines:
        payment_record(
            actor=actor,
            case_id=case.pk,
            line_id=line.pk,
            amount=str(line.amount_owed),
            paid_on=paid_on,
            payer_kind=PayerKind.EMPLOYER,
            confirmed_by_worker=True,
            confirmed_on=confirmed_on,
        )


def _workers(actor, case, rows, migrant=True):
    from arrears.services.ledger import worker_add

    lines = []
    for name, area, birth, seq, phone, months, amount in rows:
        id_number = demo_id_number(area, birth, seq)
        existing = case.workers.filter(person__id_number=id_number).first()
        lines.append(
            existing
            or worker_add(
                actor=actor,
                case_id=case.pk,
                name=name,
                id_number=id_number,
                phone=phone,
                months_unpaid=months,
                amount_owed=amount,
                is_migrant_worker=migrant,
            )
        )
    return lines


def seed_arrears(users):
    from arrears.models import ArrearsCase, Grounds, PayerKind
    from arrears.services import blacklist as bl
    from arrears.services import cases as svc
    from arrears.services.ledger import payment_record
    from arrears.services.projects import project_create
    from casework.inspection.services import complaint_accept, complaint_register
    from casework.models import Employer, Jurisdiction, Person

    jishou = Jurisdiction.objects.get(code="433101")
    if ArrearsCase.objects.filter(jurisdiction=jishou).exists():
        return
    clerk, inspector, head = users["clerk"], users["inspector1"], users["inspection_head"]
    team = [users["inspector1"], users["inspector2"]]
    today = timezone.localdate()

    def ago(days):
        return today - timedelta(days=days)

    def opened(employer, facts, days, project=None):
        case = svc.arrears_case_open(
            actor=clerk,
            jurisdiction=jishou,
            employer=employer,
            project=project,
            facts=facts,
            opened_on=ago(days),
        )
        svc.arrears_assign(actor=head, case_id=case.pk, inspectors=team)
        return case

    main = Employer.objects.get(credit_code=demo_credit_code("433101", 1021))  # 湘西州峒河建筑工程有限公司
    labour = Employer.objects.get(
        credit_code=demo_credit_code("433101", 1187)
    )  # 吉首市万溶江建设劳务有限公司
    trading = Employer.objects.get(credit_code=demo_credit_code("433101", 1530))  # 吉首市乾州商贸有限公司
    project = project_create(
        actor=clerk,
        jurisdiction=jishou,
        name="吉首市乾州新区安置房二期项目",
        location="吉首市乾州街道世纪大道北侧",
        developer=_employer("developer", jishou, clerk),
        main_contractor=main,
        subcontractor=labour,
        wage_account_bank="中国农业银行吉首乾州支行",
        wage_account_number="6228480012345678901",
        wage_deposit_amount="300000.00",
        wage_officer="张劳资",
        rights_notice_board=True,
        started_on=ago(400),
    )

    # 1. The construction case: complaint → 12 workers → order ignored → partial payment → police → blacklist.
    complainant = Person.objects.get(id_number=demo_id_number("433127", datetime.date(1979, 8, 3), 113))
    complaint = complaint_register(
        actor=clerk,
        jurisdiction=jishou,
        complainant=complainant,
        employer=labour,
        workplace="吉首市乾州新区安置房二期工地",
        project_name=project.name,
        facts="本人及工友在安置房二期项目做木工、钢筋工，去年9月至12月工资未发，劳务公司称总包未拨款。",
        violation_types=["wage_arrears"],
        arrears_amount="18000.00",
        arrears_months=4,
        workers_affected=1,
        received_on=ago(90),
        green_channel=True,
    )
    complaint_accept(actor=inspector, complaint_id=complaint.pk)
    big, _created = svc.arrears_case_from_complaints(
        actor=clerk, complaint_ids=[complaint.pk], project=project, opened_on=ago(88)
    )
    svc.arrears_assign(actor=head, case_id=big.pk, inspectors=team)
    lines = _workers(inspector, big, PROJECT_WORKERS[1:])
    svc.arrears_order_payment(
        actor=inspector, case_id=big.pk, period=15, served_on=ago(80), items="十五日内足额支付12名农民工工资"
    )
    payment_record(
        actor=inspector,
        case_id=big.pk,
        line_id=lines[7].pk,  # 张明亮
        amount="15200.00",
        paid_on=ago(40),
        payer_kind=PayerKind.MAIN_CONTRACTOR,
        reference="ABC20260001",
        confirmed_by_worker=True,
        confirmed_on=ago(39),
    )
    payment_record(
        actor=inspector,
        case_id=big.pk,
        line_id=lines[8].pk,  # 梁春燕
        amount="3000.00",
        paid_on=ago(40),
        payer_kind=PayerKind.MAIN_CONTRACTOR,
        reference="ABC20260002",
    )
    svc.arrears_order_compensation(actor=inspector, case_id=big.pk, percent="50", reason="逾期未支付")
    svc.arrears_report_to_police(
        actor=inspector,
        case_id=big.pk,
        reason="万溶江劳务公司经责令支付逾期仍拒不支付10名以上农民工工资，数额较大，涉嫌拒不支付劳动报酬罪。",
    )
    svc.arrears_decide_police_transfer(actor=head, case_id=big.pk, approve=True, reason="同意移送")
    svc.arrears_transfer_to_police(actor=inspector, case_id=big.pk, authority="吉首市公安局")
    entry = bl.blacklist_give_notice(
        actor=inspector,
        case_id=big.pk,
        grounds=Grounds.THRESHOLD,
        facts="吉首市万溶江建设劳务有限公司拖欠12名农民工工资，经责令限期支付逾期未支付",
        responsible_persons="法定代表人 田茂林",
        noticed_on=ago(30),
    )
    bl.blacklist_decide_listing(
        actor=head, entry_id=entry.pk, reason="陈述申辩期内未提出陈述申辩，依法列入", decided_on=ago(20)
    )

    # 2. Open: just registered, workers imported.
    case = opened(_employer("garment", jishou, clerk), "服装加工厂3名女工2个月工资未发。", 1)
    _workers(clerk, case, OTHER_WORKERS[0:3])

    # 3. Payment ordered, deadline still running.
    case = opened(_employer("catering", jishou, clerk), "餐饮公司4名服务员工资被拖欠。", 6)
    _workers(clerk, case, OTHER_WORKERS[3:7])
    svc.arrears_order_payment(
        actor=inspector, case_id=case.pk, period=10, served_on=ago(3), items="十日内支付拖欠工资"
    )

    # 4. Fully recovered.
    case = opened(trading, "商贸公司2名搬运工工资被拖欠。", 30)
    paid = _workers(clerk, case, OTHER_WORKERS[7:9])
    svc.arrears_order_payment(
        actor=inspector, case_id=case.pk, period=7, served_on=ago(28), items="七日内支付拖欠工资"
    )
    _pay_in_full(inspector, case, paid, paid_on=ago(24), confirmed_on=ago(23))

    # 5. Unrecoverable: the company was dissolved and its owner cannot be found.
    case = opened(_employer("property", jishou, clerk), "物业公司3名保洁员工资被拖欠，公司已停业。", 60)
    _workers(clerk, case, OTHER_WORKERS[9:12], migrant=False)
    svc.arrears_order_payment(
        actor=inspector, case_id=case.pk, period=10, served_on=ago(55), items="十日内支付拖欠工资"
    )
    svc.arrears_declare_unrecoverable(
        actor=head,
        case_id=case.pk,
        reason="公司已注销，法定代表人下落不明；已引导工人申请应急周转金并申请仲裁。",
    )

    # 6. Closed: paid in full by the employer, closed by the head.
    case = opened(main, "总包单位2名管理人员工资被拖欠（非项目用工）。", 45)
    paid = _workers(clerk, case, OTHER_WORKERS[12:14], migrant=False)
    _pay_in_full(inspector, case, paid, paid_on=ago(40), confirmed_on=ago(40))
    svc.arrears_close(actor=head, case_id=case.pk, reason="工资已全部支付，工人签字确认。")
