"""A member of Direktionen builds an agenda, publishes it, records the decisions, approves the
minutes and downloads them as PDF — in Chromium, as a person would."""

import subprocess

import pytest

from tests.factories import PASSWORD
from tests.meetings.meeting_factories import make_bodies, make_year_wheel

from .conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_a_member_builds_an_agenda_decides_and_downloads_the_minutes(cast, page, live_server, log_in, screenshot):
    bodies = make_bodies([cast.director])
    make_year_wheel(bodies.directors)
    log_in("direktor", PASSWORD)
    page.goto(f"{live_server.url}/moeder/")
    page.get_by_role("link", name="Nyt møde").click()
    page.select_option("#id_body", label="Direktionen")
    page.fill("#id_day", "2022-08-29")
    page.fill("#id_start", "08:30")
    page.click("main button[type=submit]")
    assert page.locator("h1").inner_text() == "Direktionen d. 29-08-2022"
    agenda = page.locator("#punkter")
    assert "Punkt 1: Orientering om udviklingen i kommunens økonomi" in agenda.inner_text()
    assert "Punkt 3: Eventuelt" in agenda.inner_text()

    page.get_by_role("link", name="Tilføj punkt").click()
    page.fill("#id_title", "Budgetopfølgning pr. 31. juli 2022")
    page.fill("#id_case_number", "22-002837")
    page.fill("#id_journal_number", "00.30.00")
    page.fill("#id_resume", "Økonomistaben fremlægger budgetopfølgningen.")
    page.fill("#id_recommended_by", "Direktøren")
    page.fill("#id_recommendations", "orienteringen tages til efterretning")
    page.get_by_label("Økonomiudvalget").check()
    page.click("main button[type=submit]")
    assert "Punkt 2: Budgetopfølgning pr. 31. juli 2022" in agenda.inner_text()

    # Reorder with htmx: the list is replaced in place, the page is not reloaded.
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="Flyt punkt 2 op").click()
    page.wait_for_function("document.querySelector('#punkter').innerText.includes('Punkt 1: Budgetopfølgning')")
    assert page.evaluate("window.notReloaded") is True
    screenshot("moede-dagsorden")

    page.get_by_role("button", name="Offentliggør dagsordenen").click()
    assert "Dagsordenen er offentliggjort" in page.locator("main").inner_text()
    for number, phrase in ((1, "Anbefales"), (2, "Taget til efterretning")):
        page.get_by_role("link", name=f"Registrér beslutning for punkt {number}").click()
        page.select_option("#id_phrase", label=phrase)
        if number == 1:
            page.fill("#id_follow_up", "Status gives på møde med administrative chefer")
            page.fill("#id_follow_up_due", "2022-09-26")
        page.click("main button[type=submit]")
    page.get_by_role("link", name="Registrér beslutning for punkt 3").click()  # Formidling (closed)
    page.fill("#id_text", "Drøftelserne formidles via intranettet.")
    page.click("main button[type=submit]")
    page.get_by_role("button", name="Godkend og offentliggør referatet").click()
    assert "Referatet er godkendt og offentliggjort" in page.locator("main").inner_text()
    screenshot("moede-referat")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF").nth(2).click()  # Referat, the public PDF
    path = download_info.value.path()
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()
    assert text.startswith("REFERAT Direktionen d. 29-08-2022")
    assert "Punkt 1: Budgetopfølgning pr. 31. juli 2022" in text
    assert "Direktionens møde den 29. august 2022:" in text and "Anbefales." in text
    assert "Punkt 3: Lukket: Formidling af Direktionens drøftelser" in text
    assert "intranettet" not in text  # the closed item's decision is not in the public minutes
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path),
                    str(SCREENSHOTS / "referat-side1")], check=True)
    assert (SCREENSHOTS / "referat-side1-1.png").stat().st_size > 5_000
