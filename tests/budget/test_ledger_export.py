"""Exporting a period's postings in the import format: export → import is an exact round trip."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styr.budget.ledger_export import danish_amount, export_ledger
from styr.budget.ledger_import import import_ledger
from styr.budget.models import LedgerCentreMonth, LedgerImport, LedgerMonth, Posting, SuspensePosting

from .ledger_factories import AUGUST, make_ledger_chart, posting_file, postings

VARIED = posting_file(
    '01-07-2022;3.22.01;1;1.0;100100;-12.345.678,90;"Løn; juli ""ekstra""";B1;101;P-7',
    '02-07-2022;32201;3;40;100110;0,01;"to\nlinjer";B2;;',
    "31-07-2022;5.57.73;2;7.2;100300;1.000.000,00;;;;",
    "15-07-2022;5.30.27;9;4.0;100310;-0,50;Ærø å;B4;999;",
    header="dato;funktion;dranst;art;omkostningssted;beloeb;tekst;bilagsnr;gruppering;projekt",
)


def wipe():
    Posting.objects.all().delete()
    LedgerMonth.objects.all().delete()
    LedgerCentreMonth.objects.all().delete()
    SuspensePosting.objects.all().delete()
    LedgerImport.objects.all().delete()


def round_trip(period="2022-07"):
    before = postings()
    out = io.StringIO(newline="")
    count = export_ledger(period, out)
    wipe()
    import_ledger(out.getvalue().encode("utf-8"), filename="eksport.csv")
    assert postings() == before
    return count, out.getvalue()


@pytest.fixture
def chart(org):
    return make_ledger_chart(2022)


def test_export_then_import_gives_every_posting_back_exactly(chart):
    import_ledger(VARIED.encode(), filename="varieret.csv")
    count, text = round_trip()
    assert count == 4
    assert text.splitlines()[0] == "dato;funktion;dranst;art;omkostningssted;beloeb;tekst;bilagsnr;gruppering;projekt"
    assert text.splitlines()[1] == '01-07-2022;3.22.01;1;1.0;100100;-12.345.678,90;"Løn; juli ""ekstra""";B1;101;P-7'


def test_the_export_holds_only_the_period_asked_for(chart):
    import_ledger(VARIED.encode(), filename="juli.csv")
    import_ledger(AUGUST.encode(), filename="august.csv")
    out = io.StringIO(newline="")
    assert export_ledger("2022-08", out) == 1
    assert "01-08-2022;3.22.01;1;1.0;100100;500,00;Løn august;B2001;;" in out.getvalue()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    amounts=st.lists(st.integers(min_value=-10**13, max_value=10**13), min_size=1, max_size=5),
    texts=st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="\r")
                           | st.sampled_from(['"', ";", "\n", ","]), max_size=30).map(str.strip), min_size=5,
                   max_size=5),
)
def test_any_amount_and_text_survive_the_round_trip(chart, amounts, texts):
    wipe()
    lines = []
    for n, oere in enumerate(amounts):
        text = texts[n].replace('"', '""')
        lines.append(f'0{n + 1}-07-2022;3.22.01;1;1.0;100100;"{danish_amount(Decimal(oere) / 100)}";"{text}";V{n}')
    import_ledger(posting_file(*lines).encode(), filename="h.csv")
    assert sorted(row[6] for row in postings()) == sorted(Decimal(oere) / 100 for oere in amounts)
    round_trip()


def test_the_command_writes_the_period_to_a_file(chart, tmp_path, capsys):
    import_ledger(VARIED.encode(), filename="juli.csv")
    path = tmp_path / "ud.csv"
    call_command("export-ledger", "--period", "2022-07", "--out", str(path))
    assert path.read_text(encoding="utf-8").count("\n") == 6  # header, 4 rows, one of them on two lines
    wipe()
    call_command("import-ledger", str(path))
    assert len(postings()) == 4
    with pytest.raises(CommandError, match="ikke en gyldig periode"):
        call_command("export-ledger", "--period", "juli")
