"""Importing the ERP's posting file: formats, rejection, replacement of periods, parking, rollups."""

import datetime
import io
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError

from styr.budget import ledger_import, ledger_store
from styr.budget.ledger_import import import_ledger, preview_ledger
from styr.budget.models import (
    Art,
    Function,
    LedgerCentreMonth,
    LedgerImport,
    LedgerMonth,
    Posting,
    SuspensePosting,
)
from styr.core.audit import acting
from styr.core.tabular import TableError

from .ledger_factories import AUGUST, HEADER, JULY, make_ledger_chart, posting_file, postings

JULY_ROWS = [
    (202207, datetime.date(2022, 7, 1), "100100", "3.22.01", 1, "1.0", Decimal("12345.67"), "Løn juli", "B1001",
     "", ""),
    (202207, datetime.date(2022, 7, 15), "100110", "3.22.01", 1, "4.0", Decimal("-1000.00"), "Kreditnota", "B1002",
     "", ""),
    (202207, datetime.date(2022, 7, 31), "100300", "5.30.27", 3, "4.0", Decimal("1000000.00"), "Ombygning", "B1004",
     "", ""),
    (202207, datetime.date(2022, 7, 31), "100300", "5.57.73", 1, "4.0", Decimal("250.50"), "Hjælp", "B1003", "", ""),
]


@pytest.fixture
def chart(org):
    return make_ledger_chart(2022)


def run(text: str | bytes, filename: str = "posteringer.csv", **options):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return import_ledger(data, filename=filename, **options)


def snapshot():
    return (postings(), sorted(LedgerMonth.objects.values_list("period", "cost_centre_id", "amount", "postings")),
            sorted(LedgerCentreMonth.objects.values_list("period", "cost_centre_id", "capital", "service", "amount")),
            LedgerImport.objects.count(), SuspensePosting.objects.count())


def rejected(text: str | bytes, **options) -> TableError:
    before = snapshot()
    with pytest.raises(TableError) as info:
        run(text, **options)
    assert snapshot() == before, "a rejected file must change nothing"
    return info.value


def only_problem(error: TableError):
    assert error.total == 1, [str(problem) for problem in error.problems]
    return error.problems[0]


# --- a good file ------------------------------------------------------------------------------------


def test_a_good_file_loads_every_posting_exactly(chart):
    result = run(JULY)
    assert postings() == JULY_ROWS
    assert result.rows == 4 and result.periods == ["2022-07"]
    assert result.total == Decimal("1011596.17")
    assert result.format_description == "semikolon, UTF-8"
    assert "4 posteringer for juli 2022" in result.summary()


def test_the_import_is_recorded_with_file_hash_periods_count_and_total(chart, cast):
    with acting(cast.finance, source="styr import-ledger posteringer.csv"):
        result = run(JULY, user=cast.finance)
    record = LedgerImport.objects.get()
    assert record == result.ledger_import
    assert record.file_name == "posteringer.csv" and len(record.sha256) == 64
    assert record.periods == ["2022-07"] and record.row_count == 4 and record.total == Decimal("1011596.17")
    assert record.imported_by == cast.finance and record.seconds >= 0
    assert set(Posting.objects.values_list("ledger_import", flat=True)) == {record.pk}
    entry = LogEntry.objects.get_for_object(record).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == cast.finance
    assert entry.additional_data == {"kilde": "styr import-ledger posteringer.csv"}
    assert entry.changes_dict["row_count"][1] in (4, "4")


