"""Demo: one wage complaint filed on the green channel and accepted, to try the public lookup with.

龙春花 (ID number ending 250640, phone 18974301203) filed it; look it up at /green/lookup/ with its case
number (staff see it in the complaint list, flagged 绿色通道) or by phone — the default SMS backend
writes the one-time code to the server log.
"""

from decimal import Decimal

from casework.inspection import services as svc
from casework.inspection.green_channel import submit_online_complaint
from casework.models import Employer, Person, PublicSubmission

DEMO_KEY = "demo-green-channel-0000000001"


def seed_green_channel(users):
    if PublicSubmission.objects.filter(key=DEMO_KEY).exists():
        return
    person = Person.objects.filter(name="龙春花").first()
    employer = Employer.objects.filter(name="吉首市万溶江建设劳务有限公司").first()
    if person is None or employer is None:
        return
    case, _created = submit_online_complaint(
        data={
            "name": person.name,
            "id_number": person.id_number,
            "phone": person.phone,
            "hometown": person.hometown,
            "employer_name": "万溶江劳务 包工头",
            "employer_credit_code": "",
            "county": "433101",
            "workplace": "吉首市万溶江片区安置房工地",
            "project_name": "万溶江安置房三期",
            "start_month": None,
            "arrears_months": 2,
            "arrears_amount": Decimal("9600.00"),
            "coworkers_count": 3,
            "coworker_names": "",
            "description": "",
        },
        submission_key=DEMO_KEY,
    )
    svc.complaint_identify_employer(actor=users["inspector1"], complaint_id=case.pk, employer=employer)
    svc.complaint_accept(actor=users["inspector1"], complaint_id=case.pk)
