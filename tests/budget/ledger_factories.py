"""Factories for the ledger import tests: a chart of accounts and posting files as text."""

from types import SimpleNamespace

from styr.budget.models import Art, Classification, Function, Posting

HEADER = "dato;funktion;dranst;art;omkostningssted;beloeb;tekst;bilagsnr"


def make_ledger_chart(year: int = 2022) -> SimpleNamespace:
    """Three functions (two service, one transfer) and three arts for ``year``."""
    school = Function.objects.create(year=year, code="3.22.01", name="Folkeskoler",
                                     classification=Classification.SERVICE)
    care = Function.objects.create(year=year, code="5.30.27", name="Pleje og omsorg",
                                   classification=Classification.SERVICE)
    benefit = Function.objects.create(year=year, code="5.57.73", name="Kontanthjælp",
                                      classification=Classification.TRANSFER)
    salary = Art.objects.create(year=year, code="1.0", name="Lønninger")
    services = Art.objects.create(year=year, code="4.0", name="Tjenesteydelser uden moms")
    sales = Art.objects.create(year=year, code="7.2", name="Salg af produkter og ydelser")
    return SimpleNamespace(school=school, care=care, benefit=benefit, salary=salary, services=services,
                           sales=sales)


def posting_file(*rows: str, header: str = HEADER, delimiter: str = ";", newline: str = "\n") -> str:
    """A posting file from rows written with ";" (replaced by ``delimiter``)."""
    lines = [header, *rows]
    return newline.join(line.replace(";", delimiter) for line in lines) + newline


def three_months_file(rows: int = 60) -> bytes:
    """``rows`` postings over June–August, two functions and three cost centres, voucher B0, B1, …"""
    return posting_file(*(
        f"{n % 28 + 1:02d}-{n % 3 + 6:02d}-2022;{('3.22.01', '5.57.73')[n % 2]};1;1.0;"
        f"{('100300', '100100', '100110')[n % 3]};{n},{n % 100:02d};r{n};B{n}" for n in range(rows))).encode()


JULY = posting_file(
    "01-07-2022;3.22.01;1;1.0;100100;12.345,67;Løn juli;B1001",
    "15-07-2022;3.22.01;1;4.0;100110;-1.000,00;Kreditnota;B1002",
    "31-07-2022;5.57.73;1;4.0;100300;250,50;Hjælp;B1003",
    "31-07-2022;5.30.27;3;4.0;100300;1.000.000,00;Ombygning;B1004",
)
AUGUST = posting_file(
    "01-08-2022;3.22.01;1;1.0;100100;500,00;Løn august;B2001",
)


def postings(period: int | None = None) -> list[tuple]:
    """Every posting (of a period) as comparable values, in a stable order."""
    rows = Posting.objects.all() if period is None else Posting.objects.filter(period=period)
    return sorted(rows.values_list("period", "date", "cost_centre__code", "function__code", "dranst", "art__code",
                                   "amount", "text", "voucher", "grouping", "project"))
