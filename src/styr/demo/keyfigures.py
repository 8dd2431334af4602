"""The demo's key figures: three years of every series, ending with the demo year.

Population about 50.000 × scale with a gentle trend; the bank balance every day with the rhythm of
a municipality's cash (tax and grants in at the start of the month, salaries and benefits out at
its end, payments on weekdays) around 400 mio. kr. × scale; arrears with property tax after its
two due months; sick leave per unit of 4–6 % with winter high and summer low; headcount per unit.

Each series is written as its import file and read through the real import, as a municipality's
own files would be.
"""

from __future__ import annotations

import calendar
import math
import random
from datetime import date, timedelta
from decimal import Decimal

from styr.core.audit import acting
from styr.keyfigures import formats, services
from styr.keyfigures.models import Series
from styr.keyfigures.rules import add_months
from styr.organisation.models import Unit

from .context import DemoContext

# Sick leave by month, January first: winter high (colds and influenza), summer low (holidays).
SEASON = (1.22, 1.25, 1.12, 0.98, 0.9, 0.85, 0.72, 0.85, 0.98, 1.05, 1.1, 1.2)
# Higher sick leave where the work is physically hard, lower in administration.
RATE_BY_WORD = [("Pleje", 6.2), ("Boenheder", 6.5), ("Hjemmeplejen", 6.0), ("Dagvagt", 6.1), ("Aften", 6.3),
                ("Børnehuset", 5.4), ("SFO", 5.0), ("Køkken", 5.5), ("Rengøring", 6.0), ("Vejdrift", 5.2),
                ("Skole", 4.6), ("Indskoling", 4.7), ("Udskoling", 4.3), ("Mellemtrin", 4.5)]
DEFAULT_RATE = 3.9
SMALL_UNITS = {"Direktionen", "Borgmestersekretariatet", "Sundhedsplejen", "Musikskolen", "Miljøtilsyn"}


def build(ctx: DemoContext) -> None:
    rng = ctx.rng("keyfigures")
    first = date(ctx.year - 2, 1, 1)
    months = [add_months(first, i) for i in range(36)]
    units = list(Unit.objects.open().filter(children__isnull=True).order_by("code"))
    files = {
        Series.POPULATION: _population(rng, ctx.scale, [*months, add_months(months[-1], 1)]),
        Series.LIQUIDITY: _liquidity(rng, ctx.scale, first, date(ctx.year, 12, 31)),
        Series.ARREARS: _arrears(rng, ctx.scale, months),
        Series.NATIONAL_ABSENCE: _national_absence(rng, months),
    }
    absence, headcount = _staff(rng, units, months)
    files[Series.ABSENCE] = absence
    files[Series.HEADCOUNT] = headcount
    with acting(source="styr demo"):
        for series, records in files.items():
            result = services.import_series(series, formats.write_file(series, records), f"demo-{series}.csv")
            ctx.out(f"  {result.summary()}")


def _population(rng: random.Random, scale: int, months: list[date]) -> list[formats.PopulationRecord]:
    count = 50_000 * scale + rng.randint(-800, 800) * scale
    yearly = rng.choice((-0.004, -0.002, 0.003, 0.005))
    records = []
    for month in months:
        records.append(formats.PopulationRecord(month, count))
        # Students leave in August and come back to the town's education in September and October.
        season = {8: -0.0012, 9: 0.0008, 10: 0.0004}.get(month.month, 0.0)
        count += round(count * (yearly / 12 + season) + rng.gauss(0, 25 * math.sqrt(scale)))
    return records


def _banking_days(year: int, month: int) -> list[date]:
    last = calendar.monthrange(year, month)[1]
    return [date(year, month, d) for d in range(1, last + 1) if date(year, month, d).weekday() < 5]


