"""Every deadline rule, hand-computed across the 2025 and 2026 holidays (statutes.md §1).

Reference calendar (State Council notices; chinese-calendar 1.11 agrees, see test_workdays):
  2025 Spring Festival 1/28–2/4 (make-up Sun 1/26, Sat 2/8); National Day 10/1–10/8 (make-up Sun 9/28, Sat 10/11).
  2026 Spring Festival 2/15–2/23 (make-up Sat 2/14, Sat 2/28); Labour Day 5/1–5/5 (make-up Sat 5/9);
  Mid-Autumn 9/25–9/27; National Day 10/1–10/7 (make-up Sun 9/20, Sat 10/10).
  湘西州 founding days 9/20–9/21 (local, overrides the national make-up day 9/20/2026).
"""

import pytest

from casework.deadlines.compute import DeadlineError, compute_due, pause_length
from casework.deadlines.rules import RULES, Direction, Unit, get_rule

from .conftest import D

pytestmark = pytest.mark.django_db

# rule, start, keyword arguments, expected due date, why (the count, by hand)
# fmt: off
CASES = [
    # --- working-day rules ---------------------------------------------------------------------
    ("inspection.accept", "2025-09-26", {}, "2025-10-10",
     "Fri; 9/28 Sun make-up 1, 9/29 2, 9/30 3, 10/1–8 off, 10/9 4, 10/10 5"),
    ("inspection.investigate", "2026-08-20", {}, "2026-11-18",
     "60 wd: 9/20 Sun make-up counts, 9/25 and 10/1–7 off, 10/10 Sat make-up counts"),
    ("inspection.investigate", "2026-08-20", {"extensions": 1}, "2026-12-30",
     "+30 wd on approved extension"),
    ("inspection.penalty_serve", "2026-04-30", {}, "2026-05-13",
     "Thu; 5/1–5 off, 5/6 1, 5/7 2, 5/8 3, 5/9 Sat make-up 4, 5/11 5, 5/12 6, 5/13 7"),
    ("arbitration.accept", "2026-09-30", {}, "2026-10-13",
     "Wed; 10/1–7 off, 10/8 1, 10/9 2, 10/10 Sat make-up 3, 10/12 4, 10/13 5"),
    ("arbitration.serve", "2026-02-12", {}, "2026-02-26",
     "Thu; 2/13 1, 2/14 Sat make-up 2, 2/15–23 off, 2/24 3, 2/25 4, 2/26 5"),
    ("arbitration.defence", "2026-02-10", {}, "2026-03-02",
     "Tue; 2/11–13 1–3, 2/14 4, 2/24–27 5–8, 2/28 Sat make-up 9, 3/2 10"),
    ("arbitration.defence_copy", "2025-01-24", {}, "2025-02-07",
     "Fri; 1/26 Sun make-up 1, 1/27 2, 1/28–2/4 off, 2/5 3, 2/6 4, 2/7 5"),
    ("arbitration.tribunal", "2025-10-09", {}, "2025-10-15",
     "Thu; 10/10 1, 10/11 Sat make-up 2, 10/13 3, 10/14 4, 10/15 5"),
    ("arbitration.hearing_notice", "2025-10-13", {}, "2025-09-29",
     "hearing Mon 10/13, back: 10/11 Sat make-up 1, 10/10 2, 10/9 3, 10/1–8 off, 9/30 4, 9/29 5"),
    ("arbitration.hearing_notice", "2026-02-26", {}, "2026-02-12",
     "hearing Thu 2/26, back: 2/25 1, 2/24 2, 2/15–23 off, 2/14 Sat make-up 3, 2/13 4, 2/12 5"),
    ("arbitration.postpone_request", "2026-10-12", {}, "2026-10-08",
     "hearing Mon 10/12, back: 10/10 Sat make-up 1, 10/9 2, 10/8 3"),
    ("mediation.review_accept", "2026-04-29", {}, "2026-05-09",
     "Wed; 4/30 1, 5/1–5 off, 5/6 2, 5/7 3, 5/8 4, 5/9 Sat make-up 5"),
    ("mediation.review", "2026-02-12", {}, "2026-02-26",
     "Thu; 2/13 1, 2/14 Sat make-up 2, 2/15–23 off, 2/24 3, 2/25 4, 2/26 5"),
    # --- calendar-day rules (start day excluded; roll forward off a rest day) ------------------
    ("arbitration.award", "2025-08-14", {}, "2025-09-28",
     "+45 = Sun 9/28, a make-up workday: no roll"),
    ("arbitration.award", "2025-08-20", {}, "2025-10-09",
     "+45 = Sat 10/4 in National Day → Thu 10/9"),
    ("arbitration.award", "2025-08-20", {"extensions": 1}, "2025-10-20",
     "+60 = Sun 10/19 → Mon 10/20"),
    ("arbitration.award", "2025-08-20", {"paused_days": 10}, "2025-10-14",
     "10 days of suspension not counted"),
    ("arbitration.award", "2026-01-07", {}, "2026-02-24",
     "+45 = Sat 2/21 in Spring Festival → Tue 2/24"),
    ("mediation.settle", "2026-02-05", {}, "2026-02-24",
     "+15 = Fri 2/20 in Spring Festival → Tue 2/24"),
    ("mediation.settle", "2026-01-20", {}, "2026-02-04",
     "+15 = Wed 2/4: no roll"),
    ("mediation.review_apply", "2026-09-20", {}, "2026-10-08",
     "agreement Sun 9/20; +15 = Mon 10/5 in National Day → Thu 10/8"),
    ("inspection.penalty_decide", "2026-07-03", {}, "2026-10-08",
     "+90 = 10/1 → Thu 10/8"),
    ("police_transfer.decide", "2025-09-28", {}, "2025-10-09",
     "report on the Sunday make-up day; +3 = 10/1 → 10/9"),
    ("police_transfer.decide", "2026-09-17", {}, "2026-09-20",
     "+3 = Sun 9/20, national make-up workday"),
    ("arrears.payment_order", "2026-09-15", {"period": 10}, "2026-09-28",
     "order of 10 days: Fri 9/25 Mid-Autumn → Mon 9/28"),
    ("arrears.payment_order", "2026-09-15", {"period": 15}, "2026-09-30",
     "order of 15 days: Wed 9/30"),
    ("inspection.rectification", "2026-09-15", {"period": 10}, "2026-09-28",
     "rectification order of 10 days: Fri 9/25 Mid-Autumn → Mon 9/28"),
    ("blacklist.defence", "2026-04-29", {"period": 5}, "2026-05-09",
     "blacklist notice Wed 4/29, 5 wd: 4/30 1, 5/1–5 off, 5/6 2, 5/7 3, 5/8 4, 5/9 Sat make-up 5"),
    ("inspection.penalty_statement", "2026-04-30", {"period": 3}, "2026-05-08",
     "prior notice Thu 4/30, 3 wd: 5/1–5 off, 5/6 1, 5/7 2, 5/8 3"),
    ("inspection.hearing_request", "2026-04-30", {}, "2026-05-11",
     "prior notice Thu 4/30, 5 wd: 5/6 1, 5/7 2, 5/8 3, 5/9 Sat make-up 4, 5/11 5"),
    ("inspection.hearing_notice", "2026-05-13", {}, "2026-04-30",
     "hearing Wed 5/13, back 7 wd: 5/12 1, 5/11 2, 5/9 Sat make-up 3, 5/8 4, 5/7 5, 5/6 6, 4/30 7"),
    ("inspection.handling_payment", "2026-09-15", {"period": 10}, "2026-09-28",
     "order to pay within 10 days: Fri 9/25 Mid-Autumn → Mon 9/28"),
    ("inspection.compensation_payment", "2026-09-15", {"period": 15}, "2026-09-30",
     "加付赔偿金 within 15 days: Wed 9/30"),
    ("inspection.outcome_publication", "2026-11-02", {"period": 20}, "2026-11-30",
     "random inspection closed Mon 11/2, published within 20 wd (国发〔2019〕5号): 11/3–6 4, 9–13 9, 16–20 14, "
     "23–27 19, Mon 11/30 20"),
    ("arbitration.award", "2026-01-07", {"extensions": 1, "extension_days": 5}, "2026-02-26",
     "45 days + 5 approved by the chair = Thu 2/26"),
    # --- clue reply deadlines (the bureau's rule per channel, casework.deadlines.clue_periods) -----
    *[(f"clue.reply.{channel}", "2026-03-02", {}, "2026-03-09", "Mon; 3/3–3/6 1–4, 3/9 5")
      for channel in ("hotline_12345", "hotline_12333", "walk_in", "green_channel")],
    *[(f"clue.reply.{channel}", "2026-03-02", {}, "2026-03-16", "Mon; 10 wd: 3/3–3/6, 3/9–13, 3/16")
      for channel in ("national_platform", "linkage_centre", "transfer")],
    ("clue.reply.petition", "2026-03-02", {}, "2026-05-06",
     "+60 = Fri 5/1 Labour Day (5/1–5/5) → Wed 5/6"),
    ("supervision.report", "2026-04-29", {"period": 5}, "2026-05-09",
     "督办 report every 5 wd from Wed 4/29: 4/30 1, 5/1–5 off, 5/6 2, 5/7 3, 5/8 4, 5/9 Sat make-up 5"),
    ("supervision.conclude", "2026-09-15", {"period": 30}, "2026-10-15",
     "办结时限 of 30 days: Thu 10/15, a working day"),
    # --- year rules ----------------------------------------------------------------------------
    ("inspection.limitation", "2024-02-15", {}, "2026-02-24",
     "2 years → Sun 2/15/2026 in Spring Festival → 2/24"),
    ("inspection.limitation", "2024-06-03", {}, "2026-06-03",
     "2 years → Wed 6/3/2026"),
    ("arbitration.limitation", "2025-10-01", {}, "2026-10-08",
     "1 year → Thu 10/1/2026 National Day → 10/8"),
    ("arbitration.limitation", "2025-01-10", {"paused_days": 30}, "2026-02-09",
     "suspended 30 days: 1/10/2026 + 30"),
]
# fmt: on


