"""The demo municipality generator: ``styr demo [--scale N] [--seed S] [--year Y]``.

Each domain adds one part to PARTS; the parts run in order inside one transaction, so a failed
run leaves nothing behind. The same seed, scale and year give the same data on every database.
"""

from django.db import transaction

from . import budget, followup, goals, keyfigures, organisation, portal
from .context import DemoContext
from .meetings import build as build_meetings

PARTS = [
    ("organisation", organisation.build),
    ("budget og regnskab", budget.build),
    ("budgetopfølgning", followup.build),
    ("mål og pejlemærker", goals.build),
    ("min lederside", portal.build),
    ("møder", build_meetings),
    ("nøgletal", keyfigures.build),
]


def build_demo(ctx: DemoContext) -> DemoContext:
    with transaction.atomic():
        for name, build in PARTS:
            ctx.out(f"Demokommune: {name} …")
            build(ctx)
    return ctx
