""""Indsæt som dagsordenspunkt": the economy report put on a meeting's agenda, through the meetings
module's plug-in ``meetings.services.add_generated_item``, with the report as a PDF attachment.

Only meetings whose agenda the user may prepare are offered (meetings.permissions decides: admins,
the body's members, and finance staff while the agenda is not yet published).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.apps import apps
from django.contrib import messages
from django.utils import timezone

from . import outputs
from .report import EconomyReport, economy_report

TREATMENT_BODIES = ("Direktionen", "Økonomiudvalget")
GENERATED_BY = "nøgletal"


def available() -> bool:
    return apps.is_installed("styr.meetings")


def candidate_meetings(user) -> list:
    """Coming meetings (from yesterday on) whose agenda ``user`` may add items to, soonest first."""
    from styr.meetings.models import Meeting, MeetingStatus
    from styr.meetings.permissions import meeting_access

    since = timezone.now() - timedelta(days=1)
    meetings = (Meeting.objects.filter(status=MeetingStatus.DRAFT, cancelled=False, starts_at__gte=since)
                .select_related("body").order_by("starts_at")[:50])
    return [meeting for meeting in meetings if meeting_access(user, meeting).prepare]


def form_for(user, report: EconomyReport) -> dict | None:
    """What the report page needs for the action, or None when there is no meetings module."""
    if not available():
        return None
    return {"meetings": candidate_meetings(user), "month": report.month}


def add_to_meeting(request, month: date):
    """Put the report for ``month`` on the chosen meeting; the new AgendaItem, or None with a message."""
    from styr.meetings.models import Body, ItemKind
    from styr.meetings.permissions import get_meeting_or_404
    from styr.meetings.services import MeetingError, add_generated_item

    if not available():
        messages.error(request, "Mødemodulet er ikke installeret.")
        return None
    meeting_id = request.POST.get("meeting", "")
    if not meeting_id.isdigit():
        messages.error(request, "Vælg et møde.")
        return None
    meeting, _ = get_meeting_or_404(request.user, int(meeting_id), need="prepare")
    report = economy_report(month)
    treatment = [meeting.body, *Body.objects.filter(name__in=TREATMENT_BODIES).exclude(pk=meeting.body_id)]
    try:
        return add_generated_item(
            meeting, title=report.title, case_number=request.POST.get("case_number", "").strip(),
            kind=ItemKind.INFORMATION, resume=report.resume, recommendations=report.recommendations,
            recommended_by=report.proposer, treatment=treatment, case_text=report.case_text,
            economic_consequences=report.economic_consequences, case_title=report.title,
            attachments=[(f"{report.attachments[0]}.pdf", outputs.to_pdf(report), "")], generated_by=GENERATED_BY)
    except MeetingError as exc:
        messages.error(request, f"Punktet er ikke indsat: {exc}")
        return None
