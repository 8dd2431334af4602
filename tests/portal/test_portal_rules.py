"""The portal's rules, no database: news targeting, targets down the tree, survey averages, tasks."""

import datetime
from decimal import Decimal as D

from styr.portal import rules

SCHOOL = ("bevillingsomraade", "/1/2/4/")
CLASS = ("enhed", "/1/2/4/5/")
CARE_HOME = ("bevillingsomraade", "/1/3/7/")


def test_news_without_an_audience_reaches_every_leader():
    assert rules.news_reaches(audience_kind="", audience_path="", units=[CLASS])


def test_news_for_a_level_reaches_only_leaders_of_units_of_that_kind():
    assert rules.news_reaches(audience_kind="bevillingsomraade", audience_path="", units=[SCHOOL])
    assert not rules.news_reaches(audience_kind="bevillingsomraade", audience_path="", units=[CLASS])


def test_news_for_a_subtree_reaches_only_leaders_inside_it():
    assert rules.news_reaches(audience_kind="", audience_path="/1/2/", units=[CLASS])
    assert not rules.news_reaches(audience_kind="", audience_path="/1/2/", units=[CARE_HOME])
    # the path is a prefix of whole ids: /1/2/ does not contain /1/23/
    assert not rules.news_reaches(audience_kind="", audience_path="/1/2/", units=[("enhed", "/1/23/")])


def test_news_for_a_level_in_a_subtree_needs_one_unit_that_is_both():
    assert rules.news_reaches(audience_kind="enhed", audience_path="/1/2/", units=[CARE_HOME, CLASS])
    assert not rules.news_reaches(audience_kind="enhed", audience_path="/1/3/", units=[CARE_HOME, CLASS])


def test_a_units_own_target_wins_over_the_one_above_it():
    targets = {1: D(5), 2: D("4.8")}
    assert rules.nearest_target("/1/2/4/5/", targets) == D("4.8")
    assert rules.nearest_target("/1/3/7/", targets) == D(5)
    assert rules.nearest_target("/9/", targets) is None


def test_survey_averages_are_weighted_by_their_number_of_answers():
    assert rules.weighted_average([(D(4), 200), (D(3), 20)]) == D("3.91")
    assert rules.weighted_average([]) is None


URLS = {"prognose": "/opfoelgning/prognose/{pk}/", "risikobillede": "/opfoelgning/risikobillede/{code}/?aar={year}"}
DEADLINE = datetime.date(2025, 9, 10)


def fact(status="kladde", action_plan=False, capital=False):
    return rules.ForecastFact(7, "Egebjerg Skole", capital, status, DEADLINE, action_plan, "B1", 2025)


def test_a_forecast_not_yet_submitted_or_sent_back_is_a_task_with_the_rounds_deadline():
    [task] = rules.forecast_tasks([fact("kladde")], URLS)
    assert task.text == "Indsend forventet regnskab for Egebjerg Skole (drift)" and task.due == DEADLINE
    assert task.url == "/opfoelgning/prognose/7/"
    [returned] = rules.forecast_tasks([fact("returneret", capital=True)], URLS)
    assert returned.text == "Ret og indsend forventet regnskab for Egebjerg Skole (anlæg)"


def test_a_submitted_or_approved_forecast_is_no_task():
    assert rules.forecast_tasks([fact("indsendt"), fact("godkendt")], URLS) == []


def test_an_expected_overspend_without_a_risk_picture_asks_for_one():
    tasks = rules.forecast_tasks([fact("godkendt", action_plan=True)], URLS)
    assert [t.kind for t in tasks] == ["risikobillede"]
    assert tasks[0].url == "/opfoelgning/risikobillede/B1/?aar=2025"


def test_tasks_come_soonest_deadline_first_and_overdue_ones_say_so():
    late = rules.Task("a", "a", "/", datetime.date(2025, 9, 1))
    soon = rules.Task("b", "b", "/", datetime.date(2025, 9, 20))
    whenever = rules.Task("c", "c", "/")
    assert rules.ordered([whenever, soon, late]) == [late, soon, whenever]
    assert late.overdue(datetime.date(2025, 9, 2)) and not soon.overdue(datetime.date(2025, 9, 2))
    assert not whenever.overdue(datetime.date(2030, 1, 1))