def _liquidity(rng: random.Random, scale: int, first: date, last: date) -> list[formats.LiquidityRecord]:
    """A balance for every calendar day (weekends keep Friday's balance, as the bank reports it)."""
    income = 280_000_000 * scale  # tax and grants a month: block grant first, income tax mid-month
    payroll = 100_000_000 * scale  # salaries and benefits, out at the last banking day
    movements: dict[date, float] = {}
    day = first
    while day <= last:
        banking = _banking_days(day.year, day.month)
        daily = (income - payroll) / len(banking)
        holiday_pay = 0.12 * payroll if day.month == 5 else 0.0  # ferietillæg with May's salaries
        for banking_day in banking:
            movements[banking_day] = -daily
        movements[banking[0]] += 0.55 * income
        movements[banking[len(banking) // 2]] += 0.45 * income
        movements[banking[-1]] -= payroll + holiday_pay
        if day.month in (6, 12):  # half-yearly settlement with the state
            movements[banking[10]] += rng.choice((-1, 1)) * 25_000_000 * scale
        day = add_months(day, 1)
    # The planned flows make the monthly saw-tooth; day-to-day noise comes and goes (it is not added
    # up, or the balance would wander off in a random walk).
    raw, balance, noise, current = [], 0.0, 0.0, first
    while current <= last:
        balance += movements.get(current, 0.0)
        if current.weekday() < 5:
            noise = 0.8 * noise + rng.gauss(0, 6_000_000 * scale)
        raw.append((current, balance + noise))
        current += timedelta(days=1)
    # Centre the path on about 400 mio. kr. with a slow drift, since only the shape was simulated.
    mean = sum(value for _, value in raw) / len(raw)
    drift = rng.choice((-1, 1)) * 15_000_000 * scale
    records = []
    for index, (day, value) in enumerate(raw):
        level = 400_000_000 * scale + drift * (index / len(raw) - 0.5)
        records.append(formats.LiquidityRecord(day, Decimal(round(value - mean + level))))
    return records


def _arrears(rng: random.Random, scale: int, months: list[date]) -> list[formats.ArrearsRecord]:
    own, collection = 78_000_000 * scale, 44_000_000 * scale
    records = []
    for month in months:
        # Property tax falls due in January and July; unpaid instalments show as arrears after them.
        tax = (14_000_000 if month.month in (2, 3, 8, 9) else 9_000_000) * scale + rng.randint(0, 1_500_000) * scale
        own += rng.gauss(0, 2_500_000 * scale)
        collection += rng.gauss(250_000 * scale, 600_000 * scale)
        records.append(formats.ArrearsRecord(month, Decimal(round(own + tax)), Decimal(tax),
                                             Decimal(round(collection))))
    return records


def _national_absence(rng: random.Random, months: list[date]) -> list[formats.NationalAbsenceRecord]:
    return [formats.NationalAbsenceRecord(m, Decimal(str(round(4.6 * (0.4 + 0.6 * SEASON[m.month - 1])
                                                                + rng.uniform(-0.1, 0.1), 2))))
            for m in months]


def _rate_for(name: str) -> float:
    return next((rate for word, rate in RATE_BY_WORD if word in name), DEFAULT_RATE)


def _staff(rng: random.Random, units: list[Unit], months: list[date]):
    absence, headcount = [], []
    for unit in units:
        persons = rng.randint(2, 4) if unit.name in SMALL_UNITS else rng.randint(8, 48)
        part_time = rng.uniform(0.78, 0.95)
        base_rate = _rate_for(unit.name) * rng.uniform(0.8, 1.25)
        for month in months:
            if rng.random() < 0.08:
                persons = max(2, persons + rng.choice((-1, 1)))
            fte = Decimal(str(round(persons * part_time, 1)))
            possible = Decimal(str(round(float(fte) * len(_banking_days(month.year, month.month)), 2)))
            rate = max(0.0, base_rate * SEASON[month.month - 1] * rng.uniform(0.7, 1.3))
            sick = min(possible, Decimal(str(round(float(possible) * rate / 100, 2))))
            absence.append(formats.AbsenceRecord(month, unit.code, sick, possible, persons))
            headcount.append(formats.HeadcountRecord(month, unit.code, persons, fte))
    return absence, headcount
