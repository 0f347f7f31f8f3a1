"""The public lookup as a worker makes it: one user action = POST /green/lookup/ (case number + ID suffix) →
follow the 302 → GET /green/progress/, timed from the POST to the last byte of the progress page.

    DATABASE_URL=postgres://… CACHE_URL=redis://127.0.0.1:6379/N python bench/lookup_action.py

gunicorn with the README's web worker count (``-w 2*CPU+1`` sync workers, ``BENCH_WORKERS`` to change), ``BENCH_USERS``
(50) concurrent users in a closed loop without think time (``BENCH_THINK_MS`` to add some), each with its own
CSRF cookie. The floor is a bare pair of views (bench/urls.py: a POST that runs the same verification query and
redirects with a plain cookie, a GET that reads the same indexed rows the progress page shows and writes them
out) through the same middleware. Slices of the lookup and the floor alternate, so both see the same load from
the rest of the machine; the load average is printed at the start and the end.

Cold: each action looks up a case drawn from a large sample (the first view of a case's progress: its stored
progress record, kept by the kernel after each change, read for the first time). Warm: a small sample, seen once
before timing (a worker refreshing the page, or looking again). PASS only when both the ratio (≥ 70 % of the
floor's actions per second) and the absolute target (p99 < 150 ms) hold. "No record" (informational): the sample's
progress records are deleted before each slice, so each first view builds and stores the record — what a case
costs after an upgrade before ``fill_public_progress`` has run, or after a change that did not refresh its record.
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Figure, print_table, setup  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
USERS = int(os.environ.get("BENCH_USERS", "50"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "12"))
SLICES = int(os.environ.get("BENCH_SLICES", "3"))
THINK = float(os.environ.get("BENCH_THINK_MS", "0")) / 1000
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))  # README: -w $((2*CPU+1))
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
ROUTES = {"lookup": ("/green/lookup/", "green_access"), "floor": ("/bench/floor/lookup/", "bench_floor")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body, headers or {})
        response = conn.getresponse()
        response.read()
        return response
    finally:
        conn.close()


def _cookie(response, name: str) -> str:
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith(f"{name}="):
            return value.split(";", 1)[0]
    return ""


def _load(port: int, route: str, bodies: list[bytes], seconds: float):
    """USERS users doing whole actions for ``seconds``: (actions per second, latencies in ms, errors)."""
    post_path, cookie_name = ROUTES[route]
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start_gate = threading.Barrier(USERS + 1)

    def user(seed):
        rng = random.Random(seed)
        token = _cookie(_request(port, "GET", "/green/lookup/", headers=PROXY_HEADERS), "csrftoken")
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": token,
            "X-CSRFToken": token.partition("=")[2],
            "Origin": f"https://127.0.0.1:{port}",
            **PROXY_HEADERS,
        }
        mine = []
        start_gate.wait()
        while time.perf_counter() < deadline:
            body = rng.choice(bodies)
            started = time.perf_counter()
            try:
                posted = _request(port, "POST", post_path, body, headers)
                grant = _cookie(posted, cookie_name)
                if posted.status != 302 or not grant:
                    errors[0] += 1
                    continue
                # the cookies a browser sends back: the grant and the CSRF cookie (path /); without the latter,
                # each page's forms would make and set a new CSRF secret, which no browser makes them do
                page = _request(
                    port,
                    "GET",
                    posted.getheader("Location"),
                    headers={**PROXY_HEADERS, "Cookie": f"{token}; {grant}"},
                )
                if page.status != 200:
                    errors[0] += 1
                    continue
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                continue
            mine.append((time.perf_counter() - started) * 1000)
            if THINK:
                time.sleep(THINK)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=user, args=(i,)) for i in range(USERS)]
    for t in threads:
        t.start()
    deadline = float("inf")
    start_gate.wait()
    started = time.perf_counter()
    deadline = started + seconds
    for t in threads:
        t.join()
    return len(latencies) / (time.perf_counter() - started), latencies, errors[0]


def _server_cpu_ms(master_pid: int) -> float:
    """CPU time (user + system) of the gunicorn master's worker processes so far, in ms (Linux /proc)."""
    total = 0
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    except OSError:
        return 0.0
    for pid in children:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total * 1000 / os.sysconf("SC_CLK_TCK")


def _pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))] if values else 0.0


def _drop_progress_records(bodies: list[bytes]):
    """Delete the progress records of the sample's cases: their next view builds them (``progress_store``)."""
    from urllib.parse import parse_qs

    from casework.inspection.models import Complaint
    from casework.models import PublicProgressRecord

    numbers = [parse_qs(body.decode())["case_number"][0] for body in bodies]
    pks = Complaint.objects.filter(number__in=numbers).values_list("pk", flat=True)
    PublicProgressRecord.objects.filter(case_label="casework.complaint", case_pk__in=list(pks)).delete()


