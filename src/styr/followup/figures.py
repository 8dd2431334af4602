"""The figures a round starts from, per budget holder: read from the budget overview."""

from dataclasses import dataclass
from decimal import Decimal

from styr.budget.overview import Figures, unit_overview
from styr.organisation.models import Unit, UnitKind

from . import rules

ZERO = Decimal("0.00")


@dataclass
class AreaFigures:
    unit_code: str
    capital: bool
    original_budget: Decimal
    corrected_budget: Decimal
    actual_to_date: Decimal
    naive_forecast: Decimal | None
    service_original_budget: Decimal = ZERO
    service_corrected_budget: Decimal = ZERO

    @property
    def is_empty(self) -> bool:
        return not (self.original_budget or self.corrected_budget or self.actual_to_date)


def committees_in(scope: Unit) -> list[Unit]:
    """The committees a round covers: the scope itself, or the committees under the municipality."""
    if scope.kind == UnitKind.COMMITTEE:
        return [scope]
    return list(Unit.objects.open().subtree_of(scope).filter(kind=UnitKind.COMMITTEE).order_by("name"))


def area_figures(scope: Unit, year: int, month: int) -> list[AreaFigures]:
    """OB, KB, actuals to date and the naive forecast for every budget holder in scope, operations
    and capital apart. A handful of queries per committee, whatever the number of areas."""
    result = []
    for committee in committees_in(scope):
        this_year = unit_overview(committee, year, month)
        last_year = {row.code: row for row in unit_overview(committee, year - 1, 12).rows}
        for row in this_year.rows:
            if row.kind != "unit":
                continue
            before = last_year.get(row.code)
            for capital, figures in ((False, row.operations), (True, row.capital)):
                previous = (before.capital if capital else before.operations) if before else None
                area = AreaFigures(
                    unit_code=row.code, capital=capital, original_budget=figures.ob,
                    corrected_budget=figures.kb, actual_to_date=figures.actual_to_date,
                    naive_forecast=_naive(figures, previous, month),
                    service_original_budget=ZERO if capital else row.service.ob,
                    service_corrected_budget=ZERO if capital else row.service.kb,
                )
                if not capital or not area.is_empty:
                    result.append(area)
    return result


def _naive(figures: Figures, last_year: Figures | None, month: int) -> Decimal | None:
    if last_year is None:
        return None
    to_date, total = sum(last_year.months[:month], ZERO), sum(last_year.months, ZERO)
    return rules.naive_forecast(figures.actual_to_date, to_date, total)
