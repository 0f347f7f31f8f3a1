"""A migrant worker applies for arbitration or mediation online and looks the case up."""

from datetime import date

import pytest
from django.urls import reverse

from arbitration.models import ArbitrationCase, MediationCase
from tests.factories import make_id_number
from tests.green.conftest import form_key

pytestmark = pytest.mark.django_db


def application(id_number):
    return {
        "name": "石春花",
        "id_number": id_number,
        "phone": "13974305555",
        "employer_name": "凤凰县某旅游公司",
        "county": "433123",
        "claims": "要求支付2026年7月至9月工资9000元",
        "amount": "9000",
        "facts": "2026年3月入职做导游，7月起未发工资",
    }


@pytest.mark.parametrize(
    "code,model,stage",
    [
        ("arbitration", ArbitrationCase, "已收到您的仲裁申请"),
        ("mediation", MediationCase, "已收到您的调解申请"),
    ],
)
def test_apply_online_then_look_the_case_up(client, code, model, stage):
    id_number = make_id_number(area="433123", birth=date(1990, 2, 2), seq=342)
    page = client.get(reverse("green:apply", args=[code]))
    assert "暂未开通" not in page.content.decode()
    response = client.post(
        reverse("green:apply", args=[code]),
        {**application(id_number), "submission_key": form_key(page)},
        follow=True,
    )
    case = model.objects.get()
    assert case.number in response.content.decode()
    assert case.green_channel and case.jurisdiction.name == "凤凰县"
    assert case.applicants.get().name == "石春花"
    assert case.claims.get().amount == 9000
    found = client.post(
        reverse("green:lookup"), {"case_number": case.number, "id_suffix": id_number[-6:]}, follow=True
    ).content.decode()
    assert stage in found and id_number not in found and "13974305555" not in found


def test_applicants_get_an_sms_when_the_case_is_accepted(
    apply, arb_staff, applicant, django_capture_on_commit_callbacks
):
    from arbitration.services import arbitration as svc
    from casework.sms import LoggingSMSBackend
    from tests.factories import PersonFactory

    second = PersonFactory(name="田二妹", phone="13907439999")
    case = apply(applicants=[applicant, second])
    LoggingSMSBackend.sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        svc.arbitration_accept(actor=arb_staff["chair"], case_id=case.pk)
    sent = dict(LoggingSMSBackend.sent)
    assert set(sent) == {applicant.phone, second.phone}
    assert case.number in sent[second.phone] and "已受理" in sent[second.phone]
