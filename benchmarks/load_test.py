"""Load test: 50 concurrent visitors for 60 s on public pages, dashboards and the API, on the production server.

For each database (``--vendor sqlite``, ``postgresql`` or ``both``) the script

1. prepares a demo database and its ``LOKALAGENDA_VAR_DIR`` (a folder under ``--var-dir``, kept between runs):
   migrate, load-reference, import the bundle's ``indicators/values.csv``, measure, collectstatic. Steps already
   done are skipped (``--fresh`` starts from an empty database). SQLite is a file in the folder; PostgreSQL is
   the database named in ``--postgres-url``, made there if it is missing. The rendered-page cache is emptied,
   so every run starts equally cold;
2. starts gunicorn (``lokalagenda.web.wsgi:application``) with ``lokalagenda.web.settings.prod`` on
   127.0.0.1 and a free port (a random secret key, SSL redirect off because the test speaks plain HTTP on
   loopback), and waits until it answers;
3. requests every endpoint of the mix once and stops if any answers other than ``200``;
4. runs locust headless (``load/locustfile.py``): ``--users`` visitors, all started in the first second, for
   ``--seconds``. Each visitor picks an endpoint by weight (``load/endpoints.py``: a static file as the
   baseline, public pages, kommune dashboards, the API; random real kommuner, goals and indicators), then
   waits 0–0.5 s;
5. stops the server and reports, per group and in total: requests, failures, requests per second and the
   p50/p95/p99 latency seen by the client (locust, on loopback, waiting for a free worker included) and by the
   server (gunicorn's own request time, ``%(D)s``), and each group's p95 as a ratio to the baseline's p95 in
   the same load.

The baseline (``/static/lokalagenda/site.css``, served by WhiteNoise through the same workers) is part of the
same mix, so it sees the same load at the same moments. Any failure (a status other than 200, a refused or
timed-out connection) makes the run fail. The server and locust are stopped on every way out (normal end,
error, Ctrl-C, SIGTERM; both also get SIGTERM if this process dies). Traffic goes to 127.0.0.1 only.

Run with ``LOKALAGENDA_DATA_DIR`` set, from the repository root::

    .venv/bin/python benchmarks/load_test.py [--vendor sqlite|postgresql|both] [--users 50] [--seconds 60]
        [--quick] [--postgres-url postgres://root@127.0.0.1:5432/lokalagenda_load]

Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import ctypes
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from load.endpoints import BASELINE_PATH, DATA, ENDPOINTS, GROUPS, KOMMUNER

HOST = "127.0.0.1"
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
LOCUSTFILE = HERE / "load" / "locustfile.py"
DEFAULT_POSTGRES = "postgres://root@127.0.0.1:5432/lokalagenda_load"
ACCESS_FORMAT = "%({x-load-group}i)s %(s)s %(D)s"
PROBE = """
import json
from lokalagenda.indicators.models import Observation
from lokalagenda.measurement.models import MeasurementRun
from lokalagenda.places.models import Kommune
print(json.dumps({"kommuner": Kommune.objects.count(), "observations": Observation.objects.exists(),
                  "measured": MeasurementRun.objects.filter(status=MeasurementRun.Status.DONE).exists()}))
"""


@dataclass(frozen=True)
class Target:
    """One database to test: its vendor, URL and the platform's own folder (static files, page cache)."""

    vendor: str
    database_url: str
    var_dir: Path


@dataclass(frozen=True)
class Latencies:
    """Requests, failures, throughput and percentiles (ms) of one group of requests."""

    requests: int
    failures: int
    per_second: float
    p50: float
    p95: float
    p99: float
    server_p50: float
    server_p95: float
    server_p99: float


# ---------------------------------------------------------------------------------------------------- processes


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM when this process dies, however it dies (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the ``finally`` blocks still stop the children on every normal way out


def _stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _manage(env: dict[str, str], *command: str) -> str:
    start = time.perf_counter()
    done = subprocess.run([str(BIN / "lokalagenda"), *command], env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"`lokalagenda {' '.join(command)}` failed ({done.returncode}):\n{done.stderr[-3000:]}")
    print(f"  {command[0]}: {time.perf_counter() - start:.1f} s", flush=True)
    return done.stdout


# ---------------------------------------------------------------------------------------------------- database


def _environment(target: Target, secret: str) -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "lokalagenda.web.settings.prod", "LOKALAGENDA_SECRET_KEY": secret,
            "LOKALAGENDA_ALLOWED_HOSTS": f"{HOST},localhost", "LOKALAGENDA_SSL_REDIRECT": "0",
            "LOKALAGENDA_VAR_DIR": str(target.var_dir), "DATABASE_URL": target.database_url,
            "LOKALAGENDA_DATA_DIR": str(DATA)}


