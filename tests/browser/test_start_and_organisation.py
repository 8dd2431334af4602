"""A person logs in, sees the Danish start page and the organisation tree."""

import pytest

from ..factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_finance_staff_log_in_and_see_the_start_page_and_the_tree(cast, page, live_server, log_in, screenshot):
    log_in("okonomi", PASSWORD)
    assert page.title().startswith("Forside")
    assert page.locator("h1").inner_text().startswith("Velkommen")
    desktop_menu = page.locator(".navigation-menu nav")
    assert desktop_menu.get_by_role("link", name="Organisation").is_visible()
    # DKFDS's stylesheet is served and applied (IBM Plex Sans is its typeface).
    assert "IBM Plex Sans" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert screenshot("startside").stat().st_size > 10_000

    desktop_menu.get_by_role("link", name="Organisation").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Organisation"
    assert page.get_by_role("link", name="Plejecenter Lindholm").is_visible()
    screenshot("organisation")

    page.get_by_role("link", name="Egebjerg Skole").click()
    assert page.locator("h1").inner_text() == "Egebjerg Skole"
    assert page.get_by_text("Anne Skov").first.is_visible()
    screenshot("enhed")


def test_the_unit_search_answers_as_you_type(cast, page, live_server, log_in):
    log_in("okonomi", PASSWORD)
    page.goto(f"{live_server.url}/organisation/")
    page.fill("#org-search", "Plejec")
    page.wait_for_selector("#org-search-results a")
    assert page.locator("#org-search-results").inner_text().startswith("Plejecenter Lindholm")


def test_a_leader_sees_only_their_own_part_of_the_tree(cast, page, live_server, log_in, screenshot):
    log_in("leder_a", PASSWORD)
    page.goto(f"{live_server.url}/organisation/")
    text = page.locator("main").inner_text()
    assert "Egebjerg Skole" in text and "Plejecenter" not in text
    screenshot("organisation-leder")
    response = page.goto(f"{live_server.url}/organisation/enhed/B3/")
    assert response.status == 404
    assert "Siden findes ikke" in page.locator("h1").inner_text()
