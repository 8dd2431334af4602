"""Min lederside shows a leader only their own subtree: numbers, drill-down links, goals, news."""

import datetime
import re

import pytest

from styr.followup.models import ForecastStatus
from styr.followup.services import open_round, save_forecast
from styr.portal.models import NewsItem, NewsReceipt, SatisfactionResult, ToolLink
from tests.budget.budget_factories import make_budget_line, make_posting
from tests.goals.goal_factories import make_goal

from .portal_factories import make_news


@pytest.fixture
def municipality(cast):
    org = cast.org
    for cc, amount in (("100100", "1800000"), ("100110", "600000"), ("100300", "2400000"), ("100310", "900000")):
        make_budget_line(cc, amount, year=2022)
        for month in range(1, 8):
            make_posting(cc, str(int(amount) // 12), year=2022, month=month)
    round_ = open_round(year=2022, month=7, scope=org.root, deadline=datetime.date(2022, 8, 10))
    make_goal(org.b1, "Læsning i indskolingen", status="roed", note="x")
    make_goal(org.b3, "Færre fald", status="groen")
    SatisfactionResult.objects.create(unit=org.b3, year=2022, question="Plejehjemmets mad", average=4, responses=30)
    make_news("Til alle")
    make_news("Kun til skoleområdet", unit=org.u1)
    make_news("Kun til Plejecenter Lindholm", unit=org.b3)
    make_news("Kun til enheder", kind="enhed")
    ToolLink.objects.create(title="Lønsystemet", url="https://loen.example.dk/")
    return round_


def links(page: str) -> set[str]:
    """The links in the page's main content (not the menu's or the footer's)."""
    main = page[page.index("<main"):page.index("</main>")]
    return set(re.findall(r'href="([^"]+)"', main))


def test_a_leaders_page_holds_only_their_own_units(client, cast, municipality):
    client.force_login(cast.leader_a)
    page = client.get("/min-side/").content.decode()
    assert "Egebjerg Skole" in page and "Indskoling" in page and "SFO" in page
    for foreign in ("Plejecenter Lindholm", "Boenheder", "Færre fald", "Plejehjemmets mad", "Dagtilbud Nord"):
        assert foreign not in page
    assert "Til alle" in page and "Kun til skoleområdet" in page
    assert "Kun til Plejecenter Lindholm" not in page and "Kun til enheder" not in page
    assert "Lønsystemet" in page


def test_every_link_on_a_leaders_page_opens_for_them_and_none_leads_into_another_subtree(client, cast, municipality):
    client.force_login(cast.leader_a)
    page = client.get("/min-side/").content.decode()
    internal = [url.replace("&amp;", "&") for url in links(page) if url.startswith("/") and "/static/" not in url]
    assert any(url.startswith("/budget/enhed/B1/") for url in internal)
    assert any(url.startswith("/opfoelgning/prognose/") for url in internal)
    assert not any("B3" in url or "E3" in url for url in internal)
    for url in internal:
        assert client.get(url).status_code == 200, url
    client.force_login(cast.leader_b)
    for url in internal:
        if url.startswith(("/budget/enhed/B1", "/opfoelgning/prognose/", "/maal/runde/")):
            assert client.get(url).status_code == 404, url


def test_the_budget_line_shows_kb_actuals_and_the_forecast_with_its_deviation(client, cast, municipality):
    forecast = municipality.forecasts.get(unit=cast.org.b1, capital=False)
    save_forecast(forecast, user=cast.leader_a, expected=forecast.corrected_budget + 150_000, explanation="Vikarer")
    client.force_login(cast.leader_a)
    page = client.get("/min-side/").content.decode()
    assert "2,4 mio. kr." in page  # KB of the school and its units
    assert "2,6 mio. kr." in page and "-0,2 mio. kr." in page  # expected and an overspend of 150.000


def test_an_expected_result_not_given_yet_is_marked_as_counted_at_kb(client, cast, municipality):
    client.force_login(cast.leader_a)
    note = "Forventet regnskab er ikke indsendt for alle områder endnu"
    before = client.get("/min-side/").content.decode()
    assert note in before and "2,4 mio. kr.</a> *" in before  # the expected result is the KB so far
    forecast = municipality.forecasts.get(unit=cast.org.b1, capital=False)
    save_forecast(forecast, user=cast.leader_a, expected=forecast.corrected_budget, explanation="")
    after = client.get("/min-side/").content.decode()
    assert note not in after and "2,4 mio. kr.</a> *" not in after


def test_tasks_are_the_forecast_due_and_the_goal_status_due(client, cast, municipality):
    client.force_login(cast.leader_a)
    page = client.get("/min-side/").content.decode()
    assert "Indsend forventet regnskab for Egebjerg Skole (drift)" in page
    assert "Giv status på 1 mål for Egebjerg Skole" in page
    forecast = municipality.forecasts.get(unit=cast.org.b1, capital=False)
    save_forecast(forecast, user=cast.leader_a, expected=forecast.corrected_budget + 900_000,
                  explanation="Flere elever", submit=True)
    for other in municipality.forecasts.filter(unit=cast.org.b1, capital=True):
        other.status = ForecastStatus.SUBMITTED
        other.save()
    page = client.get("/min-side/").content.decode()
    assert "Indsend forventet regnskab for Egebjerg Skole" not in page
    assert "Udfyld risikobillede for Egebjerg Skole" in page  # 900.000 over the 500.000 threshold


def test_opening_a_news_item_marks_it_read_and_finance_sees_who_has_read_it(client, cast, municipality):
    news = NewsItem.objects.get(title="Kun til skoleområdet")
    client.force_login(cast.leader_a)
    assert "1 ulæst" not in client.get("/min-side/").content.decode()
    assert client.get(f"/min-side/nyheder/{news.pk}/").status_code == 200
    assert NewsReceipt.objects.filter(news=news, user=cast.leader_a).exists()
    client.force_login(cast.finance)
    page = client.get(f"/min-side/nyheder/{news.pk}/").content.decode()
    assert "Læst af 1 af 1" in page and "Anne Skov" in page
    assert not NewsReceipt.objects.filter(user=cast.finance).exists()  # an author reading is no receipt


def test_a_leader_cannot_open_news_meant_for_another_subtree(client, cast, municipality):
    news = NewsItem.objects.get(title="Kun til Plejecenter Lindholm")
    client.force_login(cast.leader_a)
    assert client.get(f"/min-side/nyheder/{news.pk}/").status_code == 404
    assert "Kun til Plejecenter Lindholm" not in client.get("/min-side/nyheder/").content.decode()
    client.force_login(cast.leader_b)
    assert client.get(f"/min-side/nyheder/{news.pk}/").status_code == 200


def test_finance_sends_news_to_a_level_of_the_organisation(client, cast, municipality):
    client.force_login(cast.finance)
    response = client.post("/min-side/nyheder/ny/", {"title": "Til områderne", "body": "Hej",
                                                      "audience_kind": "bevillingsomraade", "audience_unit": ""})
    assert response.status_code == 302
    client.force_login(cast.leader_b)
    assert "Til områderne" in client.get("/min-side/").content.decode()
    client.force_login(cast.leader_a)
    assert client.post("/min-side/nyheder/ny/", {"title": "x", "body": "y"}).status_code == 404


def test_the_health_page_answers_ok_without_a_login(client, db):
    response = client.get("/sundhed/")
    assert response.status_code == 200 and response.content == b"ok"
