"""Titles and bodies of the sweep's notifications (one alert, or a summary of many)."""

from datetime import date

from django.utils.translation import gettext as _

from casework.calendar.workdays import WorkCalendar, working_days_between
from casework.models import AlertLevel
from casework.services.alert_candidates import Candidate


class AlertTexts:
    """Titles and bodies of alert notifications, for one sweep.

    The translated phrases are looked up once, and the working days left or late are counted once per
    (due date, today, jurisdiction): many deadlines share a due date.
    """

    def __init__(self, today: date, calendar: WorkCalendar):
        self.today = today
        self.calendar = calendar
        self.day_counts: dict[tuple[date, date, int], int] = {}
        self.phrase = _("%(number)s的%(title)s")
        self.article = _("（依据：%(article)s）")
        self.titles = {
            AlertLevel.DUE_SOON: _("期限即将届满：%(s)s"),
            AlertLevel.DUE_TODAY: _("今日到期：%(s)s"),
            AlertLevel.OVERDUE: _("已超期：%(s)s"),
            AlertLevel.ESCALATED: _("超期督办：%(s)s"),
        }
        self.bodies = {
            AlertLevel.DUE_SOON: _("%(type)s%(s)s将于%(due)s届满，还剩%(n)d个工作日，请及时办理。"),
            AlertLevel.DUE_TODAY: _("%(type)s%(s)s今日（%(due)s）届满，请在今日内办结。"),
            AlertLevel.OVERDUE: _(
                "%(type)s%(s)s已于%(due)s届满，已超期%(n)d个工作日，请立即处理；已同时告知负责人。"
            ),
            AlertLevel.ESCALATED: _("%(type)s%(s)s已于%(due)s届满，已超期%(n)d个工作日，已报局领导督办。"),
        }

        self.summary_title = _("%(level)s（汇总）：%(type)s%(n)d件")
        self.summary_body = _(
            "%(date)s的期限检查发现您有%(n)d件%(type)s%(level)s。件数较多，逐件提醒已合并为本条，"
            "请打开链接在案件列表中逐件处理。"
        )

    def summary(self, level: str, type_label: str, n: int) -> tuple[str, str]:
        """Title and body of a summary notification: ``n`` new alerts of ``level`` on cases of one type."""
        values = {
            "level": AlertLevel(level).label,
            "type": type_label,
            "n": n,
            "date": f"{self.today.year}年{self.today.month}月{self.today.day}日",
        }
        return self.summary_title % values, self.summary_body % values

    def working_days(self, a: date, b: date, jurisdiction_id: int) -> int:
        key = (a, b, jurisdiction_id)
        if key not in self.day_counts:
            self.day_counts[key] = working_days_between(a, b, jurisdiction_id, calendar=self.calendar)
        return self.day_counts[key]

    def __call__(self, c: Candidate, type_label: str) -> tuple[str, str]:
        due = c.due_on
        if c.level == AlertLevel.DUE_SOON:
            n = self.working_days(self.today, due, c.jurisdiction_id)
        elif c.level == AlertLevel.DUE_TODAY:
            n = 0
        else:
            n = self.working_days(due, self.today, c.jurisdiction_id)
        title = self.titles[c.level] % {"s": f"{c.case_number} {c.title}"}
        body = self.bodies[c.level] % {
            "type": type_label,
            "s": self.phrase % {"number": c.case_number, "title": c.title},
            "due": f"{due.year}年{due.month}月{due.day}日",
            "n": n,
        }
        if c.article:
            body += self.article % {"article": c.article}
        return title, body
