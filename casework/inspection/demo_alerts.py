"""Demo complaints whose deadlines are running out, so that the first sweep has alerts to show.

* a wage complaint received 10 working days ago and still not accepted: the 5-working-day acceptance
  period (LIR-IMPL Art 18) is 5 working days overdue → 已超期 and 超期督办 (inspection head, director);
* a complaint received 3 working days ago: 2 working days left → 即将到期 (inspection head: unassigned);
* a case under investigation whose rectification order falls due in 2 working days → 即将到期 for the
  two assigned inspectors.
Idempotent: each complaint carries a fixed submission key.
"""

from django.utils import timezone

from casework.calendar.workdays import add_working_days
from casework.demo_parties import demo_credit_code, demo_id_number

DEMO_HEAD_MOBILE = "13907430001"  # fictitious: the logging SMS backend prints it masked


def seed_alert_demo(users):
    import datetime

    from casework.inspection import services as svc
    from casework.inspection.models import Complaint, ViolationType
    from casework.models import Employer, Jurisdiction, NotificationPreference, Person

    jishou = Jurisdiction.objects.get(code="433101")
    employer = Employer.objects.get(credit_code=demo_credit_code("433101", 1021))
    worker = Person.objects.get(id_number=demo_id_number("433122", datetime.date(1985, 3, 12), 42))
    other = Person.objects.get(id_number=demo_id_number("433127", datetime.date(1979, 8, 3), 113))
    today = timezone.localdate()
    common = dict(
        actor=users["clerk"],
        jurisdiction=jishou,
        employer=employer,
        workplace="吉首市乾州新区安置房项目工地",
        violation_types=[ViolationType.WAGE_ARREARS],
        arrears_months=3,
    )
    svc.complaint_register(
        **common,
        complainant=worker,
        facts="2026年8月至10月工资未发放，项目部称总包未拨款。",
        arrears_amount="16800.00",
        received_on=add_working_days(today, -10, jishou),
        submission_key="demo-alerts-overdue",
    )
    svc.complaint_register(
        **common,
        complainant=other,
        facts="班组长拖欠两个月工资后失联。",
        arrears_amount="9200.00",
        received_on=add_working_days(today, -3, jishou),
        submission_key="demo-alerts-due-soon",
    )
    if not Complaint.objects.filter(submission_key="demo-alerts-rectification").exists():
        case = svc.complaint_register(
            **common,
            complainant=worker,
            facts="用人单位未按月足额支付工资，涉及钢筋班组6人。",
            arrears_amount="38400.00",
            workers_affected=6,
            received_on=today,
            submission_key="demo-alerts-rectification",
        )
        svc.complaint_accept(actor=users["inspector1"], complaint_id=case.pk)
        svc.complaint_file(actor=users["inspection_head"], complaint_id=case.pk)
        svc.complaint_assign(
            actor=users["inspection_head"],
            complaint_id=case.pk,
            inspectors=[users["inspector1"], users["inspector2"]],
        )
        svc.complaint_start_investigation(actor=users["inspector1"], complaint_id=case.pk)
        svc.complaint_order_rectification(
            actor=users["inspector1"],
            complaint_id=case.pk,
            due_on=add_working_days(today, 2, jishou),
            items="限期支付拖欠的工资38400元",
        )
    # The inspection head also takes SMS (shown masked in the worker log by the logging backend).
    NotificationPreference.objects.update_or_create(
        user=users["inspection_head"], defaults={"sms_enabled": True, "mobile": DEMO_HEAD_MOBILE}
    )
