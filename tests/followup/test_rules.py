"""The follow-up rules, one per rule a finance officer would state."""

from decimal import Decimal as D

from styr.followup import rules

M = D(1_000_000)


def test_the_deviation_is_corrected_budget_minus_expected_result():
    assert rules.deviation(D("46.0") * M, D("43.2") * M) == D("2.8") * M
    assert rules.deviation(D(100), D(130)) == D(-30)


def test_the_printed_sign_follows_the_municipalitys_convention():
    assert rules.shown_deviation(D(-30), rules.BUDGET_MINUS_SPEND) == D(-30)
    assert rules.shown_deviation(D(-30), rules.SPEND_MINUS_BUDGET) == D(30)
    assert "+ = merforbrug" in rules.deviation_header(rules.SPEND_MINUS_BUDGET)


def test_the_naive_forecast_extrapolates_by_last_years_monthly_profile():
    # Last year 60 % was spent by July; 30 mio. kr. spent now means 50 mio. kr. for the year.
    assert rules.naive_forecast(D(30) * M, D(60) * M, D(100) * M) == D(50) * M


def test_without_last_year_there_is_no_naive_forecast():
    assert rules.naive_forecast(D(30) * M, D(0), D(0)) is None


def test_carry_over_is_capped_at_the_areas_share_of_its_budget():
    assert rules.carry_over(D(3) * M, D(40) * M, allowed=True, cap_percent=D(5)) == D(2) * M
    assert rules.carry_over(D(-3) * M, D(40) * M, allowed=True, cap_percent=D(5)) == D(-2) * M
    assert rules.carry_over(D("0.5") * M, D(40) * M, allowed=True, cap_percent=D(5)) == D("0.5") * M


def test_an_area_without_carry_over_access_carries_nothing():
    assert rules.carry_over(D(-1) * M, D(40) * M, allowed=False, cap_percent=D(5)) == 0


def test_an_overspend_carried_in_is_won_back_by_what_the_area_ends_above_it():
    assert rules.recovered_from_carried_overspend(D("-0.6") * M, D("-0.4") * M) == D("0.2") * M


def test_no_more_than_the_carried_in_overspend_can_be_won_back():
    assert rules.recovered_from_carried_overspend(D("-0.1") * M, D("1.6") * M) == D("0.1") * M


def test_a_demography_pool_covers_the_named_areas_overspend_up_to_its_size():
    use = rules.pool_use(D(10) * M, D("-8.7") * M)
    assert (use.drawn, use.left, use.financed_after_pool) == (D("8.7") * M, D("1.3") * M, D(0))
    full = rules.pool_use(D(9) * M, D("-26.8") * M)
    assert (full.drawn, full.left, full.financed_after_pool) == (D(9) * M, D(0), D("-17.8") * M)


def test_a_pool_is_not_drawn_when_the_area_underspends():
    use = rules.pool_use(D(5) * M, D("1.2") * M)
    assert (use.drawn, use.left) == (D(0), D(5) * M)


def test_the_service_part_of_a_forecast_follows_the_service_share_of_the_budget():
    # 80 % of the area is service; a 10 mio. kr. overspend is 8 mio. kr. of service overspend.
    assert rules.service_expected(D(110) * M, D(100) * M, D(80) * M) == D(88) * M


def test_the_service_frame_is_measured_against_the_original_budget():
    assert rules.service_frame(D(1000) * M, D("961.4") * M) == D("38.6") * M


def test_unspent_capital_is_transferred_and_partly_used_next_year():
    outlook = rules.capital_outlook(D(100) * M, D("25.6") * M, D(73) * M)
    assert outlook.underspend == D("74.4") * M and outlook.transfer == D("74.4") * M
    assert outlook.used_next_year == D(73) * M and outlook.underspend_next_year == D("1.4") * M


def test_an_overspend_above_the_threshold_without_a_risk_picture_requires_an_action_plan():
    assert rules.action_plan_required(D(-600_000), threshold=D(500_000), has_current_risk_picture=False)
    assert not rules.action_plan_required(D(-600_000), threshold=D(500_000), has_current_risk_picture=True)
    assert not rules.action_plan_required(D(-400_000), threshold=D(500_000), has_current_risk_picture=False)


def test_the_expected_value_of_a_risk_picture_weights_consequences_by_likelihood():
    assert rules.risk_expected_value([(5, D(1_000_000)), (1, D(500_000))]) == D(950_000)


def test_the_heat_map_places_each_risk_by_likelihood_and_consequence():
    bands = [D(250_000), D(500_000), D(1_000_000), D(2_500_000)]
    grid = rules.heat_map([(5, D(3_000_000)), (1, D(100_000)), (1, D(200_000))], bands)
    assert grid[0][4] == 1  # top row is likelihood 5, last column the largest consequence
    assert grid[4][0] == 2
