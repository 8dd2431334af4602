"""The economy report's service-frame point comes from the month's budget follow-up round."""

import datetime
from decimal import Decimal as D

from styr.followup.services import open_round, save_forecast
from styr.keyfigures.report import service_frame_point, service_frame_status
from tests.budget.budget_factories import make_budget_line, make_posting

JULY = datetime.date(2022, 7, 1)


def test_without_a_round_for_the_month_the_report_says_the_data_is_missing(cast):
    assert service_frame_status(JULY) is None


def test_the_service_frame_and_capital_are_read_from_the_municipalitys_round(cast):
    make_budget_line("100100", "1000000", year=2022)  # a service function (3.22.01)
    make_budget_line("100300", "5000000", year=2022, function="5.30.27", dranst=3, art="4.0")
    make_posting("100300", "1200000", year=2022, month=5, function="5.30.27", dranst=3, art="4.0")
    round_ = open_round(year=2022, month=7, scope=cast.org.root, deadline=datetime.date(2022, 8, 10))
    save_forecast(round_.forecasts.get(unit=cast.org.b1, capital=False), user=cast.finance, expected=D(900000),
                  explanation="Vakancer")
    status = service_frame_status(JULY)
    assert status.underspend == D("100000.00")
    assert (status.capital_spent, status.capital_budget) == (D("1200000.00"), D("5000000.00"))
    assert service_frame_point(JULY, status).startswith("Servicerammen er i balance med et mindreforbrug på 0,1 mio.")
