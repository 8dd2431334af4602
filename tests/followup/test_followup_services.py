"""Opening a round, the budget holder's forecast, and Økonomi's approval."""

import datetime
from decimal import Decimal as D

import pytest
from auditlog.models import LogEntry
from django.core import mail

from styr.core.audit import acting
from styr.followup import services
from styr.followup.models import ForecastStatus
from tests.budget.budget_factories import make_budget_line, make_change_line, make_posting

DEADLINE = datetime.date(2022, 8, 10)


@pytest.fixture
def economy(cast):
    """B1 (Egebjerg Skole, leader_a) and B3 (Plejecenter, leader_b) with budgets and postings."""
    make_budget_line("100100", "1200000", year=2022)
    make_budget_line("100110", "600000", year=2022)
    make_change_line("100110", "100000", year=2022)
    make_budget_line("100300", "2400000", year=2022, function="5.30.27")
    make_budget_line("100300", "5000000", year=2022, function="5.30.27", dranst=3, art="4.0")
    for month in range(1, 8):
        make_posting("100100", "100000", year=2022, month=month)
        make_posting("100300", "200000", year=2022, month=month, function="5.30.27")
    for month in range(1, 13):
        make_posting("100100", "90000" if month <= 7 else "110000", year=2021, month=month)
    return cast


def open_july(cast):
    return services.open_round(year=2022, month=7, scope=cast.org.root, deadline=DEADLINE, created_by=cast.finance)


def forecast(round_, code, capital=False):
    return round_.forecasts.get(unit__code=code, capital=capital)


def test_a_round_prefills_every_budget_holders_budget_and_actuals(economy):
    round_ = open_july(economy)
    school = forecast(round_, "B1")
    assert (school.original_budget, school.corrected_budget, school.actual_to_date) == (
        D("1800000.00"), D("1900000.00"), D("700000.00"))
    assert {f.unit.code for f in round_.forecasts.all()} == {"B1", "B2", "B3"}


def test_capital_gets_its_own_line_only_where_there_is_capital(economy):
    round_ = open_july(economy)
    assert forecast(round_, "B3", capital=True).corrected_budget == D("5000000.00")
    assert not round_.forecasts.filter(unit__code="B1", capital=True).exists()


def test_the_naive_forecast_extrapolates_by_last_years_profile(economy):
    school = forecast(open_july(economy), "B1")
    # Last year: 630.000 by July of 1.180.000; this year 700.000 by July.
    assert school.naive_forecast == (D(700000) * D(1180000) / D(630000)).quantize(D("0.01"))
    assert school.expected is None  # a suggestion, never silently used


def test_a_round_carries_the_last_rounds_expected_result(economy):
    june = services.open_round(year=2022, month=6, scope=economy.org.root, deadline=DEADLINE)
    services.save_forecast(forecast(june, "B1"), user=economy.leader_a, expected=D(2000000), explanation="Vikarer",
                           submit=True)
    assert forecast(open_july(economy), "B1").previous_expected == D("2000000.00")


def test_the_same_month_cannot_be_opened_twice(economy):
    open_july(economy)
    with pytest.raises(services.FollowupRefused):
        open_july(economy)


def test_a_leader_submits_their_own_forecast_and_it_is_audited(economy):
    school = forecast(open_july(economy), "B1")
    with acting(economy.leader_a, source="test"):
        services.save_forecast(school, user=economy.leader_a, expected=D(2000000),
                               explanation="Flere elever end budgetteret", submit=True)
    school.refresh_from_db()
    assert school.status == ForecastStatus.SUBMITTED and school.submitted_by == economy.leader_a
    entry = LogEntry.objects.get_for_object(school).latest("timestamp")
    assert entry.actor == economy.leader_a and "forventet regnskab" in entry.changes_display_dict


def test_a_leader_cannot_edit_another_areas_forecast(economy):
    care_home = forecast(open_july(economy), "B3")
    assert not services.can_edit(economy.leader_a, care_home)
    with pytest.raises(services.FollowupRefused):
        services.save_forecast(care_home, user=economy.leader_a, expected=D(1), explanation="")


def test_a_submitted_forecast_is_locked_until_returned(economy):
    school = forecast(open_july(economy), "B1")
    services.save_forecast(school, user=economy.leader_a, expected=D(2000000), explanation="Vikarer", submit=True)
    with pytest.raises(services.FollowupRefused):
        services.save_forecast(school, user=economy.leader_a, expected=D(1900000), explanation="")
    services.return_forecast(school, user=economy.finance, comment="Uddyb forklaringen")
    assert services.can_edit(economy.leader_a, school)
    services.save_forecast(school, user=economy.leader_a, expected=D(1950000), explanation="Vikarer og elever",
                           submit=True)
    services.approve_forecast(school, user=economy.finance)
    assert school.status == ForecastStatus.APPROVED and school.approved_by == economy.finance


def test_a_deviation_must_be_explained_before_it_is_submitted(economy):
    school = forecast(open_july(economy), "B1")
    with pytest.raises(services.FollowupRefused, match="forklaring"):
        services.save_forecast(school, user=economy.leader_a, expected=D(2500000), explanation=" ", submit=True)


def test_only_finance_staff_return_or_approve(economy):
    school = forecast(open_july(economy), "B1")
    services.save_forecast(school, user=economy.leader_a, expected=D(1900000), explanation="", submit=True)
    with pytest.raises(services.FollowupRefused):
        services.approve_forecast(school, user=economy.director)
    with pytest.raises(services.FollowupRefused):
        services.return_forecast(school, user=economy.finance, comment="")


def test_the_reminder_goes_to_the_leaders_who_have_not_submitted(economy):
    round_ = open_july(economy)
    services.save_forecast(forecast(round_, "B1"), user=economy.leader_a, expected=D(1900000), explanation="",
                           submit=True)
    assert {f.unit.code for f in services.missing_forecasts(round_)} == {"B2", "B3"}
    assert services.send_reminders(round_) == 1  # B2 has no leader with an e-mail
    assert mail.outbox[0].to == [economy.org.b3.leader.email]
    assert "Plejecenter Lindholm" in mail.outbox[0].body


def test_a_risk_picture_counts_only_with_a_risk_in_it(economy):
    assert not services.has_current_risk_picture(economy.org.b3, 2022)
    services.save_risk(economy.org.b3, 2022, user=economy.leader_b, description="Flere borgere visiteret",
                       likelihood=4, consequence=D(800000), mitigation="Revisitation", owner="Bo Holm")
    assert services.has_current_risk_picture(economy.org.b3, 2022)
    with pytest.raises(services.FollowupRefused):
        services.save_risk(economy.org.b3, 2022, user=economy.leader_b, description="x", likelihood=7,
                           consequence=D(1))