def _bodies(count: int, seed: int) -> list[bytes]:
    from casework.inspection.models import Complaint

    sample = list(
        Complaint.objects.filter(complainant__isnull=False)
        .order_by("?")
        .values_list("number", "complainant__id_number")[:count]
    )
    random.Random(seed).shuffle(sample)
    return [urlencode({"case_number": n, "id_suffix": (i or "")[-6:]}).encode() for n, i in sample]


def run(figures: list[Figure]) -> None:
    from casework.models.public import PublicLookupLog

    last_log = PublicLookupLog.objects.order_by("-id").values_list("id", flat=True).first() or 0
    cold_bodies, warm_bodies = _bodies(5000, 1), _bodies(100, 2)
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
    manifest = Path(os.environ.get("VAR_DIR", ROOT / "var")) / "staticfiles" / "staticfiles.json"
    if not manifest.exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen(
        [
            gunicorn,
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
    load_before = os.getloadavg()
    results = {}
    try:
        for _ in range(150):
            try:
                if _request(port, "GET", "/healthz", headers=PROXY_HEADERS).status == 200:
                    break
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.2)
        for route in ROUTES:  # every worker has imported and compiled both paths
            _load(port, route, warm_bodies, 1.5)
        for phase, bodies in (("cold", cold_bodies), ("warm", warm_bodies), ("no record", cold_bodies)):
            if phase == "warm":
                for route in ROUTES:
                    _load(port, route, bodies, 2)
            runs = {route: ([], [], 0, 0.0) for route in ROUTES}
            for _slice in range(SLICES):
                for route in ROUTES:
                    if phase == "no record" and route == "lookup":
                        _drop_progress_records(bodies)
                    cpu_before = _server_cpu_ms(server.pid)
                    rps, lat, err = _load(port, route, bodies, SECONDS / SLICES)
                    cpu = _server_cpu_ms(server.pid) - cpu_before
                    rates, lats, errs, cpus = runs[route]
                    runs[route] = (rates + [rps], lats + lat, errs + err, cpus + cpu)
            results[phase] = runs
    finally:
        server.terminate()
        server.wait(timeout=10)
    load_after = os.getloadavg()
    PublicLookupLog.objects.filter(id__gt=last_log).delete()
    if cache_url.startswith("redis"):
        import redis

        client = redis.Redis.from_url(cache_url)
        for key in client.keys("bench:*:green:lookup-log"):
            client.delete(key)
    from django.core.management import call_command

    call_command("fill_public_progress", verbosity=0)  # the records the "no record" phase deleted
    for phase, runs in results.items():
        rates, lat, err, cpu = runs["lookup"]
        f_rates, f_lat, f_err, f_cpu = runs["floor"]
        # Server CPU per action (the workers' own time, whatever else runs on the machine).
        cpu_per, f_cpu_per = cpu / max(len(lat), 1), f_cpu / max(len(f_lat), 1)
        rps, floor_rps = statistics.mean(rates), statistics.mean(f_rates)
        ratio = rps / floor_rps if floor_rps else 0
        p99 = _pct(lat, 0.99)
        informational = phase == "no record"
        passed = None if informational else ratio >= 0.7 and p99 < 150
        figures.append(
            Figure(
                f"lookup action {phase}: throughput",
                rps,
                unit="act/s",
                baseline=floor_rps,
                target="" if informational else ">= 70% of floor",
                passed=passed,
                note=f"{WORKERS} workers, {USERS} users, {err}/{f_err} errors (lookup/floor)",
            )
        )
        figures.append(
            Figure(
                f"lookup action {phase}: server CPU",
                cpu_per,
                unit="ms/act",
                baseline=f_cpu_per,
                note="gunicorn workers' user+system time per action",
            )
        )
        figures.append(
            Figure(
                f"lookup action {phase}: p50",
                statistics.median(lat) if lat else 0,
                baseline=statistics.median(f_lat) if f_lat else None,
            )
        )
        figures.append(
            Figure(
                f"lookup action {phase}: p99",
                p99,
                baseline=_pct(f_lat, 0.99),
                target="" if informational else "< 150 ms",
                passed=passed,
            )
        )
    print(
        f"load average: start {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}; end {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}"
    )


if __name__ == "__main__":
    setup()
    figures: list[Figure] = []
    run(figures)
    print_table(
        figures,
        f"Public lookup as one user action ({'Redis' if os.environ.get('CACHE_URL', '').startswith('redis') else 'file'} cache)",
    )
