"""Building an agenda, the year wheel, decisions per body, and approved minutes that never change."""

from datetime import date

import pytest
from auditlog.models import LogEntry

from styr.meetings import services
from styr.meetings.content import document_content, meeting_content
from styr.meetings.models import AgendaItem, ItemKind, MeetingStatus, Phrase
from tests.factories import make_unit
from tests.meetings.meeting_factories import (
    MINIMAL_PDF,
    at,
    decide_all,
    make_bodies,
    make_meeting_with_items,
    make_year_wheel,
    office_file,
)

pytestmark = pytest.mark.django_db


def titles(meeting):
    return [item.title for item in services.ordered_items(meeting)]


def test_a_planned_meeting_gets_the_year_wheels_items_due_on_its_date(cast):
    bodies = make_bodies([cast.director])
    make_year_wheel(bodies.directors)
    # The year's calendar is planned first; each agenda is built later.
    first = services.create_meeting(bodies.directors, at(2022, 9, 5), standing_items=False)
    last = services.create_meeting(bodies.directors, at(2022, 9, 26), standing_items=False)
    services.add_standing_items(first)
    assert titles(first) == ["Orientering om udviklingen i kommunens økonomi",
                             "Formidling af Direktionens drøftelser og beslutninger til organisationen", "Eventuelt"]
    services.add_standing_items(last)
    # Not the month's first meeting, but its last: the quarterly leader meeting comes on.
    assert titles(last) == ["Niveau 2 ledermøde",
                            "Formidling af Direktionens drøftelser og beslutninger til organisationen", "Eventuelt"]
    assert AgendaItem.objects.get(meeting=last, title__startswith="Formidling").closed
    assert services.add_standing_items(last) == []  # not twice


def test_a_new_meeting_gets_its_standing_items_when_it_is_created(cast):
    bodies = make_bodies()
    make_year_wheel(bodies.directors)
    meeting = services.create_meeting(bodies.directors, at(2022, 8, 1))
    assert titles(meeting)[0] == "Orientering om udviklingen i kommunens økonomi"
    assert titles(meeting)[-1] == "Eventuelt"


def test_new_items_go_before_eventuelt_and_can_be_moved(cast):
    bodies = make_bodies()
    make_year_wheel(bodies.directors)
    meeting = services.create_meeting(bodies.directors, at(2022, 9, 5))
    new = services.add_item(meeting, title="Budgetopfølgning pr. 31. juli 2022")
    assert titles(meeting)[-3:] == ["Budgetopfølgning pr. 31. juli 2022",
                                    "Formidling af Direktionens drøftelser og beslutninger til organisationen",
                                    "Eventuelt"]
    services.move_item(new, -1)
    services.move_item(new, -1)
    assert titles(meeting)[0] == "Budgetopfølgning pr. 31. juli 2022"
    services.move_item(new, -1)  # already first: nothing happens
    assert titles(meeting)[0] == "Budgetopfølgning pr. 31. juli 2022"


def test_a_decentral_meeting_is_held_at_the_unit_and_has_its_presentation_as_an_item(cast):
    bodies = make_bodies()
    school = make_unit("S1", "Nørrevang Skole")
    meeting = services.create_meeting(bodies.directors, at(2022, 8, 29), host_unit=school)
    assert meeting.place == "Nørrevang Skole"
    assert titles(meeting) == ["Decentralt møde – Nørrevang Skole"]


def test_the_plug_in_puts_a_finished_report_on_the_agenda_with_its_files(cast):
    bodies = make_bodies()
    meeting = services.create_meeting(bodies.directors, at(2022, 8, 29), standing_items=False)
    item = services.add_generated_item(
        meeting, title="Budgetopfølgning pr. 31. juli 2022 - Økonomiudvalgets eget område",
        case_number="22-002837", kind=ItemKind.DECISION,
        resume="Økonomistaben fremlægger budgetopfølgning pr. 31. juli 2022.",
        recommendations=["orienteringen tages til efterretning"], recommended_by="Direktøren",
        treatment=["Direktionen", bodies.finance], case_text="Baggrunden er dispositionsregnskaberne.",
        economic_consequences="Drift 2022: 46,1 mio. kr. i forventet mindreforbrug",
        attachments=[("Månedsrapport pr. 31. juli 2022.pdf", MINIMAL_PDF, "22-100200"),
                     ("Tabeller.xlsx", office_file("xl"), "")],
        generated_by="budgetopfølgning")
    assert item.case.number == "22-002837"
    assert [b.name for b in item.treatment.order_by("order")] == ["Direktionen", "Økonomiudvalget"]
    assert [(a.title, a.file_type, a.document_number) for a in item.attachments.all()] == [
        ("Månedsrapport pr. 31. juli 2022", "pdf", "22-100200"), ("Tabeller", "xlsx", "")]
    assert item.generated_by == "budgetopfølgning"


def test_the_plug_in_refuses_a_bad_case_number_and_leaves_nothing_behind(cast):
    bodies = make_bodies()
    meeting = services.create_meeting(bodies.directors, at(2022, 8, 29), standing_items=False)
    with pytest.raises(services.MeetingError, match="kommunens format"):
        services.add_generated_item(meeting, title="Rapport", case_number="ikke et nummer",
                                    attachments=[("a.pdf", MINIMAL_PDF, "")])
    assert not meeting.items.exists()


