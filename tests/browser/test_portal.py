"""Two leaders open Min lederside on a laptop and on a phone: each sees their own part only."""

import pytest

from tests.portal.portal_factories import small_municipality

from ..factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def municipality(cast):
    return small_municipality(cast.org)


@pytest.mark.parametrize("username, own, foreign", [
    ("leder_a", "Egebjerg Skole", "Plejecenter Lindholm"),
    ("leder_b", "Plejecenter Lindholm", "Egebjerg Skole"),
])
def test_each_leader_sees_their_own_portal_on_a_laptop_and_a_phone(cast, municipality, page, live_server, log_in,
                                                                   screenshot, username, own, foreign):
    log_in(username, PASSWORD)
    page.goto(f"{live_server.url}/min-side/")
    main = page.locator("main")
    assert page.locator("h1").inner_text() == "Min lederside"
    assert own in main.inner_text() and foreign not in main.inner_text()
    for heading in ("Dine opgaver", "Nyheder", "Økonomi 2022", "Sygefravær", "Mål", "Brugertilfredshed", "Værktøjer"):
        assert main.get_by_role("heading", name=heading).count() >= 1, heading
    screenshot(f"min-lederside-{username}")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    # On a phone nothing but the tables may be wider than the screen (they scroll inside themselves).
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    screenshot(f"min-lederside-{username}-mobil")


def test_a_leader_drills_down_from_the_portal_to_the_budget_and_opens_a_news_item(cast, municipality, page,
                                                                                 live_server, log_in):
    log_in("leder_a", PASSWORD)
    page.goto(f"{live_server.url}/min-side/")
    page.get_by_role("link", name="Nyt til skolerne").click()
    assert page.locator("h1").inner_text() == "Nyt til skolerne"
    page.go_back()
    page.reload()
    assert "ulæst" not in page.locator("li", has_text="Nyt til skolerne").inner_text()
    page.locator("table a", has_text="Indskoling").first.click()
    assert "/budget/enhed/E1/" in page.url
