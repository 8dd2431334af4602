"""Goal status, measurements, and the goal status a budget holder gives in the monthly round."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from styr.followup.models import GoalStatus
from styr.followup.services import close_round, open_round
from styr.goals import services
from styr.goals.models import Goal

from .goal_factories import make_goal, make_indicator


@pytest.fixture
def july(cast):
    return open_round(year=2022, month=7, scope=cast.org.root, deadline=datetime.date(2022, 8, 10))


def test_a_leader_sets_the_status_of_their_goal_and_it_is_audited(cast):
    goal = make_goal(cast.org.b1)
    services.set_goal_status(goal, user=cast.leader_a, colour="gul", note="På vej.")
    goal.refresh_from_db()
    assert (goal.status, goal.progress_note, goal.status_updated_by) == ("gul", "På vej.", cast.leader_a)
    assert LogEntry.objects.get_for_object(goal).filter(action=LogEntry.Action.UPDATE).exists()


def test_a_yellow_or_red_status_needs_a_note(cast):
    goal = make_goal(cast.org.b1)
    with pytest.raises(services.GoalRefused, match="bemærkning"):
        services.set_goal_status(goal, user=cast.leader_a, colour="roed", note=" ")
    services.set_goal_status(goal, user=cast.leader_a, colour="groen", note="")


def test_a_second_measurement_on_the_same_day_replaces_the_first(cast):
    indicator = make_indicator(make_goal(cast.org.b1))
    day = datetime.date(2022, 3, 31)
    services.record_measurement(indicator, user=cast.leader_a, measured_on=day, value=Decimal("5.9"))
    services.record_measurement(indicator, user=cast.leader_a, measured_on=day, value=Decimal("5.7"))
    assert list(indicator.measurements.values_list("value", flat=True)) == [Decimal("5.7")]


def test_only_finance_and_the_units_own_leaders_may_update_its_goals(cast):
    assert services.can_update(cast.leader_a, cast.org.e1)  # a unit under her school
    assert not services.can_update(cast.leader_b, cast.org.e1)
    assert not services.can_update(cast.director, cast.org.e1)  # the directors read
    assert services.can_update(cast.finance, cast.org.e1)


def test_goal_status_for_the_round_updates_the_goals_and_the_rounds_goal_status(cast, july):
    own = make_goal(cast.org.b1, "Trivslen stiger")
    below = make_goal(cast.org.e1, "Læsning i indskolingen")
    count = services.record_goal_statuses_for_round(july, area=cast.org.b1, user=cast.leader_a, statuses=[
        services.StatusInput(own, "groen", ""), services.StatusInput(below, "roed", "Færre læsevejledere.")])
    assert count == 2
    rows = {s.goal: (s.unit, s.colour, s.note) for s in GoalStatus.objects.filter(round=july)}
    assert rows == {"Trivslen stiger": (cast.org.b1, "groen", ""),
                    "Indskoling: Læsning i indskolingen": (cast.org.b1, "roed", "Færre læsevejledere.")}
    assert Goal.objects.get(pk=below.pk).status == "roed"
    # Given again, the round's row is updated, not doubled.
    services.record_goal_statuses_for_round(july, area=cast.org.b1, user=cast.leader_a,
                                            statuses=[services.StatusInput(below, "gul", "Bedre.")])
    assert GoalStatus.objects.filter(round=july).count() == 2
    assert GoalStatus.objects.get(round=july, goal__startswith="Indskoling").colour == "gul"
    assert services.goal_statuses_due(july, cast.org.b1) == 0


def test_goal_status_is_refused_for_another_leaders_area_a_foreign_goal_or_a_closed_round(cast, july):
    mine, theirs = make_goal(cast.org.b1), make_goal(cast.org.b3)
    with pytest.raises(services.GoalRefused, match="egne mål"):
        services.record_goal_statuses_for_round(july, area=cast.org.b3, user=cast.leader_a,
                                                statuses=[services.StatusInput(theirs, "groen", "")])
    with pytest.raises(services.GoalRefused, match="hører ikke til"):
        services.record_goal_statuses_for_round(july, area=cast.org.b1, user=cast.leader_a,
                                                statuses=[services.StatusInput(theirs, "groen", "")])
    close_round(july, user=cast.finance)
    with pytest.raises(services.GoalRefused, match="afsluttet"):
        services.record_goal_statuses_for_round(july, area=cast.org.b1, user=cast.leader_a,
                                                statuses=[services.StatusInput(mine, "groen", "")])
    assert not GoalStatus.objects.exists()


def test_the_round_page_saves_every_goals_status(client, cast, july):
    goal = make_goal(cast.org.b1, "Trivslen stiger")
    client.force_login(cast.leader_a)
    url = f"/maal/runde/{july.pk}/B1/"
    assert "Trivslen stiger" in client.get(url).content.decode()
    response = client.post(url, {f"maal{goal.pk}-colour": "gul", f"maal{goal.pk}-note": "Halvvejs."})
    assert response.status_code == 302
    assert GoalStatus.objects.get(round=july, unit=cast.org.b1).colour == "gul"
    client.force_login(cast.leader_b)
    assert client.get(url).status_code == 404
