"""The budget-against-actuals overview of a node: totals, parts, periodisation, queries and the command."""

import csv
import io
from datetime import date
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styr.budget import overview as ov
from styr.budget.models import Dranst, Posting, Profile
from styr.organisation.models import CostCentre, Unit

from ..factories import make_unit
from .budget_factories import make_budget_line, make_change_line, make_chart, make_posting


def rows_by_code(overview):
    return {row.code: row for row in overview.rows}


def test_a_committee_shows_its_areas_with_original_and_corrected_budget_and_actuals(org):
    make_budget_line("100100", 1_200_000)
    make_budget_line("100110", 600_000)
    make_change_line("100110", 120_000)  # a tillægsbevilling to Indskoling
    make_budget_line("100200", 240_000)
    make_posting("100100", 50_000, month=1)
    make_posting("100120", 25_000, month=2)
    make_posting("100200", 10_000, month=3)
    make_posting("100200", 99_999, month=8)  # after the chosen month

    overview = ov.unit_overview(org.u1, 2022, 7)

    rows = rows_by_code(overview)
    assert list(rows) == ["B2", "B1"]  # Dagtilbud Nord, Egebjerg Skole: by name
    school = rows["B1"].operations
    assert (school.ob, school.kb) == (D("1800000.00"), D("1920000.00"))
    assert school.actual_to_date == D("75000.00")
    assert school.months[:3] == [D("50000.00"), D("25000.00"), D("0.00")]
    assert school.budget_to_date == D("1120000.00")  # 7/12 of the corrected budget
    assert school.deviation == D("1845000.00")  # KB − actuals: an underspend is positive
    assert rows["B2"].operations.actual_to_date == D("10000.00")
    assert overview.total.operations.kb == D("2160000.00")


def test_a_unit_shows_its_children_and_its_own_cost_centres_as_rows(org):
    make_posting("100100", 100)
    make_posting("100110", 200)
    make_posting("100130", 300)
    rows = rows_by_code(ov.unit_overview(org.b1, 2022, 12))
    assert [(r.kind, r.code) for r in rows.values()] == [("unit", "E1"), ("unit", "E2"), ("cost_centre", "100100")]
    assert rows["E2"].operations.actual_to_date == D("300.00")
    assert rows["100100"].operations.actual_to_date == D("100.00")


def test_operations_and_capital_are_apart_and_service_is_marked_within_operations(org):
    make_posting("100300", 1000, function="5.30.27")  # service
    make_posting("100300", 400, function="5.57.72")  # transfer: operations, not service
    make_posting("100300", 5000, dranst=Dranst.ANLAEG, function="5.30.27")
    make_budget_line("100300", 20000, dranst=Dranst.ANLAEG, function="5.30.27")
    make_budget_line("100300", 3000, function="5.57.72")

    overview = ov.unit_overview(org.u2, 2022, 12)
    total = overview.total
    assert total.operations.actual_to_date == D("1400.00")
    assert total.service.actual_to_date == D("1000.00")
    assert total.capital.actual_to_date == D("5000.00")
    assert (total.capital.kb, total.operations.kb, total.service.kb) == (D("20000.00"), D("3000.00"), D("0.00"))
    assert [s.key for s in overview.sections] == ["drift", "anlaeg"]


def test_income_is_negative_and_nets_against_expenditure(org):
    make_posting("100200", 10000)
    make_posting("100200", -2500, art="7.1")
    assert ov.unit_overview(org.b2, 2022, 1).total.operations.actual_to_date == D("7500.00")


def test_the_budget_to_date_follows_each_lines_profile(org):
    make_budget_line("100200", 1218000, profile=Profile.SALARY)
    make_budget_line("100200", 120000, art="4.0")  # even
    b2 = ov.unit_overview(org.u1, 2022, 5)
    # Salary: four months of 100.000 and May with the holiday allowance, 112.000; even: 5 × 10.000.
    assert rows_by_code(b2)["B2"].operations.budget_to_date == D("512000.00") + D("50000.00")


