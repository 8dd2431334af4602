"""Load test of Min lederside: many leaders at once, on PostgreSQL with the demo at ``--scale 20``.

The harness (``make bench``) calls ``measures(db)`` for each database; on PostgreSQL it builds its own
database ``styr_bench_portal`` with the demo municipality at scale 20 (the ledger-import database
holds no leaders), signs in ``--users`` different leaders by creating their sessions directly (no
Argon2 logins in the measurement), starts gunicorn on a free loopback port (two workers sharing a
file cache, STYR_CACHE_DIR, as the README asks of several server processes), and runs locust
headless against it in a child process for a bounded time. Every simulated leader opens
/min-side/ three times as often as /sundhed/, the plain Django view that answers "ok" with no query
of its own (the middleware still reads the session and the user): measured in the same run, under
the same load, it is the baseline. Each leader's first visit, which makes their page while nothing
is cached for them, is reported on its own line; the measurement proper starts when every leader
has had it, and ramp-up is not counted.

Goal: with 100 concurrent leaders, p95 of /min-side/ under 200 ms and no errors.

Run by hand: ``python -m bench.portal_load [--users 100] [--seconds 60] [--reuse]``; ``--reuse`` keeps
an existing ``styr_bench_portal`` instead of building the demo again (several minutes).
Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
DB_NAME = "styr_bench_portal"
HOST = "127.0.0.1"
USERS, SPAWN_RATE, SECONDS, THINK = 100, 25, 60, (1.0, 3.0)
WORKERS, THREADS = 2, 8
# Longer than the longest think time: with gunicorn's 2 s a leader thinking 1–3 s reuses a connection
# the server is closing, and the request fails ("connection reset") before it reaches Styr. A proxy
# in front of Styr keeps connections open far longer (nginx: 75 s).
KEEP_ALIVE = 5
GOAL_P95_MS = 200
PORTAL, HEALTH = "/min-side/", "/sundhed/"
FIRST_VISIT = "/min-side/ (første besøg)"
WARM_UP_LIMIT = 180  # seconds after the last leader started


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def environment(db_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "STYR_SQLITE_PATH"}}
    env.update({"DATABASE_URL": db_url, "DJANGO_SETTINGS_MODULE": "styr.settings", "SECRET_KEY": "bench-not-secret",
                "STYR_DEBUG": "0", "ALLOWED_HOSTS": HOST, "STYR_SECURE_COOKIES": "0", "STYR_LOG_LEVEL": "ERROR"})
    return env


def styr(env: dict[str, str], *args: str, timeout: int = 3600) -> str:
    done = subprocess.run([sys.executable, "-m", "styr.cli", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)
    if done.returncode != 0:
        raise SystemExit(f"styr {' '.join(args)} fejlede:\n{done.stderr}{done.stdout}")
    return done.stdout


def prepare_database(reuse: bool, scale: int) -> str:
    import psycopg

    url = f"{PG_SERVER}/{DB_NAME}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
    if exists and reuse:
        styr(environment(url), "migrate", "-v0")  # the kept database follows the code's migrations
        analyse(url)
        return url
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    env = environment(url)
    say(f"PostgreSQL: demokommunen i skala {scale} til belastningstesten (et par minutter) …")
    styr(env, "migrate", "-v0")
    styr(env, "demo", "--scale", str(scale))
    analyse(url)
    return url


def analyse(url: str) -> None:
    """Planner statistics for the freshly built tables, as autovacuum gives a production database
    within a minute: without them (CI turns autovacuum off) PostgreSQL guesses two rows for every
    subtree and picks nested loops that take seconds. Then a checkpoint, so that the build's
    writes are flushed to disk now and not in the middle of the measurement."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")
        try:
            conn.execute("CHECKPOINT")
        except psycopg.errors.InsufficientPrivilege:
            say("ADVARSEL: ingen ret til CHECKPOINT; databasens skrivninger kan falde i målingen")


SESSIONS_CODE = """
import json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from styr.organisation.models import Unit
count = {count}
named = ["leder", "leder2", "direktion", "oekonomi"]
leading = (Unit.objects.open().filter(leader__user__isnull=False).order_by("depth", "code")
           .values_list("leader__user", flat=True))
ids = list(dict.fromkeys(list(get_user_model().objects.filter(username__in=named).values_list("pk", flat=True))
                         + list(leading)))[:count]
keys = []
for user in get_user_model().objects.filter(pk__in=ids):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    keys.append(session.session_key)
print(json.dumps(keys))
"""


