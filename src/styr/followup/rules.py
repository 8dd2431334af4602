"""The follow-up rules a finance department states, as plain functions on Decimal kroner.

Sign: budgets and forecasts follow the chart (expenditure positive). The deviation is, by the
reference documents' convention, KB − expected result: an underspend (mindreforbrug) is positive
and an overspend (merforbrug) negative, written "merforbrug på -1,0 mio. kr.". A municipality that
prints "(+) = merforbrug" sets STYR_DEVIATION_CONVENTION = "forbrug_minus_budget".
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

ZERO = Decimal(0)
BUDGET_MINUS_SPEND = "budget_minus_forbrug"
SPEND_MINUS_BUDGET = "forbrug_minus_budget"


def deviation(budget: Decimal, expected: Decimal) -> Decimal:
    """Budget − expected result: positive is an underspend (mindreforbrug)."""
    return budget - expected


def shown_deviation(underspend: Decimal, convention: str | None = None) -> Decimal:
    """The deviation with the sign the municipality prints (an underspend is positive by default)."""
    convention = convention or settings.STYR_DEVIATION_CONVENTION
    return underspend if convention == BUDGET_MINUS_SPEND else -underspend


def deviation_header(convention: str | None = None) -> str:
    convention = convention or settings.STYR_DEVIATION_CONVENTION
    if convention == BUDGET_MINUS_SPEND:
        return "Afvigelse (+ = mindreforbrug, − = merforbrug)"
    return "Afvigelse (+ = merforbrug, − = mindreforbrug)"


def deviation_short(convention: str | None = None) -> str:
    convention = convention or settings.STYR_DEVIATION_CONVENTION
    return "(+ = mindreforbrug)" if convention == BUDGET_MINUS_SPEND else "(+ = merforbrug)"


def naive_forecast(actual_to_date: Decimal, last_year_to_date: Decimal, last_year_total: Decimal) -> Decimal | None:
    """Actuals extrapolated by last year's monthly profile: if last year had spent 60 % by now, this
    year's actuals are 60 % of the year. None when last year gives no profile to go by."""
    if last_year_to_date == 0 or last_year_total == 0:
        return None
    return (actual_to_date * last_year_total / last_year_to_date).quantize(Decimal("0.01"))


def carry_over(underspend: Decimal, budget: Decimal, *, allowed: bool, cap_percent: Decimal) -> Decimal:
    """What may be carried to next year: the deviation, capped at ± cap % of the budget, or nothing
    for an area without carry-over access (e.g. the job centre's administration)."""
    if not allowed:
        return ZERO
    cap = (abs(budget) * cap_percent / 100).quantize(Decimal("0.01"))
    return max(-cap, min(cap, underspend))


def recovered_from_carried_overspend(carried_in: Decimal, underspend: Decimal) -> Decimal:
    """How much of an overspend carried in from last year the area expects to win back this year.

    The carried-in overspend (negative) has already lowered this year's KB; an area that ends at
    −0,4 mio. kr. against a KB lowered by −0,6 mio. kr. has won back 0,2 mio. kr.; one that ends in
    underspend has won back all of it, and no more.
    """
    return min(underspend - carried_in, -carried_in)  # never more than was carried in


@dataclass(frozen=True)
class PoolUse:
    amount: Decimal
    drawn: Decimal
    left: Decimal
    financed_after_pool: Decimal  # the financed area's deviation once the pool has covered what it can


def pool_use(amount: Decimal, financed_underspend: Decimal | None) -> PoolUse:
    """A demography pool finances the named area's overspend, up to what the pool holds."""
    overspend = max(ZERO, -(financed_underspend or ZERO))
    drawn = min(amount, overspend)
    return PoolUse(amount=amount, drawn=drawn, left=amount - drawn,
                   financed_after_pool=(financed_underspend or ZERO) + drawn)


def service_expected(expected: Decimal, corrected_budget: Decimal, service_corrected_budget: Decimal) -> Decimal:
    """The service part of an area's expected result.

    A budget holder forecasts the whole area; its deviation is attributed to service expenditure in
    proportion to the service share of the area's corrected budget.
    """
    if corrected_budget == 0:
        return service_corrected_budget
    share = service_corrected_budget / corrected_budget
    return (service_corrected_budget - (corrected_budget - expected) * share).quantize(Decimal("0.01"))


def service_frame(service_original_budget: Decimal, service_expected_total: Decimal) -> Decimal:
    """Against the ORIGINAL budget: the municipality's share of the government–KL agreement's frame
    is its adopted service budget, so corrected budgets do not move the target."""
    return service_original_budget - service_expected_total


@dataclass(frozen=True)
class CapitalOutlook:
    underspend: Decimal  # this year's KB − expected spend
    transfer: Decimal  # the remainder, to be transferred to next year
    used_next_year: Decimal
    underspend_next_year: Decimal


def capital_outlook(corrected_budget: Decimal, expected: Decimal, expected_next_year: Decimal | None) -> CapitalOutlook:
    """Capital: unspent budget is transferred to next year, where part of it is expected spent."""
    remainder = corrected_budget - expected
    transfer = max(remainder, ZERO)
    used = min(expected_next_year, transfer) if expected_next_year is not None else transfer
    return CapitalOutlook(underspend=remainder, transfer=transfer, used_next_year=used,
                          underspend_next_year=transfer - used)


def action_plan_required(underspend: Decimal, *, threshold: Decimal, has_current_risk_picture: bool) -> bool:
    """An overspend beyond the threshold needs a current risk picture, or an action-plan meeting."""
    return underspend < -threshold and not has_current_risk_picture


LIKELIHOOD_PROBABILITY = {1: Decimal("0.1"), 2: Decimal("0.3"), 3: Decimal("0.5"), 4: Decimal("0.7"),
                          5: Decimal("0.9")}


def risk_expected_value(risks: Iterable[tuple[int, Decimal]]) -> Decimal:
    """Σ probability × consequence, with likelihood 1–5 read as 10, 30, 50, 70 and 90 %."""
    return sum((LIKELIHOOD_PROBABILITY[likelihood] * consequence for likelihood, consequence in risks),
               ZERO).quantize(Decimal("0.01"))


def consequence_band(consequence: Decimal, bands: Iterable[Decimal]) -> int:
    """1–5: which band of kr. a consequence falls in (bands are the four upper limits)."""
    for number, limit in enumerate(bands, start=1):
        if consequence < limit:
            return number
    return 5


def heat_map(risks: Iterable[tuple[int, Decimal]], bands: Iterable[Decimal]) -> list[list[int]]:
    """Counts of risks in a 5 × 5 grid: rows likelihood 5 → 1 (top down), columns consequence 1 → 5."""
    bands = list(bands)
    grid = [[0] * 5 for _ in range(5)]
    for likelihood, consequence in risks:
        grid[5 - likelihood][consequence_band(consequence, bands) - 1] += 1
    return grid
