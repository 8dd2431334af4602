"""The key-figure pages: who sees what, sick leave down the tree with small units kept out of sight,
the upload with its preview, and the report in every format and on a meeting's agenda."""

import pytest
from django.urls import reverse

from styr.keyfigures.models import AbsenceMonth, KeyFigureImport, PopulationMonth

from .keyfigure_factories import csv

pytestmark = pytest.mark.django_db
SEPTEMBER = {"maaned": "2022-09"}


def page(client, user, name, *args, **params):
    client.force_login(user)
    response = client.get(reverse(name, args=args), params)
    return response, response.content.decode()


# --- the municipality's figures -------------------------------------------------------------------------


def test_directors_see_each_series_with_its_chart_and_numbers(client, cast, figures_data):
    for name, expected in (("keyfigures-population", "48.735"), ("keyfigures-liquidity", "400,0"),
                           ("keyfigures-arrears", "80,36")):
        response, html = page(client, cast.director, name, **SEPTEMBER)
        assert response.status_code == 200
        assert '<svg' in html and 'role="img"' in html and "Tallene bag" in html
        assert expected in html, name


def test_the_overview_shows_the_latest_figures_to_directors_and_unit_links_to_leaders(client, cast, figures_data):
    _, html = page(client, cast.director, "keyfigures-overview")
    assert "48.735" in html and "Økonomirapporten" in html and "Indlæs tal" not in html
    _, html = page(client, cast.leader_a, "keyfigures-overview")
    assert "48.735" not in html and "Egebjerg Skole" in html and reverse("keyfigures-absence") in html


def test_leaders_do_not_reach_the_municipalitys_figures_or_the_report(client, cast, figures_data):
    for name in ("keyfigures-population", "keyfigures-liquidity", "keyfigures-arrears", "keyfigures-report",
                 "keyfigures-report-file"):
        response, _ = page(client, cast.leader_b, name)
        assert response.status_code == 404, name


# --- sick leave and headcount down the tree ---------------------------------------------------------------


def test_sick_leave_adds_up_days_through_the_tree(client, cast, figures_data):
    # B1 = E1 (10 of 100 days) + E2 (2 of 200 days) = 12 of 300 = 4,0 % – not the average 6,5 % of 10 % and 1 %.
    response, html = page(client, cast.finance, "keyfigures-absence-unit", "B1", **SEPTEMBER)
    assert "Sygefraværet i september 2022 er 4,0 % mod et landsgennemsnit på 4,5 %." in html
    assert ">Indskoling</a>" in html and ">SFO</a>" in html
    _, html = page(client, cast.finance, "keyfigures-absence-unit", "K", **SEPTEMBER)
    # K = 10 + 2 + 4 + 3 = 19 of 100 + 200 + 200 + 30 = 530 days
    assert "Sygefraværet i september 2022 er 3,6 %" in html


def test_a_leader_sees_their_own_units_and_gets_404_outside(client, cast, figures_data):
    response, _ = page(client, cast.leader_a, "keyfigures-absence-unit", "B1", **SEPTEMBER)
    assert response.status_code == 200
    for code in ("B3", "E3", "B2", "K", "U1"):
        response, _ = page(client, cast.leader_a, "keyfigures-absence-unit", code)
        assert response.status_code == 404, code
        response, _ = page(client, cast.leader_a, "keyfigures-headcount-unit", code)
        assert response.status_code == 404, code


def test_the_start_page_sends_a_leader_to_their_own_unit(client, cast, figures_data):
    client.force_login(cast.leader_a)
    response = client.get(reverse("keyfigures-absence"), SEPTEMBER)
    assert response.status_code == 302 and response.url == reverse("keyfigures-absence-unit", args=["B1"]) + \
        "?maaned=2022-09"


