"""Benchmarks of the hot paths against a seeded database (not part of the test suite).

    python manage.py seed_scale --cases 100000 --reset
    DATABASE_URL=postgres://… python bench/run.py --cases 100000 [--only dashboard,sweep,list,transition,pdf,public]

Every figure is printed with a baseline measured in the same run and the issue-10 target. Everything that writes
(sweep, transition, list's session rows) runs inside a transaction that is rolled back; the public-lookup load test
starts gunicorn on 127.0.0.1 (bench/lookup_action.py) and only reads, apart from the lookup log rows it deletes after.
"""

import argparse
import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    Figure,
    QueryCounter,
    QueryTimer,
    Rollback,
    print_table,
    setup,
    timed,
    timed_with_cpu,
)

setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from arbitration.models import ArbitrationCase, MediationCase  # noqa: E402
from arrears.models import ArrearsCase  # noqa: E402
from bench.dashboard import bench_dashboard  # noqa: E402
from bench.lists import make_user  # noqa: E402
from casework.inspection.models import Complaint  # noqa: E402
from casework.models import Deadline, Jurisdiction, User  # noqa: E402
from casework.roles import Role  # noqa: E402

CASE_MODELS = (Complaint, ArbitrationCase, MediationCase, ArrearsCase)


def bench_sweep(figures):
    """The sweep cold (every alert new), steady (the same day again: nothing new) and the next day, rolled back.

    Prepare the data with bench/prepare_sweep.py (open cases, running deadlines, staff to notify).
    ``BENCH_PROFILE=cold.prof`` also writes a cProfile of the cold sweep and prints its top functions.
    """
    import os

    from casework.models import DeadlineAlert, Notification
    from casework.services.alerts import sweep

    if connection.vendor == "postgresql":
        # Earlier rolled-back runs leave dead alert and notification rows behind, which the unique checks and
        # the redispatch query would wade through: start from clean tables and fresh statistics.
        with connection.cursor() as cursor:
            cursor.execute(
                "VACUUM (ANALYZE) casework_deadlinealert, casework_notification, casework_deadline"
            )
    open_deadlines = Deadline.objects.filter(status="open").count()
    open_cases = sum(m.objects.filter(state__in=list(m.OPEN_STATES)).count() for m in CASE_MODELS)
    staff = User.objects.filter(is_active=True, groups__isnull=False).distinct().count()
    before = DeadlineAlert.objects.count(), Notification.objects.count()
    runs = {}

    def run(label, profile_to="", days_later=0):
        import time

        profiler = None
        if profile_to:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        with QueryTimer() as counter:
            started = time.perf_counter()
            now = timezone.now() + timedelta(days=days_later)
            result = sweep(today=timezone.localdate(now), now=now)
            ms = (time.perf_counter() - started) * 1000
        if profiler:
            import pstats

            profiler.disable()
            profiler.dump_stats(profile_to)
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats(35)
            stats.sort_stats("tottime").print_stats(25)
        runs[label] = (ms, result, counter.count)
        print(f"  {label}: {ms:,.0f} ms; SQL by kind: {counter.summary()}", flush=True)

    reverse("complaint-detail", args=[1])  # load the URLconf, as a worker that has swept before has it
    try:
        with transaction.atomic():
            # Foreign keys are checked at commit, and each batch of a real sweep commits: check them
            # row by row here, or the rolled-back run would skip their cost.
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            run("cold", os.environ.get("BENCH_PROFILE", ""))
            raised = DeadlineAlert.objects.count() - before[0], Notification.objects.count() - before[1]
            run("steady")
            run("next day", days_later=1)  # a daily sweep: only the deadlines that crossed a level overnight
            raise Rollback
    except Rollback:
        pass
    for label, (ms, r, queries) in runs.items():
        note = f"{sum(r.alerts.values()):,} alerts raised, {r.notifications:,} notifications, {queries:,} queries"
        if label == "cold":
            note = (
                f"{open_cases:,} open cases, {open_deadlines:,} running deadlines, {staff:,} staff; "
                f"{raised[0]:,} alerts and {raised[1]:,} notifications raised, {queries:,} queries"
            )
        figures.append(
            Figure(
                f"overdue sweep, {label} (rolled back)",
                ms,
                target="< 5 s @100k open",
                passed=ms < 5000,
                note=note,
            )
        )


