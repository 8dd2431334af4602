"""A round as a table: one line per area, with the deviation against KB and OB and its development."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from . import rules
from .models import Forecast

ZERO = Decimal("0.00")


@dataclass
class Line:
    forecast: Forecast
    expected: Decimal  # entered, else the naive forecast, else KB (marked as not entered)
    entered: bool
    underspend: Decimal
    underspend_vs_original: Decimal
    previous_underspend: Decimal | None
    action_plan_required: bool

    @property
    def change(self) -> Decimal | None:
        return None if self.previous_underspend is None else self.underspend - self.previous_underspend


def lines_for(forecasts: list[Forecast], risk_units: set[int]) -> list[Line]:
    """``risk_units``: the areas with a current risk picture (one query for the whole round)."""
    threshold = Decimal(settings.STYR_ACTION_PLAN_THRESHOLD)
    lines = []
    for f in forecasts:
        entered = f.expected is not None
        expected = f.expected if entered else f.corrected_budget
        underspend = rules.deviation(f.corrected_budget, expected)
        previous = None if f.previous_expected is None else rules.deviation(f.corrected_budget, f.previous_expected)
        lines.append(Line(
            forecast=f, expected=expected, entered=entered, underspend=underspend,
            underspend_vs_original=rules.deviation(f.original_budget, expected),
            previous_underspend=previous,
            action_plan_required=not f.capital and rules.action_plan_required(
                underspend, threshold=threshold, has_current_risk_picture=f.unit_id in risk_units),
        ))
    return lines


@dataclass
class Totals:
    original_budget: Decimal = ZERO
    corrected_budget: Decimal = ZERO
    actual_to_date: Decimal = ZERO
    expected: Decimal = ZERO
    underspend: Decimal = ZERO
    previous_underspend: Decimal = ZERO


def totals(lines: list[Line]) -> Totals:
    """Sums of the exact figures; rounding happens only when they are printed."""
    t = Totals()
    for line in lines:
        t.original_budget += line.forecast.original_budget
        t.corrected_budget += line.forecast.corrected_budget
        t.actual_to_date += line.forecast.actual_to_date
        t.expected += line.expected
        t.underspend += line.underspend
        t.previous_underspend += line.previous_underspend if line.previous_underspend is not None else ZERO
    return t
