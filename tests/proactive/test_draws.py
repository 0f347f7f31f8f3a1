"""双随机、一公开: a draw replays from its published seed and snapshot; a changed registry changes the hash; the
draw refuses to run before its seed is published; the public pages carry no personal data."""

import json
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from casework.proactive import draw_algorithm as algo
from casework.proactive.models import Draw, DrawRule, Inspection, InspectionState
from casework.proactive.services import draws
from casework.services.transitions import PreconditionFailed
from tests.factories import EmployerFactory, make_credit_code


def announce(area, quota=3, **extra):
    return draws.draw_announce(
        actor=area.head,
        title="2026年第四季度双随机抽查",
        jurisdiction=area.north.jurisdiction,
        quotas={"433101": quota},
        seed_source="2026年12月10日 福彩3D 开奖号码",
        **extra,
    )


def drawn(area, value="517", quota=3):
    draw = announce(area, quota)
    draws.draw_publish_seed(actor=area.head, draw_id=draw.pk, value=value)
    return draws.draw_run(actor=area.head, draw_id=draw.pk)


def test_a_draw_replayed_from_its_seed_gives_the_same_selection(area):
    draw = drawn(area)
    document = draws.draw_document(draw)
    outcome = algo.replay(json.loads(json.dumps(document)))  # as downloaded
    assert outcome["ok"], outcome["checks"]
    assert outcome["result"] == draw.result and len(draw.result) == 3
    # the inspections drawn, each with a pair of inspectors not of the employer's own grid
    inspections = Inspection.objects.filter(draw=draw).prefetch_related("assignees")
    assert inspections.count() == 3
    for inspection in inspections:
        team = set(inspection.assignees.all())
        assert len(team) == 2
        assert not team & set(inspection.grid.inspectors.all())


def test_another_seed_gives_another_selection_and_a_forged_result_fails_the_replay(area):
    first, second = drawn(area, "517"), drawn(area, "518")
    assert first.inputs_sha256 == second.inputs_sha256  # same registries, rules and quotas
    assert first.result != second.result
    forged = draws.draw_document(first)
    forged["result"] = second.result
    assert not algo.replay(forged)["ok"]


def test_a_changed_registry_gives_a_different_hash(area, jishou):
    before = announce(area)
    EmployerFactory(
        jurisdiction=jishou, name="新登记单位", credit_code=make_credit_code(), address="乾州街道1号"
    )
    from casework.proactive.services.grids import grid_register_county

    grid_register_county(jishou)
    after = announce(area)
    assert after.snapshot_sha256 != before.snapshot_sha256
    assert after.inputs_sha256 != before.inputs_sha256
    # and a changed rule changes the inputs' hash, not the snapshot's
    DrawRule.objects.filter(code="own_grid").update(enabled=False)
    ruled = announce(area)
    assert ruled.snapshot_sha256 == after.snapshot_sha256 and ruled.inputs_sha256 != after.inputs_sha256


def test_the_draw_refuses_to_run_before_its_seed_is_published(area):
    draw = announce(area)
    with pytest.raises(PreconditionFailed):
        draws.draw_run(actor=area.head, draw_id=draw.pk)
    Draw.objects.filter(pk=draw.pk).update(
        state="seeded", seed="0" * 64, seed_value="x", seed_published_at=timezone.now() + timedelta(hours=1)
    )
    with pytest.raises(PreconditionFailed):  # a seed "published" in the future
        draws.draw_run(actor=area.head, draw_id=draw.pk)
    assert not Inspection.objects.filter(draw=draw).exists()


def test_recently_inspected_employers_are_not_drawn(area):
    target = area.employers[0]
    Inspection.objects.filter(pk__in=[]).delete()
    from casework.proactive.services.inspections import plan_inspection

    done = plan_inspection(actor=area.head, employer=target, kind="patrol", planned_on=timezone.localdate())
    Inspection.objects.filter(pk=done.pk).update(inspected_on=timezone.localdate() - timedelta(days=30))
    draw = drawn(area, quota=20)
    assert target.pk not in {row["employer"] for row in draw.result}
    assert len(draw.result) == len(area.employers) - 1


def test_replay_draw_command(area, tmp_path, capsys):
    draw = drawn(area)
    call_command("replay_draw", str(draw.pk))
    path = tmp_path / "inputs.json"
    document = draws.draw_document(draw)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    call_command("replay_draw", str(path))
    assert "一致" in capsys.readouterr().out
    document["snapshot"]["employers"][0]["name"] = "篡改"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("replay_draw", str(path))


def test_publication_deadline_comes_from_the_rule(area):
    draw = drawn(area)
    assert draw.publish_due is not None and draw.publish_due > timezone.localdate() + timedelta(days=20)
    draws.draw_publish_results(actor=area.head, draw_id=draw.pk)
    assert Draw.objects.get(pk=draw.pk).published_on_time is True


def personal_data(people, area) -> list[str]:
    values = []
    for p in people:
        values += [p.name, p.id_number, p.phone]
    values += [e.legal_representative for e in area.employers]
    values += [u.username for u in [*area.inspectors, area.head]]
    return [v for v in values if v]


def test_public_pages_show_hashes_seed_and_results_without_personal_data(area, people, client):
    draw = drawn(area)
    draws.draw_publish_results(actor=area.head, draw_id=draw.pk)
    first = Inspection.objects.filter(draw=draw).first()
    Inspection.objects.filter(pk=first.pk).update(
        state=InspectionState.CLOSED, closed_at=timezone.now(), outcome_published_at=timezone.now()
    )
    responses = [
        client.get(u)
        for u in ("/public/draws/", f"/public/draws/{draw.pk}/", f"/public/draws/{draw.pk}/inputs.json")
    ]
    assert [r.status_code for r in responses] == [200, 200, 200]
    page = responses[1].content.decode()
    assert draw.snapshot_sha256 in page and draw.inputs_sha256 in page and draw.seed in page
    drawn_names = {e.name for e in area.employers if e.pk in {r["employer"] for r in draw.result}}
    assert all(name in page for name in drawn_names)
    assert "未发现违法行为" in page
    for response in responses:
        body = response.content.decode()
        for value in personal_data(people, area):
            assert value not in body, value
        for code in [e.credit_code for e in area.employers]:  # credit codes are public (legal persons)
            body = body.replace(code, "")
        body = re.sub(r"[0-9a-f]{64}", "", body)  # the hashes
        assert not re.search(r"\d{17}[\dX]", body)  # no ID number
        assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", body)  # no mobile number


def test_results_stay_off_the_public_page_until_published(area, client):
    draw = drawn(area)
    body = client.get(f"/public/draws/{draw.pk}/").content.decode()
    assert not any(e.name in body for e in area.employers)
    assert json.loads(client.get(f"/public/draws/{draw.pk}/inputs.json").content)["result"] is None
