"""Full-text search in agendas and minutes, in Danish.

PostgreSQL: the "danish" text search configuration (stemming: "budgetopfølgningen" finds
"budgetopfølgning"), computed per query with SearchVector. SQLite: an FTS5 table
``meetings_search`` kept up to date by the services (``index_item`` on every write to an item,
its files or its decision), with prefix matching instead of stemming.

Closed items: their content is searched only for members of the body and admins; everyone else
finds a closed item by its title alone, which the public minutes show anyway.
"""

from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Q

from styr.organisation import access

from . import rules
from .models import AgendaItem, MeetingStatus
from .permissions import member_body_ids

FTS_TABLE = "meetings_search"
RESULT_LIMIT = 100


def uses_fts5() -> bool:
    return connection.vendor == "sqlite"


def item_content(item: AgendaItem) -> str:
    decision = getattr(item, "decision", None)
    parts = [item.case.number if item.case_id else "", item.case.title if item.case_id else "", item.resume,
             item.recommended_by, item.recommendations, item.case_text, item.economic_consequences,
             decision.get_phrase_display() if decision and decision.phrase else "", decision.text if decision else ""]
    parts += [f"{a.title} {a.document_number}" for a in item.attachments.all()]
    return "\n".join(p for p in parts if p)


def index_item(item: AgendaItem) -> None:
    """Bring the SQLite search table up to date for one item (nothing to do on PostgreSQL)."""
    if not uses_fts5():
        return
    item = AgendaItem.objects.select_related("case", "decision").prefetch_related("attachments").get(pk=item.pk)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE item_id = %s", [item.pk])  # noqa: S608 (constant name)
        cursor.execute(f"INSERT INTO {FTS_TABLE} (item_id, title, content) VALUES (%s, %s, %s)",  # noqa: S608
                       [item.pk, item.title, item_content(item)])


def remove_item(item_id: int) -> None:
    if uses_fts5():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE item_id = %s", [item_id])  # noqa: S608


def rebuild_index() -> int:
    """Index every item again (after a restore or a bulk change outside the services)."""
    if not uses_fts5():
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
    items = AgendaItem.objects.select_related("case", "decision").prefetch_related("attachments")
    count = 0
    for item in items.iterator(chunk_size=500):
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE} (item_id, title, content) VALUES (%s, %s, %s)",  # noqa: S608
                           [item.pk, item.title, item_content(item)])
        count += 1
    return count


@dataclass(frozen=True)
class SearchFilters:
    text: str
    body_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    case_number: str = ""


def _matching_ids_fts5(text: str) -> tuple[set[int], set[int]]:
    """(items whose title or content matches, items whose title matches)."""
    query = rules.fts_query(text)
    if not query:
        return set(), set()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT item_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
                       [query])
        anywhere = {row[0] for row in cursor.fetchall()}
        cursor.execute(f"SELECT item_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
                       [f"title : ({query})"])
        in_title = {row[0] for row in cursor.fetchall()}
    return anywhere, in_title


def _text_condition_postgres(items, text: str, may_see_content: Q):
    from django.contrib.postgres.search import SearchQuery, SearchVector

    query = SearchQuery(text, config="danish", search_type="websearch")
    full = (SearchVector("title", weight="A", config="danish")
            + SearchVector("case__number", "case__title", "resume", "recommendations", "case_text",
                           "economic_consequences", "decision__text", "attachments__title",
                           config="danish"))
    items = items.annotate(full_vector=full, title_vector=SearchVector("title", config="danish"))
    return items.filter((Q(full_vector=query) & may_see_content) | Q(title_vector=query))


def search_items(user, filters: SearchFilters):
    """The items of published agendas and minutes that match, newest meeting first."""
    items = AgendaItem.objects.filter(meeting__status__in=[MeetingStatus.AGENDA, MeetingStatus.MINUTES])
    if filters.body_id:
        items = items.filter(meeting__body_id=filters.body_id)
    if filters.date_from:
        items = items.filter(meeting__starts_at__date__gte=filters.date_from)
    if filters.date_to:
        items = items.filter(meeting__starts_at__date__lte=filters.date_to)
    if filters.case_number:
        items = items.filter(case__number__icontains=filters.case_number.strip())
    if access.is_admin(user):
        may_see_content = Q()
    else:
        may_see_content = Q(closed=False) | Q(meeting__body_id__in=member_body_ids(user))
    if filters.text.strip():
        if uses_fts5():
            anywhere, in_title = _matching_ids_fts5(filters.text)
            items = items.filter((Q(pk__in=anywhere) & may_see_content) | Q(pk__in=in_title))
        else:
            items = _text_condition_postgres(items, filters.text, may_see_content)
    elif not (filters.body_id or filters.date_from or filters.date_to or filters.case_number):
        return AgendaItem.objects.none()
    ids = items.values_list("pk", flat=True).distinct()
    return (AgendaItem.objects.filter(pk__in=ids).select_related("meeting__body", "case", "decision")
            .order_by("-meeting__starts_at", "keep_last", "position")[:RESULT_LIMIT])
