"""Who sees and does what with meetings, per role — and closed items only for members and admins,
in pages, files, documents, search and the API."""

import subprocess

import pytest
from django.urls import reverse

from styr.meetings import services
from styr.meetings.permissions import MeetingAccess, meeting_access
from tests.meetings.meeting_factories import make_bodies, make_meeting_with_items

pytestmark = pytest.mark.django_db

FULL = MeetingAccess(view=True, view_closed=True, prepare=True, manage=True)
READER = MeetingAccess(view=True)


@pytest.fixture
def built(cast):
    """Direktionen with the director as its only member; a meeting with open and closed items."""
    return make_meeting_with_items(make_bodies([cast.director]).directors, publish=False)


def users(cast):
    return {"admin": cast.admin, "member": cast.director, "finance": cast.finance, "leader": cast.leader_a,
            "outsider": cast.outsider}


@pytest.mark.parametrize(("role", "draft", "published", "approved"), [
    ("admin", FULL, FULL, MeetingAccess(view=True, view_closed=True, manage=True)),
    ("member", FULL, FULL, MeetingAccess(view=True, view_closed=True, manage=True)),
    ("finance", MeetingAccess(view=True, prepare=True), READER, READER),
    ("leader", MeetingAccess(), READER, READER),
    ("outsider", MeetingAccess(), READER, READER),
])
def test_each_role_has_exactly_its_rights_through_the_meetings_life(cast, built, role, draft, published, approved):
    user = users(cast)[role]
    assert meeting_access(user, built.meeting) == draft
    services.publish_agenda(built.meeting)
    assert meeting_access(user, built.meeting) == published
    for item in (built.open_item, built.second, built.closed):
        services.record_decision(item, phrase="godkendt")
    services.approve_minutes(built.meeting)
    assert meeting_access(user, built.meeting) == approved


def test_anonymous_users_have_no_rights_outside_the_api(client, built):
    from django.contrib.auth.models import AnonymousUser

    assert meeting_access(AnonymousUser(), built.meeting) == MeetingAccess()
    response = client.get(reverse("meetings-meeting", args=[built.meeting.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize(("role", "sees_closed"), [("admin", True), ("member", True), ("finance", False),
                                                   ("leader", False), ("outsider", False)])
def test_closed_items_and_their_files_are_404_for_everyone_but_members_and_admins(client, cast, built, role,
                                                                                   sees_closed):
    services.publish_agenda(built.meeting)
    client.force_login(users(cast)[role])
    closed_file = built.closed.attachments.get()
    expected = 200 if sees_closed else 404
    assert client.get(reverse("meetings-item", args=[built.closed.pk])).status_code == expected
    assert client.get(reverse("meetings-attachment", args=[closed_file.pk])).status_code == expected
    assert client.get(reverse("meetings-item", args=[built.open_item.pk])).status_code == 200
    open_file = client.get(reverse("meetings-attachment", args=[built.open_item.attachments.get().pk]))
    assert open_file.status_code == 200 and open_file["Content-Type"] == "application/pdf"
    assert b"".join(open_file.streaming_content).startswith(b"%PDF-")
    page = client.get(reverse("meetings-meeting", args=[built.meeting.pk])).content.decode()
    assert "Punkt 3: Lukket: Personalesag i Borgerservice" in page
    assert (f'href="{reverse("meetings-item", args=[built.closed.pk])}"' in page) == sees_closed
    internal = client.get(reverse("meetings-document", args=[built.meeting.pk, "dagsorden", "pdf"]),
                          {"udgave": "intern"})
    assert internal.status_code == expected


def test_the_default_document_for_everyone_is_the_public_one(client, cast, built):
    services.publish_agenda(built.meeting)
    client.force_login(cast.admin)
    response = client.get(reverse("meetings-document", args=[built.meeting.pk, "dagsorden", "pdf"]))
    text = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True,
                          check=True).stdout.decode()
    assert "Punkt 3: Lukket: Personalesag i Borgerservice" in text and "Hemmelig Hansen" not in text
    assert 'filename="dagsorden-direktionen-29-08-2022-offentlig.pdf"' in response["Content-Disposition"]


def test_a_draft_agenda_is_hidden_from_those_who_do_not_prepare_it(client, cast, built):
    for user, status in ((cast.leader_a, 404), (cast.outsider, 404), (cast.finance, 200), (cast.director, 200)):
        client.force_login(user)
        assert client.get(reverse("meetings-meeting", args=[built.meeting.pk])).status_code == status
        meeting_link = reverse("meetings-meeting", args=[built.meeting.pk])
        listed = meeting_link in client.get(reverse("meetings-list")).content.decode()
        assert listed == (status == 200)


def test_finance_prepares_open_items_but_cannot_publish_or_decide(client, cast, built):
    client.force_login(cast.finance)
    form = client.get(reverse("meetings-item-create", args=[built.meeting.pk])).content.decode()
    assert 'name="closed"' not in form  # only members and admins make an item closed
    response = client.post(reverse("meetings-item-create", args=[built.meeting.pk]),
                           {"title": "Budgetopfølgning pr. 31. juli", "kind": "beslutning", "closed": "on"})
    assert response.status_code == 302
    assert built.meeting.items.get(title="Budgetopfølgning pr. 31. juli").closed is False
    assert client.post(reverse("meetings-meeting-publish", args=[built.meeting.pk]),
                       {"trin": "dagsorden"}).status_code == 404
    services.publish_agenda(built.meeting)
    assert client.get(reverse("meetings-item-decision", args=[built.open_item.pk])).status_code == 404
    assert client.get(reverse("meetings-item-create", args=[built.meeting.pk])).status_code == 404


def test_search_shows_closed_content_only_to_members_and_admins(client, cast, built):
    services.publish_agenda(built.meeting)
    for user, finds_secret in ((cast.admin, True), (cast.director, True), (cast.finance, False),
                               (cast.leader_b, False)):
        client.force_login(user)
        by_content = client.get(reverse("meetings-search"), {"q": "Hemmelig Hansen"}).content.decode()
        assert ("Personalesag i Borgerservice" in by_content) == finds_secret
        by_title = client.get(reverse("meetings-search"), {"q": "Personalesag"}).content.decode()
        assert "Lukket: Personalesag i Borgerservice" in by_title  # the title is public anyway
        assert ("lukket punkt: kun titlen vises" in by_title) != finds_secret
