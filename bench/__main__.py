"""`make bench [ROWS=N]`: see bench/__init__.py. Progress goes to stderr; stdout is the table."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .generate import generate
from .measures import EXTRA_MEASURES, BenchDatabase, Measure

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "bench"
PG_SERVER = os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
PG_NAME = "styr_bench"
MB = 1024 * 1024
# Each import and each baseline runs this many times, on a fresh database each time; the table has
# the median time and the largest peak memory. One run on these machines can be a tenth off either way.
RUNS = 3


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run a child; (wall seconds, its own peak resident memory in MB, stdout). Fails loudly."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(args)} fejlede ({child.returncode}):\n{stderr}{stdout}")
    return seconds, usage.ru_maxrss / 1024, stdout  # ru_maxrss is in KiB on Linux


def styr(*args: str) -> list[str]:
    return [sys.executable, "-m", "styr.cli", *args]


def base_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "STYR_SQLITE_PATH"}}
    env.update({"DJANGO_SETTINGS_MODULE": "styr.settings", "SECRET_KEY": "bench-not-secret", "STYR_DEBUG": "0"})
    return env


def sqlite_database() -> BenchDatabase:
    path = BUILD / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return BenchDatabase("SQLite", "", {**base_env(), "STYR_SQLITE_PATH": str(path)})


def postgresql_database() -> BenchDatabase:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_NAME}")
    url = f"{PG_SERVER}/{PG_NAME}"
    return BenchDatabase("PostgreSQL", url, {**base_env(), "DATABASE_URL": url})


def check_sql(db: BenchDatabase) -> tuple[int, int]:
    code = ("from django.db import connection\n"
            "with connection.cursor() as c:\n"
            "    c.execute('SELECT count(*), coalesce(sum(amount), 0) FROM budget_posting')\n"
            "    n, s = c.fetchone()\n"
            "    c.execute('SELECT count(*) FROM budget_ledgermonth')\n"
            "    print(n, s, c.fetchone()[0])")
    _, _, out = run(styr("shell", "-c", code), db.env)
    rows, total, groups = (int(value) for value in out.strip().splitlines()[-1].split())
    return rows, total, groups


def repeated(label: str, runs: int, once: Callable[[], tuple[float, float, str]]) -> tuple[float, float, str]:
    """``once`` (wall seconds, peak MB, stdout) ``runs`` times: the median time, the largest peak and
    the last output; each run's time goes to stderr."""
    results = []
    for n in range(runs):
        results.append(once())
        say(f"{label}, kørsel {n + 1} af {runs}: {results[-1][0]:.2f} s".replace(".", ","))
    return statistics.median(seconds for seconds, _, _ in results), max(peak for _, peak, _ in results), results[-1][2]


def import_measures(make_db: Callable[[], BenchDatabase], file: Path, rows: int, duckdb_s: float,
                    pandas_s: float, expected: tuple[int, int], runs: int) -> list[Measure]:
    databases = []

    def once() -> tuple[float, float, str]:
        db = make_db()  # a fresh database: the import of a file already imported would change nothing
        databases.append(db)
        say(f"{db.label}: migrerer og opretter organisation og kontoplan …")
        run(styr("migrate", "-v0"), db.env)
        run([sys.executable, "-m", "bench.prepare"], db.env)
        say(f"{db.label}: indlæser {number(rows, 'rækker')} rækker …")
        # The writes of what ran before (the other database's import) go to disk now, not during this one.
        os.sync()
        return run(styr("import-ledger", str(file), "-v0"), db.env)

    seconds, peak, _ = repeated("importen", runs, once)
    db = databases[-1]
    loaded, total, groups = check_sql(db)
    say(f"{db.label}: budget til oversigten …")
    run([sys.executable, "-m", "bench.budget"], db.env)
    if (loaded, total, groups) != (rows, expected[1], expected[0]):
        say(f"ADVARSEL: {db.label} har {loaded} posteringer, sum {total}, {groups} grupper; "
            f"DuckDB: {rows} rækker, sum {expected[1]}, {expected[0]} grupper")
    factor = 6 if db.label == "PostgreSQL" else 15
    median = f", median af {runs}" if runs > 1 else ""
    measures = [
        Measure(f"{db.label}: import (læs, tjek, indsæt, summer){median}", seconds, "s", f"≤ {factor}× DuckDB",
                duckdb_s),
    ]
    if db.label == "PostgreSQL":
        measures.append(Measure(f"{db.label}: import mod pandas{median}", seconds, "s", "< pandas", pandas_s))
    measures += [
        Measure(f"{db.label}: import, rækker pr. sekund", rows / seconds, "rækker/s"),
        Measure(f"{db.label}: import, største hukommelsesforbrug", peak, "MB", "< 1024"),
    ]
    for extra in EXTRA_MEASURES:
        measures += extra(db)
    return measures


def number(value: float, unit: str) -> str:
    if unit in {"rækker", "rækker/s", "MB"} or value >= 1000:
        return f"{value:,.0f}".replace(",", ".")
    if unit == "ms" or value >= 100:
        return f"{value:.1f}".replace(".", ",")
    return f"{value:.2f}".replace(".", ",")


def table(measures: list[Measure]) -> str:
    lines = ["| measure | value | unit | goal | baseline | ratio |", "|---|---:|---|---|---:|---:|"]
    for m in measures:
        baseline = number(m.baseline, m.unit) if m.baseline is not None else ""
        ratio = f"{m.ratio:.2f}×".replace(".", ",") if m.ratio is not None else ""
        lines.append(f"| {m.measure} | {number(m.value, m.unit)} | {m.unit} | {m.goal} | {baseline} | {ratio} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--databases", default="sqlite,postgresql", help="kommasepareret: sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=RUNS, help="kørsler af hver import og basislinje (median)")
    options = parser.parse_args()
    rows, runs = options.rows, max(1, options.runs)
    file = BUILD / f"posteringer-{rows}.csv"
    say(f"Laver {file.relative_to(ROOT)} ({number(rows, 'rækker')} rækker) …")
    generate(file, rows)
    size_mb = file.stat().st_size / MB

    def baseline(name: str) -> Callable[[], tuple[float, float, str]]:
        return lambda: run([sys.executable, "-m", "bench.baselines", name, str(file)], base_env())

    say("DuckDB …")
    duckdb_s, duckdb_mb, out = repeated("DuckDB", runs, baseline("duckdb"))
    expected = tuple(int(value) for value in out.split())
    say("pandas …")
    pandas_s, pandas_mb, out = repeated("pandas", runs, baseline("pandas"))
    if tuple(int(value) for value in out.split()) != expected:
        say(f"ADVARSEL: pandas ({out.strip()}) og DuckDB ({expected}) er uenige")

    median = f", median af {runs}" if runs > 1 else ""
    measures = [
        Measure("posteringsfil", rows, "rækker"),
        Measure("posteringsfil, størrelse", size_mb, "MB"),
        Measure(f"DuckDB: read_csv + GROUP BY{median}", duckdb_s, "s"),
        Measure("DuckDB: største hukommelsesforbrug", duckdb_mb, "MB"),
        Measure(f"pandas: read_csv + groupby{median}", pandas_s, "s"),
        Measure("pandas: største hukommelsesforbrug", pandas_mb, "MB"),
    ]
    makers = {"sqlite": sqlite_database, "postgresql": postgresql_database}
    for name in options.databases.split(","):
        measures += import_measures(makers[name.strip()], file, rows, duckdb_s, pandas_s, expected, runs)
    print(table(measures))


if __name__ == "__main__":
    main()
