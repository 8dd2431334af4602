"""The demo's goals: the council's guiding marks for the election period, initiatives linked to
them, and goals for every budget holder (and some units) for the demo year and the year before,
each with an indicator measured every month. Statuses follow the indicators, with a leader's note."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from styr.core.audit import acting
from styr.documents.numbers import COPENHAGEN
from styr.goals import rules
from styr.goals.models import Direction, Goal, GuidingMark, Indicator, Initiative, Measurement
from styr.organisation.models import Unit, UnitKind

from .context import DemoContext

# Per committee (by the start of its name): guiding marks and the initiatives behind them.
MARKS = {
    "Børne": [("Alle børn lærer mere", ["Læsehold i indskolingen", "Ny inklusionsstrategi"]),
              ("Trivsel for børn og unge", ["Bevægelse i skoledagen"])],
    "Ældre": [("Flere ældre klarer sig selv længere", ["Hverdagsrehabilitering", "Velfærdsteknologi i hjemmeplejen"]),
              ("Attraktive arbejdspladser i ældreplejen", ["Fuldtid som norm"])],
    "Social": [("Et godt liv med handicap", ["Bostøtte efter behov"])],
    "Beskæftigelse": [("Flere i job og uddannelse", ["Virksomhedsrettet indsats for unge"])],
    "Teknik": [("Grøn omstilling", ["Klimaplan for kommunens bygninger", "Flere i kollektiv trafik"])],
    "Kultur": [("Et aktivt foreningsliv", ["Åbne haller"])],
    "Økonomi": [("En sund økonomi og en effektiv administration", ["Digital post og selvbetjening",
                                                                    "Fuldtid som norm"])],
}
# Goals: (title, indicator, unit of measure, baseline, target, direction, monthly drift).
GOALS = [
    ("Sygefraværet nedbringes", "Sygefravær", "%", Decimal("6.2"), Decimal("5.0"), Direction.DOWN, -0.08),
    ("Brugerne er tilfredse", "Samlet tilfredshed", "point (1–5)", Decimal("3.8"), Decimal("4.2"), Direction.UP, 0.03),
    ("Budgettet overholdes måned for måned", "Afvigelse fra periodiseret budget", "%", Decimal("3.0"),
     Decimal("0.0"), Direction.DOWN, -0.2),
    ("Flere medarbejdere på fuld tid", "Andel på fuld tid", "%", Decimal("48"), Decimal("60"), Direction.UP, 0.8),
]
NOTES = {
    rules.GREEN: "Målet er nået og holdes.",
    rules.YELLOW: "Vi er på vej, men målet er ikke nået endnu; indsatsen fortsætter.",
    rules.RED: "Udviklingen går den forkerte vej. Vi har lagt en plan sammen med medarbejderne.",
}


def build(ctx: DemoContext) -> None:
    rng = ctx.rng("goals")
    year = ctx.year
    first_year = year - ((year - 2) % 4)  # Danish election periods start in 2018, 2022, 2026, …
    with acting(source="styr demo"):
        marks = _marks(first_year, rng)
        _goals(ctx, marks, rng)
    ctx.out(f"  {len(marks)} pejlemærker, {Initiative.objects.count()} indsatser, {Goal.objects.count()} mål med "
            f"{Measurement.objects.count()} målinger.")


def _marks(first_year: int, rng: random.Random) -> list[GuidingMark]:
    committees = list(Unit.objects.filter(kind=UnitKind.COMMITTEE).order_by("name"))
    marks, initiatives = [], {}
    for committee in committees:
        prefix = next((p for p in MARKS if committee.name.startswith(p)), None)
        if prefix is None:
            continue
        areas = list(Unit.objects.filter(parent=committee).order_by("name")[:20])
        for position, (title, initiative_titles) in enumerate(MARKS[prefix]):
            mark = GuidingMark.objects.create(
                title=title, committee=committee, first_year=first_year, last_year=first_year + 3, position=position,
                adopted_on=datetime.date(first_year, 8, 24),
                description=f"Vedtaget af Kommunalbestyrelsen for valgperioden {first_year}–{first_year + 3} "
                            f"og forankret i {committee.name}.")
            marks.append(mark)
            for name in initiative_titles:
                if name not in initiatives:
                    initiatives[name] = Initiative.objects.create(
                        title=name, unit=rng.choice(areas) if areas else None,
                        status=rng.choice([rules.GREEN, rules.GREEN, rules.YELLOW, rules.RED]),
                        starts_on=datetime.date(first_year, 1, 1), ends_on=datetime.date(first_year + 3, 12, 31),
                        progress_note="Fremdriften er drøftet i udvalget; næste milepæl er fastlagt.")
                initiatives[name].guiding_marks.add(mark)  # "Fuldtid som norm" serves two marks
    return marks


def _goals(ctx: DemoContext, marks: list[GuidingMark], rng: random.Random) -> None:
    by_committee: dict[int, list[GuidingMark]] = {}
    for mark in marks:
        by_committee.setdefault(mark.committee_id, []).append(mark)
    paths = dict(Unit.objects.filter(kind=UnitKind.COMMITTEE).values_list("path", "pk"))
    owners = list(Unit.objects.open().filter(kind=UnitKind.BUDGET_HOLDER).order_by("path"))
    # Some units below the areas have a goal of their own, to show the tree.
    owners += list(Unit.objects.open().filter(kind=UnitKind.UNIT, name__in=["Indskoling", "Boenheder"])
                   .order_by("path"))
    updated = datetime.datetime(ctx.year, 8, 31, 12, tzinfo=COPENHAGEN)
    goals, plans = [], []
    for unit in owners:
        committee = next((pk for path, pk in paths.items() if unit.path.startswith(path)), None)
        candidates = by_committee.get(committee, [])
        for year in (ctx.year - 1, ctx.year):
            for spec in rng.sample(GOALS, 2):
                title, name, measure, baseline, target, direction, drift = spec
                goal = Goal(unit=unit, year=year, title=title, guiding_mark=rng.choice(candidates) if candidates
                            else None, status_updated_at=updated)
                goals.append(goal)
                plans.append((goal, Indicator(name=name, unit_of_measure=measure, baseline=baseline, target=target,
                                              direction=direction), drift * rng.uniform(-0.6, 1.8)))
    Goal.objects.bulk_create(goals, batch_size=1000)
    for goal, indicator, _ in plans:
        indicator.goal = goal
    Indicator.objects.bulk_create([indicator for _, indicator, _ in plans], batch_size=1000)
    measurements = []
    for goal, indicator, drift in plans:
        months = 12 if goal.year < ctx.year else 8  # the demo year runs to August, like its follow-up
        value = float(indicator.baseline)
        for month in range(1, months + 1):
            value += drift + rng.gauss(0, abs(float(indicator.baseline)) * 0.01 + 0.02)
            measurements.append(Measurement(indicator=indicator, measured_on=datetime.date(goal.year, month, 28),
                                            value=Decimal(f"{value:.1f}")))
        status = rules.indicator_status(baseline=indicator.baseline, target=indicator.target,
                                        direction=indicator.direction, latest=measurements[-1].value)
        goal.status, goal.progress_note = status or "", NOTES.get(status, "")
    Measurement.objects.bulk_create(measurements, batch_size=2000)
    Goal.objects.bulk_update(goals, ["status", "progress_note"], batch_size=1000)
