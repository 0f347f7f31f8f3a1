"""The credit blacklist (人社部令第45号): notice, defence window, listing for 3 years, early removal, expiry."""

import datetime
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from arrears.models import BlacklistEntry, BlacklistState, Grounds
from arrears.models.blacklist import add_months, early_removal_from, listing_end
from arrears.services import blacklist as bl
from arrears.services import cases as svc
from arrears.services.ledger import payment_record
from arrears.tasks import expire_blacklist_entries
from casework.models import TransitionLog
from casework.services.audit_verify import verify_chains
from casework.services.transitions import PreconditionFailed, TransitionForbidden

pytestmark = pytest.mark.django_db


# --- dates -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "listed_on, until",
    [
        (date(2026, 3, 15), date(2029, 3, 15)),
        (date(2024, 2, 29), date(2027, 2, 28)),  # leap day: no 29 Feb in 2027 → month end (民法典 Art 202)
        (date(2028, 2, 29), date(2031, 2, 28)),
        (date(2027, 2, 28), date(2030, 2, 28)),
    ],
)
def test_three_years_on_the_list(listed_on, until):
    assert listing_end(listed_on) == until


@pytest.mark.parametrize(
    "start, six_months_on",
    [
        (date(2026, 8, 31), date(2027, 2, 28)),  # no 31 February → month end
        (date(2027, 8, 31), date(2028, 2, 29)),  # leap year month end
        (date(2026, 3, 31), date(2026, 9, 30)),
        (date(2026, 1, 10), date(2026, 7, 10)),
    ],
)
def test_six_months_month_end(start, six_months_on):
    assert add_months(start, 6) == six_months_on


def test_early_removal_counts_six_months_from_the_later_of_listing_and_payment():
    assert early_removal_from(date(2026, 8, 31), None) is None  # wages still owed
    assert early_removal_from(date(2026, 8, 31), date(2026, 8, 1)) == date(2027, 3, 1)
    assert early_removal_from(date(2026, 1, 10), date(2026, 5, 20)) == date(2026, 11, 21)
    assert early_removal_from(date(2027, 8, 31), date(2027, 8, 31)) == date(2028, 3, 1)


# --- the procedure -----------------------------------------------------------------------------------
@pytest.fixture
def ignored_case(staff, jishou, employer, add_workers):
    """A case whose payment order (served 3 Aug 2026, 15 days) went unpaid; 12 workers, ¥60,000."""

    def make(*, opened=date(2026, 8, 1), served=date(2026, 8, 3), rows=None, start=0):
        case = svc.arrears_case_open(
            actor=staff["clerk"], jurisdiction=jishou, employer=employer, facts="欠薪", opened_on=opened
        )
        svc.arrears_assign(
            actor=staff["head"], case_id=case.pk, inspectors=[staff["inspector1"], staff["inspector2"]]
        )
        lines = add_workers(case, rows or [(2, "5000.00")] * 12, start=start)
        svc.arrears_order_payment(
            actor=staff["inspector1"], case_id=case.pk, period=15, items="支付", served_on=served
        )
        case.refresh_from_db()
        return case, lines

    return make


def notice(staff, case, **kw):
    data = {
        "grounds": Grounds.THRESHOLD,
        "facts": "拖欠12名农民工工资逾期未付",
        "noticed_on": date(2026, 9, 30),
    }
    data.update(kw)
    return bl.blacklist_give_notice(actor=staff["inspector1"], case_id=case.pk, **data)


def test_notice_gives_a_defence_window_of_5_working_days(ignored_case, staff):
    case, _lines = ignored_case()
    entry = notice(staff, case)
    year = date(2026, 9, 30).year
    assert entry.number == f"吉首人社失信〔{year}〕0001号" and entry.state == BlacklistState.NOTICED
    # Wed 30 Sep 2026: 1–7 Oct National Day, 8 Oct 1, 9 Oct 2, Sat 10 Oct make-up 3, 12 Oct 4, 13 Oct 5
    assert entry.defence_due == date(2026, 10, 13)
    assert TransitionLog.objects.filter(object_id=case.pk, transition="blacklist_notice").exists()
    with pytest.raises(PreconditionFailed):  # one running procedure per case
        notice(staff, case)


def test_notice_needs_an_ignored_order_and_the_grounds(ignored_case, staff, open_case, add_workers):
    case = open_case()
    add_workers(case, [(3, "9000.00")], start=40)
    with pytest.raises(PreconditionFailed) as err:
        notice(staff, case)
    assert "尚未责令支付" in err.value.message
    small, _lines = ignored_case(rows=[(2, "1000.00")], start=60)
    with pytest.raises(PreconditionFailed) as err:
        notice(staff, small)
    assert "数额标准" in err.value.message
    with pytest.raises(ValidationError) as err:  # the notice comes after the order's deadline
        notice(staff, small, grounds=Grounds.INCIDENT, noticed_on=date(2026, 8, 10))
    assert "noticed_on" in err.value.message_dict
    entry = notice(staff, small, grounds=Grounds.INCIDENT, facts="讨薪引发群体性事件")
    assert entry.grounds == Grounds.INCIDENT


