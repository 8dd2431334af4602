"""The reports on the web: who may see them, the files, the round page's links, and putting the
agenda item on a meeting's agenda."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from styr.meetings.models import AgendaItem
from tests.followup.report_factories import build_reference_round
from tests.meetings.meeting_factories import make_bodies


@pytest.fixture
def reference(cast):
    return build_reference_round(cast)


def page(reference, kind="dagsorden", query=""):
    return reverse("followup-report", args=[reference.round.pk, kind]) + query


@pytest.mark.parametrize("role", ["finance", "director", "admin"])
def test_finance_directors_and_admins_read_the_reports_of_a_round(client, cast, reference, role):
    client.force_login(getattr(cast, role))
    agenda = client.get(page(reference)).content.decode()
    assert "Budgetopfølgning pr. 31. juli 2022 - hele kommunen" in agenda
    monthly = client.get(page(reference, "maanedsrapport")).content.decode()
    assert "Månedsrapport pr. 31. juli 2022 - Testkommune" in monthly
    assert ">Drift: Økonomiudvalget</caption>" in monthly


@pytest.mark.parametrize("role", ["leader_a", "leader_b", "outsider"])
def test_a_leader_gets_404_from_the_reports_because_they_cover_other_areas(client, cast, reference, role):
    client.force_login(getattr(cast, role))
    for url in (page(reference), page(reference, "maanedsrapport"),
                reverse("followup-report-file", args=[reference.round.pk, "dagsorden", "pdf"]),
                reverse("followup-report-file", args=[reference.round.pk, "maanedsrapport", "xlsx"])):
        assert client.get(url).status_code == 404, url


def test_a_committee_of_the_round_is_chosen_with_omfang(client, cast, reference):
    client.force_login(cast.director)
    text = client.get(page(reference, query="?omfang=OEU")).content.decode()
    assert "Budgetopfølgning pr. 31. juli 2022 - Økonomiudvalgets eget område" in text
    assert "46,1 mio. kr." in text
    assert f'href="{reverse("followup-report-file", args=[reference.round.pk, "dagsorden", "docx"])}?omfang=OEU"' \
        in text
    assert client.get(page(reference, query="?omfang=B1")).status_code == 404


@pytest.mark.parametrize(("fmt", "content_type", "start"), [
    ("pdf", "application/pdf", b"%PDF"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
])
def test_each_report_downloads_as_word_pdf_and_excel(client, cast, reference, fmt, content_type, start):
    client.force_login(cast.finance)
    response = client.get(reverse("followup-report-file", args=[reference.round.pk, "maanedsrapport", fmt])
                          + "?omfang=OEU")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="maanedsrapport-2022-07-oekonomiudvalget.{fmt}"'
    assert response.content.startswith(start)


def test_the_monthly_page_shows_each_chart_with_its_numbers_beside_it(client, cast, reference):
    client.force_login(cast.finance)
    text = client.get(page(reference, "maanedsrapport", "?omfang=OEU")).content.decode()
    assert 'role="img"' in text and "Tallene i diagrammet</caption>" in text
    assert "Forventet afvigelse måned for måned" in text


def test_the_report_pages_do_not_grow_with_the_number_of_areas(client, cast, reference, django_assert_max_num_queries):
    client.force_login(cast.finance)
    with django_assert_max_num_queries(40):
        client.get(page(reference, "maanedsrapport"))
    with django_assert_max_num_queries(40):
        client.get(page(reference))


def test_the_round_page_links_to_every_report_in_every_format_for_finance(client, cast, reference):
    client.force_login(cast.finance)
    text = client.get(reverse("followup-round", args=[reference.round.pk])).content.decode()
    assert "Rapporter" in text
    for kind in ("dagsorden", "maanedsrapport"):
        assert f'href="{page(reference, kind)}"' in text
        for fmt in ("docx", "pdf", "xlsx"):
            assert f'href="{reverse("followup-report-file", args=[reference.round.pk, kind, fmt])}"' in text
    assert reverse("followup-annual", args=[cast.org.root.code]) in text


def test_a_leader_sees_no_report_links_on_the_round_page(client, cast, reference):
    client.force_login(cast.leader_b)
    text = client.get(reverse("followup-round", args=[reference.round.pk])).content.decode()
    assert "Rapporter" not in text


def test_the_annual_report_follows_the_units_own_access(client, cast, reference):
    url = reverse("followup-annual", args=[cast.org.b3.code]) + "?aar=2022"
    client.force_login(cast.leader_b)
    assert client.get(url).status_code == 200
    client.force_login(cast.leader_a)
    assert client.get(url).status_code == 404
    client.force_login(cast.finance)
    text = client.get(reverse("followup-annual", args=["OEU"]) + "?aar=2022").content.decode()
    assert "Driftsregnskabet for Økonomiudvalget for 2022 viser et forbrug på" in text


# --- Indsæt som dagsordenspunkt ---------------------------------------------------------------------

@pytest.fixture
def meeting(cast):
    from styr.meetings import services

    bodies = make_bodies()
    starts = timezone.now() + datetime.timedelta(days=7)
    return services.create_meeting(bodies.directors, starts, standing_items=False)


def test_finance_inserts_the_agenda_item_with_the_monthly_report_as_appendix(client, cast, reference, meeting):
    client.force_login(cast.finance)
    form = client.get(page(reference, query="?omfang=OEU")).content.decode()
    assert "Indsæt som dagsordenspunkt" in form and str(meeting) in form
    response = client.post(reverse("followup-report-insert", args=[reference.round.pk]),
                           {"meeting": meeting.pk, "case_number": "22-002837", "omfang": "OEU"})
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting)
    assert item.title == "Budgetopfølgning pr. 31. juli 2022 - Økonomiudvalgets eget område"
    assert item.case.number == "22-002837"
    assert item.resume.startswith("Økonomistaben fremlægger budgetopfølgning pr. 31. juli 2022.")
    assert (item.recommended_by, item.recommendation_list()) == ("Direktøren", ["orienteringen tages til efterretning"])
    assert "Jobcentret administration forventer et merforbrug på -1,0 mio. kr." in item.case_text
    assert item.economic_consequences.splitlines()[0] == "Drift 2022: 46,1 mio. kr. i forventet mindreforbrug"
    assert {b.name for b in item.treatment.all()} == {"Direktionen", "Økonomiudvalget"}
    attachment = item.attachments.get()
    assert attachment.title == "Månedsrapport pr. 31. juli 2022 - Økonomiudvalget"
    assert attachment.file_type == "pdf" and attachment.file.read().startswith(b"%PDF")


def test_a_bad_case_number_is_said_in_danish_and_nothing_is_inserted(client, cast, reference, meeting):
    client.force_login(cast.finance)
    response = client.post(reverse("followup-report-insert", args=[reference.round.pk]),
                           {"meeting": meeting.pk, "case_number": "ikke et nummer"})
    assert response.status_code == 400
    assert not AgendaItem.objects.filter(meeting=meeting).exists()


def test_only_finance_may_insert_and_directors_see_no_form(client, cast, reference, meeting):
    client.force_login(cast.director)
    assert "Indsæt som dagsordenspunkt" not in client.get(page(reference)).content.decode()
    response = client.post(reverse("followup-report-insert", args=[reference.round.pk]),
                           {"meeting": meeting.pk, "case_number": "22-002837"})
    assert response.status_code == 404
    client.force_login(cast.leader_b)
    response = client.post(reverse("followup-report-insert", args=[reference.round.pk]),
                           {"meeting": meeting.pk, "case_number": "22-002837"})
    assert response.status_code == 404
    assert not AgendaItem.objects.exists()
