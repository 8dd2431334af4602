"""Full-text search in agendas and minutes, in Danish, with filters by forum, period and case."""

from datetime import date

import pytest

from styr.meetings import services
from styr.meetings.search import SearchFilters, rebuild_index, search_items, uses_fts5
from tests.meetings.meeting_factories import at, make_bodies, make_meeting_with_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(cast):
    bodies = make_bodies([cast.director])
    board = make_meeting_with_items(bodies.directors)
    committee = services.create_meeting(bodies.finance, at(2022, 10, 24, 16), standing_items=False)
    services.add_item(committee, title="Budgetopfølgning pr. 30. september", case=board.case,
                      case_text="Dispositionsregnskaberne viser et mindreforbrug på skoleområdet.")
    draft = services.create_meeting(bodies.finance, at(2022, 11, 21, 16), standing_items=False)
    services.add_item(draft, title="Budgetopfølgning pr. 31. oktober")  # not published: not searchable
    services.publish_agenda(committee)
    return board, committee


def titles(user, **filters):
    return [item.title for item in search_items(user, SearchFilters(**{"text": "", **filters}))]


def test_words_are_found_in_titles_texts_and_decisions(cast, meetings):
    board, _ = meetings
    assert titles(cast.admin, text="budgetopfølgning") == ["Budgetopfølgning pr. 30. september"]
    assert titles(cast.admin, text="dispositionsregnskaberne") == ["Budgetopfølgning pr. 30. september"]
    services.record_decision(board.second, phrase="droeftet", text="Likviditeten følges tæt fremover.")
    assert titles(cast.admin, text="likviditeten følges") == ["Orientering om udviklingen i kommunens økonomi"]


def test_danish_word_forms_are_found(cast, meetings):
    # PostgreSQL stems Danish ("mindreforbruget" → "mindreforbrug"); SQLite matches word beginnings.
    query = "mindreforbrug" if uses_fts5() else "mindreforbruget"
    assert titles(cast.admin, text=query) == ["Budgetopfølgning pr. 30. september"]


def test_filters_by_forum_period_and_case_number(cast, meetings):
    board, committee = meetings
    everything = titles(cast.admin, date_from=date(2022, 1, 1))
    assert len(everything) == 4 and "Budgetopfølgning pr. 31. oktober" not in everything
    assert titles(cast.admin, body_id=committee.body_id) == ["Budgetopfølgning pr. 30. september"]
    assert titles(cast.admin, date_to=date(2022, 9, 30)) == [i.title for i in services.ordered_items(board.meeting)]
    assert titles(cast.admin, case_number="22-010739") == ["Budgetopfølgning pr. 30. september",
                                                           "Principper for det videre arbejde med pejlemærker"]
    assert titles(cast.admin, text="budgetopfølgning", date_to=date(2022, 9, 30)) == []


def test_a_closed_items_content_is_searched_only_for_members_and_admins(cast, meetings):
    for user, found in ((cast.admin, True), (cast.director, True), (cast.finance, False), (cast.outsider, False)):
        assert (titles(user, text="Hemmelig Hansen") == ["Personalesag i Borgerservice"]) == found
        assert titles(user, text="personalesag") == ["Personalesag i Borgerservice"]


def test_odd_input_is_plain_text(cast, meetings):
    for text in ('"', "AND OR NOT", "budget*)(", "title:hemmelig", "'; DROP TABLE x; --"):
        search_items(cast.admin, SearchFilters(text=text))  # no error
    assert titles(cast.outsider, text="title: hemmelig") == []


def test_the_index_can_be_rebuilt(cast, meetings):
    count = rebuild_index()
    assert count == (5 if uses_fts5() else 0)  # every item, published or not
    assert titles(cast.admin, text="dispositionsregnskaberne") == ["Budgetopfølgning pr. 30. september"]
