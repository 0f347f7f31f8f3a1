"""Driver for scripts/ci_celery_e2e.sh: data in, sweep through the broker, wait for the worker's results.

Runs with the same environment as the worker (DATABASE_URL, CELERY_BROKER_URL, the queue); exits non-zero
with a message when something does not show up in time.
"""

import datetime
import os
import re
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.utils import timezone  # noqa: E402

from casework.calendar.workdays import add_working_days  # noqa: E402
from casework.demo_parties import demo_credit_code, demo_id_number  # noqa: E402
from casework.inspection import services as svc  # noqa: E402
from casework.inspection.models import ViolationType  # noqa: E402
from casework.models import DeadlineAlert, Jurisdiction, Notification, Person, User  # noqa: E402
from casework.roles import Role  # noqa: E402
from casework.services.parties import employer_get_or_create_by_credit_code  # noqa: E402
from casework.tasks import send_notification, sweep_deadlines  # noqa: E402

DEADLINE_SECONDS = int(os.environ.get("E2E_WAIT_SECONDS", "60"))
LOG = Path(os.environ["E2E_WORKER_LOG"])
MAIL = Path(os.environ["EMAIL_FILE_PATH"])


def fail(message: str) -> None:
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def wait_for(what: str, check, timeout: float = DEADLINE_SECONDS):
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        value = check()
        if value:
            print(f"  ok: {what} ({time.monotonic() - start:.1f}s)")
            return value
        time.sleep(0.5)
    fail(f"{what}: not within {timeout}s")


def succeeded(task: str, result: str = "") -> int:
    """How many runs of ``task`` the worker logged as succeeded (with ``result``, if given)."""
    text = LOG.read_text(errors="replace") if LOG.exists() else ""
    pattern = rf"Task {re.escape(task)}\[[^\]]+\] succeeded in [0-9.e-]+s: "
    return len(re.findall(pattern + re.escape(result), text))


def emails_sent() -> int:
    if not MAIL.exists():
        return 0
    return sum(f.read_text(errors="replace").count("\nSubject: ") for f in MAIL.iterdir())


def user(username: str, role: Role, jurisdiction) -> User:
    u = User.objects.create_user(username=username, email=f"{username}@rsj.xxz.example", full_name=username)
    u.groups.add(Group.objects.get(name=role.label))
    u.jurisdictions.add(jurisdiction)
    return User.objects.get(pk=u.pk)


def main() -> None:
    jishou = Jurisdiction.objects.get(code="433101")
    clerk = user("e2e_clerk", Role.CLERK, jishou)
    inspectors = [user(f"e2e_inspector{i}", Role.INSPECTOR, jishou) for i in (1, 2)]
    head = user("e2e_head", Role.INSPECTION_HEAD, jishou)
    employer, _ = employer_get_or_create_by_credit_code(
        credit_code=demo_credit_code("433101", 1021),
        actor=clerk,
        name="湘西州峒河建筑工程有限公司",
        jurisdiction=jishou,
    )
    worker = Person.objects.create(
        name="向秀英", id_number=demo_id_number("433122", datetime.date(1985, 3, 12), 42)
    )
    today = timezone.localdate()
    case = svc.complaint_register(
        actor=clerk,
        jurisdiction=jishou,
        complainant=worker,
        employer=employer,
        workplace="吉首市乾州新区工地",
        facts="三个月工资未发",
        violation_types=[ViolationType.WAGE_ARREARS],
        arrears_amount="12000.00",
        received_on=add_working_days(today, -8, jishou),  # 5-working-day acceptance: 3 days overdue
    )
    svc.complaint_assign(actor=head, complaint_id=case.pk, inspectors=inspectors)
    print(f"  case {case.number}: acceptance deadline overdue; sending sweep_deadlines through the broker")

    sweep_deadlines.delay()
    wait_for("the worker ran the sweep", lambda: succeeded("casework.tasks.sweep_deadlines") >= 1)
    alerts = wait_for("the overdue alert is in the database", lambda: list(DeadlineAlert.objects.all()))
    if [a.level for a in alerts] != ["overdue"]:
        fail(f"expected one overdue alert, got {[a.level for a in alerts]}")
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    if recipients != {"e2e_inspector1", "e2e_inspector2", "e2e_head"}:
        fail(f"unexpected recipients {recipients}")
    wait_for(
        "the worker sent the three e-mails (send_notifications)",
        lambda: not Notification.objects.filter(dispatched_at__isnull=True).exists() and emails_sent() == 3,
    )

    # A redelivered sweep and a redelivered send task: nothing new, nothing sent twice.
    sweep_deadlines.delay()
    send_notification.delay(Notification.objects.first().pk)
    wait_for("the repeated sweep ran", lambda: succeeded("casework.tasks.sweep_deadlines") >= 2)
    wait_for(
        "the redelivered send found nothing to send",
        lambda: succeeded("casework.tasks.send_notification", "'skipped'") == 1,
    )
    if DeadlineAlert.objects.count() != 1 or Notification.objects.count() != 3 or emails_sent() != 3:
        fail("a repeated task alerted or sent again")
    print("PASS: a real Celery worker swept the deadline, stored the alerts and sent each e-mail once")


if __name__ == "__main__":
    main()