def test_the_monthly_rollups_sum_and_count_per_account_string(chart, org):
    run(JULY)
    months = {(m.cost_centre.code, m.function.code, m.dranst, m.art.code): (m.amount, m.postings)
              for m in LedgerMonth.objects.select_related("cost_centre", "function", "art")}
    assert months == {
        ("100100", "3.22.01", 1, "1.0"): (Decimal("12345.67"), 1),
        ("100110", "3.22.01", 1, "4.0"): (Decimal("-1000.00"), 1),
        ("100300", "5.57.73", 1, "4.0"): (Decimal("250.50"), 1),
        ("100300", "5.30.27", 3, "4.0"): (Decimal("1000000.00"), 1),
    }
    centres = {(c.cost_centre.code, c.capital, c.service): c.amount
               for c in LedgerCentreMonth.objects.select_related("cost_centre")}
    assert centres == {
        ("100100", False, True): Decimal("12345.67"),
        ("100110", False, True): Decimal("-1000.00"),
        ("100300", False, False): Decimal("250.50"),  # kontanthjælp is a transfer, not service
        ("100300", True, True): Decimal("1000000.00"),  # dranst 3 is capital
    }


def test_rollups_add_up_several_postings_on_the_same_account_string(chart):
    run(posting_file("01-07-2022;3.22.01;1;1.0;100100;100,00;a;1", "02-07-2022;3.22.01;1;1.0;100100;0,01;b;2",
                     "03-07-2022;3.22.01;1;4.0;100100;-50,00;c;3"))
    month = LedgerMonth.objects.get(art__code="1.0")
    assert (month.amount, month.postings) == (Decimal("100.01"), 2)
    assert LedgerCentreMonth.objects.get().amount == Decimal("50.01")


# --- accepted variants --------------------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "label"), [("utf-8-sig", "UTF-8 med BOM"), ("cp1252", "Windows-1252"),
                                                 ("utf-8", "UTF-8")])
def test_utf8_with_or_without_bom_and_windows_1252_are_read_alike(chart, encoding, label):
    result = run(JULY.encode(encoding))
    assert postings() == JULY_ROWS
    assert result.format_description == f"semikolon, {label}"


def test_a_windows_1252_file_is_recognised_even_when_its_head_is_plain_ascii(chart, monkeypatch):
    filler = [f"01-07-2022;3.22.01;1;1.0;100100;1,00;ascii;{n}" for n in range(1500)]
    text = posting_file(*filler, "02-07-2022;3.22.01;1;1.0;100100;2,00;Løn;X")
    monkeypatch.setattr(ledger_import, "CHUNK_SIZE", 4096)
    result = run(text.encode("cp1252"))
    assert result.format_description == "semikolon, Windows-1252"
    assert Posting.objects.get(voucher="X").text == "Løn"


@pytest.mark.parametrize(("delimiter", "name"), [(",", "komma"), ("\t", "tabulator")])
def test_comma_and_tab_delimited_files_are_read(chart, delimiter, name):
    rows = ['01-07-2022;3.22.01;1;1.0;100100;"12.345,67";Løn juli;B1001']
    text = posting_file(*rows, delimiter=delimiter).replace('"12.345,67"'.replace(";", delimiter), '"12.345,67"')
    result = run(text)
    assert Posting.objects.get().amount == Decimal("12345.67")
    assert result.format_description.startswith(name)


@pytest.mark.parametrize("written", ["31-07-2022", "31.07.2022", "2022-07-31", "31/07/2022", "31-7-2022"])
def test_danish_and_iso_dates_are_read(chart, written):
    run(posting_file(f"{written};3.22.01;1;1.0;100100;1,00;x;1"))
    assert Posting.objects.get().date == datetime.date(2022, 7, 31)


@pytest.mark.parametrize(("written", "amount"), [
    ("-12.345,67", "-12345.67"), ("12345,67", "12345.67"), ("1.234", "1234.00"), ("123,00-", "-123.00"),
    ("12345.67", "12345.67"), ("0,5", "0.50"), ("-0,00", "0.00"), ("1 234,50", "1234.50"),
])
def test_danish_amounts_in_every_common_form_are_read_exactly(chart, written, amount):
    run(posting_file(f'31-07-2022;3.22.01;1;1.0;100100;"{written}";x;1'))
    assert Posting.objects.get().amount == Decimal(amount)


