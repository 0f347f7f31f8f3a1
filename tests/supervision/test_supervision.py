"""督办 of a complaint: who may mark it, the reports and their schedule on the working-day calendar, the alerts
when a report is due and missed, lifting, the case page's card and the director's 督办 list."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from casework.calendar.workdays import add_working_days
from casework.inspection.models import Complaint
from casework.models import AlertLevel, Deadline, Evidence, Notification, TransitionLog
from casework.roles import Role
from casework.services import alerts
from casework.services.transitions import CaseNotFound, PreconditionFailed, TransitionForbidden
from casework.supervision import services as sup
from casework.supervision.models import Supervision

REPORT, CONCLUDE = "supervision.report", "supervision.conclude"


@pytest.fixture
def prefecture_head(make_user, prefecture, jishou):
    """The prefecture's inspection head: works at 州本级 and, to see a county's case, in 吉首 too."""
    return make_user(Role.INSPECTION_HEAD, prefecture, jishou)


def mark(case, actor, *, level="prefecture_listed", every=5, days=60, reason="州局挂牌督办"):
    return sup.supervise(
        Complaint,
        case.pk,
        actor=actor,
        level=level,
        report_every=every,
        deadline=timezone.localdate() + timedelta(days=days),
        reason=reason,
    )


def running(case, rule) -> Deadline:
    return Deadline.objects.get(object_id=case.pk, rule=rule, status="open")


def log_names(case) -> list[str]:
    return list(TransitionLog.objects.filter(object_id=case.pk).values_list("transition", flat=True))


def test_the_director_marks_a_case_supervised_with_a_report_schedule_in_working_days(
    investigating, staff, jishou
):
    case = investigating()
    supervision = mark(case, staff["director"], every=5, days=60)
    today = timezone.localdate()
    report = running(case, REPORT)
    assert report.due_on == add_working_days(today, 5, jishou.pk)
    assert supervision.next_report_due == report.due_on
    assert running(case, CONCLUDE).due_on == today + timedelta(days=60)
    assert supervision.case_number == case.number and supervision.case_type == "complaint"
    assert log_names(case)[-1] == "supervise"
    case.refresh_from_db()
    assert case.next_due <= report.due_on  # the case's own urgency sees the report


def test_a_case_is_supervised_once_at_a_time(investigating, staff):
    case = investigating()
    mark(case, staff["director"])
    with pytest.raises(PreconditionFailed, match="已在督办中"):
        mark(case, staff["director"])


def test_the_prefecture_levels_need_prefecture_staff_a_county_head_may_set_a_county_level(
    investigating, staff, prefecture_head
):
    case = investigating()
    logs = TransitionLog.objects.count()
    with pytest.raises(TransitionForbidden, match="州本级"):
        mark(case, staff["head"], level="prefecture")
    assert TransitionLog.objects.count() == logs and not Supervision.objects.exists()
    assert mark(case, staff["head"], level="county").level == "county"
    with pytest.raises(CaseNotFound):
        sup.lift(Complaint, case.pk, actor=staff["luxi_head"], reason="x")  # another county's: not visible
    sup.lift(Complaint, case.pk, actor=staff["head"], reason="改为州级督办")
    assert mark(case, prefecture_head, level="prefecture").level == "prefecture"


@pytest.mark.parametrize("who", ["inspector1", "clerk", "auditor", "arbitrator"])
def test_handlers_and_read_only_roles_cannot_mark_a_case_supervised(investigating, staff, who):
    case = investigating()
    with pytest.raises(Exception) as raised:
        mark(case, staff[who], level="county")
    assert getattr(raised.value, "status_code", None) in (403, 404)
    assert not Supervision.objects.exists()


def test_a_closed_case_cannot_be_supervised_and_the_deadline_must_lie_ahead(register, investigating, staff):
    case = investigating()
    with pytest.raises(ValidationError):
        mark(case, staff["director"], days=0)
    assert not Deadline.objects.filter(object_id=case.pk, rule=REPORT).exists()  # rolled back


def test_the_county_reports_progress_and_the_next_report_is_counted_from_the_report(
    investigating, staff, jishou
):
    case = investigating()
    supervision = mark(case, staff["director"], every=3)
    attachment = SimpleUploadedFile("进展.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    report = sup.submit_report(
        Complaint, case.pk, actor=staff["inspector1"], text="已责令支付", attachment=attachment
    )
    today = timezone.localdate()
    assert report.late is False and report.attachment.original_name == "进展.pdf"
    assert Evidence.objects.filter(object_id=case.pk).count() == 1
    assert Deadline.objects.filter(object_id=case.pk, rule=REPORT, status="met").count() == 1
    supervision.refresh_from_db()
    assert (
        supervision.next_report_due == running(case, REPORT).due_on == add_working_days(today, 3, jishou.pk)
    )
    assert log_names(case)[-1] == "supervision_report"


def test_a_late_report_is_marked_late(investigating, staff):
    case = investigating()
    supervision = mark(case, staff["director"])
    Supervision.objects.filter(pk=supervision.pk).update(
        next_report_due=timezone.localdate() - timedelta(days=1)
    )
    assert sup.submit_report(Complaint, case.pk, actor=staff["inspector1"], text="补报").late is True


def test_only_a_supervised_case_takes_reports_and_a_bad_file_leaves_nothing(investigating, staff):
    case = investigating()
    with pytest.raises(PreconditionFailed, match="未在督办中"):
        sup.submit_report(Complaint, case.pk, actor=staff["inspector1"], text="x")
    mark(case, staff["director"])
    bad = SimpleUploadedFile("x.pdf", b"not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        sup.submit_report(Complaint, case.pk, actor=staff["inspector1"], text="x", attachment=bad)
    assert not Supervision.objects.get().reports.exists()
    with pytest.raises(TransitionForbidden):
        sup.submit_report(Complaint, case.pk, actor=staff["auditor"], text="x")


def test_lifting_needs_a_reason_and_stops_the_schedule(client, investigating, staff):
    case = investigating()
    mark(case, staff["director"])
    client.force_login(staff["director"])
    url = f"/cases/complaint/{case.pk}/actions/lift_supervision/"
    client.post(url, {"reason": ""})
    assert Supervision.objects.get().is_active
    client.post(url, {"reason": "已全部支付，结案"})
    supervision = Supervision.objects.get()
    assert not supervision.is_active and supervision.lift_reason == "已全部支付，结案"
    assert not Deadline.objects.filter(
        object_id=case.pk, rule__startswith="supervision.", status="open"
    ).exists()
    assert log_names(case)[-1] == "lift_supervision"


# --- alerts: the kernel's one sweep ---------------------------------------------------------------------
def _told(case, level) -> set[str]:
    return set(
        Notification.objects.filter(
            alert__object_id=case.pk, alert__deadline__rule=REPORT, level=level
        ).values_list("recipient__username", flat=True)
    )


def test_a_report_due_alerts_the_handlers_and_a_missed_one_the_director_at_once(investigating, staff, jishou):
    case = investigating()
    mark(case, staff["director"])
    due = running(case, REPORT).due_on
    alerts.sweep(today=due)
    assert _told(case, AlertLevel.DUE_TODAY) == {staff["inspector1"].username, staff["inspector2"].username}
    late = add_working_days(due, 1, jishou.pk)
    alerts.sweep(today=late)
    overdue = _told(case, AlertLevel.OVERDUE)
    assert staff["director"].username in overdue  # not after five working days: at once
    assert {staff["inspector1"].username, staff["head"].username} <= overdue


def test_a_report_made_in_time_stops_its_deadline_alerting(investigating, staff, jishou):
    case = investigating()
    mark(case, staff["director"])
    first = running(case, REPORT)
    sup.submit_report(Complaint, case.pk, actor=staff["inspector1"], text="按期报告")
    alerts.sweep(today=add_working_days(first.due_on, 1, jishou.pk))
    assert not Notification.objects.filter(alert__deadline=first).exists()
    assert Notification.objects.filter(alert__deadline=running(case, REPORT)).exists()  # the next one runs


def test_an_ordinary_deadline_overdue_still_waits_to_tell_the_director(investigating, staff, jishou):
    case = investigating()
    investigate = running(case, "inspection.investigate")
    alerts.sweep(today=add_working_days(investigate.due_on, 1, jishou.pk))
    told = set(
        Notification.objects.filter(alert__deadline=investigate, level=AlertLevel.OVERDUE).values_list(
            "recipient__username", flat=True
        )
    )
    assert told and staff["director"].username not in told


# --- pages ---------------------------------------------------------------------------------------------
def test_the_case_page_shows_the_card_with_reports_and_the_forms_each_may_use(client, investigating, staff):
    case = investigating()
    client.force_login(staff["director"])
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-action="supervise"' in page
    mark(case, staff["director"])
    sup.submit_report(Complaint, case.pk, actor=staff["inspector1"], text="已约谈单位负责人")
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-testid="supervision-card"' in page and "已约谈单位负责人" in page and "州级挂牌督办" in page
    assert 'data-action="lift_supervision"' in page and 'data-action="supervision_report"' not in page
    client.force_login(staff["inspector1"])
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-action="supervision_report"' in page and 'data-action="lift_supervision"' not in page


def test_a_report_with_an_attachment_from_the_page(client, investigating, staff):
    case = investigating()
    mark(case, staff["director"])
    client.force_login(staff["inspector1"])
    upload = SimpleUploadedFile("照片.png", b"\x89PNG\r\n\x1a\n0000", content_type="image/png")
    client.post(
        f"/cases/complaint/{case.pk}/actions/supervision_report/", {"text": "现场核查", "attachment": upload}
    )
    report = Supervision.objects.get().reports.get()
    assert report.text == "现场核查" and report.attachment.original_name == "照片.png"


def test_the_supervision_list_flags_overdue_reports_and_links_the_case(client, investigating, staff):
    first, second = investigating(), investigating()
    mark(first, staff["director"])
    late = mark(second, staff["director"], level="county")
    Supervision.objects.filter(pk=late.pk).update(next_report_due=timezone.localdate() - timedelta(days=2))
    client.force_login(staff["director"])
    page = client.get("/supervision/").content.decode()
    assert first.get_absolute_url() in page and second.get_absolute_url() in page
    assert page.count('data-testid="overdue"') == 1
    only_late = client.get("/supervision/?overdue=1").content.decode()
    assert second.number in only_late and first.number not in only_late
    client.force_login(staff["inspector1"])
    assert client.get("/supervision/").status_code == 403


def test_a_county_head_sees_only_the_supervisions_of_cases_they_can_see(client, investigating, staff):
    case = investigating()
    mark(case, staff["director"])
    client.force_login(staff["luxi_head"])
    assert case.number not in client.get("/supervision/").content.decode()
    client.force_login(staff["head"])
    assert case.number in client.get("/supervision/").content.decode()


def test_the_list_costs_the_same_for_one_row_or_many(
    client, investigating, staff, django_assert_max_num_queries
):
    mark(investigating(), staff["director"])
    client.force_login(staff["director"])
    client.get("/supervision/")
    with django_assert_max_num_queries(12) as one:
        client.get("/supervision/")
    for _ in range(4):
        mark(investigating(), staff["director"])
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get("/supervision/").status_code == 200
