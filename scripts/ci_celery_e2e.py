"""Driver for scripts/ci_celery_e2e.sh: real Celery workers and beat on Redis, PostgreSQL, the deadline sweep.

It starts and stops its own worker and beat processes (each in a process group of its own, ended by id)
and checks, each step bounded in time:

1. every alert level — due soon, due today, overdue, escalated to the director — raised by sweeps that
   ``celery beat`` fires (django-celery-beat's database scheduler, a 2-second interval), each told to the
   people casework.services.alerts names (the assignees; the unit head from overdue; the director);
2. two workers consuming the same queue at once, both running sweeps while beat, a burst of extra sweep
   messages and repeated send messages for every notification pile on: no (deadline, level) alerted twice,
   no notification made twice, each e-mail sent once;
3. a worker killed with SIGKILL in the middle of a sweep (held on a table lock the driver takes): the message
   is not lost — with ``acks_late`` it stays unacknowledged and, once older than ``CELERY_VISIBILITY_TIMEOUT``
   seconds, the other worker, already running, finds it by its periodic scan (every second here,
   config/broker.py), gives it back to the queue and runs the same task id to the end.

Exits non-zero with a message (and the logs' tails) when anything does not show up in time.
"""

import datetime
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import django
import redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_celery_beat.models import IntervalSchedule, PeriodicTask  # noqa: E402

from casework.calendar.workdays import add_working_days  # noqa: E402
from casework.demo_parties import demo_credit_code, demo_id_number  # noqa: E402
from casework.inspection import services as svc  # noqa: E402
from casework.inspection.models import ViolationType  # noqa: E402
from casework.models import Deadline, DeadlineAlert, Jurisdiction, Notification, Person, User  # noqa: E402
from casework.roles import Role  # noqa: E402
from casework.services.parties import employer_get_or_create_by_credit_code  # noqa: E402
from casework.tasks import send_notifications, sweep_deadlines  # noqa: E402

WAIT = int(os.environ.get("E2E_WAIT_SECONDS", "45"))
WORK = Path(os.environ["E2E_WORK"])
MAIL = Path(os.environ["EMAIL_FILE_PATH"])
QUEUE = os.environ["CELERY_TASK_DEFAULT_QUEUE"]
CELERY = os.environ.get("E2E_CELERY", "celery")
SWEEP = "casework.tasks.sweep_deadlines"
SEND = "casework.tasks.send_notifications"
PROCESSES: dict[str, subprocess.Popen] = {}


def fail(message: str) -> None:
    print(f"FAIL: {message}", file=sys.stderr)
    for log in sorted(WORK.glob("*.log")):
        print(f"--- {log.name} (last 25 lines) ---", file=sys.stderr)
        print("\n".join(log.read_text(errors="replace").splitlines()[-25:]), file=sys.stderr)
    stop_all()
    sys.exit(1)


def wait_for(what: str, check, timeout: float = WAIT):
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        value = check()
        if value:
            print(f"  ok: {what} ({time.monotonic() - start:.1f}s)")
            return value
        time.sleep(0.5)
    fail(f"{what}: not within {timeout}s")


# --- processes ----------------------------------------------------------------------------------------
def start(name: str, *args: str) -> Path:
    log = WORK / f"{name}.log"
    PROCESSES[name] = subprocess.Popen(
        [CELERY, "-A", "config", *args, "--loglevel=INFO"],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: the pool children go with it
    )
    return log


def start_worker(name: str, concurrency: int = 2) -> Path:
    return start(
        name, "worker", "-Q", QUEUE, "-n", f"{name}-{QUEUE}@%h", f"--concurrency={concurrency}",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
    )  # fmt: skip


def stop(name: str, sig=signal.SIGTERM) -> None:
    process = PROCESSES.pop(name, None)
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def stop_all() -> None:
    for name in list(PROCESSES):
        stop(name)


def log_text(name: str) -> str:
    path = WORK / f"{name}.log"
    return path.read_text(errors="replace") if path.exists() else ""


def succeeded(name: str, task: str = SWEEP) -> list[str]:
    """Ids of the runs of ``task`` that worker ``name`` logged as succeeded."""
    return re.findall(rf"Task {re.escape(task)}\[([^\]]+)\] succeeded", log_text(name))


def received(name: str, task: str = SWEEP) -> list[str]:
    return re.findall(rf"Task {re.escape(task)}\[([^\]]+)\] received", log_text(name))


def emails_sent() -> int:
    if not MAIL.exists():
        return 0
    return sum(f.read_text(errors="replace").count("\nSubject: ") for f in MAIL.iterdir())