def test_a_case_gets_a_decision_from_each_body_on_its_way(cast):
    bodies = make_bodies()
    board = make_meeting_with_items(bodies.directors, at(2018, 10, 22, 12, 30))
    decide_all(board, Phrase.RECOMMENDED)
    services.approve_minutes(board.meeting)
    committee = services.create_meeting(bodies.finance, at(2018, 10, 24, 16, 0), standing_items=False)
    item = services.add_item(committee, title=board.open_item.title, case=board.case)
    services.publish_agenda(committee)
    services.record_decision(item, phrase=Phrase.APPROVED)
    content = meeting_content(committee, "referat", public=True)
    assert content["items"][0]["decisions"] == [
        {"heading": "Direktionens møde den 22. oktober 2018:", "text": "Anbefales."},
        {"heading": "Økonomiudvalgets møde den 24. oktober 2018:", "text": "Godkendt."},
    ]


def test_a_decision_needs_a_published_agenda_and_may_carry_follow_ups(cast):
    bodies = make_bodies()
    built = make_meeting_with_items(bodies.directors, publish=False)
    with pytest.raises(services.MeetingError, match="offentliggøres"):
        services.record_decision(built.open_item, phrase=Phrase.APPROVED)
    services.publish_agenda(built.meeting)
    services.record_decision(
        built.open_item, phrase=Phrase.APPROVED, text="Der er en forsinkelse i de forventede besparelser.",
        follow_ups=[services.FollowUpInput("Status gives på møde med administrative chefer", cast.finance,
                                           date(2018, 11, 26))])
    item = meeting_content(built.meeting, "referat", public=False)["items"][0]
    assert item["decision"] == "Godkendt. Der er en forsinkelse i de forventede besparelser."
    assert item["follow_ups"] == [{"text": "Status gives på møde med administrative chefer",
                                   "owner": "okonomi", "due": "26. november 2018"}]


def test_minutes_need_a_decision_on_every_open_item(cast):
    built = make_meeting_with_items(make_bodies().directors)
    with pytest.raises(services.MeetingError, match="2 punkter mangler en beslutning"):
        services.approve_minutes(built.meeting)


def test_approved_minutes_are_frozen_and_a_correction_is_an_audited_new_version(cast):
    built = make_meeting_with_items(make_bodies().directors)
    decide_all(built)
    first = services.approve_minutes(built.meeting, approved_by=cast.admin)
    assert built.meeting.status == MeetingStatus.MINUTES and first.number == 1
    for attempt in (lambda: services.add_item(built.meeting, title="Sent punkt"),
                    lambda: services.update_item(built.open_item, title="Ny titel"),
                    lambda: services.record_decision(built.open_item, phrase=Phrase.REJECTED),
                    lambda: services.add_attachment(built.open_item, title="x", filename="x.pdf", data=MINIMAL_PDF),
                    lambda: services.move_item(built.second, -1)):
        with pytest.raises(services.MeetingError, match="godkendt"):
            attempt()
    # Even a change behind the services' back does not reach the approved document.
    AgendaItem.objects.filter(pk=built.open_item.pk).update(title="Ændret i databasen")
    assert document_content(built.meeting, "referat", public=False)["items"][0]["title"] == \
        "Principper for det videre arbejde med pejlemærker"

    with pytest.raises(services.MeetingError, match="begrundelse"):
        services.correct_minutes(built.open_item, phrase=Phrase.POSTPONED, text="", reason=" ")
    second = services.correct_minutes(built.open_item, phrase=Phrase.POSTPONED, text="Til næste møde.",
                                      reason="Fejl i referatet", corrected_by=cast.admin)
    assert second.number == 2
    content = document_content(built.meeting, "referat", public=False)
    assert content["items"][0]["decision"] == "Udsat. Til næste møde."
    assert content["version_note"].startswith("Version 2, rettet") and "Fejl i referatet" in content["version_note"]
    first.refresh_from_db()
    assert first.content["items"][0]["decision"] == "Godkendt."
    entry = LogEntry.objects.get_for_object(second).get(action=LogEntry.Action.UPDATE)
    assert entry.changes_dict["beslutning"] == ["Godkendt.", "Udsat. Til næste møde."]


def test_attachments_are_refused_by_content_and_size(cast, settings):
    built = make_meeting_with_items(make_bodies().directors, publish=False)
    with pytest.raises(services.MeetingError, match="ikke en PDF-"):
        services.add_attachment(built.second, title="Virus", filename="rapport.pdf", data=b"MZ\x90\x00fake")
    settings.STYR_ATTACHMENT_MAX_MB = 1
    with pytest.raises(services.MeetingError, match="største tilladte er 1 MB"):
        services.add_attachment(built.second, title="Stor", filename="stor.pdf",
                                data=MINIMAL_PDF + b"0" * (1024 * 1024))
    ok = services.add_attachment(built.second, title="Regneark", filename="tal.xlsx", data=office_file("xl"))
    assert ok.file.name.startswith("meetings/") and ok.file.name.endswith(".xlsx")
    assert "tal" not in ok.file.name  # the uploader's name never reaches the disk


def test_a_bad_setting_stops_the_start(settings):
    from django.core.exceptions import ImproperlyConfigured

    from styr.meetings import conf

    settings.STYR_CASE_NUMBER_PATTERN = "(("
    with pytest.raises(ImproperlyConfigured, match="STYR_CASE_NUMBER_PATTERN"):
        conf.check()
    settings.STYR_CASE_NUMBER_PATTERN = None
    settings.STYR_ATTACHMENT_MAX_MB = "tyve"
    with pytest.raises(ImproperlyConfigured, match="STYR_ATTACHMENT_MAX_MB"):
        conf.check()
