"""The key-figure rules, as a finance officer would check them."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from styr.keyfigures.rules import (
    Absence,
    absence_percent,
    add_months,
    average_liquidity,
    change,
    direction,
    month_end_balance,
    roll_up,
    shown_to_everyone,
    units_above_average,
)

D = Decimal


def days(first: date, count: int, value) -> dict[date, Decimal]:
    return {first + timedelta(days=i): D(value) for i in range(count)}


# --- kassekreditreglen: the average over the last 365 days ----------------------------------------


def test_the_average_liquidity_is_over_the_365_days_ending_with_the_day():
    balances = {**days(date(2021, 10, 1), 365, 100), date(2021, 9, 30): D(1_000_000)}  # the day before: outside
    average = average_liquidity(balances, date(2022, 9, 30))
    assert average.first_day == date(2021, 10, 1) and average.last_day == date(2022, 9, 30)
    assert average.average == D("100.00") and average.days_present == 365 and average.days_missing == 0
    assert average.complete and average.positive


def test_missing_days_are_counted_not_guessed():
    balances = days(date(2021, 10, 1), 300, 200)  # the last 65 days have no balance
    average = average_liquidity(balances, date(2022, 9, 30))
    assert average.average == D("200.00")  # over the days present, not 300 × 200 / 365
    assert (average.days_present, average.days_missing) == (300, 65) and not average.complete


def test_no_balances_at_all_give_no_average():
    average = average_liquidity({}, date(2022, 9, 30))
    assert average.average is None and average.days_missing == 365 and average.positive is None


def test_an_overdraft_counts_negative_and_the_average_is_rounded_to_oere():
    balances = {date(2022, 9, 28): D("-10.00"), date(2022, 9, 29): D("0.01"), date(2022, 9, 30): D("0.00")}
    average = average_liquidity(balances, date(2022, 9, 30))
    assert average.average == D("-3.33") and average.positive is False


def test_the_month_end_is_the_last_day_of_the_month_with_a_balance():
    balances = {date(2022, 9, 29): D(5), date(2022, 9, 30): D(7), date(2022, 10, 1): D(9)}
    assert month_end_balance(balances, date(2022, 9, 1)) == (date(2022, 9, 30), D(7))
    del balances[date(2022, 9, 30)]
    assert month_end_balance(balances, date(2022, 9, 1)) == (date(2022, 9, 29), D(5))
    assert month_end_balance(balances, date(2022, 8, 1)) is None


def test_months_are_counted_across_years():
    assert add_months(date(2022, 1, 1), -1) == date(2021, 12, 1)
    assert add_months(date(2022, 9, 1), -12) == date(2021, 9, 1)
    assert add_months(date(2022, 12, 1), 1) == date(2023, 1, 1)


# --- sick leave -------------------------------------------------------------------------------------


def test_sick_leave_is_sick_days_over_possible_days():
    assert absence_percent(D("4.8"), D(100)) == D("4.8")
    assert absence_percent(D(0), D(0)) is None  # nobody could work: no percentage, not 0 %


def test_sick_leave_is_added_up_by_days_never_by_averaging_percentages():
    small, large = Absence(D(1), D(10), 1), Absence(D(0), D(90), 9)
    assert (small + large).percent == D(1)  # 1 of 100 days; averaging 10 % and 0 % would say 5 %
    assert (small + large).employees == 10


def test_an_unknown_employee_count_makes_the_sum_unknown():
    assert (Absence(D(1), D(10), 3) + Absence(D(1), D(10), None)).employees is None


def test_figures_roll_up_the_tree_by_materialised_path():
    paths = {1: "/1/", 2: "/1/2/", 3: "/1/2/3/", 4: "/1/4/"}
    own = {3: Absence(D(2), D(20), 2), 2: Absence(D(1), D(10), 1), 4: Absence(D(3), D(70), 7)}
    totals = roll_up(own, paths)
    assert totals[3] == Absence(D(2), D(20), 2)
    assert totals[2] == Absence(D(3), D(30), 3)  # its own staff and its unit's
    assert totals[1] == Absence(D(6), D(100), 10) and totals[1].percent == D(6)


@pytest.mark.parametrize(("employees", "minimum", "shown"), [
    (5, 5, True), (4, 5, False), (0, 5, False), (None, 5, False), (1, 1, True),
])
def test_small_units_are_not_shown_to_everyone(employees, minimum, shown):
    assert shown_to_everyone(employees, minimum) is shown


def test_units_above_the_national_average_are_named_highest_first_and_small_ones_are_counted_apart():
    units = [("Skolen", Absence(D(6), D(100), 20)), ("Dagtilbuddet", Absence(D(7), D(100), 20)),
             ("Lille enhed", Absence(D(9), D(100), 3)), ("Lige på", Absence(D("4.54"), D(100), 20)),
             ("Under", Absence(D(2), D(100), 20)), ("Ingen dage", Absence(D(0), D(0), 0))]
    above, hidden = units_above_average(units, D("4.5"), minimum=5)
    assert [(u.name, u.percent) for u in above] == [("Dagtilbuddet", D(7)), ("Skolen", D(6))]
    assert hidden == 1  # "Lille enhed"; "Lige på" shows as 4,5 % like the average, so it is not above


# --- change -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("current", "previous", "delta", "words"), [
    (48_735, 48_982, -247, "ned"),
    (48_735, 48_735, 0, "uændret"),
    (D("4.8"), D("3.6"), D("1.2"), "op"),
    (D("4.84"), D("4.81"), D("0.03"), "uændret"),  # shown with one decimal both are 4,8 %
    (D(5), None, None, None),
    (None, D(5), None, None),
])
def test_a_change_is_current_minus_previous_and_its_direction_follows_the_shown_number(current, previous, delta,
                                                                                        words):
    assert change(current, previous) == delta
    assert direction(delta, 1) == words