def test_statistics_denmarks_forms_of_function_and_art_are_read(chart):
    Function.objects.create(year=2022, code="0.22.01", name="Fælles formål")
    run(posting_file("01-07-2022;32201;1;40;100100;1,00;x;1", "01-07-2022;2201;1;10;100100;2,00;y;2"))
    assert sorted(Posting.objects.values_list("function__code", "art__code")) == [("0.22.01", "1.0"),
                                                                                  ("3.22.01", "4.0")]


def test_columns_may_come_in_any_order_with_extra_and_without_optional_ones(chart):
    text = "beloeb;Omkostningssted;ekstra;ART;dranst;funktion;dato\n1.000,00;100100;noget;4.0;1;3.22.01;01-07-2022\n"
    result = run(text)
    posting = Posting.objects.get()
    assert (posting.amount, posting.text, posting.voucher) == (Decimal("1000.00"), "", "")
    assert result.rows == 1


def test_quoted_fields_may_hold_delimiters_quotes_and_line_breaks(chart):
    text = posting_file(
        '01-07-2022;3.22.01;1;1.0;100100;1,00;"Løn; juli ""ekstra""";B1',
        '02-07-2022;3.22.01;1;1.0;100100;2,00;"første linje\nanden linje";B2',
        "03-07-2022;3.22.01;1;1.0;100100;3,00;12\" rør;B3",
        "04-07-2022;3.22.01;1;1.0;100100;4,00;sidst;B4",
        newline="\r\n",
    )
    run(text)
    assert sorted(Posting.objects.values_list("voucher", "text")) == [
        ("B1", 'Løn; juli "ekstra"'), ("B2", "første linje\nanden linje"), ("B3", '12" rør'), ("B4", "sidst")]


def test_empty_rows_and_trailing_delimiters_from_excel_are_skipped(chart):
    text = HEADER + "\n;;;;;;;\n01-07-2022;3.22.01;1;1.0;100100;1,00;x;1\n\n;;;;;;;\n"
    assert run(text).rows == 1


def test_rows_longer_than_a_chunk_and_records_across_chunks_are_read(chart, monkeypatch):
    monkeypatch.setattr(ledger_import, "CHUNK_SIZE", 100)
    rows = [f'01-07-2022;3.22.01;1;1.0;100100;{n},00;"tekst {n}\nover to linjer";V{n}' for n in range(1, 2001)]
    rows.append("01-07-2022;3.22.01;1;1.0;100100;1,00;" + "lang " * 39 + ";LANG")
    result = run(posting_file(*rows))
    assert result.rows == 2001
    assert Posting.objects.get(voucher="V2000").text == "tekst 2000\nover to linjer"
    assert result.total == Decimal(sum(range(1, 2001)) + 1)


def test_a_file_object_that_cannot_seek_is_read_and_hashed_while_streaming(chart):
    class Pipe(io.RawIOBase):
        def __init__(self, data):
            self.data = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, buffer):
            chunk = self.data.read(min(len(buffer), 7000))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    result = import_ledger(Pipe(JULY.encode()), filename="rør.csv")
    assert result.rows == 4
    again = import_ledger(Pipe(JULY.encode()), filename="rør.csv")
    assert again.unchanged and LedgerImport.objects.count() == 1 and len(postings()) == 4


def test_a_path_is_read_too(chart, tmp_path):
    path = tmp_path / "juli.csv"
    path.write_text(JULY, encoding="utf-8")
    assert import_ledger(path, filename="juli.csv").rows == 4


# --- profiles ---------------------------------------------------------------------------------------------


def test_the_prisme_profile_renames_the_columns(chart):
    text = ("Dato;Funktion;DRANST;Art;Omk.sted;Beløb;Tekst;Bilag\n"
            "31.07.2022;3.22.01;1;1.0;100100;-12.345,67;Løn;B9\n")
    result = run(text, profile="prisme")
    posting = Posting.objects.get()
    assert (posting.amount, posting.voucher) == (Decimal("-12345.67"), "B9")
    assert result.format_description == "semikolon, UTF-8, profil «prisme»"


