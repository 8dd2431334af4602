"""Goal pages show a leader only their own units' goals; the reports come as web, Word and PDF."""

import io

import pytest
from docx import Document

from styr.goals.models import Initiative

from .goal_factories import make_goal, make_indicator, make_mark


@pytest.fixture
def goals(cast):
    mark = make_mark(cast.org.u1, "Alle børn lærer mere")
    initiative = Initiative.objects.create(title="Læsehold", unit=cast.org.b1, status="gul")
    initiative.guiding_marks.add(mark)
    school = make_goal(cast.org.b1, "Læsning i indskolingen", status="roed", mark=mark, note="Færre læsevejledere.")
    make_indicator(school, baseline="60", target="80", direction="op", values=["61", "58"])
    care = make_goal(cast.org.b3, "Færre fald", status="groen", mark=mark)
    return mark, initiative, school, care


def test_a_leader_sees_their_own_goals_and_gets_404_for_another_leaders(client, cast, goals):
    mark, _, school, care = goals
    client.force_login(cast.leader_a)
    listing = client.get("/maal/?aar=2022").content.decode()
    assert "Læsning i indskolingen" in listing and "Færre fald" not in listing
    assert client.get(f"/maal/{school.pk}/").status_code == 200
    assert client.get(f"/maal/{care.pk}/").status_code == 404
    assert client.post(f"/maal/{care.pk}/status/", {"colour": "roed", "note": "x"}).status_code == 404
    mark_page = client.get(f"/maal/pejlemaerke/{mark.pk}/?aar=2022").content.decode()
    assert "Læsning i indskolingen" in mark_page and "Færre fald" not in mark_page
    assert "Læsehold" in mark_page  # the initiative, linked both ways
    assert "Alle børn lærer mere" in client.get(f"/maal/indsats/{goals[1].pk}/").content.decode()


def test_the_goal_page_shows_the_indicators_status_and_takes_a_measurement(client, cast, goals):
    school = goals[2]
    client.force_login(cast.leader_a)
    page = client.get(f"/maal/{school.pk}/").content.decode()
    assert "Rød" in page and "58,0" in page
    response = client.post(f"/maal/indikator/{school.indicators.get().pk}/maaling/",
                           {"measured_on": "31-03-2022", "value": "81,5", "note": ""})
    assert response.status_code == 302
    assert "81,5" in client.get(f"/maal/{school.pk}/").content.decode()


def test_the_board_report_lists_the_marks_and_the_goals_that_need_attention(client, cast, goals):
    client.force_login(cast.director)
    page = client.get("/maal/rapport/direktion/?aar=2022&halvaar=1").content.decode()
    assert "Status på pejlemærker – 1. halvår 2022" in page
    assert "Læsning i indskolingen" in page and "Færre fald" not in page  # only yellow and red goals
    assert "Læsehold" in page
    council = client.get("/maal/rapport/kommunalbestyrelse/?aar=2022").content.decode()
    assert "Færre fald" in council and "Rød" in council


def test_the_reports_come_as_word_and_pdf(client, cast, goals):
    client.force_login(cast.finance)
    word = client.get("/maal/rapport/kommunalbestyrelse/?aar=2022&format=word")
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "Samlet status på pejlemærker 2022" in text and "Alle børn lærer mere" in text
    pdf = client.get("/maal/rapport/aarsrapport/?aar=2022&format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_annual_appendix_of_a_leader_holds_only_their_units(client, cast, goals):
    client.force_login(cast.leader_a)
    page = client.get("/maal/rapport/aarsrapport/?aar=2022").content.decode()
    assert "Bilag til årsrapport 2022: Målopfølgning" in page
    assert "Læsning i indskolingen" in page and "Færre fald" not in page
    assert "60,0 %" in page and "80,0 %" in page  # baseline and target
    assert client.get("/maal/rapport/aarsrapport/?aar=2022&enhed=B3").status_code == 404
    assert client.get("/maal/rapport/direktion/").status_code == 404
