"""How fast the budget pages' queries are on a loaded database (goal: < 100 ms each at 10 M postings).

Three measures, each the median of a few runs after a warm-up, in seconds:

- ``measure_overview_all(db_url)``: the whole municipality's overview (the root unit, its children
  as rows), for the latest month with postings;
- ``measure_overview_unit(db_url, code=None)``: one unit's overview (a budget holder; the first by
  code unless ``code`` is given);
- ``measure_postings_page(db_url)``: the first page of the postings of the cost centre with the
  most postings in that year, January to the latest month, with its count and its account filters.

An overview is cached once computed (``overview.data_version``), so the two overview measures give
two figures (``Timings``): ``cold``, the first call after a data change (an import, a budget
change), when the overview is computed from the database — measured by emptying the cache before
each run, which is what a new data version amounts to — and ``warm``, a call that finds it in the
cache (the data version's query and the cache's read).

They call the same functions as the pages (``styr.budget.overview``). Django can be set up for one
database per process, so each measure runs in a child process with DATABASE_URL=db_url; an empty
db_url means the SQLite file in STYR_SQLITE_PATH. ``measures(db)`` gives the harness's ``Measure``
rows for a ``bench.measures.BenchDatabase``.

Run by hand: ``python -m bench.overview_measures postgresql://postgres@127.0.0.1:5432/styr_bench``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
GOAL = "< 100 ms"


@dataclass(frozen=True)
class Timings:
    """An overview's medians in seconds: computed (the first call after a data change) and cached."""

    cold: float
    warm: float


def _child(which: str, db_url: str, extra: dict | None = None, env: dict[str, str] | None = None):
    environment = dict(env if env is not None else os.environ)
    environment.setdefault("DJANGO_SETTINGS_MODULE", "styr.settings")
    environment.setdefault("SECRET_KEY", "bench-not-secret")
    environment["STYR_DEBUG"] = "0"
    if db_url:
        environment["DATABASE_URL"] = db_url
    else:
        environment.pop("DATABASE_URL", None)
    args = [sys.executable, "-m", "bench.overview_measures", "--child", which, json.dumps(extra or {})]
    done = subprocess.run(args, env=environment, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{which} fejlede:\n{done.stderr}{done.stdout}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_overview_all(db_url: str, *, env: dict[str, str] | None = None) -> Timings:
    return Timings(**_child("overview_all", db_url, env=env))


def measure_overview_unit(db_url: str, code: str | None = None, *, env: dict[str, str] | None = None) -> Timings:
    return Timings(**_child("overview_unit", db_url, {"code": code}, env=env))


def measure_postings_page(db_url: str, *, env: dict[str, str] | None = None) -> float:
    return _child("postings_page", db_url, env=env)


OVERVIEWS = [("oversigt, hele kommunen", measure_overview_all), ("oversigt, én enhed", measure_overview_unit)]
COLD = "kold: første kald efter en dataændring"
WARM = "varm: fra cachen"


def measures(db) -> list:
    """The measures as ``bench.measures.Measure`` rows (in ms), for the harness's EXTRA_MEASURES:
    each overview cold and warm, and the postings page."""
    from .measures import Measure

    rows = []
    for label, measure in OVERVIEWS:
        timings = measure(db.url, env=db.env)
        rows.append(Measure(f"{db.label}: {label} ({COLD})", timings.cold * 1000, "ms", GOAL))
        rows.append(Measure(f"{db.label}: {label} ({WARM})", timings.warm * 1000, "ms", GOAL))
    rows.append(Measure(f"{db.label}: posteringer, én side", measure_postings_page(db.url, env=db.env) * 1000,
                        "ms", GOAL))
    return rows


# In the child process ---------------------------------------------------------------------------------

def _median_seconds(work: Callable[[], object], runs: int = RUNS) -> float:
    work()  # warm-up: connection, caches, the database's buffers
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _cold_and_warm(work: Callable[[], object]) -> dict[str, float]:
    from django.core.cache import cache

    def computed():
        cache.clear()  # what a new data version amounts to: no overview cached for it yet
        return work()

    return {"cold": _median_seconds(computed), "warm": _median_seconds(work)}


def _latest():
    from styr.budget import overview as ov

    _, latest = ov.ledger_bounds()
    if latest is None:
        raise SystemExit("databasen har ingen posteringer")
    return latest // 100, latest % 100


def _overview_all(_: dict) -> Callable[[], object]:
    from styr.budget import overview as ov
    from styr.organisation.models import Unit

    year, month = _latest()
    roots = list(Unit.objects.filter(parent__isnull=True))
    if len(roots) == 1:
        return lambda: ov.unit_overview(roots[0], year, month)
    return lambda: ov.roots_overview(roots, year, month)


def _overview_unit(options: dict) -> Callable[[], object]:
    from styr.budget import overview as ov
    from styr.organisation.models import Unit, UnitKind

    year, month = _latest()
    if options.get("code"):
        unit = Unit.objects.get(code=options["code"])
    else:
        unit = Unit.objects.filter(kind=UnitKind.BUDGET_HOLDER).order_by("code").first()
    return lambda: ov.unit_overview(unit, year, month)


def _postings_page(_: dict) -> Callable[[], object]:
    from django.core.paginator import Paginator
    from django.db.models import Sum

    from styr.budget import overview as ov
    from styr.budget.models import LedgerMonth
    from styr.organisation.models import CostCentre

    year, month = _latest()
    busiest = (LedgerMonth.objects.filter(period__gte=year * 100 + 1, period__lte=year * 100 + month)
               .values("cost_centre_id").annotate(n=Sum("postings")).order_by("-n").first())
    centre = CostCentre.objects.get(pk=busiest["cost_centre_id"])
    selection = ov.PostingFilter(year=year, first=1, last=month)

    def page():
        shown = Paginator(ov.postings(centre, selection), 50).get_page(1)
        return shown.paginator.count, list(shown.object_list), ov.cost_centre_accounts(centre, year)

    return page


CHILD_WORK = {"overview_all": _overview_all, "overview_unit": _overview_unit, "postings_page": _postings_page}


CACHED = {"overview_all", "overview_unit"}


def _run_child(which: str, options: dict) -> None:
    import django

    django.setup()
    work = CHILD_WORK[which](options)
    print(json.dumps(_cold_and_warm(work) if which in CACHED else _median_seconds(work)))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _run_child(sys.argv[2], json.loads(sys.argv[3]))
    else:
        url = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("DATABASE_URL", "")
        for name, measure in OVERVIEWS:
            timings = measure(url)
            print(f"{name}: {timings.cold * 1000:.1f} ms ({COLD}), {timings.warm * 1000:.1f} ms ({WARM}); mål {GOAL}")
        print(f"posteringer, én side: {measure_postings_page(url) * 1000:.1f} ms; mål {GOAL}")
