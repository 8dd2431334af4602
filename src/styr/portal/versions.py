"""The data version of Min lederside: one cheap query whose answer changes whenever anything the page
shows may have changed, so that the finished page can be cached under it (dashboard.cached_page).

The same idea as the budget overview's ``data_version`` (budget/overview.py), widened to everything
the page reads, and without its row counts: COUNT(*) of the budget lines alone costs 10–15 ms at
Copenhagen's size, far more than the rest of a cached page. Nothing is ever invalidated; a write
that matters gives a new version, and the next request computes the page anew under a new key.

What changes the version:

- every change through the application, the imports or the Django admin to a model in the audit
  trail (auditlog: units, people, roles, budgets and their changes, ledger imports, rounds,
  forecasts, risk pictures, goal statuses, goals, news, targets, tools, meetings and follow-ups;
  every write path of those models saves them one by one, so each change adds an entry), and every
  change made in the Django admin (its own log, which also records permissions given);
- new rows in the tables filled in bulk without an audit entry per row (the postings' monthly
  rollups, budget lines, a round's forecasts, sick leave, survey results): a new MAX(id); the
  imports that replace such rows also record themselves (LedgerImport and SatisfactionImport in
  the audit trail, KeyFigureImport here). Postings come only with a ledger import, so the posting
  table itself is left out: on PostgreSQL it is partitioned by month, and planning MAX(id) over
  every partition costs more than the rest of a cached page;
- the user's own read receipts (NewsReceipt is not audited: reading is no change worth a log line).

A new write path that updates an audited model in bulk (``QuerySet.update``, ``bulk_update``) must
leave an audit entry too (core.audit.log_bulk_change), or the page will not see it.

A change by hand in SQL that does none of these is not seen until the entry expires
(dashboard.PORTAL_CACHE_SECONDS); nor, as with the overview's version, is a transaction that commits
after a later one whose ids it is below, until the next change.
"""

from __future__ import annotations

import functools

from django.apps import apps
from django.db import connections

# (app label, model) whose MAX(id) is part of the version: the two audit trails, which every
# change to an audited model adds to, and the tables filled in bulk without an entry per row.
# Models of optional apps that are not installed are left out.
GROWING_TABLES = (
    ("auditlog", "LogEntry"),
    ("admin", "LogEntry"),
    ("budget", "LedgerImport"),
    ("budget", "LedgerCentreMonth"),
    ("budget", "BudgetLine"),
    ("followup", "Forecast"),
    ("keyfigures", "KeyFigureImport"),
    ("keyfigures", "AbsenceMonth"),
    ("keyfigures", "NationalAbsenceMonth"),
    ("portal", "SatisfactionResult"),
)


@functools.cache
def _sql() -> str:
    """The version query, built once per process."""
    from .models import NewsReceipt

    quote = connections["default"].ops.quote_name
    parts = []
    for label, name in GROWING_TABLES:
        try:
            model = apps.get_model(label, name)
        except LookupError:  # an optional module (meetings, key figures) that is not installed
            continue
        parts.append(f"(SELECT MAX(id) FROM {quote(model._meta.db_table)})")  # noqa: S608 (the models' own names)
    receipts = quote(NewsReceipt._meta.db_table)
    parts.append(f"(SELECT MAX(id) FROM {receipts} WHERE user_id = %s)")  # noqa: S608
    return "SELECT " + ", ".join(parts)


def portal_version(user) -> str:
    """A string that changes whenever the user's Min lederside may have changed (see above)."""
    with connections["default"].cursor() as cursor:
        cursor.execute(_sql(), [user.pk])
        return ":".join("" if value is None else str(value) for value in cursor.fetchone())
