"""Benchmark (not a test): the monthly wage-warning evaluation of N projects × M workers (PostgreSQL only).

    createdb -h 127.0.0.1 -U postgres construction_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/construction_bench python manage.py migrate
    DATABASE_URL=… python bench/construction_monitoring.py --projects 5000 --workers 100 --runs 2

Seeds (``--seed``, the default when the database holds no bench projects) with set-based INSERT … SELECT over
``generate_series``: projects spread over the eight counties/cities and the zone, each with ``--workers`` rostered
workers who all attended the month; about 3 % of workers unpaid, 1 % paid below the minimum wage, one worker in
1,000 projects paid implausibly much, 5 % of projects without a notice board, 2 % short of deposit, 3 % with a
late and 2 % with a missing labour-cost transfer; three inspectors and a head per county to be told. Then, per
run: a **cold** evaluation (every warning new: inserted and notified) and a **warm** one (the monthly re-run:
nothing new, nothing to tell). Prints the times, the warnings raised, the load average.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import setup  # noqa: E402

setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from arrears.models import ConstructionProject, WageWarning  # noqa: E402
from arrears.monitoring.evaluate import evaluate_month, previous_month  # noqa: E402
from casework.models import Employer, Jurisdiction, Notification, User  # noqa: E402
from casework.roles import Role  # noqa: E402

PREFIX = "bench-monitoring"


def _staff(units) -> None:
    inspectors, heads = (
        Group.objects.get(name=Role.INSPECTOR.label),
        Group.objects.get(name=Role.INSPECTION_HEAD.label),
    )
    for unit in units:
        for i in range(4):
            user, _new = User.objects.get_or_create(
                username=f"{PREFIX}-{unit.code}-{i}",
                defaults={"full_name": f"监察员{i}", "email": f"b{i}@x.test"},
            )
            user.groups.add(heads if i == 3 else inspectors)
            user.jurisdictions.add(unit)


def seed(projects: int, workers: int, month) -> None:
    units = list(Jurisdiction.objects.exclude(level=Jurisdiction.Level.PREFECTURE).order_by("code"))
    started = time.perf_counter()
    with transaction.atomic():
        employers = Employer.objects.bulk_create(
            Employer(name=f"{PREFIX}建筑公司{i}", jurisdiction=units[i % len(units)], industry="construction")
            for i in range(len(units) * 20)
        )
        ConstructionProject.objects.bulk_create(
            (
                ConstructionProject(
                    name=f"{PREFIX}项目{i}",
                    location="湘西",
                    jurisdiction=units[i % len(units)],
                    main_contractor=employers[i % len(employers)],
                    started_on=month.replace(year=month.year - 1),
                    rights_notice_board=i % 20 != 0,
                    wage_deposit_amount=0 if i % 50 == 0 else 100000,
                    deposit_required=50000,
                )
                for i in range(projects)
            ),
            batch_size=5000,
        )
        _staff(units)
        with connection.cursor() as cur:
            params = {"prefix": f"{PREFIX}项目%", "workers": workers, "month": month}
            cur.execute(
                """CREATE TEMP TABLE bench_p ON COMMIT DROP AS
                   SELECT id, row_number() OVER (ORDER BY id) AS n FROM arrears_constructionproject
                   WHERE name LIKE %(prefix)s""",
                params,
            )
            cur.execute(
                """INSERT INTO casework_person (name, phone, hometown, address, is_migrant_worker, jurisdiction_id,
                       created_at, updated_at)
                   SELECT 'BW' || p.id || '-' || w, '', '', '', true, NULL, now(), now()
                   FROM bench_p p CROSS JOIN generate_series(1, %(workers)s) w""",
                params,
            )
            cur.execute(
                """INSERT INTO arrears_rosterworker (project_id, person_id, team, contract_signed, daily_wage,
                       entered_on, created_at)
                   SELECT split_part(substr(pe.name, 3), '-', 1)::int, pe.id, '', true, 300,
                       %(month)s::date - 60, now()
                   FROM casework_person pe WHERE pe.name LIKE 'BW%%'""",
                params,
            )
            cur.execute(
                """INSERT INTO arrears_attendance (project_id, worker_id, month, days)
                   SELECT r.project_id, r.id, %(month)s, 22 FROM arrears_rosterworker r
                   JOIN bench_p p ON p.id = r.project_id""",
                params,
            )
            cur.execute(
                """INSERT INTO arrears_wagepayment (project_id, worker_id, month, amount, paid_on, channel,
                       signed_by_worker, reference, created_at)
                   SELECT r.project_id, r.id, %(month)s,
                       CASE WHEN r.id %% 100 = 7 THEN 1200
                            WHEN r.id %% 100000 = 11 THEN 60000 ELSE 6600 END,
                       %(month)s::date + 40, 'account', true, '', now()
                   FROM arrears_rosterworker r JOIN bench_p p ON p.id = r.project_id
                   WHERE r.id %% 33 <> 0""",
                params,
            )
            cur.execute(
                """INSERT INTO arrears_labourcosttransfer (project_id, month, amount, transferred_on, reference,
                       recorded_at)
                   SELECT p.id, %(month)s, 660000,
                       CASE WHEN p.n %% 33 = 0 THEN %(month)s::date + 45 ELSE %(month)s::date + 20 END, '', now()
                   FROM bench_p p WHERE p.n %% 50 <> 0""",
                params,
            )
    with connection.cursor() as cur:
        for table in (
            "casework_person",
            "arrears_rosterworker",
            "arrears_attendance",
            "arrears_wagepayment",
            "arrears_labourcosttransfer",
            "arrears_constructionproject",
        ):
            cur.execute(f"VACUUM ANALYZE {table}")
    print(f"seeded {projects} projects × {workers} workers in {time.perf_counter() - started:.1f} s")


def clear_warnings() -> None:
    WageWarning.objects.all().delete()
    Notification.objects.filter(kind=Notification.Kind.WARNING).delete()


def timed(month) -> tuple[float, object]:
    started = time.perf_counter()
    result = evaluate_month(month)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=100, help="workers per project")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--seed", action="store_true", help="seed even if bench projects exist")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("PostgreSQL only: set DATABASE_URL")
    month = previous_month()
    have = ConstructionProject.objects.filter(name__startswith=PREFIX).count()
    if args.seed or not have:
        seed(args.projects, args.workers, month)
    have = ConstructionProject.objects.filter(name__startswith=PREFIX).count()
    print(f"month {month:%Y-%m}: {have} projects, load average {os.getloadavg()}")
    for run in range(1, args.runs + 1):
        clear_warnings()
        cold, result = timed(month)
        load_cold = os.getloadavg()
        warm, again = timed(month)
        print(
            f"run {run}: cold {cold:.2f} s ({result.total} warnings {dict(result.raised)}, "
            f"{result.notifications} notifications; load {load_cold[0]:.2f}) · "
            f"warm {warm:.2f} s ({again.total} new, {again.resolved} resolved; load {os.getloadavg()[0]:.2f})"
        )


if __name__ == "__main__":
    main()