def test_sick_leave_of_a_unit_with_fewer_than_five_employees_is_hidden_from_all_but_finance(client, cast,
                                                                                            figures_data):
    # E3 (Boenheder) has 3 employees: 3 of 30 days = 10 %.
    _, html = page(client, cast.leader_b, "keyfigures-absence-unit", "E3", **SEPTEMBER)
    assert "vises ikke, fordi enheden har for få medarbejdere" in html and "10,0" not in html
    _, html = page(client, cast.leader_b, "keyfigures-absence-unit", "B3", **SEPTEMBER)
    assert "under 5" in html and "færre end 5 medarbejdere" in html and "10,0" not in html
    _, html = page(client, cast.director, "keyfigures-absence-unit", "E3", **SEPTEMBER)
    assert "10,0" not in html
    _, html = page(client, cast.finance, "keyfigures-absence-unit", "E3", **SEPTEMBER)
    assert "Sygefraværet i september 2022 er 10,0 %" in html and "rollen økonomi" in html


def test_the_threshold_is_a_setting(client, cast, figures_data, settings):
    settings.STYR_ABSENCE_MIN_EMPLOYEES = 3
    _, html = page(client, cast.leader_b, "keyfigures-absence-unit", "E3", **SEPTEMBER)
    assert "Sygefraværet i september 2022 er 10,0 %" in html


def test_headcount_adds_up_persons_and_full_time_equivalents(client, cast, figures_data):
    _, html = page(client, cast.leader_a, "keyfigures-headcount-unit", "B1", **SEPTEMBER)
    assert "I september 2022 er der 17 ansatte svarende til 15,5 årsværk." in html


# --- import: upload, preview, confirm ------------------------------------------------------------------


def upload(client, user, series, text, name="fil.csv", **headers):
    client.force_login(user)
    data = {"series": series, "file": _named(csv(text), name)}
    return client.post(reverse("keyfigures-import"), data, **headers)


