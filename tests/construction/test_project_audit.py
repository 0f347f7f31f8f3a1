"""Every change of a construction project — registration, correction (the wage account among them), labour-cost
transfers, deposit movements, sheet imports — is chained in the kernel's hash-chained transition log, in the
change's transaction: verified with the cases' chains, shown on the project page, never with personal data."""

from decimal import Decimal

import pytest
from django.urls import reverse

from arrears.models import ConstructionProject
from arrears.monitoring.handling import deposit_record, transfer_record
from arrears.services.projects import project_update
from casework.case_types import chained_models
from casework.models import TransitionLog
from casework.selectors.timeline import timeline_for
from casework.services.audit_verify import verify_chains
from casework.services.transitions import TransitionForbidden

from .conftest import MONTH

ACCOUNT = "6217002920001234567"


def test_registration_and_a_wage_account_change_are_chained_entries(staff, project):
    project_update(
        actor=staff["clerk"],
        project=project,
        wage_account_bank="农业银行吉首支行",
        wage_account_number=ACCOUNT,
    )
    entries = list(timeline_for(project))
    assert [e.transition for e in entries] == ["register_project", "edit_project"]
    edit = entries[-1]
    assert edit.actor == staff["clerk"] and edit.case_number == f"工程项目#{project.pk}"
    assert edit.details == {"fields": ["wage_account_bank", "wage_account_number"]}
    assert edit.prev_hash == entries[0].entry_hash and edit.entry_hmac
    assert ACCOUNT not in str(edit.details) and "1234567" not in edit.reason  # never the account number
    project.refresh_from_db()
    assert project.audit_head == edit.entry_hash
    assert ConstructionProject in chained_models()
    assert verify_chains(chained_models()).problems == []


def test_nothing_changed_writes_no_entry(staff, project):
    project_update(actor=staff["clerk"], project=project, name=project.name)
    assert [e.transition for e in timeline_for(project)] == ["register_project"]


def test_a_refused_change_writes_no_entry(staff, project):
    with pytest.raises(TransitionForbidden):
        project_update(actor=staff["luxi_inspector"], project=project, name="改名")
    assert timeline_for(project).count() == 1


def test_money_of_the_project_is_chained_with_its_amount(staff, project):
    transfer_record(
        actor=staff["clerk"], project_id=project.pk, month=MONTH, amount="50000", transferred_on=MONTH
    )
    deposit_record(actor=staff["clerk"], project_id=project.pk, kind="top_up", amount="2000.5", on=MONTH)
    transfer, deposit = list(timeline_for(project))[1:]
    assert transfer.transition == "record_transfer" and transfer.details["amount"] == "50000.00"
    assert deposit.transition == "record_deposit"
    assert deposit.details["balance_after"] == str(Decimal("102000.50"))
    assert verify_chains([ConstructionProject]).problems == []


def test_an_edited_project_entry_breaks_the_chain(staff, project):
    project_update(actor=staff["clerk"], project=project, wage_officer="张劳资")
    entry = timeline_for(project).last()
    TransitionLog.objects.filter(pk=entry.pk).update(details={"fields": ["name"]})
    problems = verify_chains(chained_models()).problems
    assert [p.object_id for p in problems] == [project.pk]


def test_the_project_page_shows_its_change_log(client, staff, project):
    project_update(actor=staff["clerk"], project=project, wage_account_number=ACCOUNT)
    client.force_login(staff["inspector1"])
    html = client.get(reverse("arrears:project-detail", args=[project.pk])).content.decode()
    changes = html[html.index('data-testid="project-changes"') :]
    assert "修改工程项目" in changes and "登记工程项目" in changes
    assert "工资专用账户账号" in changes
    assert str(staff["clerk"]) in changes
