"""Parsers for values written the Danish way in uploaded files.

Every parser takes the raw cell text and either returns a Python value or
raises ``ValueError`` whose message is a short Danish sentence meant for the
person who uploaded the file, e.g. "«12,3,4» er ikke et beløb; forventet fx
-12.345,67". Callers put that message straight into a ``Problem``.

Amounts are returned as ``Decimal`` and never pass through ``float``, so no
øre are lost to binary rounding.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from decimal import Decimal

__all__ = ["parse_amount", "parse_date", "parse_int", "parse_period"]

# Thousands separators seen in the wild: the Danish dot, and the (narrow)
# non-breaking space or a plain space that Excel and some ERPs insert instead.
# A number must use one of them consistently (backreference ``(?P=sep)``), so
# "1.234 567" is rejected rather than guessed at.
_INTEGER_PART = (
    r"(?:[0-9]{1,3}(?P<sep>[.\u00a0\u202f ])[0-9]{3}(?:(?P=sep)[0-9]{3})*"
    r"|[0-9]+)"
)
_SEPARATORS = re.compile(r"[.\u00a0\u202f ]")
_DANISH_INTEGER = re.compile(_INTEGER_PART)
_DANISH_AMOUNT = re.compile(rf"{_INTEGER_PART}(?:,[0-9]+)?")
# Machine form "12345.67" (what Python, SQL and many exports write). Only
# accepted when it cannot be a Danish number: a Danish thousands dot is always
# followed by exactly three digits, so a single dot followed by one or two
# digits (and no comma) can only be a decimal point. "1.234" stays Danish
# (one thousand two hundred and thirty-four), never 1.234.
_MACHINE_AMOUNT = re.compile(r"[0-9]+\.[0-9]{1,2}")

# Day first (Danish), with the same separator twice; or ISO year first.
# Two-digit years are rejected on purpose: the century would be a guess.
_DANISH_DATE = re.compile(r"(?P<d>[0-9]{1,2})(?P<s>[-./])(?P<m>[0-9]{1,2})(?P=s)(?P<y>[0-9]{4})")
_ISO_DATE = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")
_PERIOD_YEAR_FIRST = re.compile(r"(?P<y>[0-9]{4})[-./](?P<m>[0-9]{1,2})")
_PERIOD_MONTH_FIRST = re.compile(r"(?P<m>[0-9]{1,2})[-./](?P<y>[0-9]{4})")

_AMOUNT_EXAMPLE = "-12.345,67"
_INT_EXAMPLE = "1.234 eller -5"
_DATE_EXAMPLE = "31-07-2022 eller 2022-07-31"
_PERIOD_EXAMPLE = "2022-07 eller 07-2022"


def _empty(kind: str, example: str) -> ValueError:
    return ValueError(f"feltet er tomt; forventet {kind}, fx {example}")


def _split_sign(text: str) -> tuple[bool, str]:
    """Remove a leading or trailing minus ("123,00-" is printed by some ERPs)."""
    if text.startswith("-"):
        return True, text[1:].strip()
    if text.endswith("-"):
        return True, text[:-1].strip()
    return False, text


def parse_amount(text: str) -> Decimal:
    """Parse a Danish amount such as "-12.345,67", "1.234", "123,00-" or "12345.67"."""
    stripped = text.strip()  # str.strip also removes non-breaking spaces
    if not stripped:
        raise _empty("et beløb", _AMOUNT_EXAMPLE)
    negative, body = _split_sign(stripped)
    if _DANISH_AMOUNT.fullmatch(body):
        digits = _SEPARATORS.sub("", body).replace(",", ".")
    elif _MACHINE_AMOUNT.fullmatch(body):
        digits = body
    else:
        raise ValueError(f"«{stripped}» er ikke et beløb; forventet fx {_AMOUNT_EXAMPLE}")
    amount = Decimal(digits)
    # copy_negate/copy_abs do not round, unlike unary minus (28-digit context).
    # Zero stays positive so "-0,00" does not show up as "-0.00" later.
    return amount.copy_negate() if negative and not amount.is_zero() else amount


def parse_int(text: str) -> int:
    """Parse a whole number such as "42", "-5", "1.234" or "12-"."""
    stripped = text.strip()
    if not stripped:
        raise _empty("et heltal", _INT_EXAMPLE)
    negative, body = _split_sign(stripped)
    if not _DANISH_INTEGER.fullmatch(body):
        raise ValueError(f"«{stripped}» er ikke et heltal; forventet fx {_INT_EXAMPLE}")
    number = int(_SEPARATORS.sub("", body))
    return -number if negative else number


def parse_date(text: str) -> dt.date:
    """Parse "31-07-2022", "31.07.2022", "31/07/2022", "31-7-2022" or "2022-07-31"."""
    stripped = text.strip()
    if not stripped:
        raise _empty("en dato", _DATE_EXAMPLE)
    match = _DANISH_DATE.fullmatch(stripped) or _ISO_DATE.fullmatch(stripped)
    if match is not None:
        # Right shape but no such day (31-02-2022): dt.date's English message
        # is replaced by the same Danish one as for a wrong shape.
        with contextlib.suppress(ValueError):
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    raise ValueError(f"«{stripped}» er ikke en gyldig dato; forventet fx {_DATE_EXAMPLE}")


def parse_period(text: str) -> tuple[int, int]:
    """Parse an accounting period "2022-07", "07-2022" or "2022.07" to (year, month)."""
    stripped = text.strip()
    if not stripped:
        raise _empty("en periode", _PERIOD_EXAMPLE)
    match = _PERIOD_YEAR_FIRST.fullmatch(stripped) or _PERIOD_MONTH_FIRST.fullmatch(stripped)
    if match is None or not 1 <= int(match["m"]) <= 12:
        raise ValueError(f"«{stripped}» er ikke en gyldig periode; forventet fx {_PERIOD_EXAMPLE}")
    return int(match["y"]), int(match["m"])