def sessions(env: dict[str, str], count: int) -> list[str]:
    """Session keys of ``count`` different leaders: the demo's named logins first, then leaders of
    units from the top down (directors, committee and area leaders, unit leaders)."""
    out = styr(env, "shell", "-c", SESSIONS_CODE.format(count=count))
    return json.loads(out.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(env: dict[str, str], log) -> tuple[subprocess.Popen, str]:
    port = free_port()
    # The server's messages go to a file: a pipe nobody reads fills up and stops the workers.
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "styr.wsgi:application", "--bind", f"{HOST}:{port}",
         "--workers", str(WORKERS), "--threads", str(THREADS), "--worker-class", "gthread", "--timeout", "60",
         "--keep-alive", str(KEEP_ALIVE), "--log-level", "warning"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    base = f"http://{HOST}:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(base + HEALTH, timeout=2) as response:  # noqa: S310 (loopback only)
                if response.status == 200:
                    return server, base
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit("gunicorn svarede ikke på /sundhed/")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def run_load(base: str, keys: list[str], users: int, seconds: int) -> dict:
    """Locust in a child process (it patches the standard library with gevent): the statistics as JSON."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump({"host": base, "sessions": keys}, file)
    try:
        done = subprocess.run([sys.executable, "-m", "bench.portal_load", "--locust-child", file.name,
                               "--users", str(users), "--seconds", str(seconds)],
                              cwd=ROOT, capture_output=True, text=True, timeout=seconds + WARM_UP_LIMIT + 120)
    finally:
        os.unlink(file.name)
    if done.returncode != 0:
        raise SystemExit(f"locust fejlede:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def load_test(db_url: str, users: int = USERS, seconds: int = SECONDS) -> dict:
    env = environment(db_url)
    keys = sessions(env, users)
    if len(keys) < users:
        say(f"ADVARSEL: kun {len(keys)} ledere med login; de deles af {users} brugere")
    # The workers share one cache, empty at the start, as the README asks of several server processes.
    with tempfile.TemporaryDirectory() as cache_dir, tempfile.TemporaryFile("w+") as log:
        env["STYR_CACHE_DIR"] = cache_dir
        server, base = start_server(env, log)
        try:
            say(f"Belastningstest: {users} ledere i {seconds} s mod {base} …")
            stats = run_load(base, keys, users, seconds)
        finally:
            stop_server(server)
        log.seek(0)
        messages = log.read()
    if stats["errors"] and messages:
        say(f"Serverens log (de sidste linjer):\n{messages[-3000:]}")
    return stats


def measures(db) -> list:
    """The harness's rows (bench.measures.Measure); PostgreSQL only, at scale 20."""
    from .measures import Measure

    if db.label != "PostgreSQL":
        return []
    stats = load_test(prepare_database(reuse=False, scale=20))
    portal, health = stats[PORTAL], stats[HEALTH]
    label = f"{db.label}: Min lederside, {stats['users']} ledere samtidig (skala 20)"
    return [
        Measure(f"{label}, forespørgsler pr. sekund", portal["rps"], "req/s", "", health["rps"]),
        Measure(f"{label}, p50", portal["p50"], "ms", "", health["p50"]),
        Measure(f"{label}, p95", portal["p95"], "ms", f"< {GOAL_P95_MS}", health["p95"]),
        Measure(f"{label}, p99", portal["p99"], "ms", "", health["p99"]),
        Measure(f"{label}, fejl", portal["failures"], "forespørgsler", "0"),
        Measure(f"{label}, første besøg (siden laves), p95", stats[FIRST_VISIT]["p95"], "ms"),
    ]


# In the locust child ----------------------------------------------------------------------------------

def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def locust_child(config_path: str, users: int, seconds: int) -> None:
    import gevent
    import gevent.event
    from locust import HttpUser, between, task
    from locust.env import Environment

    config = json.loads(Path(config_path).read_text())
    keys = list(config["sessions"])
    first = {"times": [], "failures": 0}
    started = {}
    everyone_in = gevent.event.Event()

    def start_measuring() -> None:
        if "at" not in started:
            env.stats.reset_all()
            started["at"] = time.monotonic()
            gevent.spawn_later(seconds, runner.quit)
            everyone_in.set()

    def portal_page(client, name: str) -> bool:
        with client.get(PORTAL, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200 or "Min lederside" not in response.text:
                response.failure(f"status {response.status_code}")
                return False
        return True

    class Leader(HttpUser):
        host = config["host"]
        wait_time = between(*THINK)

        def on_start(self) -> None:
            self.client.cookies.set("sessionid", keys[self.number % len(keys)])
            # The leader's first visit makes their page (nothing is cached for them yet). It is
            # measured on its own; the measurement proper starts when every leader has had theirs,
            # and no leader goes on before then: a request queued behind the first visits would be
            # counted in the measurement with the time it waited before it.
            began = time.perf_counter()
            first["failures"] += not portal_page(self.client, FIRST_VISIT)
            first["times"].append((time.perf_counter() - began) * 1000)
            if len(first["times"]) == users:
                start_measuring()
            everyone_in.wait()
            gevent.sleep(random.uniform(*THINK))  # reading the page, as between all their visits

        @task(3)
        def portal(self) -> None:
            portal_page(self.client, PORTAL)

        @task(1)
        def health(self) -> None:
            self.client.get(HEALTH, name=HEALTH)

    numbers = iter(range(10**6))
    original_init = Leader.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self.number = next(numbers)

    Leader.__init__ = init
    env = Environment(user_classes=[Leader])
    runner = env.create_local_runner()
    began = time.monotonic()
    runner.start(users, spawn_rate=SPAWN_RATE)
    gevent.spawn_later(users / SPAWN_RATE + WARM_UP_LIMIT, start_measuring)  # measure even if some never answer
    runner.greenlet.join()
    elapsed = time.monotonic() - started["at"]
    result = {"users": users, "seconds": round(elapsed, 1), "warm_up": round(started["at"] - began, 1)}
    for name in (PORTAL, HEALTH):
        entry = env.stats.get(name, "GET")
        result[name] = {"requests": entry.num_requests, "failures": entry.num_failures,
                        "rps": entry.num_requests / elapsed if elapsed else 0.0,
                        "p50": entry.get_response_time_percentile(0.5) or 0.0,
                        "p95": entry.get_response_time_percentile(0.95) or 0.0,
                        "p99": entry.get_response_time_percentile(0.99) or 0.0}
    times = first["times"]
    result[FIRST_VISIT] = {"requests": len(times), "failures": first["failures"], "rps": 0.0,
                           "p50": _percentile(times, 0.5), "p95": _percentile(times, 0.95),
                           "p99": _percentile(times, 0.99)}
    result["errors"] = [f"{e.name}: {e.error} ({e.occurrences} gange)" for e in env.stats.errors.values()]
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.portal_load", description=__doc__)
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--seconds", type=int, default=SECONDS)
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="brug en eksisterende styr_bench_portal")
    parser.add_argument("--locust-child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if not 1 <= options.users <= 500 or not 5 <= options.seconds <= 600:
        raise SystemExit("--users skal være 1–500 og --seconds 5–600")
    if options.locust_child:
        locust_child(options.locust_child, options.users, options.seconds)
        return
    stats = load_test(prepare_database(options.reuse, options.scale), options.users, options.seconds)
    print("| side | forespørgsler | pr. s | p50 ms | p95 ms | p99 ms | fejl |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in (PORTAL, HEALTH):
        s = stats[name]
        print(f"| {name} | {s['requests']} | {s['rps']:.1f} | {s['p50']:.0f} | {s['p95']:.0f} | {s['p99']:.0f} "
              f"| {s['failures']} |")
    s = stats[FIRST_VISIT]
    print(f"| {FIRST_VISIT} | {s['requests']} | – | {s['p50']:.0f} | {s['p95']:.0f} | {s['p99']:.0f} "
          f"| {s['failures']} |")
    print(f"\n{stats['users']} ledere samtidig i {stats['seconds']} s, målt efter at hver leder havde åbnet siden "
          f"første gang ({stats['warm_up']} s); mål: p95 for {PORTAL} < {GOAL_P95_MS} ms, 0 fejl.")
    for error in stats["errors"]:
        print(f"fejl: {error}")


if __name__ == "__main__":
    main()
