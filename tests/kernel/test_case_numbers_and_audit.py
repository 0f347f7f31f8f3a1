from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from casework.inspection import services as svc
from casework.models import TransitionLog

pytestmark = pytest.mark.django_db


def test_numbers_are_per_type_jurisdiction_and_year(register, staff, luxi, luxi_employer_worker):
    a = register()
    b = register()
    old = register(received_on=date(2025, 12, 30))
    employer, worker = luxi_employer_worker
    other = svc.complaint_register(
        actor=staff["luxi_inspector"],
        jurisdiction=luxi,
        complainant=worker,
        employer=employer,
        workplace="泸溪",
        facts="x",
        received_on=date(2026, 11, 2),
    )
    assert [a.number, b.number] == ["吉首劳监投〔2026〕0001号", "吉首劳监投〔2026〕0002号"]
    assert old.number == "吉首劳监投〔2025〕0001号"
    assert other.number == "泸溪劳监投〔2026〕0001号"


def test_failed_creation_leaves_no_gap(register):
    register()
    with pytest.raises(ValidationError):  # fails in full_clean, after the number was drawn
        register(workplace="工" * 300)
    assert register().number.endswith("0002号")


def test_verify_audit_chain_passes_then_catches_an_edit(investigating, capsys):
    case = investigating()
    call_command("verify_audit_chain")
    entry = TransitionLog.objects.filter(object_id=case.pk, transition="accept").get()
    TransitionLog.objects.filter(pk=entry.pk).update(reason="篡改后的理由")
    with pytest.raises(CommandError):
        call_command("verify_audit_chain")
    assert case.number in capsys.readouterr().err


def test_verify_audit_chain_catches_a_deleted_last_entry(investigating, capsys):
    case = investigating()
    TransitionLog.objects.filter(object_id=case.pk).order_by("-id").first().delete()
    with pytest.raises(CommandError):
        call_command("verify_audit_chain")
    assert case.number in capsys.readouterr().err


def test_verify_audit_chain_catches_a_changed_actor(investigating):
    case = investigating()
    TransitionLog.objects.filter(object_id=case.pk, transition="file_case").update(actor_name="别人")
    with pytest.raises(CommandError) as err:
        call_command("verify_audit_chain")
    assert "1 case(s)" in str(err.value)