def test_a_combined_account_string_is_split_by_its_layout(chart):
    run("dato;kontostreng;beloeb;tekst\n31-07-2022;3.22.01-1-4.0-100110;10,00;x\n"
        "31-07-2022;32201-3-10-100300;20,00;y\n", profile="kontostreng")
    assert sorted(Posting.objects.values_list("function__code", "dranst", "art__code", "cost_centre__code",
                                              "amount")) == [
        ("3.22.01", 1, "4.0", "100110", Decimal("10.00")), ("3.22.01", 3, "1.0", "100300", Decimal("20.00"))]


def test_a_fixed_width_account_string_is_split_by_position(chart):
    run("dato;kontostreng;beloeb\n31-07-2022;32201140100110;10,00\n", profile="fast-bredde")
    posting = Posting.objects.get()
    assert (posting.function.code, posting.dranst, posting.art.code, posting.cost_centre.code) == (
        "3.22.01", 1, "4.0", "100110")


def test_an_account_string_without_the_layout_is_a_problem(chart):
    error = rejected("dato;kontostreng;beloeb\n31-07-2022;3.22.01-1-4.0;10,00\n", profile="kontostreng")
    problem = only_problem(error)
    assert (problem.line, problem.column, problem.value) == (2, "kontostreng", "3.22.01-1-4.0")
    assert "forventet fx 3.22.01-1-4.0-100110" in problem.message


def test_an_unknown_profile_is_refused_with_the_known_ones(chart):
    with pytest.raises(ValueError, match="ukendt profil «sap»; kendte profiler: standard, prisme"):
        run(JULY, profile="sap")


# --- rejected files -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("row", "column", "value", "message"), [
    ("31-07-2022;3.22.01;1;1.0;999999;1,00;x;1", "omkostningssted", "999999", "ukendt omkostningssted"),
    ("31-07-2022;3.22.02;1;1.0;100100;1,00;x;1", "funktion", "3.22.02",
     "ukendt funktion 3.22.02 i kontoplanen for 2022"),
    ("31-07-2022;3.22;1;1.0;100100;1,00;x;1", "funktion", "3.22", "«3.22» er ikke en funktion"),
    ("31-07-2022;3.22.01;1;4.9;100100;1,00;x;1", "art", "4.9", "ukendt art 4.9 i kontoplanen for 2022"),
    ("31-07-2022;3.22.01;1;x;100100;1,00;x;1", "art", "x", "«x» er ikke en art; forventet fx 4.0 eller 40"),
    ("31-07-2022;3.22.01;0;1.0;100100;1,00;x;1", "dranst", "0", "forventet et tal fra 1 til 9"),
    ("31-07-2022;3.22.01;;1.0;100100;1,00;x;1", "dranst", "", "feltet er tomt"),
    ("31-07-2022;3.22.01;1;1.0;100100;12,3,4;x;1", "beloeb", "12,3,4", "er ikke et beløb"),
    ("31-07-2022;3.22.01;1;1.0;100100;1,005;x;1", "beloeb", "1,005", "brøkdele af en øre"),
    ("31-02-2022;3.22.01;1;1.0;100100;1,00;x;1", "dato", "31-02-2022", "er ikke en gyldig dato"),
    ("31-07-2022;3.22.01;1;1.0;100100;1,00;" + "x" * 201 + ";1", "tekst", "x" * 40 + "…", "længere end 200 tegn"),
])
def test_a_bad_value_rejects_the_file_with_line_column_value_and_expectation(chart, row, column, value, message):
    error = rejected(posting_file("01-07-2022;3.22.01;1;1.0;100100;1,00;god;1", row))
    problem = only_problem(error)
    assert (problem.file, problem.line, problem.column, problem.value) == ("posteringer.csv", 3, column, value)
    assert message in problem.message