def _ensure_postgres_database(database_url: str, fresh: bool) -> None:
    """Make the PostgreSQL database of ``database_url`` if it is missing (or drop and remake it when ``fresh``)."""
    import psycopg

    server, name = database_url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def prepare(target: Target, env: dict[str, str], fresh: bool) -> None:
    """The demo database: reference data, the bundle's values, one measurement run; static files collected."""
    if fresh:
        shutil.rmtree(target.var_dir, ignore_errors=True)
    target.var_dir.mkdir(parents=True, exist_ok=True)
    if target.vendor == "postgresql":
        _ensure_postgres_database(target.database_url, fresh)
    print(f"preparing {target.vendor} ({target.database_url}), LOKALAGENDA_VAR_DIR={target.var_dir}", flush=True)
    _manage(env, "migrate", "--no-input", "-v", "0")
    state = json.loads(_manage(env, "shell", "-v", "0", "-c", PROBE).strip().splitlines()[-1])
    steps: list[tuple[bool, tuple[str, ...]]] = [
        (state["kommuner"] >= len(KOMMUNER), ("load-reference",)),
        (state["observations"], ("import", str(DATA / "indicators" / "values.csv"))),
        (state["measured"], ("measure", "-v", "0")),
    ]
    for done, command in steps:
        if done:
            print(f"  {command[0]}: already done, skipped")
        else:
            _manage(env, *command)
    _static_files(target, env)
    for page in (target.var_dir / "cache").glob("*.djcache"):
        page.unlink()


def _collected(var_dir: Path) -> bool:
    """Whether ``var_dir/static`` holds a manifest newer than every file of the project's own static folders."""
    manifest = var_dir / "static" / "staticfiles.json"
    if not manifest.is_file():
        return False
    sources = (HERE.parent / "src" / "lokalagenda").glob("*/static/**/*")
    return all(source.stat().st_mtime <= manifest.stat().st_mtime for source in sources if source.is_file())


def _static_files(target: Target, env: dict[str, str]) -> None:
    """collectstatic, unless done already for this folder or for the other vendor's (then copied: WhiteNoise's
    compression of the large vendor files takes minutes on a busy machine)."""
    if _collected(target.var_dir):
        print("  collectstatic: already done, skipped")
        return
    for other in target.var_dir.parent.iterdir():
        if other != target.var_dir and _collected(other):
            shutil.rmtree(target.var_dir / "static", ignore_errors=True)
            shutil.copytree(other / "static", target.var_dir / "static")
            print(f"  collectstatic: copied from {other / 'static'}")
            return
    _manage(env, "collectstatic", "--no-input", "-v", "0")


# ---------------------------------------------------------------------------------------------------- server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path, headers={"X-Load-Group": "preflight"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def start_server(env: dict[str, str], port: int, access_log: Path, workers: int,
                 threads: int) -> subprocess.Popen[bytes]:
    """Gunicorn with the production settings on loopback; returns once it answers (at most 60 s)."""
    command = [str(BIN / "gunicorn"), "lokalagenda.web.wsgi:application", "--workers", str(workers),
               "--threads", str(threads), "--bind", f"{HOST}:{port}", "--access-logfile", str(access_log),
               "--access-logformat", ACCESS_FORMAT, "--log-level", "warning", "--timeout", "60"]
    server = subprocess.Popen(command, env=env, preexec_fn=_die_with_parent)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode} before answering")
        try:
            if _get(port, BASELINE_PATH) == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    _stop(server)
    raise RuntimeError("gunicorn did not answer within 60 s")


def preflight(port: int) -> list[str]:
    """Every endpoint of the mix once (kommune 0301's and others'): the ones that do not answer 200."""
    import random

    pick, problems = random.Random(0), []
    for endpoint in ENDPOINTS:
        path = endpoint.path(pick)
        status = _get(port, path)
        if status != 200:
            problems.append(f"{path}: status {status}")
    return problems


# ---------------------------------------------------------------------------------------------------- load


