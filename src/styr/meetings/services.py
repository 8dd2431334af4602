"""Every write to meetings goes through one function here (views validate and call).

The plug-in for other modules is ``add_generated_item``: a finished budget follow-up round or
key-figures report becomes an agenda item with its attachments in one call.
"""

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from styr.core.audit import log_bulk_change

from . import conf, rules, search
from .models import (
    AgendaItem,
    Attachment,
    Body,
    Case,
    Decision,
    FollowUp,
    ItemKind,
    Meeting,
    MeetingStatus,
    MinutesVersion,
    Phrase,
    StandingItem,
)


class MeetingError(Exception):
    """A write that breaks a rule; the message says why, in Danish, for the person who tried."""


@dataclass(frozen=True)
class FollowUpInput:
    text: str
    owner: object = None  # a user or None
    due: date | None = None


# --- cases -------------------------------------------------------------------------------------

def validate_case(number: str, kle: str = "", facet: str = "") -> list[str]:
    problems = [rules.case_number_problem(number, conf.case_number_pattern()), rules.kle_problem(kle, facet)]
    return [p for p in problems if p]


def get_or_create_case(number: str, title: str, *, kle: str = "", facet: str = "") -> Case:
    """The case with this number, created (after validation) if it is new; a new KLE number is kept."""
    number, kle, facet = number.strip(), kle.strip(), facet.strip().upper()
    problems = validate_case(number, kle, facet)
    if problems:
        raise MeetingError(" ".join(problems))
    case, created = Case.objects.get_or_create(number=number, defaults={"title": title, "kle": kle, "facet": facet})
    if not created and kle and (case.kle, case.facet) != (kle, facet):
        case.kle, case.facet = kle, facet
        case.save(update_fields=["kle", "facet", "modified_at"])
    return case


# --- meetings and agenda -----------------------------------------------------------------------

def _ensure_open(meeting: Meeting) -> None:
    if meeting.minutes_published:
        raise MeetingError("Referatet er godkendt og kan ikke ændres. Ret det som en ny version.")


def create_meeting(body: Body, starts_at: datetime, *, place: str = "", host_unit=None, participants=None,
                   public: bool = True, standing_items: bool = True) -> Meeting:
    """A new meeting of ``body`` with the body's members as participants, the year wheel's items
    due on its date and, for a decentral meeting, the host unit's presentation as an item."""
    if timezone.is_naive(starts_at):
        raise MeetingError("Mødetidspunktet skal have en tidszone.")
    with transaction.atomic():
        meeting = Meeting.objects.create(body=body, starts_at=starts_at, host_unit=host_unit, public=public,
                                         place=place or (host_unit.name if host_unit else body.default_place))
        meeting.participants.set(participants if participants is not None else body.members.all())
        if host_unit is not None:
            add_item(meeting, title=f"Decentralt møde – {host_unit.name}", kind=ItemKind.INFORMATION,
                     resume=(f"Mødet holdes hos {host_unit.name}, som giver en orientering om stedet "
                             "(15–30 minutters oplæg) med deltagelse af ledere og medarbejderrepræsentanter."),
                     recommended_by="Direktøren", recommendations=["orienteringen tages til efterretning"],
                     treatment=[body])
        if standing_items:
            add_standing_items(meeting)
    return meeting


def add_standing_items(meeting: Meeting) -> list[AgendaItem]:
    """Add the year wheel's items that are due on this meeting's date and not on it already."""
    _ensure_open(meeting)
    day = timezone.localtime(meeting.starts_at).date()
    month_days = [timezone.localtime(m).date() for m in Meeting.objects.filter(
        body=meeting.body, cancelled=False, starts_at__year=day.year, starts_at__month=day.month,
    ).values_list("starts_at", flat=True)]
    present = set(meeting.items.exclude(standing_item=None).values_list("standing_item_id", flat=True))
    added = []
    for entry in StandingItem.objects.filter(body=meeting.body).select_related("case"):
        if entry.pk in present:
            continue
        if rules.standing_item_due(entry.month_numbers(), entry.recurrence, day, month_days):
            added.append(add_item(
                meeting, title=entry.title, kind=entry.kind, closed=entry.closed, case=entry.case,
                resume=entry.resume, recommended_by=entry.recommended_by,
                recommendations=entry.recommendations.splitlines(), treatment=[meeting.body],
                keep_last=entry.keep_last, standing_item=entry,
            ))
    return added


def _next_position(meeting: Meeting, keep_last: bool) -> int:
    top = meeting.items.filter(keep_last=keep_last).aggregate(top=Max("position"))["top"]
    return (top or 0) + 10