def test_the_problem_names_the_column_as_the_file_writes_it(chart):
    error = rejected("Dato;Funktion;DRANST;Art;Omk.sted;Beløb\n31.07.2022;3.22.01;1;1.0;1;1,00\n", profile="prisme")
    assert str(only_problem(error)).startswith("posteringer.csv, linje 2, kolonne «Omk.sted»: ukendt omkostningssted")


def test_a_function_of_a_year_without_a_chart_says_the_chart_is_missing(chart):
    error = rejected(posting_file("01-01-2023;3.22.01;1;1.0;100100;1,00;x;1"))
    assert [problem.column for problem in error.problems] == ["funktion", "art"]
    assert error.problems[0].message == ("ukendt funktion 3.22.01 i kontoplanen for 2023; "
                                         "kontoplanen for 2023 er ikke indlæst")


def test_functions_and_arts_are_looked_up_in_the_chart_of_the_postings_year(chart):
    Function.objects.create(year=2023, code="3.22.01", name="Folkeskoler")
    Art.objects.create(year=2023, code="1.0", name="Lønninger")
    run(posting_file("31-12-2022;3.22.01;1;1.0;100100;1,00;x;1", "01-01-2023;3.22.01;1;1.0;100100;2,00;y;2"))
    assert sorted(Posting.objects.values_list("period", "function__year", "art__year")) == [
        (202212, 2022, 2022), (202301, 2023, 2023)]


def test_a_posting_outside_the_given_period_is_a_problem(chart):
    problem = only_problem(rejected(AUGUST, period="2022-07"))
    assert (problem.line, problem.column, problem.value) == (2, "dato", "01-08-2022")
    assert problem.message == "«01-08-2022» ligger uden for perioden 2022-07"


def test_a_row_with_the_wrong_number_of_fields_is_a_problem(chart):
    problem = only_problem(rejected(posting_file("01-07-2022;3.22.01;1;1.0;100100;1,00;x")))
    assert (problem.line, problem.message) == (2, "rækken har 7 felter; overskriften har 8")


def test_an_unclosed_quote_is_reported_where_it_begins(chart):
    good = "01-07-2022;3.22.01;1;1.0;100100;1,00;x;1"
    error = rejected(posting_file(good, '01-07-2022;3.22.01;1;1.0;100100;1,00;"x;1', good))
    assert error.problems[0].line == 3 and "anførselstegn" in error.problems[0].message


def test_bytes_that_are_neither_utf8_nor_windows_1252_are_rejected_with_their_line(chart):
    # Past the head of the file (64 KiB), which is UTF-8 with Danish letters.
    rows = [f"01-07-2022;3.22.01;1;1.0;100100;1,00;Løn;{n}" for n in range(2000)]
    data = posting_file(*rows).encode("utf-8") + "01-07-2022;3.22.01;1;1.0;100100;1,00;Løn;9\n".encode("cp1252")
    problem = only_problem(rejected(data))
    assert problem.line == 2002 and "kan ikke læses som UTF-8" in problem.message


def test_a_missing_column_is_reported_from_the_header(chart):
    error = rejected("dato;funktion;dranst;art;beloeb\n01-07-2022;3.22.01;1;1.0;1,00\n")
    assert "mangler kolonnen «omkostningssted»" in str(error)


def test_an_empty_file_and_a_file_without_postings_are_rejected(chart):
    assert "filen er tom" in str(rejected(b""))
    assert "filen indeholder ingen posteringer" in str(rejected(HEADER + "\n"))


def test_every_problem_is_counted_but_only_the_first_hundred_are_kept(chart):
    error = rejected(posting_file(*[f"01-07-2022;3.22.01;1;1.0;9{n:05d};1,00;x;1" for n in range(250)]))
    assert error.total == 250 and len(error.problems) == 100
    assert "… og 240 problemer mere" in str(error)


