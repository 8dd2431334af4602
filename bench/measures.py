"""Extra measures for `make bench`, run after the imports against each loaded database.

Add a callable to ``EXTRA_MEASURES``: it gets the database (a ``BenchDatabase``: ``label``,
``url`` for DATABASE_URL, and ``env``, the environment for a ``styr`` subprocess) and returns
``Measure`` rows. The overview and drill-down timings (goal < 100 ms each) belong here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BenchDatabase:
    label: str  # "SQLite", "PostgreSQL"
    url: str  # DATABASE_URL ("" for the SQLite file, which is in env["STYR_SQLITE_PATH"])
    env: dict[str, str]


@dataclass(frozen=True)
class Measure:
    measure: str
    value: float
    unit: str
    goal: str = ""
    baseline: float | None = None  # in the same unit; the ratio is value / baseline

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline


EXTRA_MEASURES: list[Callable[[BenchDatabase], list[Measure]]] = []

from .overview_measures import measures as overview_measures  # noqa: E402  (the budget pages at this size)

EXTRA_MEASURES.append(overview_measures)

from .followup_measures import measures as followup_measures  # noqa: E402  (imports .measures only when run)

EXTRA_MEASURES.append(followup_measures)

from .portal_load import measures as portal_measures  # noqa: E402  (Min lederside under load; PostgreSQL only)

EXTRA_MEASURES.append(portal_measures)
