"""A read-only OParl 1.1 API of the public meeting data, at /oparl/v1/ — the one place where Styr
answers without a login.

Why this is safe: every object here is built from what the public minutes show, and nothing else.
The views never look at the session or the user (``public_endpoint``): a logged-in admin gets the
same answer as an anonymous client. Only public meetings (``Meeting.public``) with a published
agenda appear; a closed item appears with its id, number, title and ``public: false`` and nothing
else (no text, no decision, no files); its files answer 404. Drafts and internal meetings answer 404.

OParl's terms mapped onto Styr's: System → this Styr; Body → the municipality; Organization → a
forum (Direktionen, Økonomiudvalget, …); Person → a forum's member; Meeting; AgendaItem; Paper → a
case (sag); Consultation → a case's treatment as an item on one meeting; File → an attachment or
the public PDF of an agenda or minutes. Every ``id`` is the object's own URL; lists are paged with
``links.next``.
"""

import math
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_GET

from . import rendering
from .content import document_content
from .models import AgendaItem, Attachment, Body, Case, Meeting, MeetingStatus
from .rules import local

SCHEMA = "https://schema.oparl.org/1.1/"
PAGE_SIZE = 20
BODY_KEY = "kommune"


def public_endpoint(view: Callable) -> Callable:
    """An anonymous, read-only endpoint: GET only, never the session's user, open to other sites."""

    @require_GET
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.user = AnonymousUser()  # nothing below may depend on who asks
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Cache-Control"] = "public, max-age=300"
        return response

    return wrapped


def public_meetings():
    return Meeting.objects.filter(public=True, status__in=[MeetingStatus.AGENDA, MeetingStatus.MINUTES])


def public_items():
    return AgendaItem.objects.filter(meeting__in=public_meetings())


def open_items():
    return public_items().filter(closed=False)


def public_cases():
    return Case.objects.filter(Exists(open_items().filter(case_id=OuterRef("pk"))))


def public_attachments():
    return Attachment.objects.filter(item__in=open_items())


def public_persons():
    from styr.organisation.models import Person

    return Person.objects.filter(bodies__isnull=False).distinct()


