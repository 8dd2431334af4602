"""Importing the series: good files in every format, every kind of bad file rejected as a whole with
line and column, a month replaced atomically, and each import in the audit trail."""

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from styr.core.audit import acting
from styr.core.tabular import TableError
from styr.keyfigures import services
from styr.keyfigures.models import (
    AbsenceMonth,
    ArrearsMonth,
    HeadcountMonth,
    KeyFigureImport,
    LiquidityDay,
    NationalAbsenceMonth,
    PopulationMonth,
    Series,
)

from .keyfigure_factories import csv, liquidity_file, load

D = Decimal
pytestmark = pytest.mark.django_db


def problems_of(series: str, text: str) -> list[str]:
    with pytest.raises(TableError) as caught:
        load(series, text, "fil.csv")
    return [str(problem) for problem in caught.value.problems]


# --- good files ---------------------------------------------------------------------------------------


def test_daily_liquidity_is_read_with_danish_dates_and_amounts():
    result = load(Series.LIQUIDITY, """
        Dato;Saldo
        30-09-2022;403.000.000,00
        01-10-2022;-1.234,56
        2022-10-02;12345.67
    """)
    assert dict(LiquidityDay.objects.values_list("day", "balance")) == {
        date(2022, 9, 30): D("403000000.00"), date(2022, 10, 1): D("-1234.56"), date(2022, 10, 2): D("12345.67")}
    assert result.parsed.month_labels == ["2022-09", "2022-10"]
    assert result.summary() == ("Likviditet pr. dag: fil.csv er indlæst – 3 rækker for september 2022 – oktober 2022 "
                                "(2 måneder).")


def test_arrears_population_national_average_and_headcount_are_read(org):
    load(Series.ARREARS, "maaned;restancer_kommunen;heraf_ejendomsskat;restancer_gaeldsstyrelsen\n"
                         "09-2022;80.360.000;12.500.000;45.390.000")
    load(Series.POPULATION, "maaned;befolkningstal\n2022-10;48.735")
    load(Series.NATIONAL_ABSENCE, "maaned;fravaersprocent\n2022-09;4,5")
    load(Series.HEADCOUNT, "maaned,enhed_id,ansatte,aarsvaerk\n2022-09,E1,12,\"10,5\"")  # comma-separated
    arrears = ArrearsMonth.objects.get()
    assert (arrears.month, arrears.municipality, arrears.property_tax, arrears.collection_agency) == (
        date(2022, 9, 1), D("80360000.00"), D("12500000.00"), D("45390000.00"))
    assert PopulationMonth.objects.get().population == 48_735
    assert NationalAbsenceMonth.objects.get().percent == D("4.50")
    staff = HeadcountMonth.objects.get()
    assert (staff.unit, staff.persons, staff.fte) == (org.e1, 12, D("10.50"))


def test_absence_per_unit_and_month_is_read_with_or_without_employee_counts(org):
    load(Series.ABSENCE, """
        maaned;enhed_id;sygedage;mulige_dage
        2022-09;E1;4,5;100
        2022-09;B2;0;210,5
    """)
    rows = {r.unit.code: (r.sick_days, r.possible_days, r.employees) for r in AbsenceMonth.objects.all()}
    assert rows == {"E1": (D("4.50"), D("100.00"), None), "B2": (D("0.00"), D("210.50"), None)}


def test_absence_per_employee_and_day_is_added_up_per_unit_and_month_and_the_employees_are_not_kept(org):
    result = load(Series.ABSENCE, """
        dato;enhed_id;medarbejder;sygedage;mulige_dage
        01-09-2022;E1;1001;1;1
        02-09-2022;E1;1001;0,5;1
        01-09-2022;E1;1002;0;1
        01-09-2022;E2;2001;0;0,8
        03-10-2022;E1;1001;0;1
    """)
    rows = {(r.month, r.unit.code): (r.sick_days, r.possible_days, r.employees) for r in AbsenceMonth.objects.all()}
    assert rows == {(date(2022, 9, 1), "E1"): (D("1.50"), D("3.00"), 2),
                    (date(2022, 9, 1), "E2"): (D("0.00"), D("0.80"), 1),
                    (date(2022, 10, 1), "E1"): (D("0.00"), D("1.00"), 1)}
    assert "lagt sammen til 3 pr. enhed og måned" in result.summary()
    assert result.parsed.row_count == 5
    assert not any("1001" in str(value) for row in AbsenceMonth.objects.values() for value in row.values())


