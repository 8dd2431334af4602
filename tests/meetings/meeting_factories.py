"""Small factories for meetings: bodies with members, meetings with open and closed items, PDFs."""

import io
import zipfile
from datetime import datetime
from types import SimpleNamespace

from styr.documents.numbers import COPENHAGEN
from styr.meetings import services
from styr.meetings.models import Body, BodyKind, ItemKind, Phrase, StandingItem
from styr.organisation.models import Person
from tests.factories import make_person

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def at(year, month, day, hour=8, minute=30) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=COPENHAGEN)


def office_file(part: str) -> bytes:
    """A minimal DOCX ("word") or XLSX ("xl") package: a ZIP with [Content_Types].xml and the part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(f"{part}/document.xml", "<x/>")
    return buffer.getvalue()


def person_of(user) -> Person:
    return getattr(user, "person", None) or make_person(user.get_full_name() or user.username, user)


def make_bodies(members=()) -> SimpleNamespace:
    """Direktionen (with ``members``), Økonomiudvalget and Kommunalbestyrelsen."""
    directors = Body.objects.create(name="Direktionen", kind=BodyKind.DIRECTORS, order=1,
                                    default_place="Direktionens mødelokale")
    directors.members.set([person_of(user) for user in members])
    finance = Body.objects.create(name="Økonomiudvalget", kind=BodyKind.FINANCE_COMMITTEE, order=2,
                                  default_place="Byrådssalen")
    council = Body.objects.create(name="Kommunalbestyrelsen", kind=BodyKind.COUNCIL, order=3,
                                  default_place="Byrådssalen")
    return SimpleNamespace(directors=directors, finance=finance, council=council)


def make_year_wheel(body: Body) -> None:
    StandingItem.objects.create(body=body, title="Orientering om udviklingen i kommunens økonomi",
                                recurrence="foerste", order=1, recommended_by="Direktøren",
                                recommendations="økonomirapporteringen tages til efterretning")
    StandingItem.objects.create(body=body, title="Formidling af Direktionens drøftelser og beslutninger "
                                "til organisationen", closed=True, keep_last=True, order=1)
    StandingItem.objects.create(body=body, title="Niveau 2 ledermøde", months="3,6,9,12", recurrence="sidste",
                                kind=ItemKind.DISCUSSION, order=2)
    StandingItem.objects.create(body=body, title="Eventuelt", keep_last=True, order=9)


def make_meeting_with_items(body: Body, when: datetime | None = None, *, publish: bool = True):
    """A meeting with two open items (one with a case and an attachment) and one closed item."""
    meeting = services.create_meeting(body, when or at(2022, 8, 29), standing_items=False)
    case = services.get_or_create_case("22-010739", "Principper for pejlemærker", kle="85.13.00", facet="G01")
    open_item = services.add_item(
        meeting, title="Principper for det videre arbejde med pejlemærker", case=case,
        resume="Kommunalbestyrelsen har godkendt pejlemærkerne.", recommended_by="Sekretariatschefen",
        recommendations=["Direktionen godkender de foreslåede principper"], treatment=[body],
        case_text="Følgende principper foreslås:\n- Synlighed om sammenhænge\n- Status to gange årligt",
        economic_consequences="Ingen.", document_number="22-123456")
    services.add_attachment(open_item, title="Principnotat", filename="notat.pdf", data=MINIMAL_PDF,
                            document_number="22-000111")
    second = services.add_item(meeting, title="Orientering om udviklingen i kommunens økonomi",
                               kind=ItemKind.INFORMATION, resume="Likviditeten er stabil.")
    closed = services.add_item(meeting, title="Personalesag i Borgerservice", closed=True,
                               resume="Fortrolig hemmelighed om medarbejderen.",
                               case_text="Navnet er Hemmelig Hansen.")
    services.add_attachment(closed, title="Fortroligt bilag", filename="fortroligt.pdf", data=MINIMAL_PDF)
    if publish:
        services.publish_agenda(meeting)
    return SimpleNamespace(meeting=meeting, case=case, open_item=open_item, second=second, closed=closed)


def decide_all(built, phrase=Phrase.APPROVED) -> None:
    for item in (built.open_item, built.second, built.closed):
        services.record_decision(item, phrase=phrase, text="Hemmelig beslutning." if item.closed else "")


def url_test_sample(org) -> SimpleNamespace:
    """For tests/organisation/test_every_url.py: Direktionen with the cast's director as its member,
    a meeting with a published agenda, an open item with a case and a file, and a closed item with
    a file. Made once per database and reused."""
    from django.contrib.auth import get_user_model

    from styr.meetings.models import Attachment, Meeting

    meeting = Meeting.objects.filter(body__name="Direktionen").first()
    if meeting is None:
        director = get_user_model().objects.get(username="direktor")
        built = make_meeting_with_items(make_bodies([director]).directors)
        meeting = built.meeting
    open_item = meeting.items.get(closed=False, case__isnull=False)
    closed_item = meeting.items.get(closed=True)
    return SimpleNamespace(
        meeting=meeting, open_item=open_item, closed_item=closed_item, case=open_item.case, body=meeting.body,
        open_file=Attachment.objects.get(item=open_item), closed_file=Attachment.objects.get(item=closed_item),
        member=meeting.body.members.get(),
    )
