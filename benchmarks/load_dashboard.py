"""Benchmark: the kommune dashboard under 20 concurrent clients, on the production server, on loopback.

The script prepares a fresh database itself (a SQLite file in a temporary folder, or with ``--database-url`` a
scratch database made on that PostgreSQL server and dropped at the end): migrate, load-reference, import the
bundle's ``indicators/values.csv``, measure, collectstatic. It then starts gunicorn with the production
settings on 127.0.0.1 and a free port, and runs two loads of the same shape, each for ``--seconds``:

1. the baseline: a trivial static file (``/static/lokalagenda/site.css``, served by WhiteNoise);
2. the dashboard: ``/kommune/<nr>/`` for random kommuner.

and then two loads that the cache does not serve, reported on their own (the cached dashboard's p95 hides them):

3. uncached: every kommune's page once, in random order, right after the cache folder was emptied, so each
   request is a first render (as after every new measurement run or edit); it stops after one pass;
4. logged-in: ``/kommune/<nr>/`` for random kommuner with the session of an editor of Bergen (made by the
   script), whose pages are never cached.

For each it records every response's status and two latencies: the client's (on loopback, including the wait
for a free worker thread) and the server's (gunicorn's access log, ``%(D)s``: from the worker taking the request
to the response written; nothing is added to the application). It prints p50/p95/p99 and the dashboard's ratio to
the baseline. Any error (a status other than 200, or a failed connection) fails the run. The server is always
stopped at the end. ``--profile`` also profiles one dashboard request in-process (queries and cProfile).

Traffic goes to 127.0.0.1 only and stops by itself: each client stops at the deadline or after
``MAX_REQUESTS_PER_CLIENT`` requests. Run with ``LOKALAGENDA_DATA_DIR`` set. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scratch_database

HOST = "127.0.0.1"
BASELINE_PATH = "/static/lokalagenda/site.css"
MAX_REQUESTS_PER_CLIENT = 100_000
BIN = Path(sys.executable).parent
ACCESS_FORMAT = "%(U)s %(s)s %(D)s"


@dataclass
class Load:
    """What one load recorded: per response, the status and the client-side latency in seconds."""

    statuses: list[int] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        return sum(status != 200 for status in self.statuses) + len(self.failures)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _environment(folder: Path, database_url: str) -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "lokalagenda.web.settings.prod",
            "LOKALAGENDA_SECRET_KEY": secrets.token_urlsafe(50), "LOKALAGENDA_ALLOWED_HOSTS": HOST,
            "LOKALAGENDA_SSL_REDIRECT": "0", "LOKALAGENDA_VAR_DIR": str(folder), "DATABASE_URL": database_url}


def prepare(env: dict[str, str], data: Path) -> None:
    """A fresh database with the reference data, the bundle's values and one measurement run; static files."""
    steps = [["migrate", "--no-input", "-v", "0"], ["load-reference"],
             ["import", str(data / "indicators" / "values.csv")], ["measure", "-v", "0"],
             ["collectstatic", "--no-input", "-v", "0"]]
    for step in steps:
        start = time.perf_counter()
        subprocess.run([str(BIN / "lokalagenda"), *step], env=env, check=True, stdout=subprocess.DEVNULL)
        print(f"  {step[0]}: {time.perf_counter() - start:.1f} s", flush=True)


def start_server(env: dict[str, str], port: int, access_log: Path, workers: int, threads: int) -> subprocess.Popen:
    command = [str(BIN / "gunicorn"), "lokalagenda.web.wsgi:application", "--workers", str(workers),
               "--threads", str(threads), "--bind", f"{HOST}:{port}", "--access-logfile", str(access_log),
               "--access-logformat", ACCESS_FORMAT, "--log-level", "warning"]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            if _get(http.client.HTTPConnection(HOST, port, timeout=5), BASELINE_PATH) == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not answer within 30 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _get(connection: http.client.HTTPConnection, path: str, headers: dict[str, str] | None = None) -> int:
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.read()
    return response.status


