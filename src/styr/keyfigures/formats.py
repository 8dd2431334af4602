"""The files of the key-figure series: what their columns are, how a file is read and checked, and
how a series is written back in the same format (so an export can be imported again unchanged).

Every reader uses ``styr.core.tabular.read_table`` (UTF-8 with or without BOM or Windows-1252;
semicolon, comma or tab; header names in any case) and collects every problem in a
``ProblemCollector``, so a bad file is rejected as a whole with a Danish message naming line and
column. Readers are pure apart from being given the known unit codes.

The formats (one header line, then one row per day or month; months as 2022-09 or 09-2022):

=================  =========================================================================
liquidity          dato;saldo                                     (kr., overtræk negativt)
arrears            maaned;restancer_kommunen;heraf_ejendomsskat;restancer_gaeldsstyrelsen  (kr.)
absence            maaned;enhed_id;sygedage;mulige_dage[;medarbejdere]
                   or per employee and day: dato;enhed_id;medarbejder;sygedage;mulige_dage
national-absence   maaned;fravaersprocent
headcount          maaned;enhed_id;ansatte;aarsvaerk
population         maaned;befolkningstal                          (pr. den 1. i måneden)
=================  =========================================================================
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import BinaryIO

from styr.core.danish_values import parse_amount, parse_date, parse_int, parse_period
from styr.core.tabular import ProblemCollector, Row, Table, read_table
from styr.documents.numbers import fmt_month, fmt_number

from .models import Series
from .rules import first_of_month, last_day_of_month

ONE_OERE = Decimal("0.01")
HUNDREDTH = Decimal("0.01")
PREVIEW_ROWS = 20
_NUMERIC = re.compile(r"-?[0-9.]+(,[0-9]+)?( %)?|–")

Source = bytes | BinaryIO


@dataclass(frozen=True)
class FileFormat:
    series: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)
    description: str = ""


FORMATS = {
    Series.LIQUIDITY: FileFormat(
        Series.LIQUIDITY, ("dato", "saldo"),
        aliases={"likviditet": "saldo", "likvide_aktiver": "saldo", "beloeb": "saldo", "kassebeholdning": "saldo",
                 "dag": "dato"},
        description="dato;saldo – saldoen på bank og kasse ved dagens slutning i kr. (overtræk negativt)"),
    Series.ARREARS: FileFormat(
        Series.ARREARS, ("maaned", "restancer_kommunen", "heraf_ejendomsskat", "restancer_gaeldsstyrelsen"),
        aliases={"periode": "maaned", "kommunen": "restancer_kommunen", "restancer_kommune": "restancer_kommunen",
                 "ejendomsskat": "heraf_ejendomsskat", "gaeldsstyrelsen": "restancer_gaeldsstyrelsen",
                 "inddrivelse": "restancer_gaeldsstyrelsen"},
        description="maaned;restancer_kommunen;heraf_ejendomsskat;restancer_gaeldsstyrelsen – restancer ved "
                    "månedens udgang i kr.; ejendomsskatten er en del af restancerne hos kommunen"),
    Series.ABSENCE: FileFormat(
        Series.ABSENCE, ("enhed_id", "sygedage", "mulige_dage"), ("maaned", "medarbejdere", "dato", "medarbejder"),
        aliases={"periode": "maaned", "enhed": "enhed_id", "fravaersdage": "sygedage",
                 "mulige_arbejdsdage": "mulige_dage", "antal_medarbejdere": "medarbejdere",
                 "medarbejder_id": "medarbejder", "medarbejdernr": "medarbejder"},
        description="maaned;enhed_id;sygedage;mulige_dage[;medarbejdere] pr. enhed og måned, eller "
                    "dato;enhed_id;medarbejder;sygedage;mulige_dage pr. medarbejder og dag (lægges sammen "
                    "pr. enhed og måned; medarbejder-id gemmes ikke). Egen sygdom; en arbejdsdag er 7,4 timer."),
    Series.NATIONAL_ABSENCE: FileFormat(
        Series.NATIONAL_ABSENCE, ("maaned", "fravaersprocent"),
        aliases={"periode": "maaned", "landsgennemsnit": "fravaersprocent", "procent": "fravaersprocent"},
        description="maaned;fravaersprocent – landsgennemsnittet for kommunerne, fx 4,5"),
    Series.HEADCOUNT: FileFormat(
        Series.HEADCOUNT, ("maaned", "enhed_id", "ansatte", "aarsvaerk"),
        aliases={"periode": "maaned", "enhed": "enhed_id", "personer": "ansatte", "antal_ansatte": "ansatte",
                 "fuldtidsstillinger": "aarsvaerk", "fte": "aarsvaerk"},
        description="maaned;enhed_id;ansatte;aarsvaerk – enhedens egne ansatte (personer) og årsværk"),
    Series.POPULATION: FileFormat(
        Series.POPULATION, ("maaned", "befolkningstal"),
        aliases={"periode": "maaned", "befolkning": "befolkningstal", "indbyggere": "befolkningstal"},
        description="maaned;befolkningstal – befolkningen pr. den 1. i måneden"),
}


# ---------------------------------------------------------------------------------------------------
# What a file holds, once read


@dataclass(frozen=True)
class LiquidityRecord:
    day: date
    balance: Decimal


@dataclass(frozen=True)
class ArrearsRecord:
    month: date
    municipality: Decimal
    property_tax: Decimal
    collection_agency: Decimal


@dataclass(frozen=True)
class AbsenceRecord:
    month: date
    unit_code: str
    sick_days: Decimal
    possible_days: Decimal
    employees: int | None


@dataclass(frozen=True)
class NationalAbsenceRecord:
    month: date
    percent: Decimal


@dataclass(frozen=True)
class HeadcountRecord:
    month: date
    unit_code: str
    persons: int
    fte: Decimal


@dataclass(frozen=True)
class PopulationRecord:
    month: date
    population: int


@dataclass
class ParsedFile:
    """A checked file: its records, the months it replaces, and how it was read."""

    series: str
    file_name: str
    records: list
    months: list[date]
    row_count: int
    format_description: str
    detail: str = ""  # e.g. that a file per employee was added up

    @property
    def month_labels(self) -> list[str]:
        return [f"{m.year}-{m.month:02d}" for m in self.months]

    def preview(self, count: int = PREVIEW_ROWS) -> dict:
        """The first ``count`` records as Danish text for the upload page: header, rows, and which
        columns hold numbers (right-aligned)."""
        header, to_cells = PREVIEW_COLUMNS[self.series]
        rows = [to_cells(record) for record in self.records[:count]]
        numeric = [bool(rows) and all(_NUMERIC.fullmatch(row[i]) for row in rows) for i in range(len(header))]
        return {"header": list(zip(header, numeric, strict=True)),
                "rows": [list(zip(row, numeric, strict=True)) for row in rows]}


# ---------------------------------------------------------------------------------------------------
# Reading


def parse_file(series: str, source: Source, filename: str, *, unit_codes: Iterable[str] = ()) -> ParsedFile:
    """Read and check a file of ``series``; raises ``TableError`` naming every problem by line and
    column. ``unit_codes`` are the organisation's unit ids (for the series per unit)."""
    if series not in FORMATS:
        raise ValueError(f"ukendt serie «{series}»; vælg en af {', '.join(FORMATS)}")
    spec = FORMATS[series]
    table = read_table(source, filename=filename, required=spec.required, optional=spec.optional,
                       aliases=spec.aliases)
    problems = table.problems
    counted = _Counted(table.rows)
    records, detail = READERS[series](dataclasses.replace(table, rows=counted), problems, frozenset(unit_codes))
    if not records and not problems:
        problems.add(None, None, None, "filen indeholder ingen rækker")
    problems.raise_if_any()
    months = sorted({first_of_month(r.day) if isinstance(r, LiquidityRecord) else r.month for r in records})
    description = f"{table.encoding}, {table.delimiter_name} som skilletegn"
    if table.ignored_columns:
        description += "; ignorerede kolonner: " + ", ".join(table.ignored_columns)
    return ParsedFile(series, filename, records, months, counted.count, description, detail)


