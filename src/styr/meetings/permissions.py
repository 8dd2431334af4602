"""Who may do what with a body's meetings: one function, ``meeting_access``, asked by every view.

- admin and the body's members manage its meetings (publish, decide, reorder) and see closed items;
- økonomi (finance) may prepare items on meetings whose agenda is not yet published;
- every logged-in user sees published agendas and minutes, without the closed items' content;
- anonymous users see nothing here; they get the public data through the OParl API only.

Whoever may not see something gets 404, never 403: the answer must not reveal that it exists.
"""

from dataclasses import dataclass

from django.http import Http404

from styr.organisation import access
from styr.organisation.models import Role

from .models import AgendaItem, Attachment, Body, Meeting


@dataclass(frozen=True)
class MeetingAccess:
    view: bool = False  # the meeting and its open items
    view_closed: bool = False  # the content and files of closed items
    prepare: bool = False  # add and edit items while the agenda is being prepared
    manage: bool = False  # publish, reorder, decide, approve minutes, correct


NOTHING = MeetingAccess()


def member_body_ids(user) -> frozenset[int]:
    """The bodies the user is a member of (through their person), read once per request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_styr_body_ids", None)
    if cached is None:
        cached = frozenset(Body.objects.filter(members__user=user).values_list("pk", flat=True))
        user._styr_body_ids = cached
    return cached


def body_access(user, body: Body, *, agenda_published: bool = True) -> MeetingAccess:
    """What ``user`` may do with a meeting of ``body`` (published or not)."""
    if not user.is_authenticated:
        return NOTHING
    roles = access.roles_of(user)
    manage = Role.ADMIN in roles or body.pk in member_body_ids(user)
    prepare = manage or (Role.FINANCE in roles and not agenda_published)
    return MeetingAccess(view=agenda_published or prepare, view_closed=manage, prepare=prepare, manage=manage)


def meeting_access(user, meeting: Meeting) -> MeetingAccess:
    """What ``user`` may do with ``meeting``: the one place that decides it."""
    result = body_access(user, meeting.body, agenda_published=meeting.agenda_published)
    if meeting.minutes_published:
        # Approved minutes are frozen: only a correction (manage) changes them, as a new version.
        result = MeetingAccess(view=result.view, view_closed=result.view_closed, prepare=False,
                               manage=result.manage)
    return result


def can_manage_any_body(user) -> bool:
    return access.is_admin(user) or bool(member_body_ids(user))


def can_create_meetings(user) -> bool:
    return can_manage_any_body(user)


def manageable_bodies(user):
    if access.is_admin(user):
        return Body.objects.all()
    return Body.objects.filter(pk__in=member_body_ids(user))


def get_meeting_or_404(user, pk: int, *, need: str = "view") -> tuple[Meeting, MeetingAccess]:
    meeting = Meeting.objects.select_related("body", "host_unit").filter(pk=pk).first()
    if meeting is None:
        raise Http404("Mødet findes ikke")
    rights = meeting_access(user, meeting)
    if not getattr(rights, need):
        raise Http404("Mødet findes ikke")
    return meeting, rights


def get_item_or_404(user, pk: int, *, need: str = "view") -> tuple[AgendaItem, MeetingAccess]:
    """An item the user may see (a closed item only for members and admins) and may ``need``."""
    item = AgendaItem.objects.select_related("meeting__body", "case").filter(pk=pk).first()
    if item is None:
        raise Http404("Punktet findes ikke")
    rights = meeting_access(user, item.meeting)
    if not rights.view or (item.closed and not rights.view_closed) or not getattr(rights, need):
        raise Http404("Punktet findes ikke")
    return item, rights


def get_attachment_or_404(user, pk: int) -> Attachment:
    attachment = Attachment.objects.select_related("item__meeting__body").filter(pk=pk).first()
    if attachment is None:
        raise Http404("Bilaget findes ikke")
    get_item_or_404(user, attachment.item_id)
    return attachment