@pytest.mark.parametrize("rule, start, kwargs, expected, why", CASES)
def test_due_dates_across_the_2025_and_2026_holidays(rule, start, kwargs, expected, why):
    result = compute_due(rule, D(start), **kwargs)
    assert result.due == D(expected), why
    assert result.provisional is False
    assert result.article == str(get_rule(rule).article) and result.article


def test_every_rule_in_the_registry_is_covered_by_a_hand_computed_case():
    assert {case[0] for case in CASES} == set(RULES)


@pytest.mark.parametrize(
    "rule, start, national, xiangxi",
    [
        # Fri 9/18/2026. National: 9/20 Sun make-up 1, 9/21–24 2–5. 吉首: 9/20–21 off, 9/22–24 1–3,
        # 9/25–27 Mid-Autumn, 9/28 4, 9/29 5.
        ("inspection.accept", "2026-09-18", "2026-09-24", "2026-09-29"),
        ("arbitration.accept", "2026-09-18", "2026-09-24", "2026-09-29"),
        # 60 wd from 8/20: the two local rest days push it two working days later.
        ("inspection.investigate", "2026-08-20", "2026-11-18", "2026-11-20"),
        # +3 calendar days = Sun 9/20: a make-up workday nationally, a local holiday in Xiangxi → Tue 9/22.
        ("police_transfer.decide", "2026-09-17", "2026-09-20", "2026-09-22"),
        # Hearing Wed 9/23, back. National: 9/22 1, 9/21 2, 9/20 Sun make-up 3, 9/18 4, 9/17 5.
        # Xiangxi: 9/22 1, 9/21–19 off, 9/18 2, 9/17 3, 9/16 4, 9/15 5.
        ("arbitration.hearing_notice", "2026-09-23", "2026-09-17", "2026-09-15"),
    ],
)
def test_xiangxi_local_holiday_decides_over_the_national_makeup_day(
    rule, start, national, xiangxi, jishou, luxi, changsha
):
    assert compute_due(rule, D(start)).due == D(national)
    assert compute_due(rule, D(start), jurisdiction=changsha).due == D(national)
    assert compute_due(rule, D(start), jurisdiction=jishou).due == D(xiangxi)
    assert compute_due(rule, D(start), jurisdiction=luxi).due == D(xiangxi)