def test_the_last_year_profile_uses_the_cost_centres_actuals_last_year(org):
    for month in range(1, 13):
        make_posting("100200", 0 if month == 7 else 1000, year=2021, month=month)
    make_budget_line("100200", 110000, profile=Profile.LAST_YEAR)
    overview = ov.unit_overview(org.b2, 2022, 7)
    assert overview.total.operations.budget_to_date == D("60000.00")  # July had no share last year
    assert not overview.notes


def test_the_last_year_profile_without_actuals_last_year_is_even_and_the_page_says_so(org):
    make_budget_line("100200", 120000, profile=Profile.LAST_YEAR)
    overview = ov.unit_overview(org.b2, 2022, 3)
    assert overview.total.operations.budget_to_date == D("30000.00")
    assert "jævnt" in overview.notes[0]


def test_a_change_line_is_periodised_like_the_budget_line_of_the_same_account(org):
    make_budget_line("100200", 1218000, profile=Profile.SALARY)
    make_change_line("100200", 121800)
    overview = ov.unit_overview(org.b2, 2022, 5)
    assert overview.total.operations.budget_to_date == D("563200.00")  # (1.218.000 + 121.800) × 5,12/12,18


def test_the_corrected_budget_takes_only_the_years_own_budget_and_changes(org):
    make_budget_line("100200", 1000, year=2021)
    make_budget_line("100200", 2000, year=2022)
    make_change_line("100200", 500, year=2021)
    make_change_line("100200", 300, year=2022)
    total = ov.unit_overview(org.b2, 2022, 12).total.operations
    assert (total.ob, total.kb) == (D("2000.00"), D("2300.00"))


def test_a_cost_centre_shows_its_accounts_with_budget_and_actuals(org):
    cc = CostCentre.objects.get(code="100300")
    make_budget_line(cc, 240000, function="5.30.27", art="1.0")
    make_posting(cc, 15000, month=2, function="5.30.27", art="1.0")
    make_posting(cc, 500, month=3, function="5.30.27", art="2.2")
    make_posting(cc, 7000, month=3, dranst=Dranst.ANLAEG, function="5.30.27", art="4.0")
    overview = ov.cost_centre_overview(cc, 2022, 6)
    rows = rows_by_code(overview)
    assert list(rows) == ["5.30.27 · 1 · 1.0", "5.30.27 · 1 · 2.2", "5.30.27 · 3 · 4.0"]
    salary = rows["5.30.27 · 1 · 1.0"]
    assert (salary.operations.kb, salary.operations.budget_to_date, salary.operations.actual_to_date) == (
        D("240000.00"), D("120000.00"), D("15000.00"))
    assert salary.is_service and salary.service.actual_to_date == D("15000.00")
    assert overview.total.capital.actual_to_date == D("7000.00")
    assert overview.total.operations.actual_to_date == D("15500.00")


def test_closed_units_without_figures_are_left_out_but_closed_units_with_figures_stay(org):
    closed = make_unit("E9", "Nedlagt afdeling", org.b1, cost_centres=("100190",))
    Unit.objects.filter(pk=closed.pk).update(closed_on=date(2021, 12, 31))
    assert "E9" not in rows_by_code(ov.unit_overview(org.b1, 2022, 12))
    make_posting("100190", 10)
    assert rows_by_code(ov.unit_overview(org.b1, 2022, 12))["E9"].closed


def test_a_leader_of_two_separate_units_gets_one_row_per_unit(org):
    rows = rows_by_code(ov.roots_overview([org.b1, org.b3], 2022, 12))
    assert list(rows) == ["B1", "B3"]


def test_the_default_month_is_the_latest_with_postings():
    today = date(2023, 3, 14)
    assert ov.default_period(202207, today) == (2022, 7)
    assert ov.default_period(None, today) == (2023, 3)
    assert ov.default_period(202207, today, 2021) == (2021, 12)
    assert ov.default_period(202207, today, 2022) == (2022, 7)


def overview_query_count(node, month=7):
    with CaptureQueriesContext(connection) as queries:
        ov.unit_overview(node, 2022, month)
    return len(queries)


