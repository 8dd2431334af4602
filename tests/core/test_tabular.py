import io
import pickle
from collections.abc import Iterator

import pytest

from styr.core.danish_values import parse_amount
from styr.core.tabular import (
    HEAD_SIZE,
    Problem,
    ProblemCollector,
    Row,
    TableError,
    normalise_column_name,
    read_table,
    read_table_from_path,
)

REQUIRED = ("navn", "beloeb")


def read(data, *, required=REQUIRED, encoding="utf-8", **kwargs):
    raw = data.encode(encoding) if isinstance(data, str) else data
    return read_table(raw, filename="data.csv", required=required, **kwargs)


def rows_of(table):
    return [(row.line, row.values) for row in table.rows]


def problems_when_reading(data, **kwargs):
    """The problems from reading the header and then all the rows."""
    with pytest.raises(TableError) as error:
        rows_of(read(data, **kwargs))
    return error.value.problems


def only_problem(data, **kwargs):
    problems = problems_when_reading(data, **kwargs)
    assert len(problems) == 1, problems
    return problems[0]


class Upload:
    """A non-seekable upload that hands out at most 1000 bytes per read, like a
    socket, makes its content on the fly and counts how much has been read."""

    def __init__(self, lines: Iterator[bytes]) -> None:
        self._lines = lines
        self._pending = b""
        self.served = 0

    def read(self, size: int) -> bytes:
        size = min(size, 1000)
        while len(self._pending) < size:
            line = next(self._lines, None)
            if line is None:
                break
            self._pending += line
        chunk, self._pending = self._pending[:size], self._pending[size:]
        self.served += len(chunk)
        return chunk


# --- encodings ----------------------------------------------------------------


def test_a_semicolon_file_with_a_bom_is_read():
    table = read("\ufeffNavn;Beløb\r\nSøren;1.234,50\r\n", encoding="utf-8")
    assert table.encoding == "UTF-8 med BOM"
    assert rows_of(table) == [(2, {"navn": "Søren", "beloeb": "1.234,50"})]


def test_a_utf8_file_without_a_bom_is_read():
    table = read("navn;beløb\nÆble Åse Øster;5\n")
    assert table.encoding == "UTF-8"
    assert rows_of(table) == [(2, {"navn": "Æble Åse Øster", "beloeb": "5"})]


def test_a_pure_ascii_file_is_called_utf8():
    table = read("navn;beloeb\nBo;5\n")
    assert table.encoding == "UTF-8"
    assert rows_of(table) == [(2, {"navn": "Bo", "beloeb": "5"})]


def test_a_windows_1252_file_is_read():
    table = read("Navn;Beløb\r\nJørgen Æbelø;-12,00\r\n", encoding="cp1252")
    assert table.encoding == "Windows-1252"
    assert rows_of(table) == [(2, {"navn": "Jørgen Æbelø", "beloeb": "-12,00"})]


def test_windows_1252_specific_characters_such_as_the_euro_sign_are_read():
    table = read("navn;beloeb\n€ – “citat”;1\n", encoding="cp1252")
    assert rows_of(table) == [(2, {"navn": "€ – “citat”", "beloeb": "1"})]