def test_result_lists_the_holidays_skipped_and_makeup_days_counted(jishou):
    result = compute_due("inspection.accept", D("2025-09-26"))
    assert [d.date for d in result.skipped] == [D(f"2025-10-0{i}") for i in range(1, 9)]
    assert {d.name for d in result.skipped} == {"国庆节", "中秋节"}
    assert [d.date for d in result.makeup_workdays] == [D("2025-09-28")]

    local = compute_due("inspection.accept", D("2026-09-18"), jurisdiction=jishou)
    assert [(d.date, d.name) for d in local.skipped[:2]] == [
        (D("2026-09-20"), "湘西州成立纪念日"),
        (D("2026-09-21"), "湘西州成立纪念日"),
    ]
    assert local.makeup_workdays == ()


def test_calendar_period_reports_the_roll_forward():
    result = compute_due("arbitration.award", D("2025-08-20"))
    assert result.nominal_due == D("2025-10-04") and result.rolled_forward
    assert [d.date for d in result.skipped] == [
        D("2025-10-04"),
        D("2025-10-05"),
        D("2025-10-06"),
        D("2025-10-07"),
        D("2025-10-08"),
    ]
    plain = compute_due("arbitration.award", D("2025-08-14"))
    assert not plain.rolled_forward and plain.skipped == ()