def test_the_overview_takes_the_same_few_queries_however_large_the_municipality(org):
    make_budget_line("100100", 1000, profile=Profile.LAST_YEAR)
    make_posting("100100", 10)
    small = overview_query_count(org.root)
    for i in range(15):
        unit = make_unit(f"X{i}", f"Skole {i}", org.u1, cost_centres=(f"9{i:05d}", f"8{i:05d}"))
        make_unit(f"Y{i}", f"Afdeling {i}", unit, cost_centres=(f"7{i:05d}",))
        make_budget_line(f"9{i:05d}", 1000, profile=Profile.LAST_YEAR)
        make_budget_line(f"7{i:05d}", 1000, profile=Profile.SALARY)
        make_change_line(f"8{i:05d}", 1000)
        make_posting(f"9{i:05d}", 10, year=2021)
        make_posting(f"7{i:05d}", 10, month=i % 12 + 1)
    assert overview_query_count(org.root) == small <= 6
    assert overview_query_count(org.u1) == small


def test_a_cost_centres_accounts_take_a_fixed_number_of_queries(org):
    cc = CostCentre.objects.get(code="100300")
    for art in ("1.0", "2.2", "4.0"):
        make_budget_line(cc, 1000, art=art, profile=Profile.LAST_YEAR)
        make_posting(cc, 10, art=art)
    with CaptureQueriesContext(connection) as queries:
        ov.cost_centre_overview(cc, 2022, 7)
    assert len(queries) <= 4


postings = st.lists(
    st.tuples(st.sampled_from(["100100", "100110", "100120", "100130", "100200", "100300", "100310"]),
              st.integers(min_value=1, max_value=12),
              st.decimals(min_value=D("-100000"), max_value=D("100000"), places=2),
              st.sampled_from([Dranst.DRIFT, Dranst.REFUSION, Dranst.ANLAEG]),
              st.sampled_from(["3.22.01", "5.57.72"])),
    max_size=25,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(postings=postings, month=st.integers(min_value=1, max_value=12))
def test_every_nodes_overview_total_is_exactly_the_sum_of_its_postings(org, postings, month):
    make_chart(2022)
    cache.clear()  # SQLite gives the next example the ids of the rolled-back one: the same data version
    with transaction.atomic():
        for code, posting_month, amount, dranst, function in postings:
            make_posting(code, amount, month=posting_month, dranst=dranst, function=function)
        for node in Unit.objects.all():
            in_node = Posting.objects.filter(cost_centre__unit__path__startswith=node.path, period__lte=202200 + month)
            expected = sum((p.amount for p in in_node), D("0.00"))
            total = ov.unit_overview(node, 2022, month).total
            assert total.operations.actual_to_date + total.capital.actual_to_date == expected
            assert total.capital.actual_to_date == sum((p.amount for p in in_node if p.dranst == Dranst.ANLAEG),
                                                       D("0.00"))
            assert sum(total.operations.months) + sum(total.capital.months) == expected
            rows = ov.unit_overview(node, 2022, month).rows
            assert sum((r.operations.actual_to_date + r.capital.actual_to_date for r in rows), D("0.00")) == expected
        transaction.set_rollback(True)


# The `styr overview` command -------------------------------------------------------------------------

@pytest.fixture
def ledger(org):
    make_budget_line("100100", 1_200_000)
    make_budget_line("100300", 500_000, function="5.30.27")
    make_budget_line("100310", 80_000, dranst=Dranst.ANLAEG, function="5.30.27")
    make_posting("100100", D("1234.56"), month=7)
    make_posting("100300", D("-200.10"), month=2, function="5.30.27", art="7.1")
    make_posting("100310", 40_000, month=3, dranst=Dranst.ANLAEG, function="5.30.27")
    return org


def run_overview(*args) -> str:
    out = io.StringIO()
    call_command("overview", *args, stdout=out)
    return out.getvalue()


def test_the_command_writes_a_semicolon_csv_with_plain_machine_numbers(ledger):
    text = run_overview("--month", "2022-07", "--format", "csv")
    assert text.startswith("\ufeff")  # the BOM makes Excel read UTF-8
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    total = next(r for r in rows if r["type"] == "i alt" and r["del"] == "drift")
    assert total["forbrug_til_dato"] == "1034.46"
    assert total["kb"] == "1700000.00"
    capital = next(r for r in rows if r["type"] == "i alt" and r["del"] == "anlaeg")
    assert capital["forbrug_til_dato"] == "40000.00" and capital["m03"] == "40000.00"
    u2 = next(r for r in rows if r["kode"] == "U2" and r["del"] == "service")
    assert u2["forbrug_til_dato"] == "-200.10"


def test_the_command_can_write_danish_numbers_for_people(ledger):
    text = run_overview("--unit", "U2", "--month", "2022-07", "--format", "csv", "--danish")
    assert ";-200,10;" in text and ";500.000,00;" in text


def test_the_command_writes_an_excel_file_with_the_same_totals(ledger, tmp_path):
    out = tmp_path / "oversigt.xlsx"
    run_overview("--month", "2022-07", "--format", "xlsx", "--out", str(out))
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    header_index = next(i for i, r in enumerate(rows) if r[0] == "Kode")
    header = rows[header_index]
    data = [dict(zip(header, r, strict=True)) for r in rows[header_index + 1:]]
    total = next(r for r in data if r["Type"] == "i alt" and r["Del"] == "drift")
    assert D(str(total["Forbrug til dato (kr.)"])) == D("1034.46")
    assert sheet.freeze_panes == f"A{header_index + 2}"


def test_the_command_refuses_an_unknown_unit_or_month(ledger):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="findes ikke"):
        run_overview("--unit", "NOPE", "--month", "2022-07")
    with pytest.raises(CommandError, match="måned"):
        run_overview("--month", "2022-13")


