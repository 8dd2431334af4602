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
