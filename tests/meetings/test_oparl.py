"""The anonymous OParl 1.1 API: its structure, paging, its OpenAPI description, and that it gives
exactly what the public minutes show."""

import json

import pytest
from django.urls import reverse

from styr.meetings import oparl, services
from styr.meetings.openapi import PATHS, SCHEMAS
from tests.meetings.meeting_factories import at, decide_all, make_bodies, make_meeting_with_items

pytestmark = pytest.mark.django_db
SCHEMA = "https://schema.oparl.org/1.1/"


@pytest.fixture
def approved(cast):
    built = make_meeting_with_items(make_bodies([cast.director]).directors)
    decide_all(built)
    services.approve_minutes(built.meeting)
    return built


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_the_entry_point_is_the_system_object_and_leads_to_the_municipality(client, approved):
    system = get(client, "/oparl/v1/")
    assert system["type"] == f"{SCHEMA}System" and system["oparlVersion"] == SCHEMA
    assert system["id"] == "http://testserver/oparl/v1/"
    bodies = get(client, system["body"])
    body = bodies["data"][0]
    assert body["type"] == f"{SCHEMA}Body" and get(client, body["id"]) == body
    organizations = get(client, body["organization"])["data"]
    assert [o["name"] for o in organizations] == ["Direktionen", "Økonomiudvalget", "Kommunalbestyrelsen"]
    assert organizations[0]["type"] == f"{SCHEMA}Organization"


def test_every_object_has_its_own_url_as_id(client, approved):
    meeting = get(client, reverse("oparl-meeting", args=[approved.meeting.pk]))
    assert get(client, meeting["id"]) == meeting
    assert meeting["type"] == f"{SCHEMA}Meeting" and meeting["start"] == "2022-08-29T08:30:00+02:00"
    assert meeting["resultsProtocol"]["accessUrl"].endswith(f"/oparl/v1/meeting/{approved.meeting.pk}/referat.pdf")
    item = meeting["agendaItem"][0]
    assert get(client, item["id"]) == item
    paper = get(client, item and get(client, item["consultation"])["paper"])
    assert paper["reference"] == "22-010739" and paper["type"] == f"{SCHEMA}Paper"
    assert paper["consultation"][0]["organization"] == meeting["organization"]
    file = item["auxiliaryFile"][0]
    assert get(client, file["id"]) == file
    download = client.get(file["downloadUrl"])
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")


def test_a_closed_item_shows_only_its_number_title_and_public_false(client, approved):
    meeting = get(client, reverse("oparl-meeting", args=[approved.meeting.pk]))
    closed = meeting["agendaItem"][2]
    assert closed == {"id": f"http://testserver/oparl/v1/agendaitem/{approved.closed.pk}/",
                      "type": f"{SCHEMA}AgendaItem", "meeting": meeting["id"], "number": "3", "order": 3,
                      "name": "Personalesag i Borgerservice", "public": False}
    everything = json.dumps([get(client, f"/oparl/v1/{kind}/") for kind in
                             ("meeting", "agendaitem", "paper", "consultation", "file")], ensure_ascii=False)
    for secret in ("Fortrolig", "Hemmelig", "fortroligt.pdf"):
        assert secret not in everything
    closed_file = approved.closed.attachments.get()
    assert client.get(reverse("oparl-file", args=[closed_file.pk])).status_code == 404
    assert client.get(reverse("oparl-file-download", args=[closed_file.pk])).status_code == 404
    assert client.get(reverse("oparl-consultation", args=[approved.closed.pk])).status_code == 404


def test_the_public_pdf_from_the_api_has_no_closed_content(client, approved):
    import subprocess

    pdf = client.get(reverse("oparl-meeting-document", args=[approved.meeting.pk, "referat"])).content
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Punkt 3: Lukket: Personalesag i Borgerservice" in text
    assert "Hemmelig" not in text and "Fortroligt bilag" not in text


def test_a_logged_in_admin_gets_the_same_public_answer(client, cast, approved):
    url = reverse("oparl-meeting", args=[approved.meeting.pk])
    anonymous = client.get(url).json()
    client.force_login(cast.admin)
    assert client.get(url).json() == anonymous