def run_locust(env: dict[str, str], port: int, users: int, seconds: int, folder: Path) -> dict[str, Any]:
    """Locust headless against the server; returns its samples (every request) and the run's window."""
    samples = folder / "samples.json"
    samples.unlink(missing_ok=True)
    command = [str(BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "--users", str(users),
               "--spawn-rate", str(users), "--run-time", f"{seconds}s", "--host", f"http://{HOST}:{port}",
               "--csv", str(folder / "locust"), "--only-summary", "--loglevel", "WARNING"]
    locust_env = {**env, "LOKALAGENDA_LOAD_SAMPLES": str(samples),
                  "PYTHONPATH": os.pathsep.join([str(LOCUSTFILE.parent), env.get("PYTHONPATH", "")])}
    print(f"load: {users} visitors for {seconds} s on http://{HOST}:{port}", flush=True)
    locust = subprocess.Popen(command, env=locust_env, preexec_fn=_die_with_parent,
                              stdout=subprocess.DEVNULL, stderr=(folder / "locust.log").open("w"))
    try:
        locust.wait(timeout=seconds + 120)
    finally:
        _stop(locust)
    if not samples.is_file():
        raise RuntimeError(f"locust wrote no samples (exit {locust.returncode}); see {folder / 'locust.log'}")
    return json.loads(samples.read_text(encoding="utf-8"))


def _server_times(access_log: Path) -> dict[str, list[float]]:
    """Gunicorn's request time (ms) per load group, from the access log (preflight requests left out)."""
    times: dict[str, list[float]] = defaultdict(list)
    for line in access_log.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] in GROUPS:
            times[parts[0]].append(int(parts[2]) / 1000)
    return times


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    if not values:
        return (float("nan"),) * 3
    p50, p95, p99 = np.percentile(np.asarray(values, dtype="float64"), [50, 95, 99])
    return float(p50), float(p95), float(p99)


def _latencies(samples: list[dict[str, Any]], server: list[float], seconds: float) -> Latencies:
    client = [sample["ms"] for sample in samples]
    return Latencies(len(samples), sum(not sample["ok"] for sample in samples), len(samples) / seconds,
                     *_percentiles(client), *_percentiles(server))


def summarise(run: dict[str, Any], access_log: Path) -> dict[str, Latencies]:
    """Each group's and the total's latencies, client- and server-side."""
    seconds = run["stopped"] - run["started"]
    samples, server = run["samples"], _server_times(access_log)
    groups = {group: _latencies([s for s in samples if s["group"] == group], server.get(group, []), seconds)
              for group in GROUPS}
    groups["total"] = _latencies(samples, [t for group in GROUPS for t in server.get(group, [])], seconds)
    return groups


# ---------------------------------------------------------------------------------------------------- report


def _ms(value: float) -> str:
    return f"{value:.1f}"


def report(target: Target, groups: dict[str, Latencies], run: dict[str, Any], settings: dict[str, Any]) -> None:
    """Print the table (and a Markdown version) and keep the numbers as JSON in the target's folder."""
    base, base_server = groups["baseline"].p95, groups["baseline"].server_p95
    rows = []
    print(f"\n{target.vendor}: {settings['users']} visitors, {run['stopped'] - run['started']:.1f} s, "
          f"gunicorn {settings['workers']} workers × {settings['threads']} threads; times in ms")
    print(f"{'group':10} {'requests':>8} {'fail':>5} {'req/s':>7}   client p50 / p95 / p99   "
          f"server p50 / p95 / p99   p95 / baseline (client, server)")
    for name, row in groups.items():
        ratio, server_ratio = row.p95 / base, row.server_p95 / base_server
        print(f"{name:10} {row.requests:8,} {row.failures:5} {row.per_second:7.1f}   "
              f"{row.p50:8.1f} {row.p95:7.1f} {row.p99:7.1f}   {row.server_p50:8.1f} {row.server_p95:7.1f} "
              f"{row.server_p99:7.1f}   {ratio:5.1f}×  {server_ratio:5.1f}×")
        rows.append(f"| {target.vendor} | {name} | {row.requests:,} | {row.failures} | {row.per_second:.1f} | "
                    f"{_ms(row.p50)} / {_ms(row.p95)} / {_ms(row.p99)} | "
                    f"{_ms(row.server_p50)} / {_ms(row.server_p95)} / {_ms(row.server_p99)} | "
                    f"{ratio:.1f}× / {server_ratio:.1f}× |")
    _print_endpoints(run["samples"])
    _print_errors(run["samples"])
    print("\nMarkdown rows:\n" + "\n".join(rows))
    result = {"vendor": target.vendor, "date": datetime.now(UTC).isoformat(timespec="seconds"), **settings,
              "seconds": run["stopped"] - run["started"], "groups": {k: asdict(v) for k, v in groups.items()}}
    (target.var_dir / "load-results.json").write_text(json.dumps(result, indent=2), encoding="utf-8")