def _named(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_an_upload_shows_the_parsed_rows_and_imports_only_when_confirmed(client, cast, org):
    response = upload(client, cast.finance, "population", "maaned;befolkningstal\n2022-09;48785\n2022-10;48735")
    html = response.content.decode()
    assert "Filen er i orden" in html and "september 2022" in html and "48.785" in html
    assert "2022-09, 2022-10" in html and not PopulationMonth.objects.exists()
    upload_id = client.session["keyfigures-upload"]["id"]
    response = client.post(reverse("keyfigures-import-confirm"), {"upload": upload_id})
    assert response.status_code == 302 and response.url == reverse("keyfigures-population")
    assert PopulationMonth.objects.count() == 2
    assert KeyFigureImport.objects.get().imported_by == cast.finance
    # The same confirmation twice does nothing more.
    response = client.post(reverse("keyfigures-import-confirm"), {"upload": upload_id}, follow=True)
    assert "ikke længere klar" in response.content.decode() and KeyFigureImport.objects.count() == 1


def test_a_bad_upload_is_shown_as_problems_by_line_and_column_and_nothing_is_kept(client, cast, org):
    response = upload(client, cast.finance, "absence", "maaned;enhed_id;sygedage;mulige_dage\n2022-09;X;1;0")
    html = response.content.decode()
    assert "Filen er afvist – intet er ændret" in html
    assert "ukendt enhed" in html and "flere sygedage end mulige arbejdsdage" in html
    assert "keyfigures-upload" not in client.session and not AbsenceMonth.objects.exists()


def test_the_upload_answers_htmx_with_the_result_only(client, cast, org):
    response = upload(client, cast.finance, "population", "maaned;befolkningstal\n2022-09;48785",
                      HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Filen er i orden" in html and "<html" not in html


def test_only_finance_staff_upload(client, cast, org):
    response = upload(client, cast.director, "population", "maaned;befolkningstal\n2022-09;48785")
    assert response.status_code == 404 and not PopulationMonth.objects.exists()


# --- the report -----------------------------------------------------------------------------------------


def test_the_report_page_has_the_item_the_table_and_the_charts(client, cast, figures_data):
    response, html = page(client, cast.director, "keyfigures-report", **SEPTEMBER)
    assert response.status_code == 200
    assert "Orientering om udviklingen i kommunens økonomi – september 2022" in html
    assert "Der har været et fald på 247 personer siden oktober 2021 frem til oktober 2022" in html
    assert "Direktøren indstiller, at" in html and html.count('role="img"') == 6
    assert "Hent som Word" in html and "Indsæt som dagsordenspunkt" in html


def test_the_report_names_no_area_with_fewer_than_five_employees(client, cast, figures_data):
    _, html = page(client, cast.finance, "keyfigures-report", **SEPTEMBER)
    # B3 (only E3, 3 employees, 10 %) is above the average but is not named, even for finance.
    assert "Plejecenter Lindholm (10,0 %)" not in html
    assert "1 område med færre end 5 medarbejdere ligger over landsgennemsnittet; de nævnes ikke" in html


@pytest.mark.parametrize(("fmt", "content_type", "start"), [
    ("pdf", "application/pdf", b"%PDF-"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ("html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
])
def test_the_report_downloads_in_each_format(client, cast, figures_data, fmt, content_type, start):
    client.force_login(cast.director)
    response = client.get(reverse("keyfigures-report-file"), {**SEPTEMBER, "format": fmt})
    assert response.status_code == 200 and response["Content-Type"] == content_type
    assert response.content.startswith(start)
    assert f'filename="oekonomirapport-2022-09.{fmt}"' in response["Content-Disposition"]


def test_an_unknown_format_is_404(client, cast, figures_data):
    client.force_login(cast.director)
    assert client.get(reverse("keyfigures-report-file"), {"format": "exe"}).status_code == 404


def test_the_report_is_put_on_a_meeting_as_an_item_with_the_pdf_attached(client, cast, figures_data):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from styr.meetings import services as meetings
    from styr.meetings.models import AgendaItem, Body, BodyKind

    directors = Body.objects.create(name="Direktionen", kind=BodyKind.DIRECTORS, order=1)
    Body.objects.create(name="Økonomiudvalget", kind=BodyKind.FINANCE_COMMITTEE, order=2)
    meeting = meetings.create_meeting(directors, timezone.now() + timedelta(days=7), standing_items=False)
    client.force_login(cast.finance)
    _, html = page(client, cast.finance, "keyfigures-report", **SEPTEMBER)
    assert f'<option value="{meeting.pk}">' in html
    response = client.post(reverse("keyfigures-report-meeting"),
                           {"maaned": "2022-09", "meeting": meeting.pk, "case_number": "22-010739"})
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting)
    assert item.title == "Orientering om udviklingen i kommunens økonomi" and item.kind == "orientering"
    assert item.case.number == "22-010739" and item.recommended_by == "Direktøren"
    assert item.case_text.startswith("1. Der har været et fald på 247 personer")
    assert sorted(body.name for body in item.treatment.all()) == ["Direktionen", "Økonomiudvalget"]
    attachment = item.attachments.get()
    assert attachment.filename == "september 2022 – Månedsrapport.pdf"
    assert isinstance(meeting.starts_at, datetime)


def test_a_leader_cannot_put_the_report_on_a_meeting(client, cast, figures_data):
    client.force_login(cast.leader_a)
    response = client.post(reverse("keyfigures-report-meeting"), {"maaned": "2022-09", "meeting": 1})
    assert response.status_code == 404


def test_the_tree_pages_use_a_fixed_number_of_queries_whatever_the_number_of_units(client, cast, figures_data,
                                                                                    django_assert_max_num_queries):
    from tests.factories import make_unit

    client.force_login(cast.finance)
    url = reverse("keyfigures-absence-unit", args=["K"])
    with django_assert_max_num_queries(30) as few:
        client.get(url, SEPTEMBER)
    for i in range(10):
        make_unit(f"X{i}", f"Ny enhed {i}", cast.org.u2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url, SEPTEMBER)
    with django_assert_max_num_queries(30):
        client.get(reverse("keyfigures-headcount-unit", args=["K"]), SEPTEMBER)