# --- data ---------------------------------------------------------------------------------------------
def user(username: str, role: Role, jurisdiction) -> User:
    u = User.objects.create_user(username=username, email=f"{username}@rsj.xxz.example", full_name=username)
    u.groups.add(Group.objects.get(name=role.label))
    u.jurisdictions.add(jurisdiction)
    return User.objects.get(pk=u.pk)


class Cases:
    def __init__(self):
        self.jishou = Jurisdiction.objects.get(code="433101")
        self.clerk = user("e2e_clerk", Role.CLERK, self.jishou)
        self.inspectors = [user(f"e2e_inspector{i}", Role.INSPECTOR, self.jishou) for i in (1, 2)]
        self.head = user("e2e_head", Role.INSPECTION_HEAD, self.jishou)
        self.director = user("e2e_director", Role.DIRECTOR, Jurisdiction.objects.get(code="433100"))
        self.employer, _ = employer_get_or_create_by_credit_code(
            credit_code=demo_credit_code("433101", 1021),
            actor=self.clerk,
            name="湘西州峒河建筑工程有限公司",
            jurisdiction=self.jishou,
        )
        self.n = 0

    def complaint(self, working_days: int):
        """A complaint received today whose acceptance deadline (5 working days, LIR-IMPL Art 18) is set to
        fall ``working_days`` working days from today (negative: overdue). Set directly, so that today may
        be a weekend or holiday and every level still has its case."""
        self.n += 1
        worker = Person.objects.create(
            name=f"向秀英{self.n}",
            id_number=demo_id_number("433122", datetime.date(1985, 3, 12), 40 + self.n),
        )
        today = timezone.localdate()
        case = svc.complaint_register(
            actor=self.clerk,
            jurisdiction=self.jishou,
            complainant=worker,
            employer=self.employer,
            workplace="吉首市乾州新区工地",
            facts="三个月工资未发",
            violation_types=[ViolationType.WAGE_ARREARS],
            arrears_amount="12000.00",
            received_on=today,
        )
        svc.complaint_assign(actor=self.head, complaint_id=case.pk, inspectors=self.inspectors)
        due = today if working_days == 0 else add_working_days(today, working_days, self.jishou)
        updated = Deadline.objects.filter(
            object_id=case.pk, case_number=case.number, rule="inspection.accept", status=Deadline.Status.OPEN
        ).update(due_on=due)
        if updated != 1:
            fail(f"{case.number}: expected one open acceptance deadline, found {updated}")
        return case


def levels_of(case) -> list[str]:
    return sorted(
        DeadlineAlert.objects.filter(object_id=case.pk, case_number=case.number).values_list(
            "level", flat=True
        )
    )


def told(case, level: str) -> set[str]:
    return set(
        Notification.objects.filter(
            alert__object_id=case.pk, alert__case_number=case.number, alert__level=level
        ).values_list("recipient__username", flat=True)
    )


def no_duplicates() -> None:
    alerts = list(DeadlineAlert.objects.values_list("deadline_id", "level", "due_on"))
    if len(alerts) != len(set(alerts)):
        fail(f"a deadline alerted twice at one level: {alerts}")
    pairs = list(Notification.objects.filter(alert__isnull=False).values_list("alert_id", "recipient_id"))
    if len(pairs) != len(set(pairs)):
        fail("a person was notified twice of one alert")
    wait_for(
        "every notification sent, each e-mail once",
        lambda: (
            not Notification.objects.filter(dispatched_at__isnull=True).exists()
            and emails_sent() == Notification.objects.count()
        ),
    )


