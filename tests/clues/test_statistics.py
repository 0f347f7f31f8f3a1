"""Clue statistics by channel and outcome, and the on-time reply rate per channel and county."""

from datetime import date

import pytest

from casework.clues.models import ReplyOutcome
from casework.clues.services import clue_reply, clue_transfer
from casework.clues.statistics import clue_statistics

pytestmark = pytest.mark.django_db


def answered(staff, clue, code, on):
    clue_transfer(actor=staff["inspector1"], clue_id=clue.pk, target="州局", reason="跨县")
    clue_reply(
        actor=staff["inspector1"], clue_id=clue.pk, outcome=ReplyOutcome.objects.get(code=code), replied_on=on
    )


def test_counts_by_channel_and_outcome_and_the_on_time_rate(staff, new_clue, django_assert_max_num_queries):
    received = date(2026, 11, 2)  # national platform due 16 Nov; 12345 due 9 Nov
    answered(staff, new_clue(external_ref="A", received_on=received), "resolved", date(2026, 11, 10))
    answered(staff, new_clue(external_ref="B", received_on=received), "resolved", date(2026, 11, 20))
    answered(
        staff, new_clue(external_ref="C", received_on=received, channel="hotline_12345"), "untrue", received
    )
    new_clue(external_ref="D", received_on=received)

    with django_assert_max_num_queries(9):
        stats = clue_statistics(staff["director"], date(2026, 1, 1), date(2026, 12, 31))

    outcomes = [o.code for o in stats["outcomes"]]
    rows = {c["row"].code: c for c in stats["channels"]}
    national = rows["national_platform"]
    assert (national["row"].total, national["row"].pending) == (4 - 1, 1)
    assert national["outcome_counts"][outcomes.index("resolved")] == 2
    assert national["row"].rate.percent == "50.0%" and rows["hotline_12345"]["row"].rate.percent == "100.0%"
    assert rows["petition"]["row"].rate.percent == "—"
    (county,) = stats["counties"]
    assert county["name"] == "吉首市" and [r.percent for r in county["rates"][:3]] == ["50.0%", "—", "100.0%"]
    assert clue_statistics(staff["luxi_inspector"], date(2026, 1, 1), date(2026, 12, 31))["counties"] == []


def test_the_statistics_page(client, staff, new_clue):
    new_clue(external_ref="A")
    client.force_login(staff["director"])
    page = client.get("/stats/clues/?from=2026-01-01&to=2026-12-31")
    assert page.status_code == 200 and "按期答复率" in page.content.decode()
    client.force_login(staff["arbitrator"])
    assert client.get("/stats/clues/").status_code == 404
