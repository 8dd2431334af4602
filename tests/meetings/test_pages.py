"""The meeting pages as a member uses them: create a meeting, add and move items (with and without
htmx), attach files, publish, decide, approve and correct."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from styr.meetings import services
from styr.meetings.models import Meeting, MinutesVersion
from tests.meetings.meeting_factories import MINIMAL_PDF, make_bodies, make_meeting_with_items, make_year_wheel

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client, cast):
    bodies = make_bodies([cast.director])
    make_year_wheel(bodies.directors)
    client.force_login(cast.director)
    return bodies


def test_a_member_creates_a_meeting_with_the_year_wheels_items(client, member):
    response = client.post(reverse("meetings-meeting-create"), {"body": member.directors.pk, "day": "2022-09-05",
                                                                "start": "08:30", "public": "on"})
    meeting = Meeting.objects.get()
    assert response.url == reverse("meetings-meeting", args=[meeting.pk])
    assert meeting.place == "Direktionens mødelokale"
    page = client.get(response.url).content.decode()
    assert "Punkt 1: Orientering om udviklingen i kommunens økonomi" in page
    assert "Punkt 4: Eventuelt" in page


def test_a_member_may_only_create_meetings_for_their_own_forums(client, member):
    response = client.post(reverse("meetings-meeting-create"), {"body": member.finance.pk, "day": "2022-09-05",
                                                                "start": "08:30"})
    assert response.status_code == 200 and not Meeting.objects.exists()
    assert "Marker en gyldig valgmulighed" in response.content.decode()


def test_an_item_with_a_bad_case_number_is_refused_with_the_reason(client, member):
    built = make_meeting_with_items(member.directors, publish=False)
    response = client.post(reverse("meetings-item-create", args=[built.meeting.pk]),
                           {"title": "Ny sag", "kind": "beslutning", "case_number": "ABC-1",
                            "journal_number": "85.13"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "ikke et sagsnummer i kommunens format" in page and "ikke et KLE-nummer" in page
    response = client.post(reverse("meetings-item-create", args=[built.meeting.pk]),
                           {"title": "Ny sag", "kind": "beslutning", "case_number": "326-2018-9389",
                            "journal_number": "85.13.00 g01", "recommendations": "a\nb",
                            "treatment": [member.directors.pk, member.finance.pk]})
    assert response.status_code == 302
    item = built.meeting.items.get(title="Ny sag")
    assert (item.case.number, item.case.journal_number) == ("326-2018-9389", "85.13.00 G01")
    assert item.recommendation_list() == ["a", "b"]


def test_items_move_with_htmx_and_without(client, member):
    built = make_meeting_with_items(member.directors, publish=False)
    url = reverse("meetings-item-move", args=[built.second.pk])
    partial = client.post(url, {"retning": "op"}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and "<html" not in partial.content.decode()
    assert "Punkt 1: Orientering om udviklingen" in partial.content.decode()
    plain = client.post(url, {"retning": "ned"})
    assert plain.status_code == 302 and plain.url.endswith("#punkter")
    assert [i.title for i in services.ordered_items(built.meeting)][0].startswith("Principper")


def test_an_upload_is_checked_by_content_and_size(client, member, settings):
    built = make_meeting_with_items(member.directors, publish=False)
    url = reverse("meetings-item-attach", args=[built.second.pk])
    fake = SimpleUploadedFile("rapport.pdf", b"<script>alert(1)</script>", content_type="application/pdf")
    page = client.post(url, {"file": fake}, follow=True).content.decode()
    assert "Bilaget er afvist: Filen er ikke en PDF-" in page
    settings.STYR_ATTACHMENT_MAX_MB = 1
    big = SimpleUploadedFile("stor.pdf", MINIMAL_PDF + b"0" * (1024 * 1024 + 1))
    page = client.post(url, {"file": big}, follow=True).content.decode()
    assert "største tilladte er 1 MB" in page
    good = SimpleUploadedFile("notat.pdf", MINIMAL_PDF)
    client.post(url, {"file": good, "title": "Notat", "document_number": "22-1"})
    assert [a.title for a in built.second.attachments.all()] == ["Notat"]


def test_publish_decide_approve_and_correct_through_the_pages(client, member, cast):
    built = make_meeting_with_items(member.directors, publish=False)
    publish = reverse("meetings-meeting-publish", args=[built.meeting.pk])
    client.post(publish, {"trin": "dagsorden"})
    page = client.post(publish, {"trin": "referat"}, follow=True).content.decode()
    assert "2 punkter mangler en beslutning" in page
    for item in (built.open_item, built.second):
        response = client.post(reverse("meetings-item-decision", args=[item.pk]),
                               {"phrase": "godkendt", "follow_up": "Status i november" if item == built.second else "",
                                "follow_up_owner": cast.finance.pk, "follow_up_due": "2022-11-28"})
        assert response.status_code == 302
    empty = client.post(reverse("meetings-item-decision", args=[built.closed.pk]), {"phrase": "", "text": " "})
    assert "Vælg en standardtekst eller skriv en beslutning" in empty.content.decode()
    page = client.post(publish, {"trin": "referat"}, follow=True).content.decode()
    assert "Referatet er godkendt og offentliggjort" in page
    # After approval the decision page leads to the correction page, which makes a new version.
    assert client.get(reverse("meetings-item-decision", args=[built.open_item.pk])).url == \
        reverse("meetings-item-correct", args=[built.open_item.pk])
    client.post(reverse("meetings-item-correct", args=[built.open_item.pk]),
                {"phrase": "anbefales", "text": "", "reason": "Forkert standardtekst"})
    assert list(MinutesVersion.objects.values_list("number", "reason")) == [(2, "Forkert standardtekst"),
                                                                           (1, "")]
    page = client.get(reverse("meetings-meeting", args=[built.meeting.pk])).content.decode()
    assert "Version 2" in page and "Forkert standardtekst" in page
    client.force_login(cast.finance)
    listing = client.get(reverse("meetings-list")).content.decode()
    assert "Dine opfølgninger" in listing and "Status i november" in listing


def test_the_case_page_shows_its_way_through_the_forums(client, member):
    built = make_meeting_with_items(member.directors)
    page = client.get(reverse("meetings-case", args=[built.case.pk])).content.decode()
    assert "Sag 22-010739" in page and "Direktionens møde den 29. august 2022" in page


def test_the_quick_form_adds_an_item_with_htmx_and_without(client, member):
    built = make_meeting_with_items(member.directors, publish=False)
    url = reverse("meetings-item-create", args=[built.meeting.pk])
    partial = client.post(url, {"title": "Hurtigt punkt", "kind": "beslutning"}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and "Punkt 4: Hurtigt punkt" in partial.content.decode()
    assert "<html" not in partial.content.decode()
    empty = client.post(url, {"title": "", "kind": "beslutning"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Skriv en titel på punktet." in empty
    plain = client.post(url, {"title": "Uden JavaScript", "kind": "beslutning"})
    assert plain.status_code == 302 and built.meeting.items.filter(title="Uden JavaScript").exists()


def test_the_meeting_pages_do_not_grow_with_the_number_of_items(client, member, django_assert_max_num_queries):
    built = make_meeting_with_items(member.directors)
    for n in range(10):
        item = services.add_item(built.meeting, title=f"Ekstra punkt {n}")
        services.add_attachment(item, title="Bilag", filename="b.pdf", data=MINIMAL_PDF)
    client.get(reverse("meetings-list"))  # warm up the session and the user's roles
    with django_assert_max_num_queries(12):
        assert client.get(reverse("meetings-meeting", args=[built.meeting.pk])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("meetings-list")).status_code == 200
