"""双随机、一公开: the outcome of each drawn inspection is published within the period of the draw's rules — a
deadline in the registry, started at the closing, alerted like every other (even though the inspection is
closed), met by the publish action; the public page shows the outcome only once published."""

import pytest
from django.utils import timezone

from casework.calendar.workdays import add_working_days
from casework.models import Deadline
from casework.proactive.models import DrawRule, Inspection, ItemResult
from casework.proactive.services import draws
from casework.proactive.services import inspections as svc
from casework.services.alert_candidates import candidates
from casework.services.transitions import PreconditionFailed

RULE = "inspection.outcome_publication"


def closed_drawn_inspection(area, days=None):
    if days is not None:
        DrawRule.objects.filter(code="publication").update(days=days)
    draw = draws.draw_announce(
        actor=area.head, title="抽查", jurisdiction=area.north.jurisdiction, quotas={"433101": 1},
        seed_source="2026年12月10日 福彩3D 开奖号码",
    )  # fmt: skip
    draws.draw_publish_seed(actor=area.head, draw_id=draw.pk, value="517")
    draws.draw_run(actor=area.head, draw_id=draw.pk)
    draws.draw_publish_results(actor=area.head, draw_id=draw.pk)
    case = Inspection.objects.get(draw=draw)
    actor = case.assignees.first()
    svc.inspection_inspect(actor=actor, inspection_id=case.pk)
    for item in case.checklist():
        svc.inspection_record_result(
            actor=actor, inspection_id=case.pk, item=item, result=ItemResult.COMPLIANT
        )
    svc.inspection_conclude(actor=actor, inspection_id=case.pk, findings="未发现问题")
    return svc.inspection_close_clean(actor=area.head, inspection_id=case.pk)


def deadline_of(case) -> Deadline:
    return Deadline.objects.get(object_id=case.pk, rule=RULE, content_type__model="inspection")


@pytest.mark.parametrize("days", [None, 10])
def test_closing_a_drawn_inspection_starts_the_publication_deadline_of_the_draw_rule(area, days):
    case = closed_drawn_inspection(area, days)
    deadline = deadline_of(case)
    closed_on = timezone.localdate(case.closed_at)
    assert deadline.status == Deadline.Status.OPEN and deadline.started_on == closed_on
    assert deadline.due_on == add_working_days(closed_on, days or 20, case.jurisdiction_id)
    assert "国发〔2019〕5号" in deadline.article
    assert Inspection.objects.get(pk=case.pk).next_due == deadline.due_on


def test_the_publication_deadline_alerts_although_the_inspection_is_closed(area):
    case = closed_drawn_inspection(area)
    deadline = deadline_of(case)
    found = candidates(today=deadline.due_on, soon_days=3, escalate_days=3)
    assert [(c.deadline_id, c.level) for c in found if c.deadline_id == deadline.pk] == [
        (deadline.pk, "due_today")
    ]


def test_publishing_meets_the_deadline_and_shows_the_outcome_on_the_public_page(area, client):
    case = closed_drawn_inspection(area)
    page = f"/public/draws/{case.draw_id}/"
    body = client.get(page).content.decode()
    assert case.employer.name in body and "未发现违法行为" not in body  # drawn, outcome not yet published
    published = svc.inspection_publish_outcome(actor=area.head, inspection_id=case.pk)
    assert published.outcome_published_at is not None
    deadline = deadline_of(case)
    assert deadline.status == Deadline.Status.MET and deadline.met_on == timezone.localdate()
    assert "未发现违法行为" in client.get(page).content.decode()
    assert not [
        c
        for c in candidates(today=deadline.due_on, soon_days=3, escalate_days=3)
        if c.deadline_id == deadline.pk
    ]
    with pytest.raises(PreconditionFailed, match="已经公示"):
        svc.inspection_publish_outcome(actor=area.head, inspection_id=case.pk)


def test_only_a_closed_drawn_inspection_is_published(area):
    own = svc.inspection_plan(
        actor=area.head, employer=area.employers[1], kind="patrol", planned_on=timezone.localdate()
    )
    with pytest.raises(PreconditionFailed, match="随机抽查"):
        svc.inspection_publish_outcome(actor=area.head, inspection_id=own.pk)
    assert not Deadline.objects.filter(rule=RULE).exists()