class _Counted:
    """The rows of a table, counted as they are read."""

    def __init__(self, rows: Iterator[Row]):
        self.rows, self.count = rows, 0

    def __iter__(self):
        return self

    def __next__(self) -> Row:
        row = next(self.rows)
        self.count += 1
        return row


class _Duplicates:
    """Remembers the line of each key so a second row for it can say where the first one is."""

    def __init__(self, problems: ProblemCollector, column: str, what: str):
        self.lines: dict = {}
        self.problems, self.column, self.what = problems, column, what

    def seen(self, key, line: int, value: str) -> bool:
        if key in self.lines:
            self.problems.add(line, self.column, value, f"{self.what} står også i linje {self.lines[key]}")
            return True
        self.lines[key] = line
        return False


def _month(problems: ProblemCollector, line: int, text: str, column: str = "maaned") -> date | None:
    parsed = problems.parse(line, column, text, parse_period)
    return None if parsed is None else date(parsed[0], parsed[1], 1)


def _kroner(problems: ProblemCollector, line: int, column: str, text: str, *, negative: bool = False):
    amount = problems.parse(line, column, text, parse_amount)
    if amount is None:
        return None
    if amount != amount.quantize(ONE_OERE):
        problems.add(line, column, text, "beløbet har brøkdele af en øre; højst to decimaler")
        return None
    if amount < 0 and not negative:
        problems.add(line, column, text, "beløbet kan ikke være negativt")
        return None
    return amount


