"""`styr keyfigures import|report|export`: each series goes out in its import format and comes back
unchanged; the report is written in every format."""

import io
import subprocess
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from styr.keyfigures import services
from styr.keyfigures.exports import export_series
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

pytestmark = pytest.mark.django_db

TABLES = {
    Series.LIQUIDITY: (LiquidityDay, ("day", "balance")),
    Series.ARREARS: (ArrearsMonth, ("month", "municipality", "property_tax", "collection_agency")),
    Series.ABSENCE: (AbsenceMonth, ("month", "unit__code", "sick_days", "possible_days", "employees")),
    Series.NATIONAL_ABSENCE: (NationalAbsenceMonth, ("month", "percent")),
    Series.HEADCOUNT: (HeadcountMonth, ("month", "unit__code", "persons", "fte")),
    Series.POPULATION: (PopulationMonth, ("month", "population")),
}


def dump(series: str) -> list[tuple]:
    model, fields = TABLES[series]
    return sorted(model.objects.values_list(*fields))


@pytest.mark.parametrize("series", list(Series.values))
def test_each_series_exported_and_imported_again_is_unchanged(figures_data, series):
    before = dump(series)
    assert before
    exported = export_series(series)
    assert exported.startswith("\ufeff".encode())  # Danish Excel opens it as UTF-8
    model, _ = TABLES[series]
    model.objects.all().delete()
    services.import_series(series, exported, f"{series}.csv")
    assert dump(series) == before
    assert export_series(series) == exported


def test_an_export_writes_danish_decimals_and_semicolons(figures_data):
    lines = export_series(Series.ARREARS).decode("utf-8-sig").splitlines()
    assert lines[0] == "maaned;restancer_kommunen;heraf_ejendomsskat;restancer_gaeldsstyrelsen"
    assert lines[-1] == "2022-09;80360000,00;12500000,00;45390000,00"


def test_the_command_imports_a_file_and_says_what_it_did(org, tmp_path):
    path = tmp_path / "befolkning.csv"
    path.write_text("maaned;befolkningstal\n2022-09;48.785\n", encoding="utf-8")
    out = io.StringIO()
    call_command("keyfigures", "import", "--series", "population", str(path), stdout=out)
    assert "befolkning.csv er indlæst – 1 rækker for september 2022" in out.getvalue()
    assert KeyFigureImport.objects.get().imported_by is None


def test_the_command_rejects_a_bad_file_with_line_and_column(org, tmp_path):
    path = tmp_path / "befolkning.csv"
    path.write_text("maaned;befolkningstal\n2022-09;mange\n", encoding="utf-8")
    with pytest.raises(CommandError, match="(?s)Filen er afvist, og intet er ændret.*linje 2, kolonne «befolk"):
        call_command("keyfigures", "import", "--series", "population", str(path))


def test_the_command_exports_to_a_file_or_to_standard_output(figures_data, tmp_path, capsysbinary):
    target = tmp_path / "ud.csv"
    call_command("keyfigures", "export", "--series", "population", "--out", str(target), stdout=io.StringIO())
    assert target.read_bytes() == export_series(Series.POPULATION)
    call_command("keyfigures", "export", "--series", "population")
    assert capsysbinary.readouterr().out == export_series(Series.POPULATION)


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf", "xlsx"])
def test_the_command_writes_the_report_in_each_format(figures_data, tmp_path, fmt):
    out = io.StringIO()
    call_command("keyfigures", "report", "--month", "2022-09", "--format", fmt, "--out", str(tmp_path), stdout=out)
    path = tmp_path / f"oekonomirapport-2022-09.{fmt}"
    data = path.read_bytes()
    assert "Orientering om udviklingen i kommunens økonomi – september 2022" in out.getvalue()
    if fmt == "html":
        assert "Der har været et fald på 247 personer siden oktober 2021" in data.decode()
    elif fmt == "pdf":
        text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
        assert "Der har været et fald på 247 personer" in text and "Side 1 af" in text
    elif fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            assert "fald på 247 personer" in package.read("word/document.xml").decode()
            assert sum(name.startswith("word/media/") for name in package.namelist()) == 6  # the charts
    else:
        from openpyxl import load_workbook

        points = load_workbook(io.BytesIO(data))["Sagsfremstilling"]
        assert "fald på 247 personer" in points.cell(4, 2).value


def test_a_report_month_must_be_a_month():
    with pytest.raises(CommandError, match="--month"):
        call_command("keyfigures", "report", "--month", "september")


def test_the_excel_report_holds_the_numbers_in_kroner_not_rounded(figures_data):
    from openpyxl import load_workbook

    from styr.keyfigures.outputs import to_xlsx
    from styr.keyfigures.report import economy_report

    workbook = load_workbook(io.BytesIO(to_xlsx(economy_report(date(2022, 9, 1), with_charts=False))))
    assert workbook.sheetnames == ["Nøgletal", "Sagsfremstilling", "Befolkning", "Likviditet", "Restancer",
                                   "Sygefravær", "Ansatte"]
    sheet = workbook["Nøgletal"]
    rows = {sheet.cell(r, 1).value: [sheet.cell(r, c).value for c in range(2, 7)] for r in range(4, 14)}
    assert rows["Restancer hos kommunen (kr.)"] == [Decimal("80360000"), Decimal("70000000"), None,
                                                    Decimal("10360000"), None]
    assert rows["Befolkningstal ved månedens udgang"] == [48_735, 48_785, 48_982, -50, -247]
