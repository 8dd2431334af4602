"""The rules behind the key figures, as pure functions: numbers in, numbers out, no database.

A finance officer should be able to read each test of these and agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

ZERO = Decimal(0)
T = TypeVar("T")
HUNDRED = Decimal(100)
ONE_OERE = Decimal("0.01")
# Kassekreditreglen (the ministry's borrowing order): the average liquidity over the last 365 days.
LIQUIDITY_WINDOW_DAYS = 365


# ---------------------------------------------------------------------------------------------------
# Months


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    """The first of the month ``count`` months after ``month`` (before, when negative)."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def last_day_of_month(month: date) -> date:
    return add_months(month, 1) - timedelta(days=1)


# ---------------------------------------------------------------------------------------------------
# Liquidity


@dataclass(frozen=True)
class AverageLiquidity:
    """The average over the window's days that have a balance; ``days_missing`` says how many of the
    window's days had none. Missing days are neither guessed nor carried forward: the report says
    how many there were, so the reader can judge the figure."""

    first_day: date
    last_day: date
    average: Decimal | None  # None when no day of the window has a balance
    days_present: int
    days_missing: int

    @property
    def complete(self) -> bool:
        return self.days_missing == 0

    @property
    def positive(self) -> bool | None:
        """Kassekreditreglen: the average must be positive."""
        return None if self.average is None else self.average > 0


def average_liquidity(balances: Mapping[date, Decimal], last_day: date,
                      window_days: int = LIQUIDITY_WINDOW_DAYS) -> AverageLiquidity:
    """The average daily balance over the ``window_days`` days ending with ``last_day`` (inclusive),
    rounded to whole øre (half away from zero)."""
    first_day = last_day - timedelta(days=window_days - 1)
    present = [balances[first_day + timedelta(days=i)] for i in range(window_days)
               if first_day + timedelta(days=i) in balances]
    average = None
    if present:
        average = (sum(present, ZERO) / len(present)).quantize(ONE_OERE, rounding=ROUND_HALF_UP)
    return AverageLiquidity(first_day, last_day, average, len(present), window_days - len(present))


def month_end_balance(balances: Mapping[date, Decimal], month: date) -> tuple[date, Decimal] | None:
    """The balance on the month's last day with a balance (a file may stop on the last banking day),
    and that day; None when the month has no balance at all."""
    day = last_day_of_month(month)
    while day >= month:
        if day in balances:
            return day, balances[day]
        day -= timedelta(days=1)
    return None


# ---------------------------------------------------------------------------------------------------
# Sick leave


@dataclass(frozen=True)
class Absence:
    """Sick days over possible working days. Added up by summing days, never by averaging
    percentages (DOMAIN.md §4): a unit of 10 at 10 % and one of 90 at 0 % is 1 %, not 5 %."""

    sick_days: Decimal = ZERO
    possible_days: Decimal = ZERO
    employees: int | None = None  # None when not known for every part

    def __add__(self, other: Absence) -> Absence:
        employees = None if self.employees is None or other.employees is None else self.employees + other.employees
        return Absence(self.sick_days + other.sick_days, self.possible_days + other.possible_days, employees)

    @property
    def percent(self) -> Decimal | None:
        return absence_percent(self.sick_days, self.possible_days)


NO_ABSENCE = Absence(employees=0)


def absence_percent(sick_days: Decimal, possible_days: Decimal) -> Decimal | None:
    """fraværsprocent = sick days / possible working days × 100; None when nobody could work."""
    if possible_days <= 0:
        return None
    return sick_days * HUNDRED / possible_days


def roll_up(own: Mapping[int, T], paths: Mapping[int, str], zero: T = NO_ABSENCE) -> dict[int, T]:
    """Each unit's own figures plus those of every unit below it, by the units' materialised paths
    ("/1/5/23/"); figures are added with ``+`` (days to days, persons to persons). A unit without
    figures of its own still gets its subtree's sum; a unit with none anywhere below is left out."""
    totals: dict[int, T] = {}
    for unit_id, figures in own.items():
        for ancestor in _path_ids(paths[unit_id]):
            totals[ancestor] = totals.get(ancestor, zero) + figures
    return totals


def _path_ids(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def shown_to_everyone(employees: int | None, minimum: int) -> bool:
    """Whether a unit's sick leave may be shown to people outside finance, and named in the report:
    only when it covers at least ``minimum`` employees (settings.STYR_ABSENCE_MIN_EMPLOYEES). With
    fewer, a percentage can point to one person's health. An unknown count is treated as too few."""
    return employees is not None and employees >= minimum


@dataclass(frozen=True)
class AboveAverage:
    name: str
    percent: Decimal


def units_above_average(units: Iterable[tuple[str, Absence]], national_percent: Decimal, minimum: int,
                        decimals: int = 1) -> tuple[list[AboveAverage], int]:
    """The units whose sick leave is above the national average, highest first, and how many others
    were left out because they are too small to be named. Compared as shown (rounded to
    ``decimals``), so a unit is never named for a 4,5 % against a 4,5 % average."""
    above, hidden = [], 0
    national = _rounded(national_percent, decimals)
    for name, absence in units:
        percent = absence.percent
        if percent is None or _rounded(percent, decimals) <= national:
            continue
        if shown_to_everyone(absence.employees, minimum):
            above.append(AboveAverage(name, percent))
        else:
            hidden += 1
    above.sort(key=lambda unit: (-unit.percent, unit.name))
    return above, hidden


# ---------------------------------------------------------------------------------------------------
# Change


def change(current: Decimal | int | None, previous: Decimal | int | None) -> Decimal | int | None:
    """``current - previous``: persons, kroner or percentage points, as the inputs are; None when
    either is missing (a change from or to nothing is not a change)."""
    if current is None or previous is None:
        return None
    return current - previous


def direction(delta: Decimal | int | None, decimals: int = 0) -> str | None:
    """"op", "ned" or "uændret" for a change as it will be shown (rounded to ``decimals``), so the
    words never contradict the number next to them; None for a missing change."""
    if delta is None:
        return None
    shown = _rounded(Decimal(delta), decimals)
    if shown > 0:
        return "op"
    if shown < 0:
        return "ned"
    return "uændret"


def _rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