def _url(request, name: str, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def _stamp(value) -> str:
    return local(value).isoformat(timespec="seconds")


def _json(data: dict) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


# --- objects -----------------------------------------------------------------------------------

def system_object(request) -> dict:
    return {
        "id": _url(request, "oparl-system"), "type": f"{SCHEMA}System", "oparlVersion": SCHEMA,
        "otherOparlVersions": [], "body": _url(request, "oparl-body-list"),
        "name": f"Styr – {settings.MUNICIPALITY_NAME}", "product": "Styr",
        "website": request.build_absolute_uri("/"),
    }


def body_object(request) -> dict:
    lists = {key: _url(request, f"oparl-{key.lower()}-list") for key in
             ("organization", "person", "meeting", "paper", "agendaItem", "consultation", "file")}
    return {
        "id": _url(request, "oparl-body", BODY_KEY), "type": f"{SCHEMA}Body",
        "system": _url(request, "oparl-system"), "name": settings.MUNICIPALITY_NAME,
        "shortName": settings.MUNICIPALITY_NAME, "legislativeTerm": [], **lists,
    }


def organization_object(request, body: Body) -> dict:
    return {
        "id": _url(request, "oparl-organization", body.pk), "type": f"{SCHEMA}Organization",
        "body": _url(request, "oparl-body", BODY_KEY), "name": body.name, "organizationType": "Gremium",
        "classification": body.get_kind_display(),
        "meeting": _url(request, "oparl-meeting-list") + f"?organization={body.pk}",
        "member": [_url(request, "oparl-person", p.pk) for p in body.members.all()],
        "calendar": _url(request, "oparl-calendar", body.pk),
    }


def person_object(request, person) -> dict:
    return {"id": _url(request, "oparl-person", person.pk), "type": f"{SCHEMA}Person",
            "body": _url(request, "oparl-body", BODY_KEY), "name": person.name or "Ukendt"}


def document_file_object(request, meeting: Meeting, kind: str) -> dict:
    name = f"{'Referat' if kind == 'referat' else 'Dagsorden'} {meeting}"
    return {
        "id": _url(request, "oparl-meeting-file", meeting.pk, kind), "type": f"{SCHEMA}File",
        "name": name, "fileName": f"{kind}-{meeting.pk}.pdf", "mimeType": "application/pdf",
        "accessUrl": _url(request, "oparl-meeting-document", meeting.pk, kind),
        "downloadUrl": _url(request, "oparl-meeting-document", meeting.pk, kind),
        "meeting": [_url(request, "oparl-meeting", meeting.pk)],
    }


def file_object(request, attachment: Attachment) -> dict:
    return {
        "id": _url(request, "oparl-file", attachment.pk), "type": f"{SCHEMA}File",
        "name": attachment.title, "fileName": attachment.filename, "mimeType": attachment.media_type,
        "size": attachment.size, "accessUrl": _url(request, "oparl-file-download", attachment.pk),
        "downloadUrl": _url(request, "oparl-file-download", attachment.pk),
        "agendaItem": [_url(request, "oparl-agendaitem", attachment.item_id)],
        "created": _stamp(attachment.uploaded_at),
    }


def agenda_item_object(request, item: AgendaItem, number: int) -> dict:
    """An item as the public minutes show it: a closed one only with its number and title."""
    data = {
        "id": _url(request, "oparl-agendaitem", item.pk), "type": f"{SCHEMA}AgendaItem",
        "meeting": _url(request, "oparl-meeting", item.meeting_id), "number": str(number), "order": number,
        "name": item.title, "public": not item.closed,
    }
    if item.closed:
        return data
    decision = getattr(item, "decision", None) if item.meeting.minutes_published else None
    data.update({
        "auxiliaryFile": [file_object(request, a) for a in item.attachments.all()],
        "created": _stamp(item.created_at), "modified": _stamp(item.modified_at),
    })
    if item.case_id:
        data["consultation"] = _url(request, "oparl-consultation", item.pk)
    if decision is not None:
        data["result"] = decision.get_phrase_display() if decision.phrase else ""
        data["resolutionText"] = str(decision)
    return data


def _numbered_items(meeting: Meeting) -> list[tuple[int, AgendaItem]]:
    items = (meeting.items.order_by("keep_last", "position", "pk").select_related("decision", "meeting")
             .prefetch_related("attachments"))
    return list(enumerate(items, start=1))


def meeting_object(request, meeting: Meeting) -> dict:
    data = {
        "id": _url(request, "oparl-meeting", meeting.pk), "type": f"{SCHEMA}Meeting",
        "name": str(meeting), "meetingState": meeting.get_status_display(), "cancelled": meeting.cancelled,
        "start": _stamp(meeting.starts_at),
        "location": {"id": _url(request, "oparl-location", meeting.pk), "type": f"{SCHEMA}Location",
                     "description": meeting.place or ""},
        "organization": [_url(request, "oparl-organization", meeting.body_id)],
        "participant": [_url(request, "oparl-person", p.pk) for p in meeting.participants.all()],
        "invitation": document_file_object(request, meeting, "dagsorden"),
        "agendaItem": [agenda_item_object(request, item, n) for n, item in _numbered_items(meeting)],
        "created": _stamp(meeting.created_at), "modified": _stamp(meeting.modified_at),
    }
    if meeting.ends_at:
        data["end"] = _stamp(meeting.ends_at)
    if meeting.minutes_published:
        data["resultsProtocol"] = document_file_object(request, meeting, "referat")
    return data


def location_object(request, meeting: Meeting) -> dict:
    return {"id": _url(request, "oparl-location", meeting.pk), "type": f"{SCHEMA}Location",
            "description": meeting.place or "", "meeting": [_url(request, "oparl-meeting", meeting.pk)]}


def consultation_object(request, item: AgendaItem) -> dict:
    return {
        "id": _url(request, "oparl-consultation", item.pk), "type": f"{SCHEMA}Consultation",
        "paper": _url(request, "oparl-paper", item.case_id), "agendaItem": _url(request, "oparl-agendaitem", item.pk),
        "meeting": _url(request, "oparl-meeting", item.meeting_id),
        "organization": [_url(request, "oparl-organization", item.meeting.body_id)],
        "authoritative": item.meeting.body.kind == "kommunalbestyrelse", "role": item.get_kind_display(),
    }


def paper_object(request, case: Case) -> dict:
    items = list(open_items().filter(case=case).select_related("meeting__body").prefetch_related("attachments")
                 .order_by("meeting__starts_at"))
    return {
        "id": _url(request, "oparl-paper", case.pk), "type": f"{SCHEMA}Paper",
        "body": _url(request, "oparl-body", BODY_KEY), "name": case.title, "reference": case.number,
        "paperType": "Sag", "date": local(items[0].meeting.starts_at).date().isoformat() if items else None,
        "consultation": [consultation_object(request, item) for item in items],
        "auxiliaryFile": [file_object(request, a) for item in items for a in item.attachments.all()],
        "created": _stamp(case.created_at), "modified": _stamp(case.modified_at),
    }


# --- paging ------------------------------------------------------------------------------------

# OParl 1.1 list filters (§ "Filter"): objects created or modified since/until a time (ISO 8601).
DATE_FILTERS = {"created_since": "created_at__gte", "created_until": "created_at__lte",
                "modified_since": "modified_at__gte", "modified_until": "modified_at__lte"}


def filtered(request, queryset):
    """Apply the OParl date filters a list supports; a malformed time is a 400 naming the filter."""
    fields = {f.name for f in queryset.model._meta.get_fields()}
    for parameter, lookup in DATE_FILTERS.items():
        value = request.GET.get(parameter)
        if value is None:
            continue
        try:
            moment = parse_datetime(value.replace(" ", "+"))  # a "+" in a query string arrives as a space
        except ValueError:
            moment = None
        if moment is None:
            raise OParlBadRequest(f"{parameter}: «{value}» er ikke et tidspunkt i ISO 8601, "
                                  "fx 2022-08-29T08:30:00+02:00")
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        if lookup.split("__")[0] in fields:
            queryset = queryset.filter(**{lookup: moment})
    return queryset


class OParlBadRequest(Exception):
    pass


def paged(request, queryset, to_object: Callable) -> JsonResponse:
    """An OParl list: ``data``, ``pagination`` and ``links`` (first, prev, next, last)."""
    try:
        queryset = filtered(request, queryset)
    except OParlBadRequest as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    total = queryset.count()
    pages = max(1, math.ceil(total / PAGE_SIZE))
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        raise Http404("Ukendt side") from None
    if not 1 <= page <= pages:
        raise Http404("Ukendt side")
    base = request.build_absolute_uri(request.path)
    extra = "".join(f"&{key}={value}" for key, value in request.GET.items() if key != "page")

    def link(n: int) -> str:
        return f"{base}?page={n}{extra}"

    rows = queryset[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    links = {"first": link(1), "last": link(pages)}
    if page > 1:
        links["prev"] = link(page - 1)
    if page < pages:
        links["next"] = link(page + 1)
    return _json({
        "data": [to_object(request, row) for row in rows],
        "pagination": {"totalElements": total, "elementsPerPage": PAGE_SIZE, "currentPage": page,
                       "totalPages": pages},
        "links": links,
    })


# --- views -------------------------------------------------------------------------------------

@public_endpoint
def system(request):
    return _json(system_object(request))


@public_endpoint
def body_list(request):
    data = [body_object(request)]
    return _json({"data": data, "pagination": {"totalElements": 1, "elementsPerPage": PAGE_SIZE, "currentPage": 1,
                                               "totalPages": 1},
                  "links": {"first": request.build_absolute_uri(request.path) + "?page=1",
                            "last": request.build_absolute_uri(request.path) + "?page=1"}})


@public_endpoint
def body(request, key: str):
    if key != BODY_KEY:
        raise Http404("Ukendt body")
    return _json(body_object(request))


def _get(queryset, pk):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404("Findes ikke")
    return obj


@public_endpoint
def organization_list(request):
    return paged(request, Body.objects.prefetch_related("members").order_by("order", "pk"), organization_object)


@public_endpoint
def organization(request, pk: int):
    return _json(organization_object(request, _get(Body.objects.all(), pk)))


@public_endpoint
def person_list(request):
    return paged(request, public_persons().order_by("pk"), person_object)


@public_endpoint
def person(request, pk: int):
    return _json(person_object(request, _get(public_persons(), pk)))


@public_endpoint
def meeting_list(request):
    meetings = public_meetings().select_related("body").prefetch_related("participants").order_by("starts_at", "pk")
    organization_id = request.GET.get("organization", "")
    if organization_id.isdigit():
        meetings = meetings.filter(body_id=int(organization_id))
    return paged(request, meetings, meeting_object)


@public_endpoint
def meeting(request, pk: int):
    return _json(meeting_object(request, _get(public_meetings().select_related("body"), pk)))


@public_endpoint
def location(request, pk: int):
    return _json(location_object(request, _get(public_meetings(), pk)))


@public_endpoint
def meeting_file(request, pk: int, kind: str):
    meeting = _get(public_meetings().select_related("body"), pk)
    if kind == "referat" and not meeting.minutes_published:
        raise Http404("Referatet er ikke godkendt")
    return _json(document_file_object(request, meeting, kind))


@public_endpoint
def meeting_document(request, pk: int, kind: str):
    """The public PDF of the agenda or the approved minutes: closed items by title alone."""
    meeting = _get(public_meetings().select_related("body"), pk)
    if kind == "referat" and not meeting.minutes_published:
        raise Http404("Referatet er ikke godkendt")
    content = document_content(meeting, kind, public=True)
    response = HttpResponse(rendering.pdf(content), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{rendering.filename(content, "pdf")}"'
    return response


def _item_with_number(pk: int) -> tuple[AgendaItem, int]:
    item = _get(public_items().select_related("meeting__body", "decision").prefetch_related("attachments"), pk)
    ids = [i.pk for i in item.meeting.items.order_by("keep_last", "position", "pk")]
    return item, ids.index(item.pk) + 1


@public_endpoint
def agenda_item_list(request):
    items = (public_items().select_related("meeting__body", "decision").prefetch_related("attachments")
             .order_by("meeting__starts_at", "keep_last", "position", "pk"))
    numbers: dict[int, dict[int, int]] = {}

    def to_object(request, item):
        if item.meeting_id not in numbers:
            ids = item.meeting.items.order_by("keep_last", "position", "pk").values_list("pk", flat=True)
            numbers[item.meeting_id] = {pk: n for n, pk in enumerate(ids, start=1)}
        return agenda_item_object(request, item, numbers[item.meeting_id][item.pk])

    return paged(request, items, to_object)


@public_endpoint
def agenda_item(request, pk: int):
    item, number = _item_with_number(pk)
    return _json(agenda_item_object(request, item, number))


@public_endpoint
def paper_list(request):
    return paged(request, public_cases().order_by("pk"), paper_object)


@public_endpoint
def paper(request, pk: int):
    return _json(paper_object(request, _get(public_cases(), pk)))


@public_endpoint
def consultation_list(request):
    items = open_items().exclude(case=None).select_related("meeting__body").order_by("meeting__starts_at", "pk")
    return paged(request, items, consultation_object)


@public_endpoint
def consultation(request, pk: int):
    return _json(consultation_object(request, _get(open_items().exclude(case=None).select_related("meeting__body"),
                                                   pk)))


@public_endpoint
def file_list(request):
    return paged(request, public_attachments().order_by("pk"), file_object)


@public_endpoint
def file(request, pk: int):
    return _json(file_object(request, _get(public_attachments(), pk)))


@public_endpoint
def file_download(request, pk: int):
    attachment = _get(public_attachments(), pk)
    return FileResponse(attachment.file.open("rb"), content_type=attachment.media_type, as_attachment=True,
                        filename=attachment.filename)


@public_endpoint
def calendar(request, pk: int):
    """An iCalendar feed (RFC 5545) of a forum's public meetings: title, time and place only."""
    from .ical import calendar_text

    body = _get(Body.objects.all(), pk)
    meetings = Meeting.objects.filter(Q(body=body) & Q(public=True)).order_by("starts_at")
    text = calendar_text(body, meetings, host=request.get_host(), now=timezone.now())
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="moeder-{body.pk}.ics"'
    return response


@public_endpoint
def openapi(request):
    from .openapi import openapi_document

    return _json(openapi_document(request.build_absolute_uri(reverse("oparl-system"))))