def _non_negative(problems: ProblemCollector, line: int, column: str, text: str, parser: Callable):
    value = problems.parse(line, column, text, parser)
    if value is not None and value < 0:
        problems.add(line, column, text, "tallet kan ikke være negativt")
        return None
    return value


def _unit(problems: ProblemCollector, line: int, text: str, unit_codes: frozenset[str]) -> str | None:
    if not text:
        problems.add(line, "enhed_id", text, "enheds-id mangler")
        return None
    if text not in unit_codes:
        problems.add(line, "enhed_id", text, "ukendt enhed; den findes ikke i organisationen")
        return None
    return text


def _read_liquidity(table: Table, problems: ProblemCollector, unit_codes) -> tuple[list, str]:
    records, duplicates = [], _Duplicates(problems, "dato", "datoen")
    for row in table.rows:
        day = problems.parse(row.line, "dato", row.values["dato"], parse_date)
        balance = _kroner(problems, row.line, "saldo", row.values["saldo"], negative=True)
        if day is not None and not duplicates.seen(day, row.line, row.values["dato"]) and balance is not None:
            records.append(LiquidityRecord(day, balance))
    records.sort(key=lambda r: r.day)
    return records, ""


def _read_arrears(table: Table, problems: ProblemCollector, unit_codes) -> tuple[list, str]:
    records, duplicates = [], _Duplicates(problems, "maaned", "måneden")
    for row in table.rows:
        v, line = row.values, row.line
        month = _month(problems, line, v["maaned"])
        own = _kroner(problems, line, "restancer_kommunen", v["restancer_kommunen"])
        tax = _kroner(problems, line, "heraf_ejendomsskat", v["heraf_ejendomsskat"])
        collection = _kroner(problems, line, "restancer_gaeldsstyrelsen", v["restancer_gaeldsstyrelsen"])
        if own is not None and tax is not None and tax > own:
            problems.add(line, "heraf_ejendomsskat", v["heraf_ejendomsskat"],
                         "ejendomsskatten er en del af restancerne hos kommunen og kan ikke være større end dem")
            continue
        if month is not None and not duplicates.seen(month, line, v["maaned"]) and None not in (own, tax, collection):
            records.append(ArrearsRecord(month, own, tax, collection))
    return sorted(records, key=lambda r: r.month), ""


def _days(problems: ProblemCollector, line: int, values: Mapping[str, str]) -> tuple[Decimal, Decimal] | None:
    sick = _non_negative(problems, line, "sygedage", values["sygedage"], parse_amount)
    possible = _non_negative(problems, line, "mulige_dage", values["mulige_dage"], parse_amount)
    if sick is None or possible is None:
        return None
    if sick > possible:
        problems.add(line, "sygedage", values["sygedage"],
                     f"flere sygedage end mulige arbejdsdage ({values['mulige_dage']})")
        return None
    return sick, possible


