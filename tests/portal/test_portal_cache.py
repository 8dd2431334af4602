"""Min lederside is cached per user and data version: whatever changes the figures, the news or the
tasks shows on the very next page load, and no leader is ever shown another leader's page."""

import datetime
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps

from styr.budget.ledger_import import import_ledger
from styr.budget.services import ChangeLineInput, record_budget_change
from styr.followup.services import save_forecast
from styr.goals.models import Goal
from styr.goals.services import set_goal_status
from styr.portal.models import NewsItem
from styr.portal.services import import_satisfaction, publish_news
from tests.budget.ledger_factories import posting_file

from .portal_factories import small_municipality


@pytest.fixture
def round_(cast):
    return small_municipality(cast.org)


def page(client) -> str:
    response = client.get("/min-side/")
    assert response.status_code == 200
    return response.content.decode()


def goal_status(text: str, title: str) -> str:
    return re.search(rf"{title}</a>.*?status-badge\">([^<]+)<", text).group(1)


def test_a_forecast_saved_after_the_page_was_cached_shows_on_the_next_load(client, cast, round_):
    client.force_login(cast.leader_a)
    before = page(client)
    assert "Indsend forventet regnskab for Egebjerg Skole (drift)" in before and "2,6 mio. kr." not in before
    forecast = round_.forecasts.get(unit=cast.org.b1, capital=False)
    save_forecast(forecast, user=cast.leader_a, expected=forecast.corrected_budget + 150_000, explanation="Vikarer",
                  submit=True)
    after = page(client)
    assert "2,6 mio. kr." in after and "-0,2 mio. kr." in after  # expected and an overspend of 150.000
    assert "Indsend forventet regnskab for Egebjerg Skole (drift)" not in after


def test_a_budget_change_shows_on_the_next_load(client, cast, round_):
    client.force_login(cast.leader_a)
    assert "2,4 mio. kr." in page(client)  # KB of the school and its units
    record_budget_change(year=2022, kind="tillaeg", decided_on=datetime.date(2022, 6, 1), body="Økonomiudvalget",
                         text="Flere elever", financing="Kassen",
                         lines=[ChangeLineInput("100100", "3.22.01", 1, "1.0", Decimal("500000"))])
    assert "2,9 mio. kr." in page(client)


def test_imported_postings_show_on_the_next_load(client, cast, round_):
    client.force_login(cast.leader_a)
    assert "1,4 mio. kr." in page(client)  # seven months of 200.000
    import_ledger(posting_file("15-08-2022;3.22.01;1;1.0;100110;300.000,00;Vikarer;B9001").encode(),
                  filename="august.csv")
    after = page(client)
    assert "1,7 mio. kr." in after and "til og med august" in after


def test_news_published_and_read_show_on_the_next_load(client, cast, round_):
    client.force_login(cast.leader_a)
    assert "2 ulæste" in page(client)
    news = publish_news(user=cast.finance, title="Ny ferieaftale", body="Tekst.")
    after = page(client)
    assert "Ny ferieaftale" in after and "3 ulæste" in after
    assert client.get(f"/min-side/nyheder/{news.pk}/").status_code == 200
    assert "2 ulæste" in page(client)
    NewsItem.objects.get(title="Ny ferieaftale").delete()
    assert "Ny ferieaftale" not in page(client)


def test_a_goal_status_given_shows_on_the_next_load(client, cast, round_):
    client.force_login(cast.leader_a)
    assert goal_status(page(client), "Læsning i indskolingen") == "Rød"
    set_goal_status(Goal.objects.get(title="Læsning i indskolingen"), user=cast.leader_a, colour="groen", note="")
    assert goal_status(page(client), "Læsning i indskolingen") == "Grøn"


def test_an_imported_survey_shows_on_the_next_load(client, cast, round_):
    client.force_login(cast.leader_a)
    row = r"Samlet tilfredshed</th><td class=\"num\"><a [^>]+>([^<]+)<"
    assert re.search(row, page(client)).group(1) == "4,0"
    import_satisfaction(b"enhed_id;aar;spoergsmaal;gennemsnit;svar\nB1;2022;Samlet tilfredshed;3,2;40\n",
                        "tilfredshed.csv")
    assert re.search(row, page(client)).group(1) == "3,2"


@pytest.mark.skipif(not apps.is_installed("styr.keyfigures"), reason="nøgletal er ikke installeret")
def test_imported_sick_leave_shows_on_the_next_load(client, cast, round_):
    from styr.keyfigures.services import import_absence

    client.force_login(cast.leader_a)
    assert "Der er ikke indlæst sygefravær for dine enheder." in page(client)
    header = "maaned;enhed_id;sygedage;mulige_dage;medarbejdere\n"
    import_absence((header + "2022-07;B1;5;100;10\n").encode(), "fravaer.csv")
    first = page(client)
    assert "Der er ikke indlæst sygefravær for dine enheder." not in first and "5,0 %" in first
    import_absence((header + "2022-07;B1;7;100;10\n").encode(), "fravaer.csv")  # the same month, replaced
    assert "7,0 %" in page(client)


@pytest.mark.skipif(not apps.is_installed("styr.keyfigures"), reason="nøgletal er ikke installeret")
def test_the_page_names_the_smallest_unit_that_shows_sick_leave_as_the_setting_says(client, cast, round_, settings):
    from styr.keyfigures.services import import_absence

    client.force_login(cast.leader_a)
    import_absence(b"maaned;enhed_id;sygedage;mulige_dage;medarbejdere\n2022-07;B1;5;100;8\n", "fravaer.csv")
    first = page(client)
    assert "færre end 5 medarbejdere" in first and "5,0 %" in first
    settings.STYR_ABSENCE_MIN_EMPLOYEES = 10
    after = page(client)
    assert "færre end 10 medarbejdere" in after and "5,0 %" not in after


def test_each_leader_gets_their_own_page_from_the_cache(client, cast, round_):
    client.force_login(cast.leader_a)
    page(client)
    client.force_login(cast.leader_b)
    page(client)
    assert "Plejecenter Lindholm" in page(client) and "Egebjerg Skole" not in page(client)
    client.force_login(cast.leader_a)
    assert "Egebjerg Skole" in page(client) and "Plejecenter Lindholm" not in page(client)


def cache_setting(directory: str) -> subprocess.CompletedProcess:
    code = "import styr.settings as s; print(s.CACHES['default']['BACKEND'])"
    env = {"SECRET_KEY": "x" * 50, "STYR_CACHE_DIR": directory, "PYTHONPATH": "src", "PATH": os.environ["PATH"]}
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=Path(__file__).resolve().parents[2],
                          capture_output=True, text=True, check=False)


def test_the_server_processes_share_a_file_cache_when_styr_cache_dir_names_a_directory(tmp_path):
    assert cache_setting(str(tmp_path)).stdout.strip().endswith("FileBasedCache")
    assert cache_setting("").stdout.strip().endswith("LocMemCache")
    relative = cache_setting("cache")
    assert relative.returncode != 0 and "STYR_CACHE_DIR" in relative.stderr


def test_a_cache_directory_others_can_write_to_stops_the_start(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)  # as /tmp is: anyone could leave a pickle there for Styr to load
    refused = cache_setting(str(shared))
    assert refused.returncode != 0 and "STYR_CACHE_DIR" in refused.stderr and "chmod go-w" in refused.stderr
    shared.chmod(0o700)
    assert cache_setting(str(shared)).stdout.strip().endswith("FileBasedCache")
    assert cache_setting(str(tmp_path / "not-yet")).stdout.strip().endswith("FileBasedCache")  # Django makes it 0700