def test_a_windows_1252_file_with_tabs_is_read(org):
    data = "maaned\tenhed_id\tansatte\taarsvaerk\n2022-09\tE1\t7\t6,5\n".encode("cp1252")
    services.import_headcount(data, "ansatte.csv")
    assert HeadcountMonth.objects.get().persons == 7


# --- a month is replaced as a whole, atomically ---------------------------------------------------------


def test_a_re_import_replaces_the_months_in_the_file_and_leaves_the_others(org):
    load(Series.ABSENCE, """
        maaned;enhed_id;sygedage;mulige_dage
        2022-08;E1;1;100
        2022-09;E1;2;100
        2022-09;E2;3;100
    """)
    result = load(Series.ABSENCE, """
        maaned;enhed_id;sygedage;mulige_dage
        2022-09;E1;5;100
    """)
    assert sorted(AbsenceMonth.objects.values_list("month", "unit__code", "sick_days")) == [
        (date(2022, 8, 1), "E1", D("1.00")), (date(2022, 9, 1), "E1", D("5.00"))]  # E2's September is gone too
    assert result.replaced == 2 and "de 2 tidligere rækker for de måneder er erstattet" in result.summary()


def test_a_liquidity_file_replaces_every_day_of_the_months_it_covers():
    services.import_liquidity(liquidity_file(date(2022, 8, 1), 61, lambda day: D(100)), "a.csv")
    services.import_liquidity(liquidity_file(date(2022, 9, 1), 10, lambda day: D(200)), "b.csv")
    assert LiquidityDay.objects.filter(day__month=8).count() == 31
    assert set(LiquidityDay.objects.filter(day__month=9).values_list("balance", flat=True)) == {D(200)}
    assert LiquidityDay.objects.filter(day__month=9).count() == 10  # the rest of September went with the old file


def test_a_bad_file_changes_nothing(org):
    load(Series.POPULATION, "maaned;befolkningstal\n2022-09;48.785")
    with pytest.raises(TableError):
        load(Series.POPULATION, "maaned;befolkningstal\n2022-09;48.000\n2022-10;mange")
    assert list(PopulationMonth.objects.values_list("population", flat=True)) == [48_785]
    assert KeyFigureImport.objects.count() == 1


def test_a_failure_while_writing_rolls_the_whole_import_back(org, monkeypatch):
    load(Series.POPULATION, "maaned;befolkningstal\n2022-09;48.785")

    def fail(*args, **kwargs):
        raise RuntimeError("disken er fuld")

    monkeypatch.setattr(KeyFigureImport.objects, "create", fail)
    with pytest.raises(RuntimeError):
        load(Series.POPULATION, "maaned;befolkningstal\n2022-09;1")
    assert list(PopulationMonth.objects.values_list("population", flat=True)) == [48_785]


# --- bad files: every problem, by line and column, in Danish ----------------------------------------------