def _read_absence(table: Table, problems: ProblemCollector, unit_codes) -> tuple[list, str]:
    if "dato" in table.columns and "medarbejder" in table.columns:
        return _read_absence_per_employee(table, problems, unit_codes)
    if "maaned" not in table.columns:
        problems.add(table.header_line, None, None,
                     "mangler kolonnen «maaned» (eller «dato» og «medarbejder» for en fil pr. medarbejder og dag)")
        problems.raise_if_any()
    records, duplicates = [], _Duplicates(problems, "enhed_id", "enheden og måneden")
    with_count = "medarbejdere" in table.columns
    for row in table.rows:
        v, line = row.values, row.line
        month = _month(problems, line, v["maaned"])
        unit = _unit(problems, line, v["enhed_id"], unit_codes)
        days = _days(problems, line, v)
        employees = None
        if with_count and v["medarbejdere"]:
            employees = _non_negative(problems, line, "medarbejdere", v["medarbejdere"], parse_int)
        if month and unit and not duplicates.seen((month, unit), line, v["enhed_id"]) and days:
            records.append(AbsenceRecord(month, unit, *_hundredths(*days), employees))
    return sorted(records, key=lambda r: (r.month, r.unit_code)), ""


def _read_absence_per_employee(table: Table, problems: ProblemCollector, unit_codes) -> tuple[list, str]:
    """Add a file per employee and day up to units and months while reading it; only the sums are
    kept. An employee's possible days in a month cannot exceed the month's days (a file with rows
    twice would)."""
    sums: dict[tuple[date, str], list] = {}
    per_employee: dict[tuple[str, date], tuple[Decimal, int]] = {}
    for row in table.rows:
        v, line = row.values, row.line
        day = problems.parse(line, "dato", v["dato"], parse_date)
        unit = _unit(problems, line, v["enhed_id"], unit_codes)
        employee = v["medarbejder"]
        if not employee:
            problems.add(line, "medarbejder", employee, "medarbejder-id mangler")
        days = _days(problems, line, v)
        if not (day and unit and employee and days):
            continue
        month = first_of_month(day)
        possible_so_far, first_line = per_employee.get((employee, month), (Decimal(0), line))
        possible_so_far += days[1]
        if possible_so_far > last_day_of_month(month).day:
            problems.add(line, "mulige_dage", v["mulige_dage"],
                         f"medarbejderen har nu flere mulige arbejdsdage i {month.month:02d}-{month.year}, end "
                         f"måneden har dage (første række linje {first_line}); står rækker to gange?")
        per_employee[(employee, month)] = (possible_so_far, first_line)
        entry = sums.setdefault((month, unit), [Decimal(0), Decimal(0), set()])
        entry[0] += days[0]
        entry[1] += days[1]
        entry[2].add(employee)
    records = [AbsenceRecord(month, unit, *_hundredths(sick, possible), len(people))
               for (month, unit), (sick, possible, people) in sorted(sums.items())]
    return records, f"rækkerne pr. medarbejder og dag er lagt sammen til {len(records)} pr. enhed og måned"


def _hundredths(*values: Decimal) -> tuple[Decimal, ...]:
    return tuple(value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP) for value in values)


def _read_national_absence(table: Table, problems: ProblemCollector, unit_codes) -> tuple[list, str]:
    records, duplicates = [], _Duplicates(problems, "maaned", "måneden")
    for row in table.rows:
        v, line = row.values, row.line
        month = _month(problems, line, v["maaned"])
        percent = _non_negative(problems, line, "fravaersprocent", v["fravaersprocent"], parse_amount)
        if percent is not None and percent > 100:
            problems.add(line, "fravaersprocent", v["fravaersprocent"], "en procent kan ikke være over 100")
            continue
        if month and not duplicates.seen(month, line, v["maaned"]) and percent is not None:
            records.append(NationalAbsenceRecord(month, percent.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)))
    return sorted(records, key=lambda r: r.month), ""


def _read_headcount(table: Table, problems: ProblemCollector, unit_codes) -> tuple[list, str]:
    records, duplicates = [], _Duplicates(problems, "enhed_id", "enheden og måneden")
    for row in table.rows:
        v, line = row.values, row.line
        month = _month(problems, line, v["maaned"])
        unit = _unit(problems, line, v["enhed_id"], unit_codes)
        persons = _non_negative(problems, line, "ansatte", v["ansatte"], parse_int)
        fte = _non_negative(problems, line, "aarsvaerk", v["aarsvaerk"], parse_amount)
        if month and unit and not duplicates.seen((month, unit), line, v["enhed_id"]) and None not in (persons, fte):
            records.append(HeadcountRecord(month, unit, persons, fte.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)))
    return sorted(records, key=lambda r: (r.month, r.unit_code)), ""


