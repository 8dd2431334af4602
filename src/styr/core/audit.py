"""One way to say who is acting, for the audit trail, outside a web request.

Web requests get their actor from auditlog's middleware; commands and imports say it here, with
the source (the command and file) in the log entry's additional data.
"""

import contextlib

from auditlog.context import set_extra_data


@contextlib.contextmanager
def acting(actor=None, *, source: str):
    with set_extra_data({"actor": actor, "additional_data": {"kilde": source}}):
        yield


def log_bulk_change(instance, changes: dict[str, tuple[str, str]]) -> None:
    """One audit entry for a change made in bulk (an imported budget, a replaced period), where
    per-row entries would bury the change in noise: what it was before and after, per aspect."""
    from auditlog.models import LogEntry

    LogEntry.objects.log_create(instance, action=LogEntry.Action.UPDATE, force_log=True,
                                changes={key: [str(before), str(after)] for key, (before, after) in changes.items()})
