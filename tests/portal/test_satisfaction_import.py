"""User-satisfaction surveys: one import function behind a command and an upload page."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from styr.core.tabular import TableError
from styr.portal.models import SatisfactionImport, SatisfactionResult
from styr.portal.services import import_satisfaction

GOOD = (b"enhed_id;aar;spoergsmaal;gennemsnit;svar\n"
        b"B1;2022;Samlet tilfredshed;4,1;120\n"
        b"E1;2022;Samlet tilfredshed;3,75;40\n")


def test_a_survey_file_is_read_with_danish_numbers(cast):
    result = import_satisfaction(GOOD, "tilfredshed.csv", user=cast.finance)
    assert (result.rows, result.units, result.years) == (2, 2, [2022])
    row = SatisfactionResult.objects.get(unit=cast.org.e1)
    assert (row.average, row.responses, row.question) == (Decimal("3.75"), 40, "Samlet tilfredshed")
    assert SatisfactionImport.objects.get().imported_by == cast.finance


def test_a_new_file_replaces_the_results_of_its_units_and_years_only(cast):
    import_satisfaction(GOOD, "a.csv")
    import_satisfaction(b"enhed_id;aar;spoergsmaal;gennemsnit;svar\nB1;2022;Ny;3;10\nB1;2021;Gammel;3;10\n", "b.csv")
    assert set(SatisfactionResult.objects.values_list("unit__code", "year", "question")) == {
        ("B1", 2022, "Ny"), ("B1", 2021, "Gammel"), ("E1", 2022, "Samlet tilfredshed")}


def test_a_file_with_errors_is_rejected_whole_with_line_and_column(cast):
    bad = (b"enhed_id;aar;spoergsmaal;gennemsnit;svar\n"
           b"B1;2022;Samlet tilfredshed;4,1;120\n"
           b"X9;2022;Samlet tilfredshed;4,1;120\n"
           b"B1;22;Samlet tilfredshed;fire;0\n"
           b"B1;2022;samlet tilfredshed;4;12\n")
    with pytest.raises(TableError) as error:
        import_satisfaction(bad, "fejl.csv")
    text = str(error.value)
    assert "fejl.csv, linje 3, kolonne «enhed_id»: enheden «X9» findes ikke" in text
    assert "linje 4, kolonne «aar»" in text and "linje 4, kolonne «gennemsnit»" in text
    assert "linje 4, kolonne «svar»" in text
    assert "linje 5, kolonne «spoergsmaal»: samme enhed, år og spørgsmål som linje 2" in text
    assert not SatisfactionResult.objects.exists() and not SatisfactionImport.objects.exists()


def test_the_command_rejects_a_bad_file_in_danish(cast, tmp_path):
    path = tmp_path / "tilfredshed.csv"
    path.write_bytes(b"enhed_id;aar;spoergsmaal\nB1;2022;x\n")
    with pytest.raises(CommandError, match="mangler kolonnerne «gennemsnit», «svar»"):
        call_command("import-satisfaction", str(path))
    path.write_bytes(GOOD)
    call_command("import-satisfaction", str(path), "--dry-run")
    assert not SatisfactionResult.objects.exists()
    call_command("import-satisfaction", str(path))
    assert SatisfactionResult.objects.count() == 2


def test_the_upload_page_is_for_finance_and_shows_the_problems(client, cast):
    client.force_login(cast.finance)
    upload = SimpleUploadedFile("t.csv", b"enhed_id;aar;spoergsmaal;gennemsnit;svar\nB1;2022;x;9.999;1\n")
    page = client.post("/min-side/tilfredshed/indlaes/", {"file": upload}).content.decode()
    assert "Filen er afvist" in page and "linje 2" in page
    response = client.post("/min-side/tilfredshed/indlaes/", {"file": SimpleUploadedFile("t.csv", GOOD)})
    assert response.status_code == 302 and SatisfactionResult.objects.count() == 2
