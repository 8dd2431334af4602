"""The meeting rules as pure functions: text in, text (or a yes/no) out. No database.

They follow the municipality's minutes (reference documents 002–004): "REFERAT Direktionen
d. 29-08-2022", "Mandag d. 29. august 2022 kl. 08:30", "Punkt 5: Lukket: …",
"Økonomichefen indstiller, at …", "Økonomiudvalgets møde den 24. oktober 2018: Godkendt.".
"""

import io
import re
import zipfile
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from styr.documents.numbers import COPENHAGEN, fmt_date_long, fmt_date_short, fmt_number

WEEKDAYS = ("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag")
KLE_PATTERN = re.compile(r"\d{2}\.\d{2}\.\d{2}")  # hovedgruppe.gruppe.emne, fx 85.13.00
FACET_PATTERN = re.compile(r"[A-ZÆØÅ]\d{2}")  # handlingsfacet, fx G01, P35


def case_number_problem(number: str, pattern: re.Pattern) -> str | None:
    """Why ``number`` is not a case number in the municipality's format, or None if it is."""
    if not number.strip():
        return "Sagsnummeret mangler."
    if not pattern.fullmatch(number.strip()):
        return (f"«{number}» er ikke et sagsnummer i kommunens format "
                "(fx 22-010739 eller 326-2018-9389).")
    return None


def kle_problem(kle: str, facet: str = "") -> str | None:
    """Why a KLE journal number (85.13.00, optionally with a handlingsfacet like G01) is wrong."""
    if kle and not KLE_PATTERN.fullmatch(kle):
        return f"«{kle}» er ikke et KLE-nummer; skriv hovedgruppe.gruppe.emne, fx 85.13.00."
    if facet and not FACET_PATTERN.fullmatch(facet):
        return f"«{facet}» er ikke en handlingsfacet; skriv et bogstav og to cifre, fx G01."
    if facet and not kle:
        return "En handlingsfacet kræver et KLE-nummer."
    return None


def split_journal_number(text: str) -> tuple[str, str]:
    """"85.13.00 G01" or "85.13.00G01" → ("85.13.00", "G01"); "85.13.00" → ("85.13.00", "")."""
    text = text.strip().upper()
    match = re.fullmatch(r"(\S{8})\s*(\S{3})?", text)
    if match and "." in match.group(1):
        return match.group(1), match.group(2) or ""
    return text, ""


def detect_file_type(data: bytes) -> str | None:
    """"pdf", "docx" or "xlsx" by the file's content (never by its name), else None.

    PDF starts with ``%PDF-``; DOCX and XLSX are ZIP packages with ``[Content_Types].xml`` and a
    ``word/`` or ``xl/`` part.
    """
    if data.startswith(b"%PDF-"):
        return "pdf"
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(name.startswith("word/") for name in names):
        return "docx"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    return None


def too_big_message(size: int, max_bytes: int) -> str:
    """Sizes in MB with a decimal comma, as a person reads them."""
    megabytes = fmt_number(Decimal(size) / 1024 / 1024, 1)
    return f"Filen fylder {megabytes} MB; den største tilladte er {max_bytes // 1024 // 1024} MB."


def attachment_problem(size: int, data_head: bytes, max_bytes: int, detected: str | None) -> str | None:
    """Why an upload is refused: too big, empty, or not a PDF, Word or Excel file by its content."""
    if size == 0:
        return "Filen er tom."
    if size > max_bytes:
        return too_big_message(size, max_bytes)
    if detected is None:
        return "Filen er ikke en PDF-, Word- (.docx) eller Excel-fil (.xlsx). Andre filtyper kan ikke vedhæftes."
    return None


def local(value: datetime) -> datetime:
    return value.astimezone(COPENHAGEN) if value.tzinfo else value


def meeting_time_line(starts_at: datetime) -> str:
    """datetime(2022, 8, 29, 8, 30) → "Mandag d. 29. august 2022 kl. 08:30" (Danish time)."""
    at = local(starts_at)
    return f"{WEEKDAYS[at.weekday()]} d. {fmt_date_long(at)} kl. {at:%H:%M}"


def document_heading(kind: str, body_name: str, starts_at: datetime | date) -> str:
    """("referat", "Direktionen", 29-08-2022) → "REFERAT Direktionen d. 29-08-2022"."""
    return f"{kind.upper()} {body_name} d. {fmt_date_short(starts_at)}"


def item_heading(number: int, title: str, closed: bool) -> str:
    """(5, "Orientering om sager på vej", True) → "Punkt 5: Lukket: Orientering om sager på vej"."""
    return f"Punkt {number}: {'Lukket: ' if closed else ''}{title}"


def recommendation_text(by: str, recommendations: list[str]) -> tuple[str, list[str]]:
    """The lead sentence and the numbered points of Indstillinger.

    One recommendation is one sentence ("Økonomichefen indstiller, at orienteringen tages til
    efterretning."); several are a lead ("… indstiller, at") and a numbered list.
    """
    points = [re.sub(r"^at\s+", "", point.strip(), flags=re.IGNORECASE).rstrip(".")
              for point in recommendations if point.strip()]
    if not points:
        return "", []
    if len(points) == 1:
        if by:
            return f"{by} indstiller, at {points[0]}.", []
        return f"{points[0][0].upper()}{points[0][1:]}.", []
    return (f"{by} indstiller, at" if by else "Det indstilles, at"), [f"{point}." for point in points]


def decision_sentence(phrase: str, text: str) -> str:
    """("Godkendt", "") → "Godkendt."; ("Godkendt", "Status gives i november.") → "Godkendt. Status …"."""
    parts = [part.strip() for part in (phrase, text) if part and part.strip()]
    if not parts:
        return "-"
    return " ".join(part if part.endswith((".", "!", "?", ":")) else f"{part}." for part in parts)


def decision_heading(body_genitive: str, meeting_date: date | datetime) -> str:
    """("Økonomiudvalgets", 24-10-2018) → "Økonomiudvalgets møde den 24. oktober 2018:"."""
    return f"{body_genitive} møde den {fmt_date_long(meeting_date)}:"


def treatment_line(body_names: Iterable[str]) -> str:
    """["Direktionen", "Økonomiudvalget"] → "Direktionen, Økonomiudvalget."."""
    names = list(body_names)
    return f"{', '.join(names)}." if names else ""


def standing_item_due(months: set[int], recurrence: str, meeting_day: date, days_of_month: Iterable[date]) -> bool:
    """Whether a year-wheel entry belongs on the meeting held on ``meeting_day``.

    ``days_of_month`` are the days of the body's meetings that month (with this one); recurrence is
    "hvert" (every meeting), "foerste" (the month's first meeting) or "sidste" (its last).
    """
    if meeting_day.month not in months:
        return False
    days = sorted(set(days_of_month) | {meeting_day})
    if recurrence == "foerste":
        return meeting_day == days[0]
    if recurrence == "sidste":
        return meeting_day == days[-1]
    return True


def fts_query(text: str) -> str:
    """User text → an SQLite FTS5 query: every word must occur, as a word or the start of one
    ("budget" finds "budgetopfølgning"). Quotes and operators are taken as plain text."""
    words = re.findall(r"\w+", text.lower())
    return " AND ".join(f'"{word}"*' for word in words)