def test_several_problems_in_one_row_are_all_reported(chart):
    error = rejected(posting_file("01-07-2022;9.99.99;0;9.9;1;abc;x;1"))
    assert {problem.column for problem in error.problems} == {"funktion", "dranst", "art", "omkostningssted",
                                                               "beloeb"}


def test_a_bad_period_option_is_refused_in_danish(chart):
    with pytest.raises(ValueError, match="er ikke en gyldig periode"):
        run(JULY, period="juli")


# --- replacing periods ----------------------------------------------------------------------------------


def test_the_same_file_twice_changes_nothing_and_says_so(chart):
    run(JULY)
    before = snapshot()
    again = run(JULY, filename="igen.csv")
    assert again.unchanged and snapshot() == before
    assert "er allerede indlæst (samme indhold)" in again.summary()


def test_a_second_file_for_the_same_period_replaces_it(chart):
    run(JULY)
    run(posting_file("05-07-2022;3.22.01;1;1.0;100120;7,00;ny;N1"))
    assert postings() == [(202207, datetime.date(2022, 7, 5), "100120", "3.22.01", 1, "1.0", Decimal("7.00"), "ny",
                           "N1", "", "")]
    assert list(LedgerMonth.objects.values_list("amount", "postings")) == [(Decimal("7.00"), 1)]
    assert list(LedgerCentreMonth.objects.values_list("amount", flat=True)) == [Decimal("7.00")]


def test_periods_not_in_the_file_are_untouched(chart):
    run(JULY)
    run(AUGUST)
    run(posting_file("05-07-2022;3.22.01;1;1.0;100120;7,00;ny;N1"))
    assert postings(202208) == [(202208, datetime.date(2022, 8, 1), "100100", "3.22.01", 1, "1.0",
                                 Decimal("500.00"), "Løn august", "B2001", "", "")]
    assert LedgerMonth.objects.filter(period=202208).count() == 1
    assert len(postings(202207)) == 1


def test_a_file_may_cover_several_periods_and_replaces_each(chart):
    run(JULY)
    result = run(posting_file("01-07-2022;3.22.01;1;1.0;100100;1,00;a;1", "01-08-2022;3.22.01;1;1.0;100100;2,00;b;2"))
    assert result.periods == ["2022-07", "2022-08"]
    assert [row[6] for row in postings()] == [Decimal("1.00"), Decimal("2.00")]


def test_an_earlier_file_imported_again_after_another_one_is_imported_again(chart):
    run(JULY)
    run(posting_file("05-07-2022;3.22.01;1;1.0;100120;7,00;ny;N1"))
    again = run(JULY)
    assert not again.unchanged and postings() == JULY_ROWS


def test_a_given_period_is_replaced_even_by_a_file_without_postings(chart):
    run(JULY)
    run(AUGUST)
    result = run(HEADER + "\n", period="2022-07")
    assert result.periods == ["2022-07"] and result.rows == 0
    assert postings(202207) == [] and not LedgerMonth.objects.filter(period=202207).exists()
    assert len(postings(202208)) == 1


# --- parking ----------------------------------------------------------------------------------------------


def test_unknown_cost_centres_are_parked_when_asked(chart):
    text = posting_file("01-07-2022;3.22.01;1;1.0;100100;1,00;kendt;1", "02-07-2022;32201;1;40;777777;-2,50;ukendt;2")
    result = run(text, park_unknown=True)
    assert result.rows == 1 and result.parked == 1
    parked = SuspensePosting.objects.get()
    assert (parked.line, parked.period, parked.date, parked.cost_centre_code, parked.function_code, parked.dranst,
            parked.art_code, parked.amount, parked.text, parked.voucher) == (
        3, 202207, datetime.date(2022, 7, 2), "777777", "3.22.01", 1, "4.0", Decimal("-2.50"), "ukendt", "2")
    assert parked.ledger_import == result.ledger_import and result.ledger_import.suspense_count == 1
    assert "1 posteringer med ukendt omkostningssted er parkeret" in result.summary()


