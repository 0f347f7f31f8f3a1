"""Public lookup under concurrent load: gunicorn (2 sync workers) on 127.0.0.1, Python client threads.

Each request POSTs a real case number and the last six characters of the complainant's ID number, the way a
citizen does; the figure is requests per second, p50 and p99, against the bare-view baseline of the same run.
Bounded: fixed duration per endpoint (``BENCH_SECONDS``, run in ``BENCH_SLICES`` slices alternating with the
other endpoint, so that both see the same load from the rest of the machine), loopback only. Lookup-log rows written by the run
(in the table, or buffered in Redis) are deleted afterwards.

The server runs as in production: ``DEBUG=0`` (cached templates, manifest static files: ``collectstatic`` runs
first), behind a TLS proxy (the client sends ``X-Forwarded-Proto: https`` and the ``Origin`` a browser sends, so
the CSRF check is the production one), rate-limit counters in Redis when ``CACHE_URL=redis://…`` is set (the
figure's note says which cache was used). ``BENCH_WRONG=0.2`` makes that fraction of the lookups carry a wrong
ID suffix (they get the "not found" page instead of the redirect); by default every suffix is right.
"""

import http.client
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.common import Figure

ROOT = Path(__file__).resolve().parent.parent
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
WRONG = float(os.environ.get("BENCH_WRONG", "0"))
SLICES = int(os.environ.get("BENCH_SLICES", "4"))
# 2 sync workers: the client threads share the machine's 2 cores (one run with 5, as the README advises for a web
# node of its own, was no better here).
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _load(
    port: int, path: str, bodies: list[bytes], seconds: float = SECONDS
) -> tuple[float, list[float], int]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def request(method, path, body=None, headers=None):
        # gunicorn's sync workers close the connection after each response: one connection per request.
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request(method, path, body, headers or {})
            response = conn.getresponse()
            response.read()
            return response
        finally:
            conn.close()

    def worker(seed):
        rng = random.Random(seed)
        # The citizen's browser has loaded the form: CSRF cookie and token (the view is csrf_protect'ed).
        cookie = request("GET", "/green/lookup/", headers=PROXY_HEADERS).getheader("Set-Cookie", "")
        token = cookie.split("csrftoken=", 1)[1].split(";", 1)[0] if "csrftoken=" in cookie else ""
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={token}",
            "X-CSRFToken": token,
            **PROXY_HEADERS,
            "Origin": f"https://127.0.0.1:{port}",
        }
        mine = []
        while time.perf_counter() < deadline:
            body = rng.choice(bodies)
            started = time.perf_counter()
            try:
                if request("POST", path, body, headers).status not in (200, 302):  # 302: found
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                continue
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return len(latencies) / elapsed, latencies, errors[0]


# What nginx in front of gunicorn adds (README, "At larger scale"): the request came in over TLS.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def _pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))] if values else 0.0


def bench_public(figures):
    from casework.inspection.models import Complaint
    from casework.models.public import PublicLookupLog

    sample = list(
        Complaint.objects.filter(complainant__isnull=False)
        .order_by("?")
        .values_list("number", "complainant__id_number")[:200]
    )
    rng = random.Random(10)
    bodies = [
        urlencode(
            {"case_number": n, "id_suffix": "000000" if rng.random() < WRONG else (i or "")[-6:]}
        ).encode()
        for n, i in sample
    ]
    last_log = PublicLookupLog.objects.order_by("-id").values_list("id", flat=True).first() or 0
    port = _free_port()
    cache_url = os.environ.get("CACHE_URL", "")
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        GREEN_LOOKUPS_PER_IP="100000000",
        GREEN_LOOKUPS_PER_CASE="100000000",
    )
    # DEBUG=0 serves static files from the manifest: collect them once (minutes on this machine), or again with
    # BENCH_COLLECTSTATIC=1 after changing them.
    manifest = Path(os.environ.get("VAR_DIR", ROOT / "var")) / "staticfiles" / "staticfiles.json"
    if not manifest.exists() or os.environ.get("BENCH_COLLECTSTATIC") == "1":
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(WORKERS),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(150):  # until a worker answers (not just the master's socket)
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/healthz", headers=PROXY_HEADERS)
                if conn.getresponse().status == 200:
                    break
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.2)
        _load(port, "/bench/bare/", bodies[:10], 1)  # warm both workers and both views
        _load(port, "/green/lookup/", bodies[:10], 1)
        # Alternating slices, so that both views see the same load from the rest of the machine.
        base, lookup = ([], [], [0]), ([], [], [0])
        for _slice in range(SLICES):
            for path, into in (("/bench/bare/", base), ("/green/lookup/", lookup)):
                slice_rps, slice_lat, slice_err = _load(port, path, bodies, SECONDS / SLICES)
                into[0].append(slice_rps)
                into[1].extend(slice_lat)
                into[2][0] += slice_err
        base_rps, base_lat, base_err = statistics.mean(base[0]), base[1], base[2][0]
        rps, lat, err = statistics.mean(lookup[0]), lookup[1], lookup[2][0]
    finally:
        server.terminate()
        server.wait(timeout=10)
    PublicLookupLog.objects.filter(id__gt=last_log).delete()
    if cache_url.startswith("redis"):  # the run's buffered lookup-log rows (casework.public.lookup_log)
        import redis

        client = redis.Redis.from_url(cache_url)
        for key in client.keys("bench:*:green:lookup-log"):
            client.delete(key)
    ratio = rps / base_rps if base_rps else 0
    figures.append(
        Figure(
            "public lookup: throughput",
            rps,
            unit="req/s",
            baseline=base_rps,
            target=">= 70% of bare",
            passed=ratio >= 0.7,
            note=f"{WORKERS} workers, {THREADS} client threads, {SECONDS:.0f}s in {SLICES} slices, {err} errors, {WRONG:.0%} wrong suffixes, "
            + ("Redis cache" if cache_url.startswith("redis") else "file cache (set CACHE_URL=redis://…)"),
        )
    )
    figures.append(
        Figure(
            "public lookup: p50",
            statistics.median(lat) if lat else 0,
            baseline=statistics.median(base_lat) if base_lat else None,
        )
    )
    figures.append(
        Figure(
            "public lookup: p99",
            _pct(lat, 0.99),
            baseline=_pct(base_lat, 0.99),
            note=f"bare view errors: {base_err}",
        )
    )