def _client(port: int, paths: list[str], seed: int, deadline: float, load: Load, lock: threading.Lock,
            headers: dict[str, str] | None = None, queue: list[str] | None = None) -> None:
    """Random paths until the deadline; or, given a shared ``queue``, its paths until it is empty."""
    chooser = random.Random(seed)
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    statuses, latencies = [], []
    try:
        for _ in range(MAX_REQUESTS_PER_CLIENT):
            if time.monotonic() >= deadline:
                break
            if queue is None:
                path = chooser.choice(paths)
            else:
                with lock:
                    if not queue:
                        break
                    path = queue.pop()
            start = time.perf_counter()
            try:
                status = _get(connection, path, headers)
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    load.failures.append(f"{path}: {error!r}")
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=30)
                continue
            latencies.append(time.perf_counter() - start)
            statuses.append(status)
    finally:
        connection.close()
        with lock:
            load.statuses.extend(statuses)
            load.latencies.extend(latencies)


def run_load(port: int, paths: list[str], clients: int, seconds: float, *, headers: dict[str, str] | None = None,
             once: bool = False) -> Load:
    """``clients`` threads for ``seconds``; with ``once``, each path exactly once (shuffled), then stop."""
    load, lock = Load(), threading.Lock()
    start = time.monotonic()
    deadline = start + seconds
    queue = random.Random(0).sample(paths, len(paths)) if once else None
    threads = [threading.Thread(target=_client, args=(port, paths, seed, deadline, load, lock, headers, queue))
               for seed in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    load.seconds = time.monotonic() - start
    return load


def _percentiles_ms(values: list[float]) -> dict[str, float]:
    array = np.asarray(values, dtype="float64") * 1000
    if not len(array):
        return {"p50": float("nan"), "p95": float("nan"), "p99": float("nan")}
    return {name: float(np.percentile(array, q)) for name, q in (("p50", 50), ("p95", 95), ("p99", 99))}


def server_times(access_log: Path, prefix: str, since_line: int) -> list[float]:
    """Gunicorn's time per request (seconds) for paths starting with ``prefix``, from line ``since_line`` on."""
    times = []
    for line in access_log.read_text(encoding="utf-8").splitlines()[since_line:]:
        parts = line.split()
        if len(parts) == 3 and parts[0].startswith(prefix):
            times.append(int(parts[2]) / 1e6)
    return times


def _line(name: str, load: Load, server: list[float]) -> dict[str, dict[str, float]]:
    client, on_server = _percentiles_ms(load.latencies), _percentiles_ms(server)
    print(f"{name:10} {len(load.statuses):7,} requests in {load.seconds:.1f} s "
          f"({len(load.statuses) / load.seconds:7.1f}/s), errors {load.errors}")
    print(f"{'':10} client  p50 {client['p50']:7.1f} ms  p95 {client['p95']:7.1f} ms  p99 {client['p99']:7.1f} ms")
    print(f"{'':10} server  p50 {on_server['p50']:7.1f} ms  p95 {on_server['p95']:7.1f} ms  "
          f"p99 {on_server['p99']:7.1f} ms")
    return {"client": client, "server": on_server}


def summarise(loads: dict[str, Load], access_log: Path) -> int:
    """Percentiles of each load (their requests follow one another in the access log, in the order given), the
    ratios to the baseline, and the requirements: cached p95 <= 50 ms, uncached and logged-in p95 <= 100 ms."""
    print(f"\n{'':10} latencies on loopback; server = gunicorn's own request time")
    times = server_times(access_log, "/", 0)
    results, first = {}, 0
    for name, load in loads.items():
        results[name] = _line(name, load, times[first:first + len(load.statuses) + len(load.failures)])
        first += len(load.statuses) + len(load.failures)
    base = results["baseline"]
    for name in [name for name in results if name != "baseline"]:
        for side in ("client", "server"):
            ratios = ", ".join(f"{p} {results[name][side][p] / base[side][p]:.1f}×" for p in ("p50", "p95", "p99"))
            print(f"{name} / baseline ({side}): {ratios}")
    for name, limit in (("dashboard", 50), ("uncached", 100), ("logged-in", 100)):
        p95 = results[name]["server"]["p95"]
        print(f"requirement {name} p95 server time <= {limit} ms: {'met' if p95 <= limit else 'NOT met'} "
              f"({p95:.1f} ms)")
    failures = [failure for load in loads.values() for failure in load.failures]
    for failure in failures[:5]:
        print(f"failure: {failure}")
    return sum(load.errors for load in loads.values())


EDITOR_SESSION = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from lokalagenda.accounts.models import Membership, Organisation
user = get_user_model().objects.create_user("benchmark-editor", password=None)
Membership.objects.create(user=user, organisation=Organisation.objects.get(slug="kommune-4601"), role="editor")
session = import_module(settings.SESSION_ENGINE).SessionStore()
session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                HASH_SESSION_KEY: user.get_session_auth_hash()})
session.create()
print(settings.SESSION_COOKIE_NAME + "=" + session.session_key)
"""


def editor_cookie(env: dict[str, str]) -> str:
    """A session cookie of an editor of Bergen, made in the database (no login request, so no lockout)."""
    done = subprocess.run([str(BIN / "lokalagenda"), "shell", "-c", EDITOR_SESSION], env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout.strip().splitlines()[-1]


def profile_one(number: str) -> None:
    """One dashboard request in-process through Django's test client: queries by table and cProfile's top."""
    import cProfile
    import pstats
    from collections import Counter

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    assert client.get(f"/kommune/{number}/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        client.get(f"/kommune/{number}/")
        elapsed = time.perf_counter() - start
    print(f"/kommune/{number}/ in-process: {elapsed * 1000:.1f} ms, {len(queries)} queries, "
          f"{sum(float(q['time']) for q in queries.captured_queries) * 1000:.1f} ms in the database")
    tables = Counter(q["sql"].split(" FROM ")[1].split()[0] if " FROM " in q["sql"] else q["sql"][:30]
                     for q in queries.captured_queries)
    print("queries by table:", ", ".join(f"{table} {count}" for table, count in tables.most_common(8)))
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        client.get(f"/kommune/{number}/")
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def benchmark(args: argparse.Namespace, folder: Path, database_url: str) -> int:
    data = Path(os.environ["LOKALAGENDA_DATA_DIR"])
    env = _environment(folder, database_url)
    print(f"preparing {database_url.split(':', 1)[0]} database in {folder}", flush=True)
    prepare(env, data)
    kommuner = [line.split(",")[0] for line in
                (data / "norway" / "municipalities.csv").read_text(encoding="utf-8").splitlines()[1:] if line]
    cookie = editor_cookie(env)
    port, access_log = _free_port(), folder / "access.log"
    server = start_server(env, port, access_log, args.workers, args.threads)
    pages = [f"/kommune/{n}/" for n in kommuner]
    try:
        warm = run_load(port, [f"/kommune/{n}/" for n in kommuner[:40]], args.clients, 3)
        if warm.errors:
            print(f"warm-up errors: {warm.errors}; first: {warm.failures[:1] or warm.statuses[:5]}")
            return warm.errors
        skip = len(access_log.read_text(encoding="utf-8").splitlines())
        print(f"load: {args.clients} clients, {args.seconds:.0f} s each, {HOST}:{port}", flush=True)
        loads = {"baseline": run_load(port, [BASELINE_PATH], args.clients, args.seconds),
                 "dashboard": run_load(port, pages, args.clients, args.seconds)}
        shutil.rmtree(folder / "cache", ignore_errors=True)  # the file cache of every worker: each page is new
        loads["uncached"] = run_load(port, pages, args.clients, 600, once=True)
        loads["logged-in"] = run_load(port, pages, args.clients, args.seconds, headers={"Cookie": cookie})
    finally:
        stop_server(server)
    access_log.write_text("\n".join(access_log.read_text(encoding="utf-8").splitlines()[skip:]), encoding="utf-8")
    errors = summarise(loads, access_log)
    if args.profile:
        source = str(Path(__file__).resolve().parents[1] / "src")
        subprocess.run([sys.executable, __file__, "--profile-only", "4601"],
                       env={**env, "PYTHONPATH": os.pathsep.join([str(folder), source])}, check=True)
    return errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30, help="length of each load (default 30)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--database-url", help="a PostgreSQL server (URL of any database on it): run on a scratch "
                                               "database made there, instead of a fresh SQLite file")
    parser.add_argument("--profile", action="store_true", help="also profile one dashboard request")
    parser.add_argument("--profile-only", metavar="KOMMUNE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.profile_only:
        profile_one(args.profile_only)
        return
    if not 0 < args.seconds <= 600 or not 0 < args.clients <= 100:
        parser.error("--seconds must be in (0, 600] and --clients in (0, 100]")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        scratch = scratch_database.create(args.database_url, "lokalagenda_load") if args.database_url else None
        try:
            errors = benchmark(args, folder, scratch or f"sqlite:///{folder / 'lokalagenda.sqlite3'}")
        finally:
            if scratch:
                scratch_database.drop(args.database_url, scratch)
    if errors:
        sys.exit(f"{errors} error(s): the dashboard must answer every request")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