def _read_population(table: Table, problems: ProblemCollector, unit_codes) -> tuple[list, str]:
    records, duplicates = [], _Duplicates(problems, "maaned", "måneden")
    for row in table.rows:
        v, line = row.values, row.line
        month = _month(problems, line, v["maaned"])
        population = _non_negative(problems, line, "befolkningstal", v["befolkningstal"], parse_int)
        if month and not duplicates.seen(month, line, v["maaned"]) and population is not None:
            records.append(PopulationRecord(month, population))
    return sorted(records, key=lambda r: r.month), ""


READERS = {
    Series.LIQUIDITY: _read_liquidity,
    Series.ARREARS: _read_arrears,
    Series.ABSENCE: _read_absence,
    Series.NATIONAL_ABSENCE: _read_national_absence,
    Series.HEADCOUNT: _read_headcount,
    Series.POPULATION: _read_population,
}


# ---------------------------------------------------------------------------------------------------
# Writing (the export): the same columns, Danish numbers without thousands dots, UTF-8 with BOM so
# that Danish Excel opens it correctly, semicolons.


def _number(value: Decimal | int, decimals: int = 2) -> str:
    if isinstance(value, int):
        return str(value)
    return f"{value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)}".replace(".", ",")


def _period(month: date) -> str:
    return f"{month.year}-{month.month:02d}"


WRITERS: dict[str, tuple[tuple[str, ...], Callable]] = {
    Series.LIQUIDITY: (("dato", "saldo"), lambda r: [r.day.strftime("%d-%m-%Y"), _number(r.balance)]),
    Series.ARREARS: (FORMATS[Series.ARREARS].required,
                     lambda r: [_period(r.month), _number(r.municipality), _number(r.property_tax),
                                _number(r.collection_agency)]),
    Series.ABSENCE: (("maaned", "enhed_id", "sygedage", "mulige_dage", "medarbejdere"),
                     lambda r: [_period(r.month), r.unit_code, _number(r.sick_days), _number(r.possible_days),
                                "" if r.employees is None else str(r.employees)]),
    Series.NATIONAL_ABSENCE: (("maaned", "fravaersprocent"), lambda r: [_period(r.month), _number(r.percent)]),
    Series.HEADCOUNT: (("maaned", "enhed_id", "ansatte", "aarsvaerk"),
                       lambda r: [_period(r.month), r.unit_code, str(r.persons), _number(r.fte)]),
    Series.POPULATION: (("maaned", "befolkningstal"), lambda r: [_period(r.month), str(r.population)]),
}


def write_file(series: str, records: Iterable) -> bytes:
    """The records as a file in the series' import format."""
    header, to_row = WRITERS[series]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for record in records:
        writer.writerow(to_row(record))
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


# ---------------------------------------------------------------------------------------------------
# Preview: the parsed records as the person uploading will recognise them


def _kr(value: Decimal) -> str:
    return fmt_number(value, 2)


def _days_text(value: Decimal) -> str:
    return fmt_number(value, 2)


def _month_text(month: date) -> str:
    return fmt_month(month.year, month.month)


PREVIEW_COLUMNS: dict[str, tuple[tuple[str, ...], Callable]] = {
    Series.LIQUIDITY: (("Dato", "Saldo (kr.)"), lambda r: [r.day.strftime("%d-%m-%Y"), _kr(r.balance)]),
    Series.ARREARS: (("Måned", "Restancer hos kommunen (kr.)", "Heraf ejendomsskat (kr.)",
                      "Til inddrivelse hos Gældsstyrelsen (kr.)"),
                     lambda r: [_month_text(r.month), _kr(r.municipality), _kr(r.property_tax),
                                _kr(r.collection_agency)]),
    Series.ABSENCE: (("Måned", "Enhed", "Sygedage", "Mulige arbejdsdage", "Medarbejdere"),
                     lambda r: [_month_text(r.month), r.unit_code, _days_text(r.sick_days),
                                _days_text(r.possible_days), "–" if r.employees is None else str(r.employees)]),
    Series.NATIONAL_ABSENCE: (("Måned", "Fraværsprocent"),
                              lambda r: [_month_text(r.month), _days_text(r.percent) + " %"]),
    Series.HEADCOUNT: (("Måned", "Enhed", "Ansatte", "Årsværk"),
                       lambda r: [_month_text(r.month), r.unit_code, str(r.persons), _days_text(r.fte)]),
    Series.POPULATION: (("Måned", "Befolkningstal"), lambda r: [_month_text(r.month), fmt_number(r.population)]),
}
