"""Evaluating the warning rules for a month: after each import (its own project) and monthly by Celery (all).

For each enabled rule: its check (one aggregate query, ``arrears.monitoring.rules``), then its hits inserted with
``INSERT … ON CONFLICT DO NOTHING`` (``bulk_create(ignore_conflicts=True)``) tagged with this run's token, so a
warning already raised for the same (project, rule, month[, worker]) is never raised twice, however many runs
overlap; the rows carrying this run's token are the new ones. Open warnings of the evaluated rule, month and
projects that the check no longer finds (the pay sheet arrived, the board was put up) are closed as resolved.

New warnings reach staff through the kernel's notifications (``casework.services.notifications.notify_staff``):
the project's own inspectors (``ConstructionProject.inspectors``) and the inspectors who answer for one of its
parties (``casework.kernel.handlers.employer_watchers``: the inspectors of the grid an employer is registered
to, as a new case about it defaults to them) — of those, only inspectors of the project's jurisdiction, who may
open the warning —, or else, when there are none, the inspectors and inspection heads of its jurisdiction; one
notification per person and project, or one summary per person when a run finds more than
``ALERT_SUMMARY_OVER`` projects for them. Red warnings also go out by SMS to those who asked for it.
"""

import datetime
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from arrears.models import ConstructionProject, WageWarning, WarningLevel, WarningRule, WarningState
from arrears.models.warnings import LEVEL_RANK
from arrears.monitoring.rules import CHECKS, Hit, Scope
from arrears.monitoring.selectors import parties_of_projects
from casework.kernel.handlers import employer_watchers
from casework.minimum_wages import monthly_minimum_wages
from casework.roles import Role
from casework.services.alert_recipients import StaffDirectory
from casework.services.notifications import notify_staff

logger = logging.getLogger(__name__)
INSERT_BATCH = 2000
RESOLVED = "复核时情形已消除"
TOLD_ROLES = (Role.INSPECTOR, Role.INSPECTION_HEAD)


@dataclass
class Evaluation:
    month: datetime.date
    raised: dict[str, int] = field(default_factory=dict)  # rule code → new warnings
    resolved: int = 0
    notifications: int = 0

    @property
    def total(self) -> int:
        return sum(self.raised.values())