def test_parking_still_rejects_other_problems(chart):
    error = rejected(posting_file("02-07-2022;3.22.01;1;9.9;777777;1,00;x;1"), park_unknown=True)
    assert only_problem(error).column == "art"


def test_a_new_import_of_the_period_replaces_its_parked_postings(chart):
    run(posting_file("02-07-2022;3.22.01;1;1.0;777777;1,00;x;1"), park_unknown=True)
    run(posting_file("02-07-2022;3.22.01;1;1.0;100100;1,00;x;1"))
    assert not SuspensePosting.objects.exists()


# --- preview -----------------------------------------------------------------------------------------------


def test_the_preview_shows_format_mapping_first_rows_and_problems_without_writing(chart):
    text = ("Dato;Funktion;DRANST;Art;Omk.sted;Beløb;Tekst;Bilag;Andet\n"
            + "".join(f"31.07.2022;32201;1;40;100100;{n},00;t{n};B{n};z\n" for n in range(1, 21))
            + "31.07.2022;32201;1;40;999;1,00;t;B;z\n")
    preview = preview_ledger(text.encode("cp1252"), filename="prisme.csv", profile="prisme", show=3)
    assert preview.format_description == "semikolon, Windows-1252, profil «prisme»"
    assert ("Omk.sted", "omkostningssted") in preview.columns and preview.ignored_columns == ["Andet"]
    assert [row["beloeb"] for row in preview.rows] == [Decimal("1.00"), Decimal("2.00"), Decimal("3.00")]
    assert preview.rows[0]["funktion"] == "3.22.01" and preview.rows[0]["art"] == "4.0"
    assert preview.checked_rows == 21 and preview.estimated_rows == 21
    assert preview.problems.total == 1 and preview.problems.problems[0].line == 22
    assert not Posting.objects.exists() and not LedgerImport.objects.exists()


def test_the_preview_of_a_file_with_a_bad_header_has_only_problems(chart):
    preview = preview_ledger(b"helt;forkert\n1;2\n", filename="x.csv")
    assert preview.rows == [] and "mangler kolonnerne" in str(preview.problems)


# --- the command ------------------------------------------------------------------------------------------------


def test_the_command_imports_and_says_what_it_did(chart, tmp_path, capsys):
    path = tmp_path / "juli.csv"
    path.write_text(JULY, encoding="utf-8")
    call_command("import-ledger", str(path), "--period", "2022-07")
    assert "juli.csv er indlæst: 4 posteringer for juli 2022, i alt 1.011.596,17 kr." in capsys.readouterr().out
    call_command("import-ledger", str(path))
    assert "er allerede indlæst" in capsys.readouterr().out
    entry = LogEntry.objects.get_for_object(LedgerImport.objects.get()).get()
    assert entry.additional_data == {"kilde": "styr import-ledger juli.csv"}