def add_item(meeting: Meeting, *, title: str, kind: str = ItemKind.DECISION, closed: bool = False,
             case: Case | None = None, document_number: str = "", resume: str = "", recommended_by: str = "",
             recommendations: Sequence[str] = (), treatment: Iterable[Body] = (), case_text: str = "",
             economic_consequences: str = "", keep_last: bool = False, standing_item=None,
             generated_by: str = "") -> AgendaItem:
    """Add an item to the agenda, after the others but before those kept last (Eventuelt)."""
    _ensure_open(meeting)
    if not title.strip():
        raise MeetingError("Punktet skal have en titel.")
    with transaction.atomic():
        item = AgendaItem.objects.create(
            meeting=meeting, position=_next_position(meeting, keep_last), keep_last=keep_last, case=case,
            title=title.strip(), kind=kind, closed=closed, document_number=document_number, resume=resume,
            recommended_by=recommended_by, recommendations="\n".join(r.strip() for r in recommendations if r.strip()),
            case_text=case_text, economic_consequences=economic_consequences, standing_item=standing_item,
            generated_by=generated_by,
        )
        item.treatment.set(list(treatment))
        search.index_item(item)
    return item


ITEM_FIELDS = ("title", "kind", "closed", "case", "document_number", "resume", "recommended_by",
               "recommendations", "case_text", "economic_consequences")


def update_item(item: AgendaItem, *, treatment: Iterable[Body] | None = None, **fields) -> AgendaItem:
    """Change an item's content (not after the minutes are approved)."""
    _ensure_open(item.meeting)
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"ukendte felter: {sorted(unknown)}")
    with transaction.atomic():
        for name, value in fields.items():
            setattr(item, name, value)
        item.save()
        if treatment is not None:
            item.treatment.set(list(treatment))
        search.index_item(item)
    return item


def delete_item(item: AgendaItem) -> None:
    """Remove an item (and its files) from an agenda that is not yet published."""
    if item.meeting.agenda_published:
        raise MeetingError("Dagsordenen er offentliggjort; punktet kan ikke slettes.")
    with transaction.atomic():
        files = [a.file.name for a in item.attachments.all()]
        item.attachments.all().delete()
        search.remove_item(item.pk)
        item.delete()
    for name in files:
        Attachment.file.field.storage.delete(name)


def ordered_items(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.items.order_by("keep_last", "position", "pk"))


def move_item(item: AgendaItem, direction: int) -> None:
    """Move an item one place up (-1) or down (+1) among the items of its kind (kept-last or not)."""
    _ensure_open(item.meeting)
    siblings = [i for i in ordered_items(item.meeting) if i.keep_last == item.keep_last]
    index = next(n for n, other in enumerate(siblings) if other.pk == item.pk)
    target = index + direction
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    with transaction.atomic():
        for n, other in enumerate(siblings, start=1):
            if other.position != n * 10:
                other.position = n * 10
                other.save(update_fields=["position", "modified_at"])


def add_attachment(item: AgendaItem, *, title: str, filename: str, data: bytes, document_number: str = "",
                   uploaded_by=None) -> Attachment:
    """Attach a file after checking its size and its type by content (PDF, DOCX, XLSX)."""
    _ensure_open(item.meeting)
    file_type = rules.detect_file_type(data)
    problem = rules.attachment_problem(len(data), data[:8], conf.attachment_max_bytes(), file_type)
    if problem:
        raise MeetingError(problem)
    attachment = Attachment(item=item, title=title.strip() or os.path.splitext(filename)[0],
                            filename=os.path.basename(filename)[:255], file_type=file_type, size=len(data),
                            document_number=document_number.strip(), uploaded_by=uploaded_by)
    attachment.file.save(attachment.filename, ContentFile(data), save=False)
    attachment.save()
    search.index_item(item)
    return attachment


def add_generated_item(meeting: Meeting, *, title: str, case_number: str, kind: str = ItemKind.INFORMATION,
                       resume: str = "", recommendations: Sequence[str] = (), treatment: Iterable[Body | str] = (),
                       case_text: str = "", economic_consequences: str = "",
                       attachments: Sequence[tuple[str, bytes, str]] = (), recommended_by: str = "",
                       case_title: str = "", closed: bool = False, generated_by: str = "") -> AgendaItem:
    """The plug-in for other modules: put a finished report on a meeting's agenda as an item.

    A budget follow-up round or a key-figures report calls this with its texts and its files
    (``attachments`` as (filename, bytes, document number)); the case is found or created from
    ``case_number``, ``treatment`` names the bodies (objects or names). All or nothing.
    """
    bodies = [b if isinstance(b, Body) else Body.objects.get(name=b) for b in treatment] or [meeting.body]
    with transaction.atomic():
        case = get_or_create_case(case_number, case_title or title)
        item = add_item(meeting, title=title, kind=kind, closed=closed, case=case, resume=resume,
                        recommended_by=recommended_by, recommendations=recommendations, treatment=bodies,
                        case_text=case_text, economic_consequences=economic_consequences,
                        generated_by=generated_by)
        for filename, data, document_number in attachments:
            add_attachment(item, title=os.path.splitext(filename)[0], filename=filename, data=data,
                           document_number=document_number)
    return item


