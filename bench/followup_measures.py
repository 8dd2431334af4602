"""How long the follow-up reports take on the bench database: opening a round, assembling its report,
and writing the agenda item and the monthly report.

The bench database holds the organisation (8 committees, 450 budget holders), the chart and a year
of postings, but no budgets: a round opened on it has actuals and zero budgets. What a report costs
depends on the number of areas and the size of the rollups, not on the amounts, so that is enough.

In a child process (Django is set up for one database per process), against the database in
``db.env``:

- opening the round for July (once; ``services.open_round`` reads every committee's overview),
- ``report.round_report`` + ``report.agenda_item`` for the whole municipality (median of a few runs),
- the agenda item as PDF, and the monthly report as PDF, Word and Excel (one run each: the charts
  are drawn once per report, which is the real cost).

``measures(db)`` gives the harness's ``Measure`` rows (registered in ``bench.measures``).
Run by hand: ``python -m bench.followup_measures`` with DATABASE_URL or STYR_SQLITE_PATH set.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
MONTH = 7
# (key, label, goal): what the child reports, in seconds.
ROWS = [
    ("open_round", "opfølgningsrunde åbnes (alle områder)", "< 10 s"),
    ("report", "rapportdata og dagsordenstekst, hele kommunen", "< 1 s"),
    ("agenda_pdf", "dagsordenspunkt som PDF", "< 10 s"),
    ("monthly_pdf", "månedsrapport som PDF", "< 30 s"),
    ("monthly_docx", "månedsrapport som Word", "< 30 s"),
    ("monthly_xlsx", "månedsrapport som Excel", "< 5 s"),
]


def run_child(env: dict[str, str] | None = None) -> dict[str, float]:
    environment = dict(env if env is not None else os.environ)
    environment.setdefault("DJANGO_SETTINGS_MODULE", "styr.settings")
    environment.setdefault("SECRET_KEY", "bench-not-secret")
    environment["STYR_DEBUG"] = "0"
    done = subprocess.run([sys.executable, "-m", "bench.followup_measures", "--child"], env=environment, cwd=ROOT,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"opfølgningsrapporterne fejlede:\n{done.stderr}{done.stdout}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measures(db) -> list:
    """The report timings as ``bench.measures.Measure`` rows (in seconds), for EXTRA_MEASURES."""
    from .measures import Measure

    seconds = run_child(db.env)
    return [Measure(f"{db.label}: {label}", seconds[key], "s", goal) for key, label, goal in ROWS]


# In the child process ---------------------------------------------------------------------------------

def _timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def _child() -> dict[str, float]:
    import datetime

    from styr.followup import report, report_render, services
    from styr.followup.models import Round
    from styr.organisation.models import Unit, UnitKind

    from .generate import YEAR

    root = Unit.objects.get(kind=UnitKind.MUNICIPALITY, parent__isnull=True)
    round_ = Round.objects.filter(year=YEAR, month=MONTH, scope=root).first()
    opened = 0.0
    if round_ is None:
        opened, round_ = _timed(lambda: services.open_round(year=YEAR, month=MONTH, scope=root,
                                                            deadline=datetime.date(YEAR, MONTH + 1, 10)))

    def assemble():
        data = report.round_report(round_)
        report.agenda_item(data)
        return data

    data = assemble()  # warm-up
    times = [_timed(assemble)[0] for _ in range(RUNS)]
    result = {"open_round": opened, "report": statistics.median(times)}
    for key, kind, fmt in (("agenda_pdf", "agenda", "pdf"), ("monthly_pdf", "monthly", "pdf"),
                           ("monthly_docx", "monthly", "docx"), ("monthly_xlsx", "monthly", "xlsx")):
        result[key] = _timed(lambda kind=kind, fmt=fmt: report_render.render_round(kind, data, fmt))[0]
    return result


if __name__ == "__main__":
    import django

    django.setup()
    timings = _child()
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(timings))
    else:
        for key, label, goal in ROWS:
            print(f"{label}: {timings[key]:.2f} s (mål {goal})")
