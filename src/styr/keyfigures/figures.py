"""Reading the series back: the few queries the pages and the report share.

Per-unit series are read for whole months and added up the tree in Python (rules.roll_up), which
is a handful of queries whatever the size of the municipality.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Max, Min

from styr.organisation.models import Unit

from .models import (
    AbsenceMonth,
    ArrearsMonth,
    HeadcountMonth,
    LiquidityDay,
    NationalAbsenceMonth,
    PopulationMonth,
)
from .rules import Absence, add_months, roll_up

ZERO = Decimal(0)


@dataclass(frozen=True)
class Staff:
    """Persons and full-time equivalents; added up like Absence."""

    persons: int = 0
    fte: Decimal = ZERO

    def __add__(self, other: Staff) -> Staff:
        return Staff(self.persons + other.persons, self.fte + other.fte)


def months_back(last: date, count: int) -> list[date]:
    """``count`` months ending with ``last``, oldest first."""
    return [add_months(last, i - count + 1) for i in range(count)]


def population(months: list[date]) -> dict[date, int]:
    return dict(PopulationMonth.objects.filter(month__in=months).values_list("month", "population"))


def balances(first_day: date, last_day: date) -> dict[date, Decimal]:
    return dict(LiquidityDay.objects.filter(day__gte=first_day, day__lte=last_day).values_list("day", "balance"))


def liquidity_window(last_day: date, days: int) -> dict[date, Decimal]:
    return balances(last_day - timedelta(days=days - 1), last_day)


def arrears(months: list[date]) -> dict[date, ArrearsMonth]:
    return {row.month: row for row in ArrearsMonth.objects.filter(month__in=months)}


def national_absence(months: list[date]) -> dict[date, Decimal]:
    return dict(NationalAbsenceMonth.objects.filter(month__in=months).values_list("month", "percent"))


def own_absence(months: list[date]) -> dict[date, dict[int, Absence]]:
    """Each unit's own figures per month (not its subtree)."""
    result: dict[date, dict[int, Absence]] = {month: {} for month in months}
    rows = AbsenceMonth.objects.filter(month__in=months).values_list("month", "unit_id", "sick_days",
                                                                     "possible_days", "employees")
    for month, unit_id, sick, possible, employees in rows:
        result[month][unit_id] = Absence(sick, possible, employees)
    return result


def own_staff(months: list[date]) -> dict[date, dict[int, Staff]]:
    result: dict[date, dict[int, Staff]] = {month: {} for month in months}
    for month, unit_id, persons, fte in HeadcountMonth.objects.filter(month__in=months).values_list(
            "month", "unit_id", "persons", "fte"):
        result[month][unit_id] = Staff(persons, fte)
    return result


def unit_paths() -> dict[int, str]:
    return dict(Unit.objects.values_list("pk", "path"))


def absence_tree(months: list[date], paths: dict[int, str] | None = None) -> dict[date, dict[int, Absence]]:
    """Every unit's sick leave including the units below it, per month."""
    paths = paths if paths is not None else unit_paths()
    return {month: roll_up(own, paths) for month, own in own_absence(months).items()}


def staff_tree(months: list[date], paths: dict[int, str] | None = None) -> dict[date, dict[int, Staff]]:
    paths = paths if paths is not None else unit_paths()
    return {month: roll_up(own, paths, Staff()) for month, own in own_staff(months).items()}


def total_absence(months: list[date]) -> dict[date, Absence | None]:
    """The whole municipality's sick leave per month (the sum of every unit's days)."""
    result = {}
    for month, own in own_absence(months).items():
        total = None
        for figures in own.values():
            total = figures if total is None else total + figures
        result[month] = total
    return result


def total_staff(months: list[date]) -> dict[date, Staff | None]:
    result = {}
    for month, own in own_staff(months).items():
        result[month] = sum(own.values(), Staff()) if own else None
    return result


def employees_for(absence: Absence | None, staff: Staff | None) -> int | None:
    """How many employees a unit's sick leave covers: as the absence file says, else the headcount."""
    if absence is not None and absence.employees is not None:
        return absence.employees
    return staff.persons if staff is not None else None


def minimum_employees() -> int:
    return settings.STYR_ABSENCE_MIN_EMPLOYEES


def latest_month() -> date | None:
    """The newest month any series has data for: the report's and the pages' default month."""
    candidates = [
        LiquidityDay.objects.aggregate(m=Max("day"))["m"],
        ArrearsMonth.objects.aggregate(m=Max("month"))["m"],
        AbsenceMonth.objects.aggregate(m=Max("month"))["m"],
        HeadcountMonth.objects.aggregate(m=Max("month"))["m"],
        # Population is counted on the first of the month: 1 October closes September.
        _minus_one(PopulationMonth.objects.aggregate(m=Max("month"))["m"]),
    ]
    present = [day.replace(day=1) for day in candidates if day is not None]
    return max(present) if present else None


def _minus_one(month: date | None) -> date | None:
    return None if month is None else add_months(month, -1)


def month_span(model, field: str = "month") -> tuple[date | None, date | None]:
    span = model.objects.aggregate(first=Min(field), last=Max(field))
    return span["first"], span["last"]