def test_a_windows_1252_file_that_is_ascii_in_its_first_chunk_is_recognised_later():
    filler = "".join(f"Bo;{n}\n" for n in range(HEAD_SIZE // 5))
    table = read(f"navn;beloeb\n{filler}Søren;7\n", encoding="cp1252")
    assert table.encoding == "UTF-8"  # all it can know before the rows are read
    rows = rows_of(table)
    assert rows[-1] == (len(rows) + 1, {"navn": "Søren", "beloeb": "7"})
    assert table.encoding == "Windows-1252"


def test_a_utf8_character_cut_by_the_end_of_the_first_chunk_is_still_utf8():
    prefix = b"navn;beloeb\n" + b"Bo;1\n" * (HEAD_SIZE // 5 - 10)
    name = b"x" * (HEAD_SIZE - 1 - len(prefix)) + "ø".encode()
    data = prefix + name + b";2\n"
    assert data[HEAD_SIZE - 1 : HEAD_SIZE + 1] == "ø".encode()
    table = read(data)
    assert table.encoding == "UTF-8"
    assert rows_of(table)[-1][1]["navn"].endswith("xø")


def test_a_windows_1252_letter_that_is_the_last_byte_of_the_first_chunk_is_not_taken_for_utf8():
    # 0xC5 is "Å" in Windows-1252 but also starts a two-byte UTF-8 character.
    prefix = b"navn;beloeb\n" + b"Bo;1\n" * (HEAD_SIZE // 5 - 10)
    data = prefix + b"x" * (HEAD_SIZE - 1 - len(prefix)) + b"\xc5se;2\n"
    assert data[HEAD_SIZE - 1] == 0xC5
    table = read(data)
    assert rows_of(table)[-1][1]["navn"].endswith("xÅse")
    assert table.encoding == "Windows-1252"


def test_invalid_utf8_after_the_first_chunk_is_reported_with_its_line():
    filler = b"Bo;1\n" * (HEAD_SIZE // 5)
    data = "navn;beloeb\nSøren;1\n".encode() + filler + "Jørgen;2\n".encode("cp1252")
    problem = only_problem(data)
    assert problem.line == 3 + HEAD_SIZE // 5
    assert problem.message == (
        "linjen kan ikke læses som UTF-8 ligesom begyndelsen af filen; gem filen som «CSV UTF-8»"
    )


def test_invalid_utf8_later_in_a_file_that_started_as_ascii_and_then_utf8_is_reported():
    filler = b"Bo;1\n" * (HEAD_SIZE // 5)
    data = b"navn;beloeb\n" + filler + "Søren;1\n".encode() + "Jørgen;2\n".encode("cp1252")
    problem = only_problem(data)
    assert problem.line == 3 + HEAD_SIZE // 5
    assert "UTF-8" in problem.message


def test_invalid_utf8_after_a_bom_is_unreadable_rather_than_guessed():
    data = b"\xef\xbb\xbfnavn;beloeb\r\nBo;1\r\nJ\xf8rgen;2\r\n"
    problem = only_problem(data)
    assert (problem.line, problem.message) == (3, "filen kan ikke læses som tekst (UTF-8 eller Windows-1252)")


def test_bytes_that_neither_utf8_nor_windows_1252_can_read_are_reported_with_their_line():
    data = b"navn;beloeb\nBo;1\nJ\xf8rgen\x81;2\n"
    problem = only_problem(data)
    assert str(problem) == "data.csv, linje 3: filen kan ikke læses som tekst (UTF-8 eller Windows-1252)"


def test_an_undefined_windows_1252_byte_after_the_first_chunk_is_reported_with_its_line():
    filler = b"Bo;1\n" * (HEAD_SIZE // 5)
    data = b"navn;beloeb\nJ\xf8rgen;1\n" + filler + b"x\x81;2\n"
    problem = only_problem(data)
    assert problem.line == 3 + HEAD_SIZE // 5
    assert problem.message.startswith("linjen kan ikke læses som Windows-1252")


def test_a_nul_byte_makes_the_file_unreadable_at_its_line():
    problem = only_problem(b"navn;beloeb\r\nBo;1\r\nB\x00o;2\r\n")
    assert (problem.line, problem.message) == (3, "filen kan ikke læses som tekst (UTF-8 eller Windows-1252)")


def test_a_nul_byte_after_the_first_chunk_is_reported_with_its_line():
    filler = b"Bo;1\n" * (HEAD_SIZE // 5)
    problem = only_problem(b"navn;beloeb\n" + filler + b"B\x00o;2\n")
    assert problem.line == 2 + HEAD_SIZE // 5


def test_a_utf16_file_is_unreadable_with_advice_to_save_as_csv_utf8():
    problem = only_problem("navn;beloeb\r\nBo;1\r\n".encode("utf-16"))
    assert problem.line is None
    assert problem.message == (
        "filen kan ikke læses som tekst (UTF-8 eller Windows-1252); den er gemt som UTF-16, "
        "gem filen som «CSV UTF-8»"
    )


def test_an_excel_workbook_is_unreadable_with_advice_to_save_as_csv():
    problem = only_problem(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00")
    assert "det ligner en Excel-projektmappe (.xlsx)" in problem.message


# --- delimiters and csv syntax -------------------------------------------------


@pytest.mark.parametrize(("delimiter", "name"), [(";", "semikolon"), (",", "komma"), ("\t", "tabulator")])
def test_the_delimiter_is_detected_from_the_header(delimiter, name):
    table = read(f"navn{delimiter}beloeb{delimiter}dato\nBo{delimiter}5{delimiter}1-1-2022\n")
    assert (table.delimiter, table.delimiter_name) == (delimiter, name)
    assert rows_of(table) == [(2, {"navn": "Bo", "beloeb": "5"})]


def test_the_delimiter_that_finds_the_most_known_columns_wins():
    # Split on commas this header has one known name, split on semicolons two.
    table = read("navn;beloeb;note, fri tekst\nBo;1,5;a, b\n")
    assert table.delimiter == ";"
    assert rows_of(table) == [(2, {"navn": "Bo", "beloeb": "1,5"})]


def test_a_one_column_file_is_not_split_on_its_decimal_commas():
    table = read("beloeb\n12,50\n", required=["beloeb"])
    assert table.delimiter == ";"
    assert rows_of(table) == [(2, {"beloeb": "12,50"})]


def test_the_sniffer_picks_the_delimiter_when_no_column_is_known():
    table = read("a,b,c\n1,2,3\n4,5,6\n", required=())
    assert table.delimiter == ","
    assert table.ignored_columns == ("a", "b", "c")


def test_a_quoted_field_may_contain_the_delimiter_quotes_and_line_breaks():
    data = 'navn;beloeb\n"Hansen; Bo";"1"\n"Bo ""Bamse"" Ibsen";2\n"linje 1\nlinje 2";3\nsidste;4\n'
    assert rows_of(read(data)) == [
        (2, {"navn": "Hansen; Bo", "beloeb": "1"}),
        (3, {"navn": 'Bo "Bamse" Ibsen', "beloeb": "2"}),
        (4, {"navn": "linje 1\nlinje 2", "beloeb": "3"}),
        (6, {"navn": "sidste", "beloeb": "4"}),
    ]


def test_crlf_line_endings_are_read_and_kept_inside_quoted_fields():
    data = 'navn;beloeb\r\n"a\r\nb";1\r\nc;2\r\n'
    assert rows_of(read(data)) == [(2, {"navn": "a\r\nb", "beloeb": "1"}), (4, {"navn": "c", "beloeb": "2"})]


def test_old_mac_cr_line_endings_are_read():
    assert rows_of(read("navn;beloeb\rBo;1\rAnne;2\r")) == [
        (2, {"navn": "Bo", "beloeb": "1"}),
        (3, {"navn": "Anne", "beloeb": "2"}),
    ]


def test_a_last_line_without_a_line_break_is_read():
    assert rows_of(read("navn;beloeb\nBo;1")) == [(2, {"navn": "Bo", "beloeb": "1"})]


def test_empty_lines_and_lines_of_only_delimiters_are_skipped_but_counted():
    data = "navn;beloeb\n\nBo;1\n;\n  ;  \n\r\nAnne;2\n\n"
    assert rows_of(read(data)) == [(3, {"navn": "Bo", "beloeb": "1"}), (7, {"navn": "Anne", "beloeb": "2"})]


def test_empty_lines_before_the_header_are_skipped():
    table = read("\n\nnavn;beloeb\nBo;1\n")
    assert table.header_line == 3
    assert rows_of(table) == [(4, {"navn": "Bo", "beloeb": "1"})]


def test_values_are_stripped():
    assert rows_of(read('navn;beloeb\n  Bo  ;" 1 "\n')) == [(2, {"navn": "Bo", "beloeb": "1"})]


# --- header -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("  Beløb  ", "beloeb"),
        ("BELØB I ALT", "beloeb_i_alt"),
        ("Konto-nr", "konto_nr"),
        ("Afdeling  - Navn", "afdeling_navn"),
        ("Årsværk", "aarsvaerk"),
        ("\ufeffnavn", "navn"),
        ("beloeb", "beloeb"),
    ],
)
def test_column_names_are_normalised(written, normalised):
    assert normalise_column_name(written) == normalised


def test_header_names_are_matched_after_normalisation():
    table = read(" NAVN ;Beløb;Konto-Nr\nBo;1;42\n", optional=["konto_nr"])
    assert table.columns == ("navn", "beloeb", "konto_nr")
    assert rows_of(table) == [(2, {"navn": "Bo", "beloeb": "1", "konto_nr": "42"})]


def test_aliases_are_normalised_and_map_to_the_canonical_name():
    table = read("Medarbejder;Beløb i kr.\nBo;1\n", aliases={"Medarbejder": "navn", "beløb i kr.": "beloeb"})
    assert rows_of(table) == [(2, {"navn": "Bo", "beloeb": "1"})]


def test_unknown_columns_are_ignored_but_listed():
    table = read("Navn;Kommentar;beloeb;;Ekstra\nBo;hej;1;;x\n")
    assert table.ignored_columns == ("Kommentar", "Ekstra")
    assert rows_of(table) == [(2, {"navn": "Bo", "beloeb": "1"})]


def test_an_absent_optional_column_is_not_in_the_values():
    table = read("navn;beloeb\nBo;1\n", optional=["note"])
    assert table.columns == ("navn", "beloeb")
    assert rows_of(table) == [(2, {"navn": "Bo", "beloeb": "1"})]


def test_a_missing_required_column_is_reported_at_the_header_with_what_it_had():
    problem = only_problem("Navn;Dato\nBo;1-1-2022\n")
    assert (problem.line, problem.column) == (1, None)
    assert problem.message == (
        "mangler kolonnen «beloeb»; overskriften har «Navn», «Dato» (læst med semikolon som skilletegn)"
    )


def test_a_missing_column_message_leaves_out_nameless_columns():
    problem = only_problem("Navn;Dato;;\nBo;1-1-2022;;\n")
    assert "overskriften har «Navn», «Dato» (læst" in problem.message


def test_several_missing_columns_are_named_together():
    problem = only_problem("Dato\n1-1-2022\n")
    assert problem.message.startswith("mangler kolonnerne «navn», «beloeb»; overskriften har «Dato»")


def test_a_header_with_an_unexpected_delimiter_shows_how_it_was_split():
    problem = only_problem("navn|beloeb\nBo|1\n")
    assert "overskriften har «navn|beloeb»" in problem.message


def test_a_duplicate_column_is_reported():
    problem = only_problem("navn;beloeb;Navn\nBo;1;Anne\n")
    assert str(problem) == "data.csv, linje 1, kolonne «navn»: kolonnen findes flere gange: «navn», «Navn»"


def test_a_column_written_both_as_itself_and_as_an_alias_is_a_duplicate():
    problem = only_problem("navn;beloeb;Beløb i kr\nBo;1;2\n", aliases={"beløb i kr": "beloeb"})
    assert (problem.column, problem.message) == (
        "beloeb",
        "kolonnen findes flere gange: «beloeb», «Beløb i kr»",
    )


def test_duplicate_unknown_columns_do_not_matter():
    table = read("navn;beloeb;x;x\nBo;1;2;3\n")
    assert table.ignored_columns == ("x", "x")
    assert rows_of(table) == [(2, {"navn": "Bo", "beloeb": "1"})]


@pytest.mark.parametrize("data", ["", "\n\n", ";;\r\n"])
def test_an_empty_file_is_reported(data):
    problem = only_problem(data)
    assert str(problem) == "data.csv: filen er tom; forventet «navn», «beloeb»"


def test_a_required_column_name_that_is_not_normalised_is_a_programming_error():
    with pytest.raises(ValueError, match="must be given normalised: 'beloeb'"):
        read("navn;beloeb\n", required=["navn", "Beløb"])


def test_an_alias_for_an_unknown_column_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown column"):
        read("navn;beloeb\n", aliases={"sum": "total"})


# --- rows ---------------------------------------------------------------------


def test_a_row_with_too_few_or_too_many_fields_is_reported_and_skipped():
    table = read("navn;beloeb\nBo\nAnne;1;x\nOle;2\n")
    rows = []
    with pytest.raises(TableError) as error:
        rows.extend(table.rows)
    assert rows[0].values == {"navn": "Ole", "beloeb": "2"}  # good rows still come through
    assert [str(p) for p in error.value.problems] == [
        "data.csv, linje 2: rækken har 1 felt; overskriften har 2",
        "data.csv, linje 3: rækken har 3 felter; overskriften har 2",
    ]


def test_a_row_that_swallows_lines_through_a_stray_quote_gets_a_hint():
    problem = only_problem('navn;beloeb;dato\n"Bo;1;1-1-2022\nAnne;2;"\nOle;3;1-1-2022\n')
    assert (problem.line, problem.message) == (
        2,
        "rækken har 1 felt; overskriften har 3 (rækken fortsætter til linje 3; "
        "mangler der et afsluttende anførselstegn?)",
    )


def test_a_stray_quote_that_swallows_the_rest_of_a_big_file_is_reported():
    data = 'navn;beloeb\n"Bo;1\n' + "Anne;2\n" * 30_000
    problem = only_problem(data)
    assert problem.line == 2
    assert "mangler der et afsluttende anførselstegn" in problem.message


def test_problems_the_caller_adds_while_reading_rows_are_raised_after_the_last_row():
    table = read("navn;beloeb\nBo;12,3,4\nAnne;5\n")
    amounts = []
    with pytest.raises(TableError) as error:
        amounts.extend(
            table.problems.parse(row.line, "beloeb", row.values["beloeb"], parse_amount) for row in table.rows
        )
    assert amounts[1] == 5
    assert str(error.value) == (
        "data.csv, linje 2, kolonne «beloeb»: «12,3,4» er ikke et beløb; forventet fx -12.345,67"
    )
    assert error.value.problems[0].value == "12,3,4"


def test_rows_are_streamed_without_reading_the_whole_upload():
    def lines():
        yield "navn;beløb\r\n".encode()
        for n in range(1_000_000):
            yield f"Søren {n};{n},00\r\n".encode()

    upload = Upload(lines())
    table = read_table(upload, filename="stor.csv", required=REQUIRED)
    first = [next(table.rows) for _ in range(10)]
    assert first[0] == Row(2, {"navn": "Søren 0", "beloeb": "0,00"})
    assert upload.served < 2 * HEAD_SIZE
    assert sum(1 for _ in table.rows) == 1_000_000 - 10


def test_a_file_object_is_read_and_left_open():
    upload = io.BytesIO(b"navn;beloeb\nBo;1\n")
    table = read_table(upload, filename="data.csv", required=REQUIRED)
    assert rows_of(table) == [(2, {"navn": "Bo", "beloeb": "1"})]
    assert not upload.closed


def test_a_file_on_disk_is_read_under_its_own_name_and_closed_afterwards(tmp_path, monkeypatch):
    path = tmp_path / "løn.csv"
    path.write_bytes("navn;beløb\r\nBo;1\r\n".encode("cp1252"))
    opened = []
    real_open = open

    def spy_open(*args, **kwargs):
        opened.append(real_open(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr("builtins.open", spy_open)
    table = read_table_from_path(path, required=REQUIRED)
    assert table.filename == "løn.csv"
    assert rows_of(table) == [(2, {"navn": "Bo", "beloeb": "1"})]
    assert opened[0].closed


def test_a_file_on_disk_with_a_bad_header_is_closed_and_named_in_the_problem(tmp_path, monkeypatch):
    path = tmp_path / "forkert.csv"
    path.write_bytes(b"x;y\n")
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(real_open(*a, **k)) or opened[-1])
    with pytest.raises(TableError) as error:
        read_table_from_path(path, required=REQUIRED)
    assert str(error.value).startswith("forkert.csv, linje 1: mangler kolonnerne")
    assert opened[0].closed


# --- problems -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem("a.csv", 12, "beloeb", "x", "forkert"), "a.csv, linje 12, kolonne «beloeb»: forkert"),
        (Problem("a.csv", 12, None, None, "forkert"), "a.csv, linje 12: forkert"),
        (Problem("a.csv", None, "beloeb", None, "forkert"), "a.csv, kolonne «beloeb»: forkert"),
        (Problem("a.csv", None, None, None, "forkert"), "a.csv: forkert"),
        (Problem("", None, None, None, "forkert"), "forkert"),
    ],
)
def test_a_problem_reads_as_danish_text_without_the_parts_it_lacks(problem, text):
    assert str(problem) == text


def test_the_collector_keeps_the_first_hundred_problems_but_counts_them_all():
    collector = ProblemCollector("a.csv")
    for line in range(1, 251):
        collector.add(line, None, None, "forkert")
    with pytest.raises(TableError) as error:
        collector.raise_if_any()
    assert len(error.value.problems) == 100
    assert error.value.total == 250
    assert error.value.problems[-1].line == 100


def test_a_collector_without_problems_raises_nothing():
    collector = ProblemCollector("a.csv")
    collector.raise_if_any()
    assert not collector


def test_the_collector_parse_returns_the_value_or_records_the_problem():
    collector = ProblemCollector("a.csv", limit=5)
    assert collector.parse(3, "beloeb", "1,5", parse_amount) == parse_amount("1,5")
    assert collector.parse(4, "beloeb", "x", parse_amount) is None
    assert collector.problems == [
        Problem("a.csv", 4, "beloeb", "x", "«x» er ikke et beløb; forventet fx -12.345,67")
    ]


def test_a_table_error_lists_the_first_ten_problems_and_counts_the_rest():
    problems = [Problem("a.csv", n, None, None, "forkert") for n in range(1, 101)]
    lines = str(TableError(problems, total=140)).splitlines()
    assert lines[:2] == ["a.csv, linje 1: forkert", "a.csv, linje 2: forkert"]
    assert len(lines) == 11
    assert lines[-1] == "… og 130 problemer mere"


def test_a_table_error_with_one_more_problem_uses_the_singular():
    problems = [Problem("a.csv", n, None, None, "forkert") for n in range(1, 12)]
    assert str(TableError(problems)).splitlines()[-1] == "… og 1 problem mere"


def test_a_table_error_with_few_problems_lists_them_all():
    error = TableError([Problem("a.csv", 2, None, None, "forkert")])
    assert (str(error), error.total) == ("a.csv, linje 2: forkert", 1)


def test_a_table_error_survives_pickling():
    error = TableError([Problem("a.csv", 2, "beloeb", "x", "forkert")], total=7)
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own data
    assert (copy.problems, copy.total) == (error.problems, 7)


def test_wrong_rows_beyond_the_limit_are_counted_in_the_error():
    data = "navn;beloeb\n" + "Bo\n" * 150
    with pytest.raises(TableError) as error:
        rows_of(read(data))
    assert (len(error.value.problems), error.value.total) == (100, 150)
    assert str(error.value).endswith("… og 140 problemer mere")
