"""No public response carries anyone's personal data: every public URL is walked with several persons
(and their cases, co-complainants, employers' representatives, staff) in the database, and every body
— pages and the receipt PDF — is searched for their ID numbers, phones and names."""

import re
import subprocess

import pytest
from django.test import Client
from django.urls import reverse

from casework.inspection import services as svc
from casework.inspection.models import Complaint
from casework.models import Person
from casework.roles import Role
from casework.sms import LoggingSMSBackend

from .conftest import form_key, photo

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "receipt.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_every_public_response_is_free_of_other_peoples_data(
    client, others, complaint_data, make_user, jishou, luxi, tmp_path, django_capture_on_commit_callbacks
):
    inspector = make_user(Role.INSPECTOR, jishou, luxi, full_name="麻监察员", office_phone="0743-8888888")
    head = make_user(Role.INSPECTION_HEAD, jishou, luxi, full_name="滕科长")
    victim_case = others["cases"][0]
    victim = victim_case.complainant
    # Internal notes that name other people sit on public timeline steps; they must never show.
    svc.complaint_refuse(
        actor=inspector, complaint_id=others["cases"][1].pk, reason=f"{victim.name}{victim.phone}不符合条件"
    )
    responses: list[tuple[str, str]] = []  # (what, body)
    own_echo: list[str] = []  # the re-rendered form of the worker's own POST: their own input only

    def keep(what, response):
        assert response.status_code in (200, 302, 404, 429), (what, response.status_code)
        body = response.content.decode() if response.get("Content-Type", "").startswith("text") else ""
        if response.get("Content-Type") == "application/pdf":
            body = pdf_text(response.content, tmp_path)
        responses.append((what, body + " ".join(f"{k}: {v}" for k, v in response.headers.items())))
        return response

    keep("home", client.get(reverse("green:home")))
    page = keep("complaint form", client.get(reverse("green:complaint")))
    data = complaint_data(name="田秀兰", phone="13974301234")
    bad = client.post(
        reverse("green:complaint"), {**data, "arrears_amount": "很多", "submission_key": form_key(page)}
    )
    own_echo.append(bad.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            reverse("green:complaint"),
            {**data, "submission_key": form_key(page), "photos": [photo()]},
        )
    keep("complaint submitted", done)
    receipt_url = done["Location"]
    keep("receipt", client.get(receipt_url))
    keep("receipt pdf", client.get(receipt_url + "pdf/"))
    mine = Complaint.objects.get(green_channel=True)
    me = mine.complainant
    svc.complaint_request_supplement(
        actor=inspector, complaint_id=mine.pk, reason=f"请补充工友{victim.name}（{victim.phone}）的考勤"
    )
    svc.complaint_receive_supplement(actor=inspector, complaint_id=mine.pk)
    svc.complaint_identify_employer(actor=inspector, complaint_id=mine.pk, employer=victim_case.employer)
    svc.complaint_accept(actor=inspector, complaint_id=mine.pk, reason=f"经核实，{victim.id_number}")
    svc.complaint_file(actor=head, complaint_id=mine.pk)

    keep("lookup form", client.get(reverse("green:lookup")))
    lookup = reverse("green:lookup")
    keep(
        "someone else's case, my suffix",
        client.post(lookup, {"case_number": victim_case.number, "id_suffix": me.id_number[-6:]}),
    )
    keep(
        "unknown case",
        client.post(lookup, {"case_number": "吉首劳监投〔2019〕0001号", "id_suffix": "123456"}),
    )
    keep("my case", client.post(lookup, {"case_number": mine.number, "id_suffix": me.id_number[-6:]}))
    keep("my progress", client.get(reverse("green:progress")))
    keep("home with access", client.get(reverse("green:home")))
    keep("leave", client.post(reverse("green:leave"), follow=True))
    # Even with the right answer for someone else's case, their progress page holds no personal data.
    stranger = Client()
    keep(
        "their case",
        stranger.post(lookup, {"case_number": victim_case.number, "id_suffix": victim.id_number[-6:]}),
    )
    keep("their progress", stranger.get(reverse("green:progress")))
    keep("phone form", client.get(reverse("green:lookup-phone")))
    with django_capture_on_commit_callbacks(execute=True):
        keep("code sent", client.post(reverse("green:lookup-phone"), {"phone": me.phone}))
    code = re.search(r"验证码是(\d{6})", LoggingSMSBackend.sent[-1][1]).group(1)
    keep(
        "wrong code",
        client.post(
            reverse("green:lookup-code"),
            {"phone": me.phone, "code": "000000" if code != "000000" else "111111"},
        ),
    )
    keep(
        "right code",
        client.post(reverse("green:lookup-code"), {"phone": me.phone, "code": code}, follow=True),
    )
    keep("apply index", client.get(reverse("green:apply-index")))
    keep("apply arbitration", client.get(reverse("green:apply", args=["arbitration"])))
    keep("apply mediation", client.get(reverse("green:apply", args=["mediation"])))
    keep("expired receipt", client.get(reverse("green:receipt", args=["forged:token"])))
    keep("after leaving", client.post(reverse("green:leave"), follow=True))

    assert "已立案，正在安排调查" in dict(responses)["my progress"]
    assert mine.number in dict(responses)["receipt pdf"]
    others_data = []
    for person in Person.objects.exclude(pk=me.pk):
        others_data += [person.id_number, person.phone, person.name]
    others_data += ["麻监察员", "滕科长", "0743-8888888", "张建国"]  # staff, employers' representatives
    assert len(others_data) >= 13
    for what, body in responses:
        for needle in others_data:
            assert needle not in body, f"{needle!r} found in {what}"
        for own in (me.id_number, me.phone, me.name):  # not even the worker's own identifiers
            assert own not in body, f"the worker's own {own!r} found in {what}"
        assert me.id_number[-6:] not in body, f"ID suffix echoed in {what}"
    for needle in others_data:
        assert needle not in own_echo[0]
    assert me.name in own_echo[0]  # the form keeps what the worker typed
