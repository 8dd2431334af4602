"""The demo's key figures: three years of every series, plausible, and the same for the same seed."""

from datetime import date
from decimal import Decimal

import pytest

from styr.demo import keyfigures, organisation
from styr.demo.context import DemoContext
from styr.keyfigures import figures
from styr.keyfigures.exports import export_series
from styr.keyfigures.models import (
    AbsenceMonth,
    ArrearsMonth,
    HeadcountMonth,
    LiquidityDay,
    NationalAbsenceMonth,
    PopulationMonth,
    Series,
)
from styr.keyfigures.report import economy_report
from styr.keyfigures.rules import average_liquidity

pytestmark = pytest.mark.django_db


def build(seed=2022) -> DemoContext:
    ctx = DemoContext(seed=seed, scale=1, year=2022, out=lambda line: None)
    organisation.build(ctx)
    keyfigures.build(ctx)
    return ctx


def test_the_demo_has_three_years_of_plausible_key_figures():
    build()
    months = figures.months_back(date(2022, 12, 1), 36)
    assert months[0] == date(2020, 1, 1)
    population = figures.population(months)
    assert len(population) == 36 and all(45_000 < count < 55_000 for count in population.values())
    balances = figures.balances(date(2020, 1, 1), date(2022, 12, 31))
    assert len(balances) == 1096  # every day of three years
    average = average_liquidity(balances, date(2022, 12, 31)).average
    assert Decimal(300_000_000) < average < Decimal(500_000_000)
    absence = figures.total_absence(months)
    winter, summer = absence[date(2022, 2, 1)].percent, absence[date(2022, 7, 1)].percent
    assert Decimal(3) < summer < winter < Decimal(8)
    assert all(Decimal("3.0") < a.percent < Decimal("7.5") for a in absence.values())
    assert figures.total_staff(months)[date(2022, 12, 1)].persons > 1000
    report = economy_report(date(2022, 9, 1), with_charts=False)
    assert not any("foreligger ikke" in point or "foreligger ingen" in point for point in report.points[:6])


def test_the_same_seed_gives_the_same_key_figures():
    build()
    first = {series: export_series(series) for series in Series.values}
    for model in (AbsenceMonth, ArrearsMonth, HeadcountMonth, LiquidityDay, NationalAbsenceMonth, PopulationMonth):
        model.objects.all().delete()
    keyfigures.build(DemoContext(seed=2022, scale=1, year=2022, out=lambda line: None))
    assert {series: export_series(series) for series in Series.values} == first
