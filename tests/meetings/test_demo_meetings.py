"""The demo's year of meetings: about 40 for Direktionen, open and closed items, cases that go on to
Økonomiudvalget, attachments, decisions, follow-ups and approved minutes."""

import pytest

from styr.demo import meetings as demo_meetings
from styr.demo import organisation as demo_organisation
from styr.demo.context import DemoContext
from styr.meetings.models import AgendaItem, Attachment, Decision, FollowUp, Meeting, MeetingStatus
from styr.meetings.rules import detect_file_type

pytestmark = pytest.mark.django_db


def build() -> DemoContext:
    ctx = DemoContext(seed=2022, scale=1, year=2022, out=lambda line: None)
    demo_organisation.build(ctx)
    demo_meetings.build(ctx)
    return ctx


def test_the_demo_year_of_meetings_is_full_and_real():
    build()
    board = Meeting.objects.filter(body__name="Direktionen")
    assert 36 <= board.count() <= 44
    assert {m.starts_at.year for m in board} == {2022}
    assert board.exclude(host_unit=None).count() >= 8  # decentral meetings, the last of most months
    assert board.filter(status=MeetingStatus.MINUTES).count() == board.count() - 1
    assert AgendaItem.objects.filter(meeting__in=board, closed=True).count() > 40
    assert AgendaItem.objects.filter(meeting__in=board, title__startswith="Budgetopfølgning pr.").count() == 11
    travelled = AgendaItem.objects.filter(meeting__body__name="Økonomiudvalget").exclude(case=None)
    assert travelled.count() >= 11 and Decision.objects.filter(item__in=travelled).count() == travelled.count()
    assert Meeting.objects.filter(body__name="Kommunalbestyrelsen").exists()
    assert FollowUp.objects.exclude(owner=None).exists()
    attachment = Attachment.objects.first()
    assert detect_file_type(attachment.file.read()) == "pdf"
    eventuelt = AgendaItem.objects.filter(meeting=board.order_by("starts_at").first(), keep_last=True)
    assert list(eventuelt.values_list("title", flat=True))[-1] == "Eventuelt"
