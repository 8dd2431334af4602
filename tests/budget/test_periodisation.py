"""Spreading a year's budget over the months (pure rules, no database)."""

from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styr.budget import periodisation as p
from styr.budget.models import Profile


def test_an_even_profile_gives_each_month_a_twelfth_and_the_shares_sum_to_exactly_one():
    assert p.EVEN.shares == (Fraction(1, 12),) * 12
    assert sum(p.EVEN.shares) == 1


def test_an_even_year_of_120_000_kr_is_10_000_kr_a_month():
    assert p.spread(D("120000"), p.EVEN) == [D("10000.00")] * 12
    assert p.to_date(D("120000"), p.EVEN, 7) == D("70000.00")


def test_oere_that_do_not_divide_by_twelve_go_to_the_earliest_months_and_the_year_still_adds_up():
    months = p.spread(D("100.00"), p.EVEN)  # 10.000 øre / 12 = 833 øre and 4 left over
    assert months == [D("8.34")] * 4 + [D("8.33")] * 8
    assert sum(months) == D("100.00")


def test_income_is_spread_like_expenditure_with_the_sign_kept():
    assert p.spread(D("-100.00"), p.EVEN) == [D("-8.34")] * 4 + [D("-8.33")] * 8


def test_the_salary_profile_makes_may_and_august_heavier_for_the_holiday_allowance():
    weights = p.salary_weights()
    months = p.spread(D("1218000"), weights)  # 12 ordinary months + 0,18 of a month = 12,18
    assert months[0] == D("100000.00")
    assert months[4] == D("112000.00")  # May: the special holiday allowance earned September–April
    assert months[7] == D("106000.00")  # August: the part earned May–August
    assert sum(weights.shares) == 1 and sum(months) == D("1218000")


def test_the_salary_profile_can_be_set_locally():
    weights = p.weights_for(Profile.SALARY, salary=(1,) * 11 + (2,))
    assert p.spread(D("1300"), weights)[11] == D("200.00")


def test_the_last_year_profile_follows_last_years_monthly_shares():
    last_year = [D("100")] * 6 + [D("0")] + [D("100")] * 5  # nothing spent in July
    weights = p.weights_for(Profile.LAST_YEAR, last_year=last_year)
    months = p.spread(D("110000"), weights)
    assert months[6] == D("0.00") and months[0] == D("10000.00")
    assert not weights.note


def test_the_last_year_profile_falls_back_to_even_without_actuals_and_says_so():
    weights = p.weights_for(Profile.LAST_YEAR, last_year=[D("0")] * 12)
    assert weights.parts == p.EVEN.parts
    assert "jævnt" in weights.note
    assert p.weights_for(Profile.LAST_YEAR, last_year=None).note


def test_a_refund_month_last_year_gets_no_share_rather_than_a_negative_one():
    last_year = [D("-50")] + [D("100")] * 11
    weights = p.weights_from_actuals(last_year)
    assert weights.parts[0] == 0 and sum(weights.shares) == 1


def test_an_income_cost_centre_takes_its_shares_from_its_income():
    weights = p.weights_from_actuals([D("-100")] * 6 + [D("-200")] * 6)
    assert weights.shares[0] == Fraction(1, 18) and weights.shares[11] == Fraction(2, 18)


def test_the_budget_to_date_in_december_is_the_whole_year_and_in_month_zero_nothing():
    assert p.to_date(D("1234.56"), p.salary_weights(), 12) == D("1234.56")
    assert p.to_date(D("1234.56"), p.salary_weights(), 0) == D("0.00")


def test_a_profile_must_have_twelve_non_negative_weights_with_a_positive_sum():
    for parts in [(1,) * 11, (0,) * 12, (-1,) + (1,) * 11]:
        with pytest.raises(ValueError):
            p.Weights(parts)


amounts = st.decimals(min_value=D("-1e9"), max_value=D("1e9"), places=2, allow_nan=False, allow_infinity=False)
weights = st.lists(st.integers(min_value=0, max_value=10**6), min_size=12, max_size=12).filter(lambda w: sum(w) > 0)


@given(amounts, weights)
def test_the_twelve_months_always_sum_exactly_to_the_annual_amount_in_whole_oere(amount, parts):
    months = p.spread(amount, p.Weights(tuple(parts)))
    assert sum(months) == amount
    assert all(m == m.quantize(D("0.01")) for m in months)
    # No month is more than one øre away from its exact share.
    total = sum(parts)
    for month, part in zip(months, parts, strict=True):
        assert abs(Fraction(month) - Fraction(amount) * part / total) < Fraction(1, 100)


@given(st.integers(min_value=-10**13, max_value=10**13), st.integers(min_value=0, max_value=12))
def test_the_short_way_for_the_even_profile_gives_what_spreading_gives(oere, month):
    assert p.to_date_oere(oere, p.EVEN, month) == sum(p.spread_oere(oere, p.Weights((1,) * 12))[:month])


@given(st.lists(st.integers(min_value=-10**13, max_value=10**13), max_size=20), weights,
       st.integers(min_value=0, max_value=12))
def test_periodising_many_amounts_at_once_gives_what_each_alone_gives(amounts, parts, month):
    many = p.ToDate(p.Weights(tuple(parts)), month)
    assert [many(a) for a in amounts] == [p.to_date_oere(a, p.Weights(tuple(parts)), month) for a in amounts]
    salary = p.ToDate(p.salary_weights(), month)
    assert [salary(a) for a in amounts] == [p.to_date_oere(a, p.salary_weights(), month) for a in amounts]
    even = p.ToDate(p.EVEN, month)
    assert [even(a) for a in amounts] == [p.to_date_oere(a, p.EVEN, month) for a in amounts]


@given(st.lists(st.integers(min_value=-10**13, max_value=10**13), max_size=20), weights)
def test_every_months_budget_to_date_at_once_is_what_each_month_alone_gives(amounts, parts):
    for chosen in (p.Weights(tuple(parts)), p.salary_weights(), p.EVEN):
        year = p.ToDates(chosen)
        assert [year(a) for a in amounts] == [[p.to_date_oere(a, chosen, m) for m in range(1, 13)] for a in amounts]