# --- publishing, decisions, minutes ------------------------------------------------------------

def publish_agenda(meeting: Meeting, *, at: datetime | None = None) -> Meeting:
    """Publish the agenda (``at``: when, for imported history; default now)."""
    _ensure_open(meeting)
    if meeting.status != MeetingStatus.DRAFT:
        raise MeetingError("Dagsordenen er allerede offentliggjort.")
    if not meeting.items.exists():
        raise MeetingError("Dagsordenen har ingen punkter.")
    meeting.status = MeetingStatus.AGENDA
    meeting.agenda_published_at = at or timezone.now()
    meeting.save(update_fields=["status", "agenda_published_at", "modified_at"])
    return meeting


def record_decision(item: AgendaItem, *, phrase: str = "", text: str = "", recorded_by=None,
                    follow_ups: Sequence[FollowUpInput] = ()) -> Decision:
    """Record (or change) the body's decision on an item, during or after the meeting."""
    meeting = item.meeting
    _ensure_open(meeting)
    if not meeting.agenda_published:
        raise MeetingError("Dagsordenen skal offentliggøres, før der kan træffes beslutninger.")
    if phrase and phrase not in Phrase.values:
        raise MeetingError(f"Ukendt standardtekst: {phrase}")
    if not phrase and not text.strip():
        raise MeetingError("Skriv en beslutning eller vælg en standardtekst.")
    with transaction.atomic():
        decision, _ = Decision.objects.update_or_create(
            item=item, defaults={"phrase": phrase, "text": text.strip(), "recorded_by": recorded_by})
        for follow_up in follow_ups:
            if follow_up.text.strip():
                FollowUp.objects.create(item=item, text=follow_up.text.strip(), owner=follow_up.owner,
                                        due=follow_up.due)
        search.index_item(item)
    return decision


def approve_minutes(meeting: Meeting, *, approved_by=None, at: datetime | None = None) -> MinutesVersion:
    """Approve and publish the minutes: version 1, frozen. Every open item needs a decision.
    ``at`` is when (for imported history; default now)."""
    from .content import meeting_content

    if meeting.status != MeetingStatus.AGENDA:
        raise MeetingError("Referatet kan kun godkendes for et møde med offentliggjort dagsorden, "
                           "hvis referat ikke allerede er godkendt.")
    missing = meeting.items.filter(decision__isnull=True, keep_last=False, closed=False).count()
    if missing:
        raise MeetingError(f"{missing} punkt{'er' if missing > 1 else ''} mangler en beslutning.")
    with transaction.atomic():
        meeting.status = MeetingStatus.MINUTES
        meeting.save(update_fields=["status", "modified_at"])
        return MinutesVersion.objects.create(meeting=meeting, number=1, published_by=approved_by,
                                             published_at=at or timezone.now(),
                                             content=meeting_content(meeting, "referat", public=False))


def correct_minutes(item: AgendaItem, *, phrase: str, text: str, reason: str, corrected_by=None) -> MinutesVersion:
    """Correct a decision in approved minutes: a new version with the reason, and the change in the
    audit trail. The earlier versions stay as they were published."""
    from .content import meeting_content

    meeting = item.meeting
    if not meeting.minutes_published:
        raise MeetingError("Referatet er ikke godkendt endnu; ret beslutningen direkte.")
    if not reason.strip():
        raise MeetingError("Skriv en begrundelse for rettelsen.")
    if phrase and phrase not in Phrase.values:
        raise MeetingError(f"Ukendt standardtekst: {phrase}")
    with transaction.atomic():
        before = str(getattr(item, "decision", "") or "-")
        decision, _ = Decision.objects.update_or_create(
            item=item, defaults={"phrase": phrase, "text": text.strip(), "recorded_by": corrected_by})
        number = meeting.versions.aggregate(top=Max("number"))["top"] + 1
        version = MinutesVersion.objects.create(
            meeting=meeting, number=number, reason=reason.strip(), published_by=corrected_by,
            published_at=timezone.now(), content=meeting_content(meeting, "referat", public=False))
        log_bulk_change(version, {"beslutning": (before, str(decision)), "begrundelse": ("", reason.strip())})
        search.index_item(item)
    return version
