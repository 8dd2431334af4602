"""An agenda or minutes as plain data (dicts and lists of text), the one source for the PDF, the
Word file and the frozen copy of approved minutes (``MinutesVersion.content``).

The public version is made from the internal one by ``public_content``: a closed item keeps only
its number and title ("Punkt 5: Lukket: …"); its text, decisions and files are not in the data at
all, so they cannot leak into a file made from it.
"""

import re

from django.utils import timezone

from styr.documents.numbers import fmt_date_long

from . import rules
from .models import AgendaItem, Meeting, MeetingStatus

KINDS = ("dagsorden", "referat")


def text_blocks(text: str) -> list[dict]:
    """Free text → paragraphs and bullet lists: lines starting with "-", "•" or "·" are bullets,
    a blank line ends a paragraph."""
    blocks: list[dict] = []
    paragraph: list[str] = []

    def flush():
        if paragraph:
            blocks.append({"type": "p", "text": " ".join(paragraph)})
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        bullet = re.match(r"^[-•·]\s+(.*)", line)
        if bullet:
            flush()
            if blocks and blocks[-1]["type"] == "ul":
                blocks[-1]["items"].append(bullet.group(1))
            else:
                blocks.append({"type": "ul", "items": [bullet.group(1)]})
        elif line:
            paragraph.append(line)
        else:
            flush()
    flush()
    return blocks


def _decisions_of_case(item: AgendaItem) -> list[dict]:
    """The case's decisions in other bodies, from approved minutes and open items, in date order
    ("Økonomiudvalgets møde den 24. oktober 2018: Godkendt.")."""
    if not item.case_id:
        return []
    others = (AgendaItem.objects.filter(case_id=item.case_id, closed=False, decision__isnull=False,
                                        meeting__status=MeetingStatus.MINUTES)
              .exclude(pk=item.pk).exclude(meeting_id=item.meeting_id)
              .select_related("meeting__body", "decision").order_by("meeting__starts_at"))
    return [{"heading": rules.decision_heading(o.meeting.body.genitive, timezone.localtime(o.meeting.starts_at)),
             "text": str(o.decision)} for o in others]


def item_content(item: AgendaItem, number: int, kind: str) -> dict:
    meeting = item.meeting
    lead, points = rules.recommendation_text(item.recommended_by, item.recommendation_list())
    data = {
        "id": item.pk, "number": number, "title": item.title, "closed": item.closed,
        "heading": rules.item_heading(number, item.title, item.closed), "toc": item.display_title,
        "restricted": False,
        "case_number": item.case.number if item.case_id else "",
        "journal_number": item.case.journal_number if item.case_id else "",
        "document_number": item.document_number,
        "kind": item.get_kind_display(),
        "resume": text_blocks(item.resume),
        "recommendation_lead": lead, "recommendation_points": points,
        "treatment": rules.treatment_line(b.name for b in item.treatment.all()),
        "case_text": text_blocks(item.case_text),
        "economic_consequences": text_blocks(item.economic_consequences),
        "attachments": [{"id": a.pk, "title": a.title, "document_number": a.document_number,
                         "filename": a.filename} for a in item.attachments.all()],
        "decision": None, "decisions": [], "follow_ups": [],
    }
    if kind == "referat":
        decision = getattr(item, "decision", None)
        own = ({"heading": rules.decision_heading(meeting.body.genitive, timezone.localtime(meeting.starts_at)),
                "text": str(decision)} if decision else None)
        data["decision"] = str(decision) if decision else "-"
        data["decisions"] = _decisions_of_case(item) + ([own] if own else [])
        data["follow_ups"] = [
            {"text": f.text, "owner": (f.owner.get_full_name() or f.owner.username) if f.owner else "",
             "due": fmt_date_long(f.due) if f.due else ""} for f in item.follow_ups.all()]
    return data


def meeting_content(meeting: Meeting, kind: str, *, public: bool) -> dict:
    """The whole agenda ("dagsorden") or minutes ("referat") of a meeting, as it is now."""
    if kind not in KINDS:
        raise ValueError(kind)
    items = (meeting.items.order_by("keep_last", "position", "pk").select_related("case", "decision")
             .prefetch_related("attachments", "treatment", "follow_ups__owner"))
    content = {
        "kind": kind,
        "heading": rules.document_heading(kind, meeting.body.name, timezone.localtime(meeting.starts_at)),
        "body": meeting.body.name, "meeting_id": meeting.pk,
        "time": rules.meeting_time_line(meeting.starts_at),
        "place": meeting.place,
        "participants": [p.name or p.email for p in meeting.participants.order_by("name")],
        "public": False, "version": None, "version_note": "",
        "items": [item_content(item, number, kind) for number, item in enumerate(items, start=1)],
    }
    return public_content(content) if public else content


def public_content(content: dict) -> dict:
    """The public version: closed items reduced to their number and title."""
    items = []
    for item in content["items"]:
        if item["closed"]:
            item = {key: item[key] for key in ("id", "number", "title", "closed", "heading", "toc")}
            item["restricted"] = True
        items.append(item)
    return {**content, "public": True, "items": items}


def published_minutes(meeting: Meeting, *, public: bool) -> dict:
    """The latest approved version of the minutes, exactly as it was frozen."""
    version = meeting.versions.order_by("-number").first()
    if version is None:
        raise ValueError("Referatet er ikke godkendt")
    content = {**version.content, "version": version.number,
               "version_note": (f"Version {version.number}, rettet {fmt_date_long(version.published_at)}: "
                                f"{version.reason}") if version.number > 1 else ""}
    return public_content(content) if public else content


def document_content(meeting: Meeting, kind: str, *, public: bool) -> dict:
    """What a file of the agenda or minutes shows: approved minutes from their frozen version."""
    if kind == "referat" and meeting.minutes_published:
        return published_minutes(meeting, public=public)
    return meeting_content(meeting, kind, public=public)
