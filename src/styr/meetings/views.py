"""The meeting pages: thin views that ask ``permissions`` first, then call one service or query."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styr.organisation import access
from styr.organisation.models import Role

from . import permissions, rendering, services
from .content import document_content, text_blocks
from .forms import AttachmentForm, CorrectionForm, DecisionForm, ItemForm, MeetingForm, SearchForm
from .models import Body, Case, FollowUp, Meeting, MeetingStatus
from .rules import recommendation_text
from .search import SearchFilters, search_items

LIST_LIMIT = 60


def _visible_meetings(user):
    """Published meetings for everyone logged in; drafts for those who may prepare them."""
    meetings = Meeting.objects.select_related("body")
    if access.is_admin(user):
        return meetings
    if Role.FINANCE in access.roles_of(user):
        return meetings  # finance prepares items on every body's drafts
    return meetings.filter(~Q(status=MeetingStatus.DRAFT) | Q(body_id__in=permissions.member_body_ids(user)))


@login_required
@require_GET
def meeting_list(request):
    bodies = list(Body.objects.all())
    body_id = request.GET.get("forum", "")
    meetings = _visible_meetings(request.user).annotate(item_count=Count("items"))
    if body_id.isdigit():
        meetings = meetings.filter(body_id=int(body_id))
    now = timezone.now()
    upcoming = list(meetings.filter(starts_at__gte=now).order_by("starts_at")[:LIST_LIMIT])
    past = list(meetings.filter(starts_at__lt=now).order_by("-starts_at")[:LIST_LIMIT])
    follow_ups = (FollowUp.objects.filter(owner=request.user, done=False)
                  .select_related("item__meeting__body").order_by("due")[:20])
    return render(request, "meetings/meeting_list.html", {
        "bodies": bodies, "body_id": int(body_id) if body_id.isdigit() else None, "upcoming": upcoming,
        "past": past, "may_create": permissions.can_create_meetings(request.user), "follow_ups": follow_ups,
    })


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    if not permissions.can_create_meetings(request.user):
        raise Http404("Siden findes ikke")
    form = MeetingForm(request.POST or None, bodies=permissions.manageable_bodies(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = services.create_meeting(data["body"], form.starts_at(), place=data["place"],
                                          host_unit=data["host_unit"], public=data["public"])
        messages.success(request, f"Mødet er oprettet med {meeting.items.count()} faste punkter fra årshjulet.")
        return redirect("meetings-meeting", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "breadcrumbs": _crumbs(last="Nyt møde")})


def _crumbs(meeting: Meeting | None = None, last: str = "") -> list[tuple[str, str]]:
    crumbs = [("Møder", reverse("meetings-list"))]
    if meeting is not None:
        crumbs.append((str(meeting), reverse("meetings-meeting", args=[meeting.pk])))
    if last:
        crumbs.append((last, ""))
    return crumbs


def _agenda_context(meeting: Meeting, rights) -> dict:
    items = (meeting.items.order_by("keep_last", "position", "pk").select_related("case", "decision")
             .prefetch_related("attachments", "treatment"))
    return {"meeting": meeting, "rights": rights, "items": list(enumerate(items, start=1))}


@login_required
@require_GET
def meeting_detail(request, pk: int):
    meeting, rights = permissions.get_meeting_or_404(request.user, pk)
    context = _agenda_context(meeting, rights)
    context.update({
        "participants": meeting.participants.order_by("name"),
        "versions": meeting.versions.order_by("-number") if meeting.minutes_published else [],
        "decided": sum(1 for _, item in context["items"] if hasattr(item, "decision")),
        "breadcrumbs": _crumbs() + [(str(meeting), "")],
    })
    return render(request, "meetings/meeting_detail.html", context)


@login_required
@require_POST
def meeting_publish(request, pk: int):
    meeting, _ = permissions.get_meeting_or_404(request.user, pk, need="manage")
    step = request.POST.get("trin")
    try:
        if step == "dagsorden":
            services.publish_agenda(meeting)
            messages.success(request, "Dagsordenen er offentliggjort.")
        elif step == "referat":
            services.approve_minutes(meeting, approved_by=request.user)
            messages.success(request, "Referatet er godkendt og offentliggjort.")
        elif step == "aarshjul":
            added = services.add_standing_items(meeting)
            messages.success(request, f"{len(added)} punkt{'er' if len(added) != 1 else ''} fra årshjulet tilføjet.")
        else:
            raise Http404("Ukendt handling")
    except services.MeetingError as exc:
        messages.error(request, str(exc))
    return redirect("meetings-meeting", pk=meeting.pk)


@login_required
@require_GET
def meeting_document(request, pk: int, kind: str, fmt: str):
    """The agenda or minutes as PDF or Word; ?udgave=intern for the version with closed items."""
    meeting, rights = permissions.get_meeting_or_404(request.user, pk)
    internal = request.GET.get("udgave") == "intern"
    if (internal and not rights.view_closed) or (kind == "referat" and not meeting.agenda_published):
        raise Http404("Dokumentet findes ikke")
    content = document_content(meeting, kind, public=not internal)
    return _document_response(content, fmt)


def _document_response(content: dict, fmt: str) -> HttpResponse:
    if fmt == "pdf":
        data, media_type = rendering.pdf(content), "application/pdf"
    else:
        data = rendering.word(content)
        media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(data, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{rendering.filename(content, fmt)}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _case_from_form(data):
    number = data.get("case_number")
    if not number:
        return None
    kle, facet = data.get("journal_number") or ("", "")
    return services.get_or_create_case(number, data["title"], kle=kle, facet=facet)


def _item_fields(data) -> dict:
    return {"title": data["title"], "kind": data["kind"], "closed": data.get("closed", False),
            "document_number": data["document_number"], "resume": data["resume"],
            "recommended_by": data["recommended_by"], "case_text": data["case_text"],
            "economic_consequences": data["economic_consequences"]}


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request, pk: int):
    meeting, rights = permissions.get_meeting_or_404(request.user, pk, need="prepare")
    form = ItemForm(request.POST or None, may_close=rights.view_closed, initial={"treatment": [meeting.body]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.add_item(meeting, case=_case_from_form(data), treatment=data["treatment"],
                                     recommendations=data["recommendations"].splitlines(), **_item_fields(data))
        except services.MeetingError as exc:
            form.add_error(None, str(exc))
        else:
            if request.htmx:  # the quick form under the agenda: answer with the updated agenda
                return render(request, "meetings/agenda_table_partial.html", _agenda_context(meeting, rights))
            messages.success(request, f"Punktet «{item.title}» er tilføjet.")
            return redirect("meetings-meeting", pk=meeting.pk)
    if request.htmx:
        return render(request, "meetings/agenda_table_partial.html",
                      {**_agenda_context(meeting, rights), "quick_error": "Skriv en titel på punktet."})
    return render(request, "meetings/item_form.html", {"form": form, "meeting": meeting, "item": None,
                                                      "breadcrumbs": _crumbs(meeting, "Nyt punkt")})


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk: int):
    item, rights = permissions.get_item_or_404(request.user, pk, need="prepare")
    initial = {"title": item.title, "kind": item.kind, "closed": item.closed,
               "case_number": item.case.number if item.case_id else "",
               "journal_number": item.case.journal_number if item.case_id else "",
               "document_number": item.document_number, "resume": item.resume,
               "recommended_by": item.recommended_by, "recommendations": item.recommendations,
               "treatment": list(item.treatment.all()), "case_text": item.case_text,
               "economic_consequences": item.economic_consequences}
    form = ItemForm(request.POST or None, initial=initial, may_close=rights.view_closed)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_item(item, case=_case_from_form(data), treatment=data["treatment"],
                                 recommendations="\n".join(data["recommendations"].splitlines()),
                                 **_item_fields(data))
        except services.MeetingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Punktet er gemt.")
            return redirect("meetings-item", pk=item.pk)
    return render(request, "meetings/item_form.html", {"form": form, "meeting": item.meeting, "item": item,
                                                      "breadcrumbs": _crumbs(item.meeting, "Ret punkt")})


@login_required
@require_GET
def item_detail(request, pk: int):
    item, rights = permissions.get_item_or_404(request.user, pk)
    number = [i.pk for i in services.ordered_items(item.meeting)].index(item.pk) + 1
    other_items = []
    if item.case_id:
        for other in (item.case.items.exclude(pk=item.pk).select_related("meeting__body", "decision")
                      .order_by("meeting__starts_at")):
            other_rights = permissions.meeting_access(request.user, other.meeting)
            if other_rights.view and (not other.closed or other_rights.view_closed):
                other_items.append(other)
    lead, points = recommendation_text(item.recommended_by, item.recommendation_list())
    return render(request, "meetings/item_detail.html", {
        "item": item, "meeting": item.meeting, "rights": rights, "number": number,
        "attachments": item.attachments.all(), "decision": getattr(item, "decision", None),
        "follow_ups": item.follow_ups.select_related("owner"), "other_items": other_items,
        "attachment_form": AttachmentForm() if rights.prepare else None,
        "blocks": {key: text_blocks(getattr(item, key)) for key in ("resume", "case_text", "economic_consequences")},
        "recommendation_lead": lead, "recommendation_points": points,
        "breadcrumbs": _crumbs(item.meeting, f"Punkt {number}"),
    })


@login_required
@require_POST
def item_move(request, pk: int):
    item, rights = permissions.get_item_or_404(request.user, pk, need="manage")
    try:
        services.move_item(item, -1 if request.POST.get("retning") == "op" else 1)
    except services.MeetingError as exc:
        messages.error(request, str(exc))
    if request.htmx:
        return render(request, "meetings/agenda_table_partial.html", _agenda_context(item.meeting, rights))
    return redirect(f"{reverse('meetings-meeting', args=[item.meeting_id])}#punkter")


@login_required
@require_POST
def item_delete(request, pk: int):
    item, _ = permissions.get_item_or_404(request.user, pk, need="manage")
    meeting_id = item.meeting_id
    try:
        services.delete_item(item)
        messages.success(request, f"Punktet «{item.title}» er slettet.")
    except services.MeetingError as exc:
        messages.error(request, str(exc))
        return redirect("meetings-item", pk=pk)
    return redirect("meetings-meeting", pk=meeting_id)


@login_required
@require_POST
def item_attach(request, pk: int):
    item, _ = permissions.get_item_or_404(request.user, pk, need="prepare")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.add_attachment(item, title=form.cleaned_data["title"], filename=upload.name,
                                    data=upload.read(), document_number=form.cleaned_data["document_number"],
                                    uploaded_by=request.user)
        except services.MeetingError as exc:
            messages.error(request, f"Bilaget er afvist: {exc}")
        else:
            messages.success(request, "Bilaget er vedhæftet.")
    else:
        messages.error(request, "Bilaget er afvist: " + " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{reverse('meetings-item', args=[item.pk])}#bilag")


@login_required
@require_GET
def attachment_download(request, pk: int):
    attachment = permissions.get_attachment_or_404(request.user, pk)
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.media_type, as_attachment=True,
                            filename=attachment.filename)
    response["Cache-Control"] = "private, no-store"
    return response


def _follow_ups(data) -> list:
    if not data.get("follow_up"):
        return []
    return [services.FollowUpInput(data["follow_up"], data.get("follow_up_owner"), data.get("follow_up_due"))]


@login_required
@require_http_methods(["GET", "POST"])
def item_decision(request, pk: int):
    item, _ = permissions.get_item_or_404(request.user, pk, need="manage")
    if item.meeting.minutes_published:
        return redirect("meetings-item-correct", pk=item.pk)
    current = getattr(item, "decision", None)
    form = DecisionForm(request.POST or None,
                        initial={"phrase": current.phrase, "text": current.text} if current else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_decision(item, phrase=form.cleaned_data["phrase"], text=form.cleaned_data["text"],
                                     recorded_by=request.user, follow_ups=_follow_ups(form.cleaned_data))
        except services.MeetingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Beslutningen er gemt.")
            return redirect(f"{reverse('meetings-meeting', args=[item.meeting_id])}#punkt-{item.pk}")
    return render(request, "meetings/decision_form.html", {"form": form, "item": item, "meeting": item.meeting,
                                                            "correction": False,
                                                            "breadcrumbs": _crumbs(item.meeting, "Beslutning")})


@login_required
@require_http_methods(["GET", "POST"])
def item_correct(request, pk: int):
    item, _ = permissions.get_item_or_404(request.user, pk, need="manage")
    if not item.meeting.minutes_published:
        raise Http404("Referatet er ikke godkendt")
    current = getattr(item, "decision", None)
    form = CorrectionForm(request.POST or None,
                          initial={"phrase": current.phrase, "text": current.text} if current else None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.correct_minutes(item, phrase=form.cleaned_data["phrase"],
                                               text=form.cleaned_data["text"], reason=form.cleaned_data["reason"],
                                               corrected_by=request.user)
        except services.MeetingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Referatet er rettet; version {version.number} er offentliggjort.")
            return redirect("meetings-meeting", pk=item.meeting_id)
    return render(request, "meetings/decision_form.html", {"form": form, "item": item, "meeting": item.meeting,
                                                            "correction": True,
                                                            "breadcrumbs": _crumbs(item.meeting, "Ret referatet")})


@login_required
@require_GET
def case_detail(request, pk: int):
    """A case's path through the bodies, with each body's decision, as far as the user may see."""
    case = get_object_or_404(Case, pk=pk)
    steps = []
    for item in case.items.select_related("meeting__body", "decision").order_by("meeting__starts_at"):
        rights = permissions.meeting_access(request.user, item.meeting)
        if rights.view and (not item.closed or rights.view_closed):
            steps.append(item)
    if not steps:
        raise Http404("Sagen findes ikke")
    return render(request, "meetings/case_detail.html", {"case": case, "steps": steps,
                                                         "breadcrumbs": _crumbs(last=f"Sag {case.number}")})


@login_required
@require_GET
def search(request):
    form = SearchForm(request.GET or None)
    results, searched = [], False
    if form.is_valid() and any(form.cleaned_data.values()):
        data = form.cleaned_data
        searched = True
        results = search_items(request.user, SearchFilters(
            text=data["q"], body_id=data["body"].pk if data["body"] else None, date_from=data["date_from"],
            date_to=data["date_to"], case_number=data["case_number"]))
        member_of = permissions.member_body_ids(request.user)
        admin = access.is_admin(request.user)
        results = [(item, admin or not item.closed or item.meeting.body_id in member_of) for item in results]
    return render(request, "meetings/search.html", {"form": form, "results": results, "searched": searched,
                                                   "breadcrumbs": _crumbs(last="Søg")})