def test_the_overview_reads_the_rollups_the_real_ledger_import_writes(org):
    from styr.budget.ledger_import import import_ledger

    make_chart(2022)
    rows = ["dato;funktion;dranst;art;omkostningssted;beloeb;tekst;bilagsnr",
            "01-07-2022;3.22.01;1;1.0;100100;12.345,67;Løn juli;B1001",
            "15-07-2022;3.22.01;1;7.1;100110;-1.000,00;Kreditnota;B1002",
            "31-07-2022;5.57.72;1;4.0;100300;250,50;Hjælp;B1003",
            "31-07-2022;5.30.27;3;4.0;100310;1.000.000,00;Ombygning;B1004"]
    import_ledger(("\n".join(rows) + "\n").encode(), filename="juli.csv")
    total = ov.unit_overview(org.root, 2022, 7).total
    assert total.operations.actual_to_date == D("11596.17")
    assert total.service.actual_to_date == D("11345.67")  # the transfer (5.57.72) is not service
    assert total.capital.actual_to_date == D("1000000.00")
    accounts = ov.cost_centre_overview(CostCentre.objects.get(code="100100"), 2022, 7)
    assert accounts.total.operations.months[6] == D("12345.67")


# The cache of finished overviews ---------------------------------------------------------------------

def ledger_file(*rows: str) -> bytes:
    return ("\n".join(["dato;funktion;dranst;art;omkostningssted;beloeb;tekst;bilagsnr", *rows]) + "\n").encode()


def test_an_overview_asked_for_again_comes_from_the_cache_with_one_query(org):
    make_budget_line("100100", 120_000, profile=Profile.SALARY)
    make_posting("100100", 5000, month=3)
    first = ov.unit_overview(org.root, 2022, 7)
    with CaptureQueriesContext(connection) as queries:
        again = ov.unit_overview(org.root, 2022, 7)
    assert len(queries) == 1  # the data version
    assert again is not first and again.node == org.root
    assert [(r.code, r.operations) for r in again.rows] == [(r.code, r.operations) for r in first.rows]
    assert again.total.operations == first.total.operations
    assert ov.unit_overview(org.root, 2022, 6).month == 6  # another month is another overview


