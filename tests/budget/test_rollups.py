"""The overview's rollups: the ledger's year per cost centre, and the budget per cost centre with its
budget to date, which the overview reads only while it was made from the data as it is."""

from datetime import date
from decimal import Decimal as D

from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styr.budget import overview as ov
from styr.budget import periodisation, rollups
from styr.budget.ledger_import import import_ledger
from styr.budget.models import (
    MONTH_COLUMNS,
    BudgetCentreYear,
    BudgetLine,
    Dranst,
    Function,
    LedgerCentreMonth,
    LedgerCentreYear,
    Profile,
)
from styr.organisation.models import Unit

from .budget_factories import make_budget_line, make_change_line, make_chart, make_posting
from .ledger_factories import AUGUST, JULY, make_ledger_chart, posting_file


def centre_years() -> dict[tuple, list]:
    return {(r.year, r.cost_centre_id, r.capital, r.service): [getattr(r, c) for c in MONTH_COLUMNS]
            for r in LedgerCentreYear.objects.all()}


def centre_months_by_year() -> dict[tuple, list]:
    years: dict[tuple, list] = {}
    for r in LedgerCentreMonth.objects.all():
        months = years.setdefault((r.period // 100, r.cost_centre_id, r.capital, r.service), [D("0.00")] * 12)
        months[r.period % 100 - 1] += r.amount
    return years


def test_the_ledger_import_keeps_each_cost_centres_year_beside_its_months(org):
    make_ledger_chart(2022)
    import_ledger(JULY.encode(), filename="juli.csv")
    import_ledger(AUGUST.encode(), filename="august.csv")
    assert centre_years() == centre_months_by_year()
    assert len(centre_years()) == 4  # 100100, 100110 and 100300's operations and capital
    # A month imported again replaces that month in the year and leaves the others.
    import_ledger(posting_file("02-07-2022;3.22.01;1;1.0;100100;1,00;Rettet;B9").encode(), filename="juli-igen.csv")
    assert centre_years() == centre_months_by_year()
    assert LedgerCentreYear.objects.get(cost_centre__code="100100").m07 == D("1.00")
    assert LedgerCentreYear.objects.get(cost_centre__code="100100").m08 == D("500.00")


def test_the_import_sums_each_cost_centres_months_by_the_same_rule_as_a_change_of_class(org):
    make_ledger_chart(2022)
    import_ledger(posting_file(*JULY.splitlines()[1:], "20-07-2022;5.57.73;3;7.2;100100;-40,00;Anlæg;B9").encode(),
                  filename="juli.csv")
    imported = sorted(LedgerCentreMonth.objects.values_list("period", "cost_centre__code", "capital", "service",
                                                            "amount"))
    LedgerCentreMonth.objects.all().delete()
    rollups.sum_centre_months("m.period = %s", [202207])  # what a function's change of class does
    assert sorted(LedgerCentreMonth.objects.values_list("period", "cost_centre__code", "capital", "service",
                                                        "amount")) == imported
    assert (202207, "100100", True, False, D("-40.00")) in imported  # capital, transfer income
    assert (202207, "100300", True, True, D("1000000.00")) in imported


def budget_overviews(year: int, month: int, rollup: bool) -> list:
    """Every node's overview computed afresh, from the rollup or from the lines."""
    figures = []
    for node in Unit.objects.order_by("code"):
        overview = ov._units_overview([node], node, year, month, rollup)
        figures.append([(r.code, r.operations, r.service, r.capital) for r in [*overview.rows, overview.total]]
                       + overview.notes)
    return figures


budget_lines = st.lists(
    st.tuples(st.sampled_from(["100100", "100110", "100200", "100300", "100310"]),
              st.integers(min_value=-10**9, max_value=10**9).map(lambda oere: D(oere) / 100),
              st.sampled_from([Dranst.DRIFT, Dranst.REFUSION, Dranst.ANLAEG]),
              st.sampled_from(["3.22.01", "5.57.72"]), st.sampled_from(["1.0", "4.0"]),
              st.sampled_from(list(Profile))),
    max_size=12, unique_by=lambda line: (line[0], line[2], line[3], line[4]),
)
changes = st.lists(
    st.tuples(st.sampled_from(["100100", "100200", "100310"]),
              st.integers(min_value=-10**8, max_value=10**8).map(lambda oere: D(oere) / 100),
              st.sampled_from([Dranst.DRIFT, Dranst.ANLAEG]), st.sampled_from(["3.22.01", "5.57.72"])),
    max_size=6,
)
last_year = st.lists(st.tuples(st.sampled_from(["100100", "100200", "100300"]), st.integers(min_value=1, max_value=12),
                               st.integers(min_value=-10**8, max_value=10**8).map(lambda oere: D(oere) / 100),
                               st.sampled_from([Dranst.DRIFT, Dranst.ANLAEG])), max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=budget_lines, change_lines=changes, actuals=last_year, month=st.integers(min_value=1, max_value=12))
def test_the_budget_rollup_gives_every_overview_exactly_what_the_lines_give(org, lines, change_lines, actuals, month):
    make_chart(2022)
    make_chart(2021)
    cache.clear()
    with transaction.atomic():
        for code, amount, dranst, function, art, profile in lines:
            make_budget_line(code, amount, dranst=dranst, function=function, art=art, profile=profile)
        for code, amount, dranst, function in change_lines:
            make_change_line(code, amount, dranst=dranst, function=function)
        for code, posting_month, amount, dranst in actuals:
            make_posting(code, amount, year=2021, month=posting_month, dranst=dranst)
        make_posting("100100", 1000, month=2)
        from_lines = budget_overviews(2022, month, rollup=False)
        rollups.rebuild_budget_year(2022)
        assert rollups.budget_rollup_is_current(2022)
        assert budget_overviews(2022, month, rollup=True) == from_lines
        transaction.set_rollback(True)


def test_an_overview_reads_the_rollup_and_not_the_lines_while_the_rollup_is_current(org):
    make_budget_line("100100", 120_000, profile=Profile.SALARY)
    make_change_line("100110", 12_000)
    rollups.rebuild_budget_year(2022)
    with CaptureQueriesContext(connection) as queries:
        overview = ov.unit_overview(org.root, 2022, 5)
    assert overview.total.operations.kb == D("132000.00")
    salaries = periodisation.to_date(D("120000"), periodisation.salary_weights(), 5)
    assert overview.total.operations.budget_to_date == salaries + D("5000.00")  # and 5/12 of the change
    assert not any('"budget_budgetline"."amount"' in q["sql"] for q in queries.captured_queries)


def test_a_new_or_deleted_line_makes_the_rollup_out_of_date_until_it_is_rebuilt(org):
    line = make_budget_line("100100", 1000)
    rollups.rebuild_budget_year(2022)
    assert rollups.budget_rollup_is_current(2022)
    make_budget_line("100200", 2000)  # a line written without the services (bulk, the shell)
    assert not rollups.budget_rollup_is_current(2022)
    assert ov.unit_overview(org.root, 2022, 12).total.operations.kb == D("3000.00")  # from the lines
    rollups.rebuild_budget_year(2022)
    line.delete()
    assert not rollups.budget_rollup_is_current(2022)
    assert ov.unit_overview(org.root, 2022, 12).total.operations.kb == D("2000.00")


def test_a_line_or_function_changed_in_place_makes_the_rollup_out_of_date(org):
    line = make_budget_line("100100", 1000, function="3.22.01")
    rollups.rebuild_budget_year(2022)
    line.amount = D("1500")
    line.save()
    assert not rollups.budget_rollup_is_current(2022)
    assert ov.unit_overview(org.root, 2022, 12).total.operations.kb == D("1500.00")
    rollups.rebuild_budget_year(2022)
    assert ov.unit_overview(org.root, 2022, 12).total.service.kb == D("1500.00")
    Function.objects.filter(year=2022, code="3.22.01").update(classification="overfoersel")  # no signal
    assert not rollups.budget_rollup_is_current(2022)
    cache.clear()  # nor an audit entry: the cached overview's own version does not see an UPDATE in bulk
    assert ov.unit_overview(org.root, 2022, 12).total.service.kb == D("0.00")


def test_last_years_actuals_make_the_rollup_out_of_date_and_an_import_of_last_year_rebuilds_it(org):
    make_ledger_chart(2021)
    make_ledger_chart(2022)
    make_budget_line("100100", 120_000, function="3.22.01", profile=Profile.LAST_YEAR)
    rollups.rebuild_budget_year(2022)
    assert ov.unit_overview(org.root, 2022, 6).total.operations.budget_to_date == D("60000.00")  # even: no actuals
    make_posting("100100", 100, year=2021, month=3)
    assert not rollups.budget_rollup_is_current(2022)
    import_ledger(posting_file("01-01-2021;3.22.01;1;1.0;100100;100,00;Løn;B1",
                               "01-12-2021;3.22.01;1;1.0;100100;300,00;Løn;B2").encode(), filename="2021.csv")
    assert rollups.budget_rollup_is_current(2022)
    overview = ov.unit_overview(org.root, 2022, 6)
    assert overview.total.operations.budget_to_date == D("48000.00")  # January and March: 200 of 500 kr.
    assert not overview.notes


def test_the_budget_services_leave_the_rollup_current(org):
    from styr.budget.services import ChangeLineInput, import_budget, import_chart, record_budget_change

    make_chart(2022)
    import_budget(b"aar;omkostningssted;funktion;dranst;art;beloeb;profil\n2022;100100;3.22.01;1;1.0;120.000;loen\n",
                  "budget.csv", budget_year=2022)
    assert rollups.budget_rollup_is_current(2022)
    record_budget_change(year=2022, kind="tillaeg", decided_on=date(2022, 5, 1), body="Økonomiudvalget",
                         text="Flere elever", financing="Kassen",
                         lines=[ChangeLineInput("100100", "3.22.01", Dranst.DRIFT, "1.0", D("12180"))])
    assert rollups.budget_rollup_is_current(2022)
    salaries = periodisation.to_date(D("132180"), periodisation.salary_weights(), 5)  # the change follows the line
    assert ov.unit_overview(org.b1, 2022, 5).total.operations.budget_to_date == salaries
    import_chart(b"niveau;kode;navn;klassifikation\nfunktion;3.22.01;Folkeskoler;overfoersel\n", "plan.csv", year=2022)
    assert rollups.budget_rollup_is_current(2022)
    assert ov.unit_overview(org.b1, 2022, 5).total.service.kb == D("0.00")


def test_a_rebuild_that_sees_the_lines_change_under_it_leaves_the_rollup_unused(org, monkeypatch):
    make_budget_line("100100", 1000)
    made = ov.budget_by_cost_centre

    def while_another_writes(year):
        rows = made(year)
        make_budget_line("100200", 2000)  # committed by someone else between the reads
        return rows

    monkeypatch.setattr(ov, "budget_by_cost_centre", while_another_writes)
    rollups.rebuild_budget_year(2022)
    assert not rollups.budget_rollup_is_current(2022)
    assert ov.unit_overview(org.root, 2022, 12).total.operations.kb == D("3000.00")


def test_migrate_rebuilds_the_years_whose_rollup_is_missing_or_out_of_date(org, settings):
    make_budget_line("100100", 1000)
    make_change_line("100200", 500, year=2023)
    rollups.rebuild_after_migrate()
    assert rollups.budget_rollup_is_current(2022) and rollups.budget_rollup_is_current(2023)
    settings.STYR_SALARY_PROFILE = (100,) * 11 + (200,)
    assert not rollups.budget_rollup_is_current(2022)
    assert rollups.rebuild_stale_budget_years() == [2022, 2023]


def test_the_rollup_holds_each_cost_centres_budget_to_date_for_every_month(org):
    make_budget_line("100100", 1218, profile=Profile.SALARY)
    make_budget_line("100100", 120, art="4.0")
    [(cc, capital, service, ob, kb, to_date, fallback)] = ov.budget_by_cost_centre(2022)
    assert (capital, service, ob, kb, fallback) == (False, True, 133800, 133800, False)
    assert to_date[4] == 51200 + 5000  # May: 5,12/12,18 of the salaries and 5/12 of the rest, in øre
    assert to_date[11] == 133800


def record_change(code: str, amount: str, art: str = "1.0"):
    from styr.budget.services import ChangeLineInput, record_budget_change

    lines = [ChangeLineInput(code, "3.22.01", Dranst.DRIFT, art, D(amount)),
             ChangeLineInput("100300", "3.22.01", Dranst.DRIFT, art, -D(amount))]  # an omplacering goes in nil
    return record_budget_change(year=2022, kind="omplacering", decided_on=date(2022, 5, 1), body="Økonomiudvalget",
                                text="Omplacering", lines=lines)


def rollup_ids() -> dict[str, set[int]]:
    ids: dict[str, set[int]] = {}
    for pk, code in BudgetCentreYear.objects.values_list("pk", "cost_centre__code"):
        ids.setdefault(code, set()).add(pk)
    return ids


def test_a_recorded_change_makes_only_its_own_cost_centres_again(org):
    make_chart(2022)
    for code in ("100100", "100200", "100300"):
        make_budget_line(code, 12_000, profile=Profile.SALARY)
    rollups.rebuild_budget_year(2022)
    before = rollup_ids()
    record_change("100200", "1218")
    after = rollup_ids()
    assert after["100100"] == before["100100"]  # untouched
    assert after["100200"].isdisjoint(before["100200"]) and after["100300"].isdisjoint(before["100300"])
    assert rollups.budget_rollup_is_current(2022)
    assert budget_overviews(2022, 5, rollup=True) == budget_overviews(2022, 5, rollup=False)


def test_a_change_after_other_writes_rebuilds_the_whole_year(org, monkeypatch):
    make_chart(2022)
    make_budget_line("100100", 12_000)
    rollups.rebuild_budget_year(2022)
    make_budget_line("100200", 6_000)  # written without the services: the rollup is out of date
    record_change("100300", "100")
    assert rollups.budget_rollup_is_current(2022)
    assert set(rollup_ids()) == {"100100", "100200", "100300"}
    # Another line written while the change is recorded (committed by someone else in between).
    follow = rollups.follow_budget_change

    def after_another(change, before):
        make_budget_line("100110", 1_000)
        follow(change, before)

    monkeypatch.setattr(rollups, "follow_budget_change", after_another)
    record_change("100100", "50")
    assert rollups.budget_rollup_is_current(2022)
    assert budget_overviews(2022, 12, rollup=True) == budget_overviews(2022, 12, rollup=False)


def test_another_years_budget_leaves_the_rollup_of_this_year_current(org):
    from styr.budget.services import import_budget

    make_chart(2022)
    make_chart(2023)
    make_budget_line("100100", 1000)
    rollups.rebuild_budget_year(2022)
    import_budget(b"aar;omkostningssted;funktion;dranst;art;beloeb\n2023;100100;3.22.01;1;1.0;5.000\n", "b.csv",
                  budget_year=2023)
    make_change_line("100200", 500, year=2023)
    assert rollups.budget_rollup_is_current(2022)
    line = BudgetLine.objects.get(year=2023)
    line.amount = D("6000")
    line.save()
    assert rollups.budget_rollup_is_current(2022) and not rollups.budget_rollup_is_current(2023)


def service_actuals(year: int, month: int) -> tuple[D, D]:
    """The municipality's service actuals to date, and the same summed over the cost centres' accounts."""
    from styr.organisation.models import CostCentre

    accounts = sum((ov.cost_centre_overview(cc, year, month).total.service.actual_to_date
                    for cc in CostCentre.objects.all()), D("0.00"))
    return ov.unit_overview(Unit.objects.get(parent=None), year, month).total.service.actual_to_date, accounts


def test_a_function_given_another_class_moves_its_actuals_so_the_units_agree_with_the_accounts(org):
    from styr.budget.services import import_chart

    make_ledger_chart(2022)
    import_ledger(JULY.encode(), filename="juli.csv")
    import_ledger(AUGUST.encode(), filename="august.csv")
    assert service_actuals(2022, 8) == (D("11845.67"), D("11845.67"))
    import_chart(b"niveau;kode;navn;klassifikation\nfunktion;3.22.01;Folkeskoler;overfoersel\n", "k.csv", year=2022)
    assert service_actuals(2022, 8) == (D("0.00"), D("0.00"))
    assert centre_years() == centre_months_by_year()
    assert ov.unit_overview(Unit.objects.get(parent=None), 2022, 8).total.operations.actual_to_date == D("12096.17")
    school = Function.objects.get(year=2022, code="3.22.01")
    school.classification = "service"
    school.save()  # as the admin's list of functions saves it
    assert service_actuals(2022, 8) == (D("11845.67"), D("11845.67"))
    assert centre_years() == centre_months_by_year()