def test_listing_waits_for_the_window_then_lasts_three_years(ignored_case, staff):
    case, _lines = ignored_case()
    entry = notice(staff, case)
    with pytest.raises(TransitionForbidden):
        bl.blacklist_decide_listing(actor=staff["inspector1"], entry_id=entry.pk, reason="列入")
    with pytest.raises(ValidationError) as err:
        bl.blacklist_decide_listing(
            actor=staff["head"], entry_id=entry.pk, reason="列入", decided_on=date(2026, 10, 13)
        )
    assert "陈述申辩期限届满后" in err.value.message_dict["decided_on"][0]
    entry = bl.blacklist_decide_listing(
        actor=staff["head"], entry_id=entry.pk, reason="逾期未申辩", decided_on=date(2026, 10, 14)
    )
    assert entry.state == BlacklistState.LISTED
    assert (entry.listed_on, entry.listed_until) == (date(2026, 10, 14), date(2029, 10, 14))
    assert entry.leaves_list_on == date(2029, 10, 15)
    assert verify_chains([BlacklistEntry]).problems == []


def test_defence_received_early_allows_an_earlier_decision(ignored_case, staff):
    case, _lines = ignored_case()
    entry = notice(staff, case)
    bl.blacklist_record_defence(
        actor=staff["inspector1"], entry_id=entry.pk, text="资金困难，请求宽限", received_on=date(2026, 10, 9)
    )
    entry = bl.blacklist_decide_listing(
        actor=staff["head"], entry_id=entry.pk, reason="申辩理由不成立", decided_on=date(2026, 10, 12)
    )
    assert entry.listed_until == date(2029, 10, 12)


def test_decided_not_to_list(ignored_case, staff):
    case, _lines = ignored_case()
    entry = notice(staff, case)
    entry = bl.blacklist_decide_not_to_list(actor=staff["head"], entry_id=entry.pk, reason="已足额支付")
    assert entry.state == BlacklistState.NOT_LISTED and entry.closed_at


def test_early_removal_after_payment_and_six_months_with_a_commitment(ignored_case, staff):
    case, lines = ignored_case(opened=date(2025, 1, 5), served=date(2025, 1, 6), rows=[(3, "7000.00")])
    entry = notice(staff, case, noticed_on=date(2025, 2, 3))
    entry = bl.blacklist_decide_listing(
        actor=staff["head"], entry_id=entry.pk, reason="列入", decided_on=date(2025, 2, 20)
    )
    with pytest.raises(PreconditionFailed) as err:  # still owes
        bl.blacklist_apply_for_removal(actor=staff["inspector1"], entry_id=entry.pk, commitment="承诺守信")
    assert "尚未全部支付" in err.value.message
    payment_record(
        actor=staff["inspector1"],
        case_id=case.pk,
        line_id=lines[0].pk,
        amount="7000.00",
        paid_on=date(2025, 3, 1),
        payer_kind="employer",
    )
    entry.refresh_from_db()
    assert entry.early_removal_from == date(2025, 9, 2)
    with pytest.raises(ValidationError):
        bl.blacklist_apply_for_removal(actor=staff["inspector1"], entry_id=entry.pk, commitment="")
    entry = bl.blacklist_apply_for_removal(
        actor=staff["inspector1"], entry_id=entry.pk, commitment="今后按时足额支付工资"
    )
    assert entry.state == BlacklistState.REMOVAL_APPLIED
    entry = bl.blacklist_approve_removal(actor=staff["head"], entry_id=entry.pk, reason="符合提前移出条件")
    assert entry.state == BlacklistState.REMOVED and entry.removed_on is not None


def test_recent_payment_is_not_yet_six_months(ignored_case, staff):
    from django.utils import timezone

    case, lines = ignored_case(
        opened=date(2025, 1, 5), served=date(2025, 1, 6), rows=[(3, "7000.00")], start=30
    )
    entry = notice(staff, case, noticed_on=date(2025, 2, 3))
    bl.blacklist_decide_listing(
        actor=staff["head"], entry_id=entry.pk, reason="列入", decided_on=date(2025, 2, 20)
    )
    paid = timezone.localdate() - datetime.timedelta(days=10)
    payment_record(
        actor=staff["inspector1"],
        case_id=case.pk,
        line_id=lines[0].pk,
        amount="7000.00",
        paid_on=paid,
        payer_kind="employer",
    )
    with pytest.raises(PreconditionFailed) as err:
        bl.blacklist_apply_for_removal(actor=staff["inspector1"], entry_id=entry.pk, commitment="承诺")
    assert "未满6个月" in err.value.message


def test_expiry_sweep_takes_entries_off_after_three_years(ignored_case, staff):
    case, _lines = ignored_case(opened=date(2022, 12, 1), served=date(2022, 12, 2))
    entry = notice(staff, case, noticed_on=date(2023, 1, 3))
    bl.blacklist_decide_listing(
        actor=staff["head"], entry_id=entry.pk, reason="列入", decided_on=date(2023, 1, 16)
    )
    current, _ = ignored_case(start=50)
    current_entry = notice(staff, current)
    bl.blacklist_decide_listing(
        actor=staff["head"], entry_id=current_entry.pk, reason="列入", decided_on=date(2026, 10, 14)
    )
    assert expire_blacklist_entries() == 1  # the daily Celery task
    entry.refresh_from_db()
    assert entry.state == BlacklistState.EXPIRED and entry.removed_on == date(2026, 1, 17)
    log = TransitionLog.objects.get(
        object_id=entry.pk, content_type__model="blacklistentry", transition="expire"
    )
    assert log.actor is None
    assert BlacklistEntry.objects.get(pk=current_entry.pk).state == BlacklistState.LISTED
