"""Budgets, changes and postings for tests.

Postings go through ``make_posting``, which also adds them to the monthly rollups (LedgerMonth per
account string, LedgerCentreMonth per cost centre with capital = dranst 3 and service = a service
function) and the yearly one made from them (LedgerCentreYear), as the ledger import does, so the
overview and the posting list see the same postings.
"""

from datetime import date
from decimal import Decimal

from styr.budget.models import (
    Art,
    Budget,
    BudgetChange,
    BudgetChangeLine,
    BudgetLine,
    ChangeKind,
    Classification,
    Dranst,
    Function,
    LedgerCentreMonth,
    LedgerImport,
    LedgerMonth,
    Posting,
    Profile,
)
from styr.budget.rollups import rebuild_centre_years
from styr.organisation.models import CostCentre

FUNCTIONS = [
    ("3.22.01", "Folkeskoler", Classification.SERVICE),
    ("3.22.05", "Skolefritidsordninger", Classification.SERVICE),
    ("5.30.27", "Pleje og omsorg af ældre", Classification.SERVICE),
    ("5.57.72", "Sygedagpenge", Classification.TRANSFER),
    ("0.25.11", "Beboelse", Classification.OTHER),
]
ARTS = [
    ("1.0", "Lønninger"),
    ("2.2", "Fødevarer"),
    ("4.0", "Tjenesteydelser uden moms"),
    ("7.1", "Salg af produkter og ydelser"),
]


def make_chart(year: int) -> None:
    """The year's chart with a few functions (service, transfer, other) and arts."""
    for code, name, classification in FUNCTIONS:
        Function.objects.get_or_create(year=year, code=code, defaults={"name": name, "classification": classification})
    for code, name in ARTS:
        Art.objects.get_or_create(year=year, code=code, defaults={"name": name})


def _cost_centre(cost_centre) -> CostCentre:
    return cost_centre if isinstance(cost_centre, CostCentre) else CostCentre.objects.get(code=cost_centre)


def _chart(year: int, function: str, art: str) -> tuple[Function, Art]:
    make_chart(year)
    return Function.objects.get(year=year, code=function), Art.objects.get(year=year, code=art)


def make_budget(year: int) -> Budget:
    budget, _ = Budget.objects.get_or_create(budget_year=year, defaults={"name": f"Budget {year}"})
    return budget


def make_budget_line(cost_centre, amount, *, year: int = 2022, function: str = "3.22.01", dranst: int = Dranst.DRIFT,
                     art: str = "1.0", profile: str = Profile.EVEN) -> BudgetLine:
    fn, art_obj = _chart(year, function, art)
    return BudgetLine.objects.create(budget=make_budget(year), year=year, cost_centre=_cost_centre(cost_centre),
                                     function=fn, dranst=dranst, art=art_obj, amount=Decimal(amount), profile=profile)


def make_change_line(cost_centre, amount, *, year: int = 2022, function: str = "3.22.01", dranst: int = Dranst.DRIFT,
                     art: str = "1.0", kind: str = ChangeKind.SUPPLEMENTARY) -> BudgetChangeLine:
    fn, art_obj = _chart(year, function, art)
    change = BudgetChange.objects.create(year=year, kind=kind, decided_on=date(year, 3, 1), body="Økonomiudvalget",
                                         text="Test", financing="Kassen")
    return BudgetChangeLine.objects.create(change=change, cost_centre=_cost_centre(cost_centre), function=fn,
                                           dranst=dranst, art=art_obj, amount=Decimal(amount))


def _ledger_import() -> LedgerImport:
    existing = LedgerImport.objects.filter(file_name="test.csv").first()
    return existing or LedgerImport.objects.create(file_name="test.csv", sha256="0" * 64)


def make_posting(cost_centre, amount, *, year: int = 2022, month: int = 1, day: int = 15, function: str = "3.22.01",
                 dranst: int = Dranst.DRIFT, art: str = "1.0", text: str = "", voucher: str = "") -> Posting:
    """A posting, added to both monthly rollups as the ledger import would."""
    cc = _cost_centre(cost_centre)
    fn, art_obj = _chart(year, function, art)
    period = year * 100 + month
    amount = Decimal(amount)
    posting = Posting.objects.create(period=period, date=date(year, month, day), cost_centre=cc, function=fn,
                                     dranst=dranst, art=art_obj, amount=amount, text=text, voucher=voucher,
                                     ledger_import=_ledger_import())
    month_row, created = LedgerMonth.objects.get_or_create(
        period=period, cost_centre=cc, function=fn, dranst=dranst, art=art_obj,
        defaults={"amount": amount, "postings": 1})
    if not created:
        month_row.amount += amount
        month_row.postings += 1
        month_row.save(update_fields=["amount", "postings"])
    centre_row, created = LedgerCentreMonth.objects.get_or_create(
        period=period, cost_centre=cc, capital=dranst == Dranst.ANLAEG,
        service=fn.classification == Classification.SERVICE, defaults={"amount": amount})
    if not created:
        centre_row.amount += amount
        centre_row.save(update_fields=["amount"])
    rebuild_centre_years([period])
    return posting
