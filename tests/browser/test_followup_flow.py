"""A budget holder submits a forecast in the browser, and finance staff approve it."""

import datetime
from pathlib import Path

import pytest

from styr.followup.models import ForecastStatus
from styr.followup.services import open_round
from tests.budget.budget_factories import make_budget_line, make_posting

from ..factories import PASSWORD

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def july_round(cast):
    make_budget_line("100100", "1800000", year=2022)
    for month in range(1, 8):
        make_posting("100100", "160000", year=2022, month=month)
    return open_round(year=2022, month=7, scope=cast.org.root, deadline=datetime.date(2022, 8, 10))


def test_a_leader_submits_a_forecast_and_finance_approves_it(cast, july_round, page, live_server, log_in,
                                                             screenshot, browser):
    school = july_round.forecasts.get(unit=cast.org.b1, capital=False)
    log_in("leder_a", PASSWORD)
    page.goto(f"{live_server.url}/opfoelgning/{july_round.pk}/")
    assert page.get_by_role("link", name="Plejecenter Lindholm").count() == 0  # only their own area
    page.get_by_role("link", name="Egebjerg Skole").click()
    page.fill("#id_expected", "1.950.000")
    page.fill("#id_explanation", "Flere elever end forudsat og vikarer under sygefravær.")
    screenshot("prognose-udfyldt")
    page.get_by_role("button", name="Indsend til Økonomi").click()
    assert "Prognosen er indsendt til Økonomi." in page.locator("main").inner_text()
    school.refresh_from_db()
    assert school.status == ForecastStatus.SUBMITTED and str(school.expected) == "1950000.00"

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    finance_page = context.new_page()
    finance_page.goto(f"{live_server.url}/log-ind/")
    finance_page.fill("#id_username", "okonomi")
    finance_page.fill("#id_password", PASSWORD)
    finance_page.click("main button[type=submit]")
    finance_page.goto(f"{live_server.url}/opfoelgning/{july_round.pk}/")
    row = finance_page.locator("tr", has_text="Egebjerg Skole")
    assert "-150" in row.inner_text() and "Indsendt" in row.inner_text()  # 1.800 − 1.950 t.kr.
    row.get_by_role("link", name="Egebjerg Skole").click()
    finance_page.get_by_role("button", name="Godkend").click()
    assert "er godkendt" in finance_page.locator("main").inner_text()
    finance_page.screenshot(path=str(SCREENSHOTS / "prognose-godkendt.png"), full_page=True)
    context.close()
    school.refresh_from_db()
    assert school.status == ForecastStatus.APPROVED
