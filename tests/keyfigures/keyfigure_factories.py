"""Key figures for the fixed cast's small municipality (tests/conftest.py: org, cast).

Two budget holders under U1 (B1 Egebjerg Skole with E1 and E2, B2 Dagtilbud Nord) and one under U2
(B3 Plejecenter Lindholm with E3). Files are written as a municipality would write them and read
through the real imports.
"""

from datetime import date
from decimal import Decimal

from styr.keyfigures import services
from styr.keyfigures.models import Series


def csv(text: str) -> bytes:
    """A file as Danish Excel saves it: semicolons, the lines as written (leading spaces removed)."""
    return "\n".join(line.strip() for line in text.strip().splitlines()).encode() + b"\n"


def load(series: str, text: str, name: str = "fil.csv"):
    return services.import_series(series, csv(text), name)


def liquidity_file(first: date, days: int, balance=lambda day: Decimal(400_000_000)) -> bytes:
    from datetime import timedelta

    lines = ["dato;saldo"]
    for i in range(days):
        day = first + timedelta(days=i)
        lines.append(f"{day:%d-%m-%Y};{balance(day)}".replace(".", ","))
    return ("\n".join(lines) + "\n").encode()


def make_figures(org):
    """September 2022 against August 2022 and September 2021, for every series."""
    load(Series.POPULATION, """
        maaned;befolkningstal
        2021-09;48.982
        2021-10;48.982
        2022-09;48.785
        2022-10;48.735
    """)
    load(Series.ARREARS, """
        maaned;restancer_kommunen;heraf_ejendomsskat;restancer_gaeldsstyrelsen
        2022-08;70.000.000;10.000.000;45.000.000
        2022-09;80.360.000;12.500.000;45.390.000
    """)
    load(Series.NATIONAL_ABSENCE, """
        maaned;fravaersprocent
        2021-09;4,6
        2022-08;4,2
        2022-09;4,5
    """)
    # E1 and E2 are B1's units (100 and 200 possible days), B2 has its own staff, E3 is B3's.
    load(Series.ABSENCE, """
        maaned;enhed_id;sygedage;mulige_dage;medarbejdere
        2021-09;E1;4,8;100;6
        2021-09;B2;9,6;200;10
        2022-08;E1;3,6;100;6
        2022-08;B2;7,2;200;10
        2022-09;E1;10;100;6
        2022-09;E2;2;200;11
        2022-09;B2;4;200;10
        2022-09;E3;3;30;3
    """)
    load(Series.HEADCOUNT, """
        maaned;enhed_id;ansatte;aarsvaerk
        2021-09;E1;6;5,5
        2021-09;B2;10;9
        2022-08;E1;6;5,5
        2022-08;B2;10;9
        2022-09;E1;6;5,5
        2022-09;E2;11;10
        2022-09;B2;10;9
        2022-09;E3;3;2,5
    """)
    services.import_liquidity(liquidity_file(date(2021, 9, 1), 395), "likviditet.csv")
    return org
