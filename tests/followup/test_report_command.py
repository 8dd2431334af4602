"""`styr followup report`: every kind in every format, into a folder."""

import pytest
from django.core.management import CommandError, call_command

from tests.followup.report_factories import build_reference_round


@pytest.fixture
def reference(cast):
    return build_reference_round(cast)


@pytest.mark.parametrize(("kind", "stem"), [
    ("agenda", "budgetopfoelgning-2022-07-oekonomiudvalget"),
    ("monthly", "maanedsrapport-2022-07-oekonomiudvalget"),
    ("annual", "aarsrapport-2022-oekonomiudvalget"),
])
def test_the_command_writes_all_four_formats_of_each_kind(reference, tmp_path, kind, stem):
    call_command("followup", "report", "--month", "2022-07", "--scope", "OEU", "--kind", kind, "--out", str(tmp_path))
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(f"{stem}.{fmt}" for fmt in ("html", "docx", "pdf", "xlsx"))
    assert (tmp_path / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / f"{stem}.html").read_text().startswith("<!DOCTYPE html>")


def test_the_command_writes_the_whole_municipality_in_the_formats_asked_for(reference, tmp_path):
    call_command("followup", "report", "--month", "2022-07", "--kind", "agenda", "--format", "html",
                 "--format", "xlsx", "--out", str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["budgetopfoelgning-2022-07-testkommune.html",
                                                          "budgetopfoelgning-2022-07-testkommune.xlsx"]
    assert "Budgetopfølgning pr. 31. juli 2022 - hele kommunen" in (
        tmp_path / "budgetopfoelgning-2022-07-testkommune.html").read_text()


def test_the_annual_report_takes_a_year_and_a_unit(reference, tmp_path):
    call_command("followup", "report", "--year", "2022", "--scope", "OEU", "--kind", "annual", "--format", "html",
                 "--out", str(tmp_path))
    text = (tmp_path / "aarsrapport-2022-oekonomiudvalget.html").read_text()
    assert "Driftsregnskabet for Økonomiudvalget for 2022 viser et forbrug på" in text


@pytest.mark.parametrize(("args", "message"), [
    (["--month", "2022-13", "--kind", "agenda"], "forventede en måned som 2022-07"),
    (["--month", "2021-07", "--kind", "agenda"], "Der er ingen opfølgningsrunde for 07-2021"),
    (["--month", "2022-07", "--kind", "agenda", "--scope", "B1"], "B1 er ikke et udvalg i opfølgningsrunden"),
    (["--kind", "annual"], "Årsrapporten skal have et år"),
])
def test_the_command_says_what_is_wrong_in_danish(reference, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("followup", "report", *args, "--out", str(tmp_path))