def test_the_command_rejects_a_bad_file_with_a_danish_message(chart, tmp_path):
    path = tmp_path / "juli.csv"
    path.write_text(posting_file("31-07-2022;3.22.01;1;1.0;999999;1,00;x;1"), encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("import-ledger", str(path))
    assert "Filen er afvist, og intet er ændret." in str(info.value)
    assert "juli.csv, linje 2, kolonne «omkostningssted»: ukendt omkostningssted" in str(info.value)
    call_command("import-ledger", str(path), "--park-unknown")
    assert SuspensePosting.objects.count() == 1


def test_the_command_refuses_a_missing_file_and_a_bad_period(chart, tmp_path):
    with pytest.raises(CommandError, match="filen findes ikke"):
        call_command("import-ledger", str(tmp_path / "findes-ikke.csv"))
    path = tmp_path / "juli.csv"
    path.write_text(JULY, encoding="utf-8")
    with pytest.raises(CommandError, match="ikke en gyldig periode"):
        call_command("import-ledger", str(path), "--period", "2022-13")


def test_a_problem_after_batches_were_written_still_changes_nothing(chart, monkeypatch):
    run(JULY)
    monkeypatch.setattr(ledger_import, "BATCH_ROWS", 2)
    good = [f"0{n % 9 + 1}-07-2022;3.22.01;1;1.0;100100;{n},00;x;{n}" for n in range(7)]
    error = rejected(posting_file(*good, "01-08-2022;3.22.01;1;1.0;100100;1,00;x;1",
                                  "01-07-2022;3.22.01;1;1.0;100100;abc;x;9"))
    assert only_problem(error).line == 10


def test_batches_parked_postings_and_new_periods_interleave(chart, monkeypatch):
    monkeypatch.setattr(ledger_import, "BATCH_ROWS", 2)
    rows = []
    for n in range(12):
        rows.append(f"01-{n % 3 + 7:02d}-2022;3.22.01;1;1.0;100100;{n},00;x;{n}")
        if n % 4 == 0:
            rows.append(f"01-07-2022;3.22.01;1;1.0;555555;{n},00;parkeret;{n}")
    result = run(posting_file(*rows), park_unknown=True)
    assert (result.rows, result.parked, result.periods) == (12, 3, ["2022-07", "2022-08", "2022-09"])
    assert result.total == Decimal(sum(range(12)))


def test_a_large_file_on_sqlite_rebuilds_the_posting_indexes_and_a_rejected_one_keeps_them(chart, monkeypatch):
    from django.db import connection

    def indexes():
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'budget_posting'")
            return sorted(name for (name,) in cursor.fetchall())

    if connection.vendor != "sqlite":
        pytest.skip("only SQLite drops the posting indexes during a large import")
    run(JULY)
    before = indexes()
    assert "posting_cc_period" in before
    monkeypatch.setattr(ledger_store, "SQLITE_REINDEX_BYTES", 0)
    monkeypatch.setattr(ledger_store, "BYTES_PER_ROW", 1)
    dropped = []
    original = ledger_store.PostingStore._drop_indexes_for_a_large_file

    def spy(store):
        original(store)
        dropped.append(list(store.dropped_indexes))

    monkeypatch.setattr(ledger_store.PostingStore, "_drop_indexes_for_a_large_file", spy)
    rejected(posting_file("01-07-2022;3.22.01;1;1.0;100100;1,00;x;1", "01-07-2022;3.22.01;1;1.0;100100;abc;x;9"))
    assert indexes() == before and len(dropped) == 1
    result = run(posting_file(*(f"0{n % 9 + 1}-07-2022;3.22.01;1;1.0;100100;{n},00;x;{n}" for n in range(20))))
    assert result.rows == 20 and len(postings()) == 20 and indexes() == before
    assert len(dropped) == 2 and all(len(names) == len(before) for names in dropped)
    assert LedgerMonth.objects.get().postings == 20


@pytest.mark.parametrize("dranst", ["0", "10", "x", "²", ""])
def test_a_dranst_outside_1_to_9_is_a_problem_of_its_cell(chart, dranst):
    error = rejected(posting_file(f"01-07-2022;3.22.01;{dranst};1.0;100100;1,00;x;B1"))
    problem = only_problem(error)
    assert (problem.line, problem.column, problem.value) == (2, "dranst", dranst)
    assert "fra 1 til 9" in problem.message


def test_a_files_sha256_is_the_same_read_a_window_at_a_time(tmp_path, monkeypatch):
    import hashlib
    import mmap

    monkeypatch.setattr(ledger_import, "HASH_WINDOW", mmap.ALLOCATIONGRANULARITY)
    for size in (0, 1, mmap.ALLOCATIONGRANULARITY, 3 * mmap.ALLOCATIONGRANULARITY + 17):
        path = tmp_path / f"{size}.csv"
        path.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
        with path.open("rb") as stream:
            assert ledger_import._sha256_of_file(stream) == hashlib.sha256(path.read_bytes()).hexdigest()