# --- the checks -------------------------------------------------------------------------------------------
def beat_levels_and_two_workers(cases: Cases) -> None:
    print("1-2. beat fires the sweep; two workers; every alert level")
    expected = {
        "due_soon": cases.complaint(2),  # due in 2 working days (due soon: 3 or fewer)
        "due_today": cases.complaint(0),
        "overdue": cases.complaint(-2),  # 2 working days overdue
        "escalated": cases.complaint(-8),  # 8 working days overdue (escalation at 5)
    }
    start_worker("worker1")
    start_worker("worker2")
    every_2s, _ = IntervalSchedule.objects.get_or_create(every=2, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.update_or_create(
        name="e2e sweep",
        defaults={"task": SWEEP, "interval": every_2s, "enabled": True},
    )
    start("beat", "beat", "-S", "django_celery_beat.schedulers:DatabaseScheduler", "--max-interval", "1",
          "-s", str(WORK / "beat-schedule"))  # fmt: skip
    wait_for(
        "beat sent the sweep", lambda: log_text("beat").count(f"Sending due task e2e sweep ({SWEEP})") >= 2
    )
    for level, case in expected.items():
        wait_for(f"{level} alert raised for {case.number}", lambda c=case, lv=level: levels_of(c) == [lv])
    assignees = {u.username for u in cases.inspectors}
    for level, people in {
        "due_soon": assignees,
        "due_today": assignees,
        "overdue": assignees | {cases.head.username},
        "escalated": assignees | {cases.head.username, cases.director.username},  # 督办
    }.items():
        if told(expected[level], level) != people:
            fail(f"{level}: told {sorted(told(expected[level], level))}, expected {sorted(people)}")
    # a burst on both workers while beat keeps firing, with a new alert for them to race for, and every
    # notification's send message repeated (redelivered) while the new alert's own send may be running
    late = cases.complaint(0)
    for _ in range(8):
        sweep_deadlines.delay()
    wait_for(
        "both workers ran sweeps", lambda: len(succeeded("worker1")) >= 2 and len(succeeded("worker2")) >= 2
    )
    wait_for("the new due-today alert raised once", lambda: levels_of(late) == ["due_today"])
    sends = len(succeeded("worker1", SEND)) + len(succeeded("worker2", SEND))
    ids = list(Notification.objects.values_list("pk", flat=True))
    for _ in range(4):
        send_notifications.delay(ids)
    wait_for(
        "the repeated send messages ran on the workers",
        lambda: len(succeeded("worker1", SEND)) + len(succeeded("worker2", SEND)) >= sends + 4,
    )
    time.sleep(3)  # let the burst finish
    stop("beat")
    stop("worker1")
    stop("worker2")
    no_duplicates()
    if DeadlineAlert.objects.count() != 5:
        fail(f"expected 5 alerts, found {DeadlineAlert.objects.count()}")


def ready(name: str) -> bool:
    return f"{name}-{QUEUE}@" in log_text(name) and " ready." in log_text(name)


def killed_worker_redelivered(cases: Cases) -> None:
    """Two workers up (their start-up scans for abandoned messages done); the one that takes the sweep is
    killed; the survivor, already running, must find the message by its periodic scan (config/broker.py)
    — the production case of a worker dying beside others, or restarted long before the timeout runs out."""
    print("3. a worker killed with SIGKILL in the middle of a sweep; the message redelivered to the other")
    workers = ("worker_a", "worker_b")
    for name in workers:
        start_worker(name, concurrency=1)
    wait_for("two workers ready", lambda: all(ready(name) for name in workers))
    broker = redis.Redis.from_url(os.environ["CELERY_BROKER_URL"])
    wait_for("the queue is empty (what beat left is swept)", lambda: broker.llen(QUEUE) == 0)
    time.sleep(1)  # and run
    case = cases.complaint(-3)
    table = DeadlineAlert._meta.db_table
    with transaction.atomic():
        # Hold the sweep at its INSERT of alerts: it waits on this lock until the worker is killed.
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {table} IN SHARE MODE")
        task_id = sweep_deadlines.delay().id
        doomed = wait_for(
            "a worker took the sweep", lambda: next((w for w in workers if task_id in received(w)), None)
        )
        survivor = next(w for w in workers if w != doomed)
        time.sleep(2)  # inside the sweep, waiting for the lock
        stop(doomed, signal.SIGKILL)
        early = task_id in received(survivor)
    if levels_of(case) or task_id in succeeded(doomed):
        fail("the killed sweep finished")
    print(f"  killed {doomed}, which was running {SWEEP}[{task_id}]")
    if early:  # the machine was so slow that the visibility timeout ran out before the kill
        print(f"  note: {survivor} had the message back before the kill (visibility timeout ran out first)")
    wait_for(
        f"the same message redelivered to {survivor} and run to the end",
        lambda: task_id in succeeded(survivor),
        timeout=WAIT,  # CELERY_VISIBILITY_TIMEOUT after the worker took it, and at most a second
    )
    wait_for("its overdue alert raised", lambda: levels_of(case) == ["overdue"])
    no_duplicates()  # the survivor also sends the e-mails
    stop(survivor)


def _terminated(signum, frame) -> None:
    stop_all()
    sys.exit(f"FAIL: stopped by signal {signum}")


def main() -> None:
    signal.signal(signal.SIGTERM, _terminated)
    began = time.monotonic()
    cases = Cases()
    try:
        beat_levels_and_two_workers(cases)
        killed_worker_redelivered(cases)
    finally:
        stop_all()
    print(f"PASS: beat, every alert level, two workers without duplicates, SIGKILL redelivery "
          f"({time.monotonic() - began:.0f}s)")  # fmt: skip


if __name__ == "__main__":
    main()