@pytest.mark.parametrize(("series", "text", "expected"), [
    (Series.LIQUIDITY, "dato;saldo\n31-02-2022;1,00",
     "fil.csv, linje 2, kolonne «dato»: «31-02-2022» er ikke en gyldig dato; forventet fx 31-07-2022 eller 2022-07-31"),
    (Series.LIQUIDITY, "dato;saldo\n01-09-2022;1,001",
     "fil.csv, linje 2, kolonne «saldo»: beløbet har brøkdele af en øre; højst to decimaler"),
    (Series.LIQUIDITY, "dato;saldo\n01-09-2022;1\n01-09-2022;2",
     "fil.csv, linje 3, kolonne «dato»: datoen står også i linje 2"),
    (Series.LIQUIDITY, "dato;beloebet\n01-09-2022;1", "fil.csv, linje 1: mangler kolonnen «saldo»"),
    (Series.ARREARS, "maaned;restancer_kommunen;heraf_ejendomsskat;restancer_gaeldsstyrelsen\n2022-13;1;0;1",
     "fil.csv, linje 2, kolonne «maaned»: «2022-13» er ikke en gyldig periode; forventet fx 2022-07 eller 07-2022"),
    (Series.ARREARS, "maaned;restancer_kommunen;heraf_ejendomsskat;restancer_gaeldsstyrelsen\n2022-09;10;20;1",
     "fil.csv, linje 2, kolonne «heraf_ejendomsskat»: ejendomsskatten er en del af restancerne hos kommunen og kan "
     "ikke være større end dem"),
    (Series.ARREARS, "maaned;restancer_kommunen;heraf_ejendomsskat;restancer_gaeldsstyrelsen\n2022-09;-10;0;1",
     "fil.csv, linje 2, kolonne «restancer_kommunen»: beløbet kan ikke være negativt"),
    (Series.ABSENCE, "maaned;enhed_id;sygedage;mulige_dage\n2022-09;X9;1;10",
     "fil.csv, linje 2, kolonne «enhed_id»: ukendt enhed; den findes ikke i organisationen"),
    (Series.ABSENCE, "maaned;enhed_id;sygedage;mulige_dage\n2022-09;E1;11;10",
     "fil.csv, linje 2, kolonne «sygedage»: flere sygedage end mulige arbejdsdage (10)"),
    (Series.ABSENCE, "maaned;enhed_id;sygedage;mulige_dage\n2022-09;E1;1;10\n2022-09;E1;1;10",
     "fil.csv, linje 3, kolonne «enhed_id»: enheden og måneden står også i linje 2"),
    (Series.ABSENCE, "enhed_id;sygedage;mulige_dage\nE1;1;10",
     "fil.csv, linje 1: mangler kolonnen «maaned» (eller «dato» og «medarbejder» for en fil pr. medarbejder og dag)"),
    (Series.ABSENCE, "dato;enhed_id;medarbejder;sygedage;mulige_dage\n" + "".join(
        f"{day:02d}-09-2022;E1;7;0;1\n" for day in range(1, 31)) + "01-09-2022;E1;7;0;1",
     "fil.csv, linje 32, kolonne «mulige_dage»: medarbejderen har nu flere mulige arbejdsdage i 09-2022, end "
     "måneden har dage (første række linje 2); står rækker to gange?"),
    (Series.NATIONAL_ABSENCE, "maaned;fravaersprocent\n2022-09;104",
     "fil.csv, linje 2, kolonne «fravaersprocent»: en procent kan ikke være over 100"),
    (Series.HEADCOUNT, "maaned;enhed_id;ansatte;aarsvaerk\n2022-09;E1;3,5;3",
     "fil.csv, linje 2, kolonne «ansatte»: «3,5» er ikke et heltal; forventet fx 1.234 eller -5"),
    (Series.POPULATION, "maaned;befolkningstal\n2022-09;-5",
     "fil.csv, linje 2, kolonne «befolkningstal»: tallet kan ikke være negativt"),
    (Series.POPULATION, "maaned;befolkningstal\n2022-09;1;2",
     "fil.csv, linje 2: rækken har 3 felter; overskriften har 2"),
    (Series.POPULATION, "maaned;befolkningstal\n", "fil.csv: filen indeholder ingen rækker"),
])
def test_a_bad_file_is_rejected_naming_line_and_column(org, series, text, expected):
    found = problems_of(series, text)
    assert any(problem.startswith(expected) for problem in found), found


def test_every_problem_in_a_file_is_reported_at_once(org):
    found = problems_of(Series.HEADCOUNT, """
        maaned;enhed_id;ansatte;aarsvaerk
        2022-09;E1;x;1
        2022-99;E1;1;1
        2022-09;Z;1;y
    """)
    assert len(found) == 4 and [p.split(",")[1].strip() for p in found] == ["linje 2", "linje 3", "linje 4",
                                                                              "linje 4"]


def test_an_excel_workbook_is_refused_with_advice():
    with pytest.raises(TableError, match="Excel-projektmappe"):
        services.import_population(b"PK\x03\x04rest of a zip", "befolkning.xlsx")


# --- the audit trail --------------------------------------------------------------------------------------


def test_each_import_is_recorded_and_audited_with_who_and_from_where(cast):
    with acting(cast.finance, source="upload af befolkning.csv"):
        services.import_population(csv("maaned;befolkningstal\n2022-09;48.785\n2022-10;48.735"), "befolkning.csv",
                                   user=cast.finance)
    record = KeyFigureImport.objects.get()
    assert (record.series, record.file_name, record.months, record.row_count, record.imported_by) == (
        Series.POPULATION, "befolkning.csv", ["2022-09", "2022-10"], 2, cast.finance)
    entry = LogEntry.objects.get_for_object(record).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == cast.finance
    assert entry.additional_data == {"kilde": "upload af befolkning.csv"}
