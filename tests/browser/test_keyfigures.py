"""Finance staff upload a key-figure file, see it parsed before it is imported, and read the monthly
economy report with its charts."""

import pytest

from tests.keyfigures.keyfigure_factories import make_figures

from ..factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ABSENCE_FILE = ("maaned;enhed_id;sygedage;mulige_dage;medarbejdere\n"
                "2022-09;E1;10;100;6\n2022-09;E2;2;200;11\n2022-09;B2;4;200;10\n")


def test_an_upload_is_previewed_then_imported(cast, page, live_server, log_in, screenshot, tmp_path):
    path = tmp_path / "sygefravaer-september.csv"
    path.write_text(ABSENCE_FILE, encoding="utf-8")
    log_in("okonomi", PASSWORD)
    page.goto(f"{live_server.url}/noegletal/indlaes/")
    page.select_option("#id_series", "absence")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Kontrollér filen").click()
    preview = page.locator("#kf-preview")
    preview.wait_for()
    assert "Filen er i orden" in page.locator("#kf-import-result").inner_text()
    rows = preview.locator("tbody tr")
    assert rows.count() == 3
    assert rows.first.inner_text().split("\t")[:4] == ["september 2022", "B2", "4,00", "200,00"]
    screenshot("noegletal-indlaes-forhaandsvisning")

    page.get_by_role("button", name="Indlæs sygefravaer-september.csv").click()
    page.wait_for_load_state()
    assert "sygefravaer-september.csv er indlæst – 3 rækker for september 2022" in page.locator("main").inner_text()
    assert page.locator("h1").inner_text() == "Sygefravær – Testkommune"


def test_a_bad_upload_lists_its_problems(cast, page, live_server, log_in, tmp_path):
    path = tmp_path / "forkert.csv"
    path.write_text("maaned;enhed_id;sygedage;mulige_dage\n2022-09;X1;5;2\n", encoding="utf-8")
    log_in("okonomi", PASSWORD)
    page.goto(f"{live_server.url}/noegletal/indlaes/")
    page.select_option("#id_series", "absence")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Kontrollér filen").click()
    page.get_by_text("Filen er afvist – intet er ændret").wait_for()
    problems = page.locator("#kf-import-result table").inner_text()
    assert "ukendt enhed" in problems and "flere sygedage end mulige arbejdsdage" in problems


def test_the_report_page_reads_like_the_agenda_item_and_shows_its_charts(cast, page, live_server, log_in,
                                                                         screenshot):
    make_figures(cast.org)
    log_in("direktor", PASSWORD)
    page.goto(f"{live_server.url}/noegletal/rapport/?maaned=2022-09")
    assert page.locator("h1").inner_text() == "Orientering om udviklingen i kommunens økonomi – september 2022"
    points = page.locator("ol.kf-points li")
    assert points.count() == 7
    assert points.first.inner_text().startswith("Der har været et fald på 247 personer siden oktober 2021")
    charts = page.locator("figure.kf-chart svg[role=img]")
    assert charts.count() == 6 and charts.first.is_visible()
    assert charts.first.bounding_box()["width"] > 300
    # The chart's text is set in the page's typeface (IBM Plex Sans from DKFDS).
    assert "IBM Plex Sans" in page.evaluate("getComputedStyle(document.querySelector('figure svg text')).fontFamily")
    assert screenshot("noegletal-rapport").stat().st_size > 50_000
