"""The meetings module's settings: from Django settings if set there, else from the environment.

Checked when Django starts (``MeetingsConfig.ready``): a bad value stops the start with
ImproperlyConfigured, never later.

- ``STYR_CASE_NUMBER_PATTERN``: the municipality's case numbers (DOMAIN.md §5: no national format).
  The default accepts ``22-010739``, ``20-082075K``, ``326-2018-9389`` and ``14/19290``.
- ``STYR_ATTACHMENT_MAX_MB``: the largest attachment, in megabytes (default 20).
"""

import os
import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_CASE_NUMBER_PATTERN = r"\d{2,4}(?:[-/]\d{4})?[-/]\d{3,7}[A-Z]?"
DEFAULT_ATTACHMENT_MAX_MB = 20


def _value(name: str, default):
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name) or default
    return value


def case_number_pattern() -> re.Pattern:
    raw = _value("STYR_CASE_NUMBER_PATTERN", DEFAULT_CASE_NUMBER_PATTERN)
    try:
        return re.compile(raw)
    except re.error as exc:
        raise ImproperlyConfigured(f"STYR_CASE_NUMBER_PATTERN={raw!r} er ikke et gyldigt regulært udtryk: {exc}") \
            from None


def attachment_max_bytes() -> int:
    raw = _value("STYR_ATTACHMENT_MAX_MB", DEFAULT_ATTACHMENT_MAX_MB)
    try:
        megabytes = int(raw)
    except (TypeError, ValueError):
        raise ImproperlyConfigured(f"STYR_ATTACHMENT_MAX_MB={raw!r}: forventede et helt antal megabyte") from None
    if megabytes <= 0:
        raise ImproperlyConfigured(f"STYR_ATTACHMENT_MAX_MB={raw!r}: skal være mindst 1")
    return megabytes * 1024 * 1024


def check() -> None:
    case_number_pattern()
    attachment_max_bytes()