def test_restart_is_a_new_start_date():
    # Amended claim accepted on 7 Jan 2026: the 45 days run again from then (ARB-RULES Art 46).
    first = compute_due("arbitration.award", D("2025-12-01"))
    restarted = compute_due("arbitration.award", D("2026-01-07"))
    assert first.due == D("2026-01-15") and restarted.due == D("2026-02-24")
    assert "claim_amended" in {e.code for e in get_rule("arbitration.award").restart_events}


def test_wage_arrears_while_employed_have_no_limitation():
    result = compute_due("arbitration.limitation", D("2025-03-01"), wage_arrears_in_employment=True)
    assert result.due is None and result.no_limitation and not result.provisional
    with pytest.raises(DeadlineError) as err:
        compute_due("inspection.limitation", D("2025-03-01"), wage_arrears_in_employment=True)
    assert err.value.field == "wage_arrears_in_employment"


@pytest.mark.parametrize(
    "rule, kwargs, field",
    [
        ("no.such.rule", {}, "rule"),
        ("inspection.investigate", {"extensions": 2}, "extensions"),
        ("arbitration.accept", {"extensions": 1}, "extensions"),
        ("inspection.investigate", {"paused_days": 3}, "paused_days"),
        ("arrears.payment_order", {}, "period"),
        ("arbitration.accept", {"period": 7}, "period"),
    ],
)
def test_bad_arguments_name_the_field(rule, kwargs, field):
    with pytest.raises(DeadlineError) as err:
        compute_due(rule, D("2026-03-02"), **kwargs)
    assert err.value.field == field and err.value.message


def test_start_outside_the_supported_range_is_refused():
    with pytest.raises(DeadlineError) as err:
        compute_due("arbitration.accept", D("1999-12-31"))
    assert err.value.field == "start"


def test_pause_length_is_in_the_rules_unit():
    assert pause_length("arbitration.award", D("2026-09-30"), D("2026-10-10")) == 10
    # Working days: 10/1–7 off, 10/8, 10/9 and the Saturday make-up 10/10 count.
    assert pause_length("inspection.accept", D("2026-09-30"), D("2026-10-10")) == 3


def test_registry_describes_each_rule():
    for rule in RULES.values():
        assert rule.title and rule.start_event and rule.article and rule.citation
        assert rule.unit in (Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.YEARS)
    # ARB-RULES Art 80: 3/5/10-day arbitration periods are working days, 15/45-day ones calendar days.
    for rule in RULES.values():
        if rule.domain in ("arbitration", "mediation") and rule.unit != Unit.YEARS:
            expected = Unit.WORKING_DAYS if rule.period in (3, 5, 10) else Unit.CALENDAR_DAYS
            assert rule.unit == expected, rule.name
    assert get_rule("arbitration.hearing_notice").direction == Direction.BACKWARD
    award = get_rule("arbitration.award")
    assert (award.extension_period, award.max_extensions, award.paused_by_suspension) == (15, 1, True)
    investigate = get_rule("inspection.investigate")
    assert (investigate.period, investigate.extension_period, investigate.unit) == (60, 30, Unit.WORKING_DAYS)
    assert get_rule("arbitration.limitation").wage_arrears_exception