def _print_endpoints(samples: list[dict[str, Any]]) -> None:
    by_name: dict[str, list[float]] = defaultdict(list)
    for sample in samples:
        by_name[sample["name"]].append(sample["ms"])
    print("\nper endpoint (client):")
    for endpoint in ENDPOINTS:
        times = by_name.get(endpoint.name, [])
        p50, p95, p99 = _percentiles(times)
        print(f"  {endpoint.group:9} {endpoint.name:45} {len(times):6,}  p50 {p50:7.1f}  p95 {p95:7.1f}  "
              f"p99 {p99:7.1f}")


def _print_errors(samples: list[dict[str, Any]]) -> None:
    errors = Counter(f"{sample['name']}: {sample['error']}" for sample in samples if not sample["ok"])
    for error, count in errors.most_common(10):
        print(f"  failure ×{count}: {error}")


# ---------------------------------------------------------------------------------------------------- main


def load_test(target: Target, args: argparse.Namespace) -> int:
    """Prepare, serve, load and report one database; returns the number of failed requests."""
    env = _environment(target, secrets.token_urlsafe(50))
    prepare(target, env, args.fresh)
    if args.prepare_only:
        return 0
    port, access_log = _free_port(), target.var_dir / "access.log"
    access_log.unlink(missing_ok=True)
    server = start_server(env, port, access_log, args.workers, args.threads)
    try:
        problems = preflight(port)
        if problems:
            print("endpoints that do not answer 200 before the load:\n  " + "\n  ".join(problems))
            return len(problems)
        run = run_locust(env, port, args.users, args.seconds, target.var_dir)
    finally:
        _stop(server)
    groups = summarise(run, access_log)
    report(target, groups, run, {"users": args.users, "workers": args.workers, "threads": args.threads})
    return groups["total"].failures


def _targets(args: argparse.Namespace) -> list[Target]:
    vendors = ["sqlite", "postgresql"] if args.vendor == "both" else [args.vendor]
    urls: dict[str, Callable[[Path], str]] = {"sqlite": lambda folder: f"sqlite:///{folder / 'lokalagenda.sqlite3'}",
                                              "postgresql": lambda _folder: args.postgres_url}
    return [Target(vendor, urls[vendor](args.var_dir / vendor), args.var_dir / vendor) for vendor in vendors]


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vendor", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--users", type=int, default=50, help="concurrent visitors (default 50)")
    parser.add_argument("--seconds", type=int, default=60, help="length of the load (default 60)")
    parser.add_argument("--quick", action="store_true", help="a smoke check: 10 visitors for 10 s")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES,
                        help=f"the PostgreSQL database to use, made if missing (default {DEFAULT_POSTGRES})")
    parser.add_argument("--var-dir", type=Path, default=Path(tempfile.gettempdir()) / "lokalagenda-load",
                        help="folder for each vendor's LOKALAGENDA_VAR_DIR, kept between runs")
    parser.add_argument("--fresh", action="store_true", help="start from an empty database and folder")
    parser.add_argument("--prepare-only", action="store_true", help="prepare the database(s), run no load")
    args = parser.parse_args()
    if args.quick:
        args.users, args.seconds = 10, 10
    if not 0 < args.users <= 200 or not 0 < args.seconds <= 600:
        parser.error("--users must be in 1..200 and --seconds in 1..600")
    if not 0 < args.workers <= 16 or not 0 < args.threads <= 32:
        parser.error("--workers must be in 1..16 and --threads in 1..32")
    return args


def main() -> None:
    args = _arguments()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind through the ``finally`` blocks
    failures = {target.vendor: load_test(target, args) for target in _targets(args)}
    print("\nfailures: " + ", ".join(f"{vendor} {count}" for vendor, count in failures.items()))
    if any(failures.values()):
        sys.exit("the load test failed: every request must answer 200")


if __name__ == "__main__":
    main()
