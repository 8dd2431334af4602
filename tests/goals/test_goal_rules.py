"""The goal rules a finance officer can read and agree with: no database."""

from decimal import Decimal as D

from styr.goals import rules

GREEN, YELLOW, RED = rules.GREEN, rules.YELLOW, rules.RED


def test_an_indicator_that_reaches_its_target_is_green_in_either_direction():
    assert rules.indicator_status(baseline=D(6), target=D(5), direction="ned", latest=D("4.9")) == GREEN
    assert rules.indicator_status(baseline=D(6), target=D(5), direction="ned", latest=D(5)) == GREEN
    assert rules.indicator_status(baseline=D("3.8"), target=D("4.2"), direction="op", latest=D("4.3")) == GREEN


def test_better_than_the_baseline_but_short_of_the_target_is_yellow():
    assert rules.indicator_status(baseline=D(6), target=D(5), direction="ned", latest=D("5.5")) == YELLOW
    assert rules.indicator_status(baseline=D(48), target=D(60), direction="op", latest=D(50)) == YELLOW


def test_no_better_than_the_baseline_is_red_and_nothing_measured_is_not_assessed():
    assert rules.indicator_status(baseline=D(6), target=D(5), direction="ned", latest=D(6)) == RED
    assert rules.indicator_status(baseline=D(6), target=D(5), direction="ned", latest=D("6.4")) == RED
    assert rules.indicator_status(baseline=D(48), target=D(60), direction="op", latest=D(47)) == RED
    assert rules.indicator_status(baseline=D(6), target=D(5), direction="ned", latest=None) is None


def test_progress_is_the_share_of_the_way_from_baseline_to_target():
    assert rules.progress(baseline=D(6), target=D(5), latest=D("5.5")) == 50
    assert rules.progress(baseline=D(48), target=D(60), latest=D(45)) == -25
    assert rules.progress(baseline=D(5), target=D(5), latest=D(5)) is None


def test_a_goal_is_as_far_as_its_weakest_indicator():
    assert rules.worst([GREEN, YELLOW, GREEN]) == YELLOW
    assert rules.worst([GREEN, None, RED]) == RED
    assert rules.worst([None, ""]) is None


def test_a_guiding_mark_is_red_when_a_third_of_its_assessed_goals_are_red():
    assert rules.aggregate([RED, GREEN, GREEN]).status == RED
    assert rules.aggregate([RED, GREEN, GREEN, GREEN]).status == YELLOW
    assert rules.aggregate([RED] + [GREEN] * 9).status == YELLOW  # one red goal of ten does not colour the mark


def test_a_guiding_mark_is_green_only_when_every_assessed_goal_is_green():
    assert rules.aggregate([GREEN, GREEN, None]).status == GREEN
    assert rules.aggregate([GREEN, YELLOW]).status == YELLOW


def test_a_guiding_mark_without_assessed_goals_is_not_assessed_but_counts_them():
    result = rules.aggregate([None, "", None])
    assert result.status is None and result.not_assessed == 3 and result.total == 3
    counted = rules.aggregate([GREEN, YELLOW, RED, RED, None])
    assert (counted.green, counted.yellow, counted.red, counted.not_assessed) == (1, 1, 2, 1)


def test_the_board_meets_on_the_guiding_marks_twice_a_year():
    assert [rules.half_year(m) for m in (1, 6, 7, 12)] == [1, 1, 2, 2]