def previous_month(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def _key(project_id, worker_id) -> tuple:
    return (project_id, worker_id)


def _insert(rule: WarningRule, hits: list[Hit], month: datetime.date, run: uuid.UUID) -> None:
    rows = [
        WageWarning(
            project_id=h.project_id,
            jurisdiction_id=h.jurisdiction_id,
            rule=rule,
            level=rule.level,
            month=month,
            worker_id=h.worker_id,
            amount=h.amount,
            details=h.details[:300],
            run=run,
        )
        for h in hits
    ]
    WageWarning.objects.bulk_create(rows, batch_size=INSERT_BATCH, ignore_conflicts=True)


def _resolve_stale(rule: WarningRule, hits: list[Hit], scope: Scope, now) -> int:
    found = {_key(h.project_id, h.worker_id) for h in hits}
    open_ones = scope.of(WageWarning.objects.filter(rule=rule, month=scope.month, state=WarningState.OPEN))
    stale = [
        pk for pk, p, w in open_ones.values_list("pk", "project_id", "worker_id") if _key(p, w) not in found
    ]
    if not stale:
        return 0
    return WageWarning.objects.filter(pk__in=stale, state=WarningState.OPEN).update(
        state=WarningState.CLOSED, closed_at=now, close_reason=RESOLVED
    )


def evaluate_month(
    month: datetime.date, *, project_ids=None, now: datetime.datetime | None = None, notify: bool = True
) -> Evaluation:
    """Raise the month's warnings for every project (or ``project_ids``); safe to run again or concurrently."""
    month = month.replace(day=1)
    now = now or timezone.now()
    scope = Scope(month, list(project_ids) if project_ids is not None else None)
    scope.minimum_wages = monthly_minimum_wages(scope.end)
    run = uuid.uuid4()
    result = Evaluation(month)
    with transaction.atomic():
        for rule in WarningRule.objects.filter(enabled=True, code__in=list(CHECKS)):
            hits = CHECKS[rule.code](scope, rule.params or {})
            _insert(rule, hits, month, run)
            result.resolved += _resolve_stale(rule, hits, scope, now)
        new = WageWarning.objects.filter(run=run)
        counts = new.order_by().values("rule__code").annotate(n=Count("id")).values_list("rule__code", "n")
        result.raised = dict(counts)
        if notify and result.total:
            result.notifications = _notify(run, month)
    logger.info("wage warnings %s: %s new, %s resolved", month, result.total, result.resolved)
    return result


# --- telling staff -------------------------------------------------------------------------------------
def _by_project(run: uuid.UUID) -> dict[int, dict]:
    """Per project of this run's warnings: its name, jurisdiction, highest level, count and the workers'
    employers (one query)."""
    out: dict[int, dict] = {}
    rows = WageWarning.objects.filter(run=run).values_list(
        "project_id", "project__name", "jurisdiction_id", "level", "worker__employer_id"
    )
    for project_id, name, jid, level, employer_id in rows:
        entry = out.setdefault(
            project_id, {"name": name, "jurisdiction": jid, "level": level, "count": 0, "employers": set()}
        )
        entry["count"] += 1
        if employer_id:
            entry["employers"].add(employer_id)
        if LEVEL_RANK[level] > LEVEL_RANK[entry["level"]]:
            entry["level"] = level
    return out


def _audiences(projects: dict[int, dict]) -> dict[int, set[int]]:
    """Who hears of each project: its own inspectors and the inspectors answering for its parties (their grid's)
    who work in its jurisdiction; else its jurisdiction's inspectors and heads. A fixed number of queries."""
    own: dict[int, set[int]] = defaultdict(set)
    through = ConstructionProject.inspectors.through.objects.filter(
        constructionproject_id__in=list(projects), user__is_active=True
    )
    for project_id, user_id in through.values_list("constructionproject_id", "user_id"):
        own[project_id].add(user_id)
    parties = parties_of_projects(projects)
    for project_id, p in projects.items():
        parties.setdefault(project_id, set()).update(p["employers"])
    watchers = employer_watchers(set().union(*parties.values()))
    staff = StaffDirectory.load(set(TOLD_ROLES))
    audiences = {}
    for pid, p in projects.items():
        local = staff.heads(p["jurisdiction"], TOLD_ROLES)
        grid = set().union(*(watchers.get(e, set()) for e in parties.get(pid, ())))
        audiences[pid] = (own.get(pid, set()) | (grid & local)) or local
    return audiences


def _notify(run: uuid.UUID, month: datetime.date) -> int:
    projects = _by_project(run)
    audiences = _audiences(projects)
    per_user: dict[int, list[int]] = defaultdict(list)
    for project_id, users in audiences.items():
        for user_id in users:
            per_user[user_id].append(project_id)
    over = settings.ALERT_SUMMARY_OVER
    label = dict(WarningLevel.choices)
    messages, urgent = [], []
    for user_id, project_ids in per_user.items():
        if len(project_ids) > over:
            count = sum(projects[p]["count"] for p in project_ids)
            title = f"工资支付预警：{month:%Y年%m月}{len(project_ids)}个项目新增{count}项预警"
            messages.append((user_id, title, title, reverse("arrears:warning-list")))
            continue
        for project_id in project_ids:
            p = projects[project_id]
            title = f"【{label[p['level']]}预警】{p['name']} {month:%Y年%m月}工资支付预警{p['count']}项"
            message = (user_id, title, title, reverse("arrears:project-monitoring", args=[project_id]))
            (urgent if p["level"] == WarningLevel.RED else messages).append(message)
    return notify_staff(messages) + notify_staff(urgent, sms=True)