def bench_list(figures):
    """Every staff case list (bench/lists.py): five pages each, as county staff and as a prefecture director."""
    from bench.lists import LISTS, county, list_users, variants

    jishou = county()
    try:
        with transaction.atomic():
            users = list_users(jishou)
            for label, base, model, state, party in LISTS:
                pages = variants(model, state, party, jishou)
                for who, user in users[label]:
                    client = Client(HTTP_HOST="localhost")
                    client.force_login(user)
                    client.get(base)  # the session's first request also loads the session and the user
                    for variant, query in pages:
                        url = base + query
                        with QueryCounter() as counter:
                            response = client.get(url)
                        assert response.status_code == 200, (url, response.status_code)
                        value, cpu = timed_with_cpu(lambda url=url, client=client: client.get(url), repeat=5)
                        figures.append(
                            Figure(
                                f"{label} list, {who}: {variant}",
                                value,
                                target="< 100 ms",
                                passed=value < 100,
                                note=f"{counter.count} queries, {counter.ms:.1f} ms in SQL, {cpu:.0f} ms CPU",
                            )
                        )
            raise Rollback
    except Rollback:
        pass


def bench_transition(figures):
    from casework.inspection.services import complaint_accept

    jishou = Jurisdiction.objects.get(code="433101")
    ids = list(
        Complaint.objects.filter(state="registered", employer__isnull=False, jurisdiction=jishou)
        .order_by("id")
        .values_list("id", flat=True)[:6]
    )
    if not ids:
        figures.append(Figure("transition: accept a complaint", 0, note="no registered complaint"))
        return
    times = []
    try:
        with transaction.atomic():
            head = make_user("bench_head", Role.INSPECTION_HEAD, jishou)
            import time

            for pk in ids:
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as ctx:
                    with transaction.atomic():
                        complaint_accept(actor=head, complaint_id=pk, expected_state="registered")
                times.append((time.perf_counter() - started) * 1000)
            raise Rollback
    except Rollback:
        pass
    times = sorted(times[1:])
    figures.append(
        Figure(
            "transition: accept a complaint (rolled back)",
            times[len(times) // 2],
            note=f"{len(ctx.captured_queries)} queries",
        )
    )


def _pdf_figure(label, client, url, *, pages_target=None):
    """GET a PDF (median of 3 after one warm-up); the note has pages, ms per page, CPU time and queries."""
    import io
    import time

    from pypdf import PdfReader

    with QueryCounter() as counter:
        response = client.get(url)
    if response.status_code != 200:
        return Figure(label, 0, note=f"HTTP {response.status_code} {url}")
    pages = len(PdfReader(io.BytesIO(response.content)).pages)
    cpu = []

    def get():
        started = time.process_time()
        client.get(url)
        cpu.append((time.process_time() - started) * 1000)

    value = timed(get, repeat=3)
    cpu_ms = sorted(cpu[1:])[1]
    note = (
        f"{pages} pages, {value / pages:.0f} ms/page, CPU {cpu_ms:,.0f} ms (this process; wall includes waiting"
        f" for the other jobs), {counter.count} queries"
    )
    print(f"  {label}: {value:,.0f} ms, {pages} pages", flush=True)
    if pages_target and pages < pages_target:
        return Figure(
            label, value, target=f"< 3 s ({pages_target} pages)", passed=False, note="too few pages: " + note
        )
    return Figure(
        label,
        value,
        target="< 3 s (20 pages)" if pages_target else "",
        passed=value < 3000 if pages_target else None,
        note=note,
    )


def bench_pdf(figures):
    """Case files built for the benchmark (bench/pdf_cases.py: a 20+-page arbitration 正卷, a complaint with a
    long investigation) and, when the database is seeded, a seeded complaint and arbitration case (2–4 pages)."""
    import tempfile

    from django.test import override_settings

    from bench.pdf_cases import big_arbitration_case, big_complaint

    jishou = Jurisdiction.objects.get(code="433101")
    seeded_complaint = (
        Complaint.objects.filter(jurisdiction=jishou, state="investigating", filed_on__isnull=False)
        .order_by("id")
        .first()
    )
    seeded_arb = ArbitrationCase.objects.filter(jurisdiction=jishou, state="heard").order_by("id").first()
    try:
        with (
            tempfile.TemporaryDirectory() as media,
            override_settings(MEDIA_ROOT=media),
            transaction.atomic(),
        ):
            head = make_user("bench_pdf_head", Role.INSPECTION_HEAD, jishou)
            chair = make_user("bench_arb", Role.ARBITRATION_CHAIR, jishou)
            arbitrators = {
                f"arb{n}": make_user(f"bench_pdf_arb{n}", Role.ARBITRATOR, jishou) for n in (1, 2, 3)
            }
            inspectors = {
                "clerk": make_user("bench_pdf_clerk", Role.CLERK, jishou),
                "inspector1": make_user("bench_pdf_insp1", Role.INSPECTOR, jishou),
                "inspector2": make_user("bench_pdf_insp2", Role.INSPECTOR, jishou),
                "head": head,
            }
            arb = big_arbitration_case({"chair": chair, **arbitrators})
            complaint = big_complaint(inspectors)
            runs = [
                (
                    "arbitration 正卷 PDF, 20+ pages (built)",
                    chair,
                    f"/arbitrations/{arb.pk}/documents/case-file.pdf",
                    20,
                ),
                (
                    "complaint case-file PDF, long investigation",
                    head,
                    f"/complaints/{complaint.pk}/documents/case-file.pdf",
                    None,
                ),
            ]
            if seeded_complaint:
                url = f"/complaints/{seeded_complaint.pk}/documents/case-file.pdf"
                runs.append(("complaint case-file PDF (seeded)", head, url, None))
            if seeded_arb:
                runs.append(
                    (
                        "arbitration 正卷 PDF (seeded)",
                        chair,
                        f"/arbitrations/{seeded_arb.pk}/documents/case-file.pdf",
                        None,
                    )
                )
            for label, user, url, pages_target in runs:
                client = Client(HTTP_HOST="localhost")
                client.force_login(user)
                figures.append(_pdf_figure(label, client, url, pages_target=pages_target))
            raise Rollback
    except Rollback:
        pass


BENCHES = {
    "dashboard": bench_dashboard,  # bench/dashboard.py: GET /stats/ cold and warm against its floor
    "sweep": bench_sweep,
    "list": bench_list,
    "transition": bench_transition,
    "pdf": bench_pdf,
    "search": lambda figures: __import__("bench.search_lists").search_lists.bench_search(figures),
}


def machine_speed(figures) -> None:
    """The same pure-Python loop every run: this machine's CPU speed varies by up to 1.5× from one hour to the next
    (a shared host), so absolute figures are compared between runs alongside it (ratios need no correction)."""
    import time

    started = time.process_time()
    sum(i * i for i in range(5_000_000))
    figures.append(Figure("machine speed: 5M-step Python loop", (time.process_time() - started) * 1000))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, help="the N the database was seeded with (for the header)")
    parser.add_argument("--only", default="", help="comma-separated: " + ",".join([*BENCHES, "public"]))
    args = parser.parse_args()
    only = [o for o in args.only.split(",") if o]
    total = sum(m.objects.count() for m in CASE_MODELS)
    figures: list[Figure] = []
    load_before = os.getloadavg()
    machine_speed(figures)
    for name, bench in BENCHES.items():
        if only and name not in only:
            continue
        print(f"… {name}", flush=True)
        bench(figures)
    if not only or "public" in only:
        from bench.lookup_action import run as bench_lookup_action

        print("… public (the whole lookup: POST, redirect, progress page)", flush=True)
        bench_lookup_action(figures)
    machine_speed(figures)
    load_after = os.getloadavg()
    print_table(
        figures,
        f"{connection.vendor}, {total:,} cases (seeded N={args.cases}); load average (1, 5, 15 min)"
        f" before {' '.join(f'{x:.2f}' for x in load_before)}, after {' '.join(f'{x:.2f}' for x in load_after)}",
    )


if __name__ == "__main__":
    main()
