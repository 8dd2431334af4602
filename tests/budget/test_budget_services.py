"""Recording budget changes and importing the chart and the adopted budget."""

import datetime
from decimal import Decimal as D

import pytest
from auditlog.models import LogEntry
from openpyxl import Workbook

from styr.budget.models import Budget, BudgetChange, BudgetLine, Function
from styr.budget.services import ChangeLineInput, ChangeRefused, import_budget, import_chart, record_budget_change
from styr.core.audit import acting
from styr.core.tabular import TableError

from .chart_factories import make_small_chart

DAY = datetime.date(2022, 5, 12)


@pytest.fixture
def chart(org):
    make_small_chart(2022)
    make_small_chart(2023)
    return org


def line(cost_centre, amount, function="3.22.01", art="1.0"):
    return ChangeLineInput(cost_centre, function, 1, art, D(amount))


def test_a_reallocation_is_recorded_with_its_decision_and_audited(chart, cast):
    with acting(cast.finance, source="test"):
        change = record_budget_change(year=2022, kind="omplacering", decided_on=DAY, body="Økonomiudvalget",
                                      case_number="22-010739", text="Flytning til SFO",
                                      lines=[line("100100", "-250000"), line("100120", "250000")])
    assert [ln.amount for ln in change.lines.order_by("amount")] == [D("-250000.00"), D("250000.00")]
    entry = LogEntry.objects.get_for_object(change).get()
    assert entry.actor == cast.finance


def test_an_unbalanced_reallocation_records_nothing(chart):
    with pytest.raises(ChangeRefused) as info:
        record_budget_change(year=2022, kind="omplacering", decided_on=DAY, body="Økonomiudvalget", text="Skæv",
                             lines=[line("100100", "-250000"), line("100120", "200000")])
    assert "summen er -50.000,00 kr." in info.value.problems[0]
    assert not BudgetChange.objects.exists()


def test_an_unknown_account_is_refused_naming_the_line(chart):
    with pytest.raises(ChangeRefused) as info:
        record_budget_change(year=2022, kind="overfoersel", decided_on=DAY, body="Kommunalbestyrelsen",
                             text="Overførsel", lines=[line("100100", "1000"), line("999999", "1000")])
    assert info.value.problems == ["Linje 2: omkostningssted «999999» findes ikke."]


def test_a_change_dated_outside_its_year_is_refused(chart):
    with pytest.raises(ChangeRefused):
        record_budget_change(year=2022, kind="tillaeg", decided_on=datetime.date(2021, 12, 1), body="KB",
                             text="For tidligt", financing="Kassen", lines=[line("100100", "1000")])


CHART = """niveau;kode;navn;klassifikation
hovedfunktion;3.22;Folkeskolen m.m.;
funktion;3.22.01;Folkeskoler;service
funktion;55773;Kontanthjælp;overfoersel
art;4.0;Tjenesteydelser uden moms;
"""


def test_the_chart_is_loaded_per_year_and_statistics_codes_are_understood(db):
    result = import_chart(CHART.encode(), "kontoplan.csv", year=2024)
    assert result.created == 4
    assert Function.objects.get(year=2024, code="5.57.73").classification == "overfoersel"
    again = import_chart(CHART.replace("Folkeskoler;service", "Folkeskoler;overfoersel").encode(), "k.csv", year=2024)
    assert (again.created, again.updated, again.unchanged) == (0, 1, 3)


def test_a_chart_with_an_unknown_level_or_classification_is_rejected(db):
    with pytest.raises(TableError) as info:
        import_chart(CHART.replace("art;4.0", "konto;4.0").replace(";service", ";luksus").encode(), "k.csv",
                     year=2024)
    assert {(p.line, p.column) for p in info.value.problems} == {(3, "klassifikation"), (5, "niveau")}
    assert not Function.objects.exists()


BUDGET = """aar;omkostningssted;funktion;dranst;art;beloeb;profil
2022;100100;3.22.01;1;1.0;1.200.000,00;løn
2022;100110;3.22.01;1;4.0;300.000;jævn
2022;100300;5.30.27;1;7.2;-50.000,00;
2023;100100;3.22.01;1;1.0;1.224.000;løn
"""


def test_the_adopted_budget_is_imported_with_its_estimate_years(chart):
    result = import_budget(BUDGET.encode(), "budget.csv", budget_year=2022)
    assert result.lines == 4
    assert result.totals == {2022: D("1450000.00"), 2023: D("1224000.00")}
    assert BudgetLine.objects.get(year=2022, cost_centre__code="100100").profile == "loen"


def test_a_reimport_replaces_the_budget_and_is_audited_as_one_change(chart):
    import_budget(BUDGET.encode(), "budget.csv", budget_year=2022)
    import_budget(BUDGET.replace("300.000", "400.000").encode(), "budget2.csv", budget_year=2022)
    assert BudgetLine.objects.count() == 4
    entry = LogEntry.objects.get_for_object(Budget.objects.get()).order_by("-timestamp").first()
    assert entry.changes_dict["budget 2022"] == ["1450000.00", "1550000.00"]


def test_a_budget_line_outside_the_budget_years_or_with_an_unknown_account_rejects_the_file(chart):
    bad = BUDGET + "2027;100100;3.22.01;1;1.0;1,00;\n2022;100100;9.99.99;1;1.0;1,00;\n2022;100100;3.22.01;1;1.0;x;\n"
    with pytest.raises(TableError) as info:
        import_budget(bad.encode(), "budget.csv", budget_year=2022)
    assert {(p.line, p.column) for p in info.value.problems} == {(6, "aar"), (7, "funktion"), (8, "beloeb")}
    assert not BudgetLine.objects.exists()


def test_the_same_account_twice_in_one_year_is_rejected(chart):
    with pytest.raises(TableError) as info:
        import_budget((BUDGET + "2022;100100;3.22.01;1;1.0;5,00;\n").encode(), "budget.csv", budget_year=2022)
    assert "linje 2" in str(info.value)


def test_the_budget_may_come_as_an_excel_workbook(chart):
    book = Workbook()
    sheet = book.active
    for row in BUDGET.strip().splitlines():
        values = row.split(";")
        sheet.append([float(v.replace(".", "").replace(",", ".")) if i == 5 and values[0] != "aar" else v
                      for i, v in enumerate(values)])
    import io
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_budget(buffer.getvalue(), "budget.xlsx", budget_year=2022)
    assert result.totals[2022] == D("1450000.00")


def test_the_budget_and_chart_commands_import_and_reject_as_the_pages_do(chart, tmp_path, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    good, bad = tmp_path / "budget.csv", tmp_path / "skaev.csv"
    good.write_text(BUDGET, encoding="utf-8")
    bad.write_text(BUDGET.replace("300.000", "tre"), encoding="utf-8")
    call_command("import-budget", str(good), "--year", "2022", "--adopted", "10-10-2021")
    assert "4 budgetlinjer indlæst" in capsys.readouterr().out
    with pytest.raises(CommandError, match="skaev.csv, linje 3, kolonne «beloeb»"):
        call_command("import-budget", str(bad), "--year", "2022")
    assert Budget.objects.get().adopted_on == datetime.date(2021, 10, 10)
    chart_file = tmp_path / "kontoplan.csv"
    chart_file.write_text(CHART, encoding="utf-8")
    call_command("import-chart", str(chart_file), "--year", "2030")
    assert Function.objects.filter(year=2030).count() == 2
