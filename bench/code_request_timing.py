"""Does a green-channel code request tell, by its time, whether a phone has cases? (issue 16, item 5)

    python bench/code_request_timing.py [--samples 300] [--cases-per-phone 1]

A benchmark, not a test. It builds a scratch test database (never the configured one: ``test_<name>``, SQLite in
memory by default), registers ``--samples`` workers each with ``--cases-per-phone`` complaints, and takes as many
phones that have none; then POSTs ``/green/lookup/phone/`` for them, alternating one with and one without cases, each
from a new visitor (its own session and address), rate limits lifted. The task a request queues goes to the
configured broker (Redis in production) on a queue of its own, purged at the end: the figure is the request's
whole path, broker included. Prints median, p95 and the difference of the medians.
"""

import argparse
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import setup  # noqa: E402

setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

QUEUE = f"bench-green-codes-{uuid.uuid4().hex[:8]}"


def _seed(samples: int, cases_per_phone: int) -> tuple[list[str], list[str]]:
    from datetime import date

    from django.contrib.auth.models import Group

    from casework.demo import DEMO_PASSWORD
    from casework.inspection import services as svc
    from casework.inspection.models import ComplaintKind, ViolationType
    from casework.models import Employer, Jurisdiction, Person, User
    from casework.roles import Role
    from casework.validators import credit_code_check_char, id_number_check_char

    jishou = Jurisdiction.objects.get(code="433101")
    clerk = User.objects.create_user(username="bench-clerk", password=DEMO_PASSWORD, full_name="基准")
    clerk.groups.add(Group.objects.get(name=Role.CLERK.label))
    clerk.jurisdictions.set([jishou])
    clerk = User.objects.get(pk=clerk.pk)
    first17 = "91433101MA4PBENCH"
    employer = Employer.objects.create(
        name="基准建筑公司", credit_code=first17 + credit_code_check_char(first17), jurisdiction=jishou
    )
    with_cases = []
    for n in range(samples):
        body = f"433101{1970 + n % 30}{(n % 12) + 1:02d}{(n % 28) + 1:02d}{n % 1000:03d}"
        phone = f"139{n:08d}"
        person = Person.objects.create(
            name=f"工人{n}", id_number=body + id_number_check_char(body), phone=phone, jurisdiction=jishou
        )
        for _ in range(cases_per_phone):
            svc.complaint_register(
                actor=clerk,
                jurisdiction=jishou,
                kind=ComplaintKind.COMPLAINT,
                complainant=person,
                employer=employer,
                workplace="工地",
                facts="欠薪",
                violation_types=[ViolationType.WAGE_ARREARS],
                arrears_amount="5000",
                arrears_months=2,
                received_on=date.today(),
            )
        with_cases.append(phone)
    without = [f"137{n:08d}" for n in range(samples)]
    assert not Person.objects.filter(phone__in=without).exists()
    return with_cases, without


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _purge() -> None:
    from config.celery import app

    with app.connection_for_write() as conn:
        try:
            conn.default_channel.queue_purge(QUEUE)
        except Exception:  # the queue was never declared (nothing queued)
            pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=300, help="requests per group (at least 200)")
    parser.add_argument("--cases-per-phone", type=int, default=1)
    args = parser.parse_args()
    if args.samples < 200:
        parser.error("--samples must be at least 200")

    from config.celery import app

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    app.conf.task_always_eager = False
    app.conf.task_routes = {"casework.tasks.send_lookup_code": {"queue": QUEUE}}
    lifted = {name: (10**9, 60) for name in ("code_ip", "code_ip_day", "code_phone", "code_phone_day")}
    cache = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": QUEUE}}
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        cache = settings.CACHES  # the production counters: Redis
    try:
        with override_settings(GREEN_RATE_LIMITS=lifted, CACHES=cache):
            started = time.perf_counter()
            with_cases, without = _seed(args.samples, args.cases_per_phone)
            print(f"seeded {args.samples} phones with cases in {time.perf_counter() - started:.1f} s")
            url = reverse("green:lookup-phone")
            times: dict[str, list[float]] = {"with cases": [], "without cases": []}
            for i in range(args.samples + 10):  # the first 10 pairs warm up and are not counted
                for label, phone in (
                    ("with cases", with_cases[i % args.samples]),
                    ("without cases", without[i % args.samples]),
                ):
                    client = Client(
                        REMOTE_ADDR=f"10.{i // 250}.{i % 250}.{1 if label == 'with cases' else 2}"
                    )
                    t0 = time.perf_counter()
                    response = client.post(url, {"phone": phone})
                    elapsed = (time.perf_counter() - t0) * 1000
                    assert response.status_code == 200, response.status_code
                    if i >= 10:
                        times[label].append(elapsed)
    finally:
        _purge()
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(
        f"\nPOST /green/lookup/phone/, {args.samples} samples each, broker {settings.CELERY_BROKER_URL.split(':')[0]}"
    )
    print(f"{'phones':<16} {'median ms':>10} {'p95 ms':>10}")
    medians = {}
    for label, values in times.items():
        medians[label] = statistics.median(values)
        print(f"{label:<16} {medians[label]:>10.2f} {_percentile(values, 0.95):>10.2f}")
    difference = medians["with cases"] - medians["without cases"]
    print(f"difference of the medians (with − without): {difference:+.2f} ms")


if __name__ == "__main__":
    main()