def test_drafts_and_internal_meetings_are_not_in_the_api(client, cast):
    bodies = make_bodies()
    draft = make_meeting_with_items(bodies.directors, publish=False)
    internal = services.create_meeting(bodies.finance, at(2022, 9, 1), public=False, standing_items=False)
    services.add_item(internal, title="Internt punkt")
    services.publish_agenda(internal)
    for meeting in (draft.meeting, internal):
        assert client.get(reverse("oparl-meeting", args=[meeting.pk])).status_code == 404
    assert get(client, "/oparl/v1/meeting/")["data"] == []
    assert client.get(reverse("oparl-agendaitem", args=[draft.open_item.pk])).status_code == 404
    assert client.get(reverse("oparl-paper", args=[draft.case.pk])).status_code == 404


def test_lists_are_paged_with_links_next(client, cast, monkeypatch):
    monkeypatch.setattr(oparl, "PAGE_SIZE", 2)
    body = make_bodies().directors
    for day in (1, 8, 15, 22, 29):
        meeting = services.create_meeting(body, at(2022, 8, day), standing_items=False)
        services.add_item(meeting, title=f"Punkt den {day}.")
        services.publish_agenda(meeting)
    first = get(client, "/oparl/v1/meeting/")
    assert first["pagination"] == {"totalElements": 5, "elementsPerPage": 2, "currentPage": 1, "totalPages": 3}
    assert "prev" not in first["links"]
    names, page = [], first
    while True:
        names += [m["agendaItem"][0]["name"] for m in page["data"]]
        if "next" not in page["links"]:
            break
        page = get(client, page["links"]["next"])
    assert names == ["Punkt den 1.", "Punkt den 8.", "Punkt den 15.", "Punkt den 22.", "Punkt den 29."]
    assert page["links"]["prev"].endswith("?page=2") and page["links"]["last"] == page["links"]["prev"][:-1] + "3"
    assert client.get("/oparl/v1/meeting/", {"page": 9}).status_code == 404


def test_every_response_matches_the_openapi_document(client, approved):
    document = get(client, "/oparl/v1/openapi.json")
    assert document["openapi"].startswith("3.") and document["components"]["schemas"] == json.loads(
        json.dumps(SCHEMAS))

    def check(data: dict, schema_name: str):
        schema = SCHEMAS[schema_name]
        assert set(data) <= set(schema["properties"]), (schema_name, set(data) - set(schema["properties"]))
        assert set(schema["required"]) <= set(data), (schema_name, set(schema["required"]) - set(data))

    checked = 0
    for path, schema_name, _ in PATHS:
        assert path in document["paths"]
        if "{id}" in path or path.endswith("kommune/"):
            continue
        data = get(client, f"/oparl/v1{path}")
        check(data, schema_name)
        checked += 1
        if schema_name == "ObjectList":
            for row in data["data"]:
                check(row, row["type"].rsplit("/", 1)[1])
                check(get(client, row["id"]), row["type"].rsplit("/", 1)[1])
                checked += 1
    meeting = get(client, reverse("oparl-meeting", args=[approved.meeting.pk]))
    for nested in (meeting["location"], meeting["invitation"], *meeting["agendaItem"]):
        check(nested, nested["type"].rsplit("/", 1)[1])
    check(get(client, meeting["location"]["id"]), "Location")
    check(get(client, meeting["invitation"]["id"]), "File")
    assert checked > 15


def test_each_forum_has_an_icalendar_feed_of_its_public_meetings(client, cast):
    bodies = make_bodies()
    services.create_meeting(bodies.directors, at(2022, 8, 29), place="Rådhuset, mødelokale 1; 2. sal",
                            standing_items=False)
    services.create_meeting(bodies.directors, at(2022, 9, 5), public=False, standing_items=False)
    response = client.get(reverse("oparl-calendar", args=[bodies.directors.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 1
    assert "DTSTART:20220829T063000Z" in text and "DTEND:20220829T083000Z" in text
    assert "LOCATION:Rådhuset\\, mødelokale 1\\; 2. sal" in text
    assert "SUMMARY:Møde i Direktionen" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_long_icalendar_lines_are_folded_without_splitting_a_character():
    from styr.meetings.ical import fold

    line = "LOCATION:" + "æ" * 60
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_lists_filter_by_creation_and_modification_time(client, approved):
    url = reverse("oparl-meeting-list")
    assert len(get(client, url, created_since="2000-01-01T00:00:00+01:00")["data"]) == 1
    assert get(client, url, modified_since="2999-01-01T00:00:00+01:00")["data"] == []
    assert len(get(client, url, created_until="2999-01-01T00:00:00Z")["data"]) == 1


def test_a_malformed_filter_time_is_a_bad_request_naming_the_filter(client, approved):
    response = client.get(reverse("oparl-meeting-list"), {"modified_since": "i går"})
    assert response.status_code == 400 and "modified_since" in response.json()["error"]