def test_the_cache_never_serves_the_numbers_from_before_a_ledger_import(org):
    from styr.budget.ledger_import import import_ledger

    make_chart(2022)
    import_ledger(ledger_file("01-07-2022;3.22.01;1;1.0;100100;1.000,00;Løn;B1"), filename="juli.csv")
    assert ov.unit_overview(org.root, 2022, 7).total.operations.actual_to_date == D("1000.00")
    # The same month again, with the same number of postings: the import replaces July.
    import_ledger(ledger_file("01-07-2022;3.22.01;1;1.0;100100;1.234,00;Løn;B1"), filename="juli-igen.csv")
    assert ov.unit_overview(org.root, 2022, 7).total.operations.actual_to_date == D("1234.00")
    import_ledger(ledger_file("01-06-2022;3.22.01;1;1.0;100110;10,00;Kridt;B2"), filename="juni.csv")
    overview = ov.unit_overview(org.root, 2022, 7)
    assert overview.total.operations.actual_to_date == D("1244.00")
    assert overview.total.operations.months[5] == D("10.00")


def test_the_cache_never_serves_the_budget_from_before_a_budget_change_or_a_new_budget(org):
    from styr.budget.services import ChangeLineInput, import_budget, record_budget_change

    make_chart(2022)
    make_budget_line("100100", 120_000)
    assert ov.unit_overview(org.b1, 2022, 6).total.operations.kb == D("120000.00")
    record_budget_change(year=2022, kind="tillaeg", decided_on=date(2022, 5, 1), body="Økonomiudvalget",
                         text="Flere elever", financing="Kassen",
                         lines=[ChangeLineInput("100100", "3.22.01", Dranst.DRIFT, "1.0", D("24000"))])
    total = ov.unit_overview(org.b1, 2022, 6).total.operations
    assert (total.ob, total.kb, total.budget_to_date) == (D("120000.00"), D("144000.00"), D("72000.00"))
    # A new budget of the same size in lines: the import replaces the lines (new ids, the same count).
    budget = "aar;omkostningssted;funktion;dranst;art;beloeb;profil\n2022;100100;3.22.01;1;1.0;240.000;jævn\n"
    import_budget(budget.encode(), "budget.csv", budget_year=2022)
    assert ov.unit_overview(org.b1, 2022, 6).total.operations.kb == D("264000.00")


def test_the_cache_never_serves_rows_from_before_a_change_of_the_organisation_or_the_chart(org):
    from styr.budget.models import Function

    make_posting("100300", 700, function="5.30.27")
    make_budget_line("100300", 1200, function="5.30.27")
    assert rows_by_code(ov.unit_overview(org.root, 2022, 7))["U2"].service.actual_to_date == D("700.00")
    assert ov.unit_overview(org.root, 2022, 7).total.service.kb == D("1200.00")
    moved = CostCentre.objects.get(code="100300")
    moved.unit = org.b1
    moved.save()
    rows = rows_by_code(ov.unit_overview(org.root, 2022, 7))
    assert rows["U1"].operations.actual_to_date == D("700.00") and rows["U2"].operations.is_empty
    function = Function.objects.get(year=2022, code="5.30.27")
    function.classification = "overfoersel"
    function.save()  # a budget's service part follows its function's classification
    assert ov.unit_overview(org.root, 2022, 7).total.service.kb == D("0.00")
    org.u1.name = "Børneudvalget"
    org.u1.save()
    assert [r.name for r in ov.unit_overview(org.root, 2022, 7).rows][0] == "Børneudvalget"


def test_the_cache_never_serves_a_budget_to_date_from_another_salary_profile(org, settings):
    make_budget_line("100100", 120_000, profile=Profile.SALARY)
    assert ov.unit_overview(org.root, 2022, 1).total.operations.budget_to_date == D("9852.22")  # 100 of 1.218
    settings.STYR_SALARY_PROFILE = (200,) + (100,) * 11
    assert ov.unit_overview(org.root, 2022, 1).total.operations.budget_to_date == D("18461.53")  # 200 of 1.300


def test_the_data_version_changes_with_a_posting_and_not_without_one(org):
    before = ov.data_version()
    assert ov.data_version() == before
    make_posting("100100", 1)
    assert ov.data_version() != before
