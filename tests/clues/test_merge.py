"""Duplicate clues: candidates scored and shown masked; merge and unmerge through the kernel, both logs kept;
another employer's clue refused."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from casework.clues.merging import candidates
from casework.clues.models import Clue
from casework.clues.selectors import clues_visible_to
from casework.clues.services import clue_close, clue_reply, clue_transfer
from casework.models import Deadline, TransitionLog
from tests.factories import make_credit_code, make_id_number

pytestmark = pytest.mark.django_db


def post(user, clue, name, body=None):
    client = APIClient()
    client.force_authenticate(user)
    return client.post(f"/api/v1/clues/{clue.pk}/transitions/{name}/", body or {}, format="json")


def logs(clue) -> list[str]:
    return list(
        TransitionLog.objects.filter(object_id=clue.pk, case_number=clue.number).values_list(
            "transition", flat=True
        )
    )


def test_candidates_are_scored_on_employer_project_worker_phone_period_and_amount(staff, new_clue):
    clue = new_clue(external_ref="A", period_from=date(2026, 8, 1), period_to=date(2026, 10, 31))
    twin = new_clue(
        channel="hotline_12345",
        external_ref="B",
        period_from=date(2026, 9, 1),
        period_to=date(2026, 9, 30),
        amount="15000.00",
    )
    same_name_only = new_clue(
        external_ref="C",
        employer_credit_code="",
        employer_name="湘西峒河建设有限责任公司",
        project_name="",
        reporter_id_number="",
        reporter_phone="",
        amount=None,
    )
    new_clue(  # another employer entirely
        external_ref="D",
        employer_name="泸溪某公司",
        employer_credit_code=make_credit_code("433122", "MA4P77777"),
        project_name="",
        reporter_id_number=make_id_number("433122", date(1980, 1, 1), seq=3),
        reporter_phone="13907439999",
        amount=None,
    )

    found = candidates(clue, clues_visible_to(staff["inspector1"]))

    assert [c.clue.pk for c in found] == [twin.pk, same_name_only.pk]
    assert (
        found[0].score == 100
        and "同一反映人身份证" in found[0].reasons
        and "欠薪期间重叠" in found[0].reasons
    )
    assert found[1].reasons == ["单位名称相同"]
    assert found[0].reporter == "彭** " + twin.reporter_id_masked + " " + twin.reporter_phone_masked


def test_merge_and_unmerge_keep_both_histories(staff, new_clue):
    primary, duplicate = new_clue(external_ref="A"), new_clue(channel="hotline_12345", external_ref="B")

    merged = post(staff["inspector1"], duplicate, "merge", {"into": primary.number, "reason": "同一欠薪"})

    assert merged.status_code == 200, merged.content
    assert merged.json()["state"] == "merged" and merged.json()["merged_into"] == primary.number
    assert not Deadline.objects.filter(
        object_id=duplicate.pk, rule="clue.reply.hotline_12345", status="open"
    ).exists()
    unmerged = post(staff["inspector2"], duplicate, "unmerge", {"reason": "经核实非同一批工人"})
    assert unmerged.status_code == 200 and unmerged.json()["state"] == "registered"
    assert unmerged.json()["merged_into"] is None
    assert Deadline.objects.filter(
        object_id=duplicate.pk, rule="clue.reply.hotline_12345", status="open"
    ).exists()
    assert logs(duplicate) == ["register", "merge", "unmerge"]
    assert logs(primary) == ["register", "merge_in", "merge_out"]


def test_a_triaged_clue_unmerges_to_its_triage_state(staff, new_clue):
    primary, duplicate = new_clue(external_ref="A"), new_clue(external_ref="B")
    clue_transfer(actor=staff["inspector1"], clue_id=duplicate.pk, target="州局", reason="跨县")
    post(staff["inspector1"], duplicate, "merge", {"into": primary.pk})
    assert post(staff["inspector1"], duplicate, "unmerge").json()["state"] == "transferred"


def test_merge_refuses_another_employer_a_closed_clue_and_itself(staff, new_clue):
    clue = new_clue(external_ref="A")
    other = new_clue(
        external_ref="B",
        employer_name="泸溪某公司",
        employer_credit_code=make_credit_code("433122", "MA4P77777"),
    )
    refused = post(staff["inspector1"], clue, "merge", {"into": other.number})
    assert refused.status_code == 409 and "不是同一单位" in refused.json()["message"]
    assert post(staff["inspector1"], clue, "merge", {"into": clue.number}).status_code == 400
    closed = new_clue(external_ref="C")
    clue_transfer(actor=staff["inspector1"], clue_id=closed.pk, target="州局", reason="跨县")
    from casework.clues.models import ReplyOutcome

    clue_reply(
        actor=staff["inspector1"], clue_id=closed.pk, outcome=ReplyOutcome.objects.get(code="transferred")
    )
    clue_close(actor=staff["inspector1"], clue_id=closed.pk)
    assert post(staff["inspector1"], clue, "merge", {"into": closed.number}).status_code == 409
    assert Clue.objects.get(pk=clue.pk).state == "registered"


def test_no_unmerge_once_the_clue_it_went_into_is_closed(staff, new_clue):
    from casework.clues.models import ReplyOutcome

    primary, duplicate = new_clue(external_ref="A"), new_clue(external_ref="B")
    post(staff["inspector1"], duplicate, "merge", {"into": primary.number})
    clue_transfer(actor=staff["inspector1"], clue_id=primary.pk, target="州局", reason="跨县")
    clue_reply(
        actor=staff["inspector1"], clue_id=primary.pk, outcome=ReplyOutcome.objects.get(code="transferred")
    )
    clue_close(actor=staff["inspector1"], clue_id=primary.pk)
    refused = post(staff["inspector1"], duplicate, "unmerge")
    assert refused.status_code == 409 and "已办结" in refused.json()["message"]


def test_the_clue_page_lists_the_duplicates_with_who_when_and_what(client, staff, new_clue):
    clue, twin = new_clue(external_ref="A"), new_clue(external_ref="B", facts="同一工地钢筋班组欠薪")
    client.force_login(staff["inspector1"])
    page = client.get(f"/clues/{clue.pk}/").content.decode()
    assert f'data-candidate="{twin.number}"' in page and "同一工地钢筋班组欠薪" in page
    assert twin.reporter_id_masked in page and twin.reporter_id_number not in page
