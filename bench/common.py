"""Shared helpers for the benchmarks: Django set-up, timing, and the result table."""

import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def setup():
    import logging

    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)


class QueryCounter:
    """Counts SQL statements on the default connection (survives ``reset_queries`` on request start), and the
    time spent in them (``ms``): under load, the part of a page's time the database answers for."""

    def __init__(self):
        self.count = 0
        self.ms = 0.0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.ms += (time.perf_counter() - started) * 1000

    def __enter__(self):
        from django.db import connection

        self._cm = connection.execute_wrapper(self)
        self._cm.__enter__()
        return self

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)


class QueryTimer(QueryCounter):
    """Counts SQL statements and adds up their time by kind ("INSERT casework_notification", …)."""

    def __init__(self):
        super().__init__()
        self.by_kind: dict[str, list[float]] = {}

    def __call__(self, execute, sql, params, many, context):
        import re

        started = time.perf_counter()
        try:
            return super().__call__(execute, sql, params, many, context)
        finally:
            words = sql.split(None, 1)
            tables = re.findall(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', sql)
            kind = f"{words[0].upper() if words else '?'} {tables[0] if tables else ''}".strip()
            entry = self.by_kind.setdefault(kind, [0, 0.0])
            entry[0] += 1
            entry[1] += (time.perf_counter() - started) * 1000

    def summary(self, top: int = 8) -> str:
        rows = sorted(self.by_kind.items(), key=lambda item: -item[1][1])[:top]
        return "; ".join(f"{kind} ×{n}: {ms:,.0f} ms" for kind, (n, ms) in rows)


def timed(fn, *, repeat: int = 5, warmup: int = 1) -> float:
    """Median wall time of ``fn()`` in milliseconds."""
    for _ in range(warmup):
        fn()
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def timed_with_cpu(fn, *, repeat: int = 5, warmup: int = 1) -> tuple[float, float]:
    """Median wall time and median CPU time of this process for ``fn()``, in milliseconds. For in-process
    requests (the test client) the CPU time is Django's own work, which other jobs on the machine stretch
    in wall time but do not change."""
    for _ in range(warmup):
        fn()
    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu_started) * 1000)
    return statistics.median(walls), statistics.median(cpus)


class Rollback(Exception):
    """Raised to leave a ``transaction.atomic()`` block without committing."""


@dataclass
class Figure:
    name: str
    value: float
    unit: str = "ms"
    baseline: float | None = None
    target: str = ""
    passed: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> str:
        if not self.baseline:
            return "-"
        return f"{self.value / self.baseline:.2f}"


def print_table(figures: list[Figure], header: str) -> None:
    print(f"\n{header}")
    row = "{:<44} {:>11} {:>11} {:>7} {:<18} {:<5} {}"
    print(row.format("figure", "value", "baseline", "ratio", "target", "pass", "note"))
    print("-" * 120)
    for f in figures:
        value = f"{f.value:,.1f} {f.unit}"
        baseline = f"{f.baseline:,.1f}" if f.baseline is not None else "-"
        verdict = {True: "PASS", False: "FAIL", None: ""}[f.passed]
        print(row.format(f.name, value, baseline, f.ratio, f.target, verdict, f.note))
    sys.stdout.flush()
